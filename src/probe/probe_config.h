// What a prober may send to a device: the probe configuration.
//
// A configuration names the protocol; the protocol reads the rest through
// the protocol table (Protocol::ProbeSettingsFrom, proto/probe_settings.h):
// the limits every protocol has (largest element count, requests per
// connection, whether writes are put back) and what only it knows (Modbus:
// function codes, tables, process variables; S7comm: memory areas, SZL
// lists, TSAPs). Configurations are JSON files (schema in
// docs/probe-and-metrics.md; unknown keys are errors) or the built-in
// default of a protocol, which matches the built-in device profile of that
// protocol (wago-750-881, s7-315-2pn). Plain values; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "proto/probe_settings.h"
#include "util/status.h"

namespace protolm::probe {

struct ProbeConfig {
  std::string protocol;  // a name in the protocol table
  std::shared_ptr<const ProbeSettings> settings;

  const ProbeLimits& limits() const { return settings->limits(); }
};

/// The protocols of the table that can be probed, in table order.
std::vector<std::string> ProbeableProtocols();
/// The same as "modbus, s7comm", for help texts and errors.
std::string ProbeableProtocolNames();

/// The built-in default of `protocol`. Errors: InvalidArgument for a
/// protocol the table lacks or that cannot be probed.
Result<ProbeConfig> DefaultProbeConfig(std::string_view protocol);

/// Parses a configuration; keys left out keep the protocol's default.
/// `origin` names the source in errors ("probe.json: s7.areas[1].area:
/// 'x' is not one of db, m, i, q").
Result<ProbeConfig> ParseProbeConfig(std::string_view json_text,
                                     std::string_view origin);
/// Reads and parses a configuration file.
Result<ProbeConfig> LoadProbeConfig(const std::string& path);

}  // namespace protolm::probe

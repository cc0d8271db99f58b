// The Modbus probe facet: a probe configuration read by the Modbus protocol
// (modbus_probe_config.h) and the strategies it runs — "boundaries" and
// "random" (modbus_probe_strategies.h, each write put back when the
// configuration says so: modbus_restore.h) and "weighted"
// (modbus_weighted_probe.h). Requests are framed as Modbus/TCP ADUs whose
// transaction ids the channel hands out; a connection needs no opening.
// Immutable; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "proto/modbus/modbus_probe_config.h"
#include "proto/probe_settings.h"

namespace protolm::modbus {

class ModbusProbeSettings : public ProbeSettings {
 public:
  explicit ModbusProbeSettings(ModbusProbeConfig config)
      : config_(std::move(config)) {}

  const ModbusProbeConfig& config() const { return config_; }

  const ProbeLimits& limits() const override { return config_.limits; }
  std::vector<std::string> strategies() const override;
  Status Probe(const ProbeRun& run, ProbeChannel& channel) const override;
  /// One per configured process variable.
  std::vector<std::unique_ptr<ProcessOutput>> process_outputs() const override;

 private:
  ModbusProbeConfig config_;
};

}  // namespace protolm::modbus

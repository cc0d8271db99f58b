// The probe facet of the protocol table: how protolm probes a device of one
// protocol (`protolm probe`, `protolm clone`, and `protolm loadgen`'s
// generated requests).
//
// A probe configuration (docs/probe-and-metrics.md) names a protocol; the
// protocol reads the rest of it (Protocol::ProbeSettingsFrom) into its
// ProbeSettings: the limits every protocol's configuration has (ProbeLimits)
// and what only it knows (Modbus tables and process variables, S7 memory
// areas and TSAPs). The settings then drive a probe run: Probe() generates
// the strategy's requests, frames them with the identifiers the channel
// hands out, and sends them through the channel, reading the answers where
// the strategy needs them (reads before writes to put memory back, the
// weighted strategy's pilot). The prober behind the channel (probe/) owns
// connections, their opening (connection_opening.h), recording and
// progress. Settings are immutable: safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "proto/config_reader.h"
#include "proto/connection_opening.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

/// The keys of every protocol's probe configuration.
struct ProbeLimits {
  /// Largest element count of the boundaries method (Modbus: items per
  /// request; S7: bytes per item).
  uint16_t max_elements = 50;
  /// A fresh connection after this many requests (with the protocol's
  /// opening again); 0 keeps one as long as the device does.
  uint32_t requests_per_connection = 0;
  /// Each write goes between a read of what it will change and a write that
  /// puts that back, so the probe leaves the device's memory as it found it.
  bool restore_writes = true;
};

/// The top-level keys of a probe configuration that every protocol reads:
/// "protocol" and those of ProbeLimits.
extern const std::array<const char*, 4> kProbeCommonKeys;

/// Reads ProbeLimits' keys of a configuration's top level into `limits`
/// (keys left out keep its values, the protocol's defaults).
void ReadProbeLimits(ConfigReader& reader, const nlohmann::json& config,
                     ProbeLimits& limits);

/// One probe run: which strategy, how many application requests, which seed.
struct ProbeRun {
  std::string strategy;
  size_t size = 0;
  uint64_t seed = 1;
};

/// Where a probe run's requests go: the prober, or a recorder of requests.
class ProbeChannel {
 public:
  virtual ~ProbeChannel() = default;
  /// The identifier the next request carries (a Modbus transaction id, an
  /// S7 PDU reference): 1, 2, ..., 65535, 1, ...
  virtual uint16_t NextReference() = 0;
  /// Sends one framed request and returns the framed answer (empty when
  /// none came). Errors end the run (the device is gone, a file failed).
  virtual Result<Bytes> Send(Bytes request) = 0;
  /// `sent` application requests have been sent so far.
  virtual void Progress(size_t /*sent*/) {}
};

/// A process output the probe samples (a tank level, a temperature): which
/// requests read it and the value their answers show. What a clone's process
/// accuracy scores (clone/process_accuracy.h).
class ProcessOutput {
 public:
  virtual ~ProcessOutput() = default;
  virtual std::string name() const = 0;
  /// True when `request` (framed) is the read the probe sends for it.
  virtual bool IsReadOf(ByteView request) const = 0;
  /// The value `response` (framed) shows; nullopt when it shows none (an
  /// exception, another shape).
  virtual std::optional<double> ValueIn(ByteView response) const = 0;
};

class ProbeSettings {
 public:
  virtual ~ProbeSettings() = default;
  virtual const ProbeLimits& limits() const = 0;
  /// The strategies Probe() accepts, the usual one first.
  virtual std::vector<std::string> strategies() const = 0;
  /// Sends `run.size` application requests of `run.strategy` (fewer when the
  /// strategy has no more). Deterministic for a seed as far as the requests
  /// go, given the same answers. Errors: InvalidArgument for a strategy the
  /// protocol lacks or one these settings cannot run; the channel's errors.
  virtual Status Probe(const ProbeRun& run, ProbeChannel& channel) const = 0;
  /// The process outputs the configuration samples; none by default.
  virtual std::vector<std::unique_ptr<ProcessOutput>> process_outputs() const {
    return {};
  }
  /// How a client opens each connection before its requests, asking for
  /// `parallel_jobs` requests in flight; `next_identifier` is called for
  /// each identifier the opening's own requests carry (S7: the setup job's
  /// PDU reference), only when there is an opening. Null when a connection
  /// needs no opening.
  virtual Result<std::unique_ptr<ConnectionOpening>> Opening(
      uint16_t /*parallel_jobs*/,
      const std::function<uint16_t()>& /*next_identifier*/) const {
    return std::unique_ptr<ConnectionOpening>();
  }
};

}  // namespace protolm

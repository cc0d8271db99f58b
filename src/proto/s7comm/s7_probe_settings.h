// The S7comm probe facet: a probe configuration read by the S7comm protocol
// (s7_probe_config.h), the strategies it runs — "boundaries" and "random"
// (s7_probe_strategies.h, each write put back when the configuration says
// so: s7_restore.h) — and the opening of every connection (COTP connect and
// setup communication: s7_opening.h). Jobs are framed in TPKT/COTP with the
// PDU references the channel hands out. Immutable; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "proto/probe_settings.h"
#include "proto/s7comm/s7_probe_config.h"

namespace protolm::s7comm {

class S7ProbeSettings : public ProbeSettings {
 public:
  explicit S7ProbeSettings(S7ProbeConfig config) : config_(std::move(config)) {}

  const S7ProbeConfig& config() const { return config_; }

  const ProbeLimits& limits() const override { return config_.limits; }
  std::vector<std::string> strategies() const override;
  Status Probe(const ProbeRun& run, ProbeChannel& channel) const override;
  Result<std::unique_ptr<ConnectionOpening>> Opening(
      uint16_t parallel_jobs,
      const std::function<uint16_t()>& next_identifier) const override;

 private:
  S7ProbeConfig config_;
};

}  // namespace protolm::s7comm

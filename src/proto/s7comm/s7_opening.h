// How an S7 client opens a connection to a PLC before sending jobs: the
// S7comm ConnectionOpening (proto/connection_opening.h), which the prober
// and the load generator reach through the protocol's probe settings.
//
// An S7 client first sends a COTP connection request (CR: source reference
// 1, TPDU size code 0x0a = 1024 bytes, its own and the PLC's TSAP) and waits
// for the connection confirm (CC), then negotiates with a setup
// communication job: PDU size and how many jobs may be in flight at once
// (max_amq_calling). TSAPs and PDU size come from the probe configuration
// (s7_probe_config.h), so `protolm probe` and `protolm loadgen` connect
// alike. Immutable once built; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "proto/connection_opening.h"
#include "proto/s7comm/s7_probe_config.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

class S7Opening : public ConnectionOpening {
 public:
  /// The opening for `config`'s TSAPs and PDU size, asking for
  /// `parallel_jobs` (at least 1) jobs in flight, the setup job carrying PDU
  /// reference `setup_ref`. Errors: those of the encoders
  /// (InvalidArgument), which built-in configurations never meet.
  static Result<std::unique_ptr<S7Opening>> Build(const S7ProbeConfig& config,
                                                  uint16_t parallel_jobs,
                                                  uint16_t setup_ref);

  /// COTP connect request (in a TPKT unit), then the setup job, framed.
  const std::vector<Bytes>& requests() const override { return requests_; }
  std::string step_name(size_t step) const override {
    return step == 0 ? "the COTP connection request" : "setup communication";
  }
  /// Step 0: a COTP connection confirm (else IoError "refused the COTP
  /// connection to TSAP 0x0102 (check the rack and slot: ...)"); step 1:
  /// the setup ack_data, and the jobs it grants (max_amq_calling, at
  /// least 1).
  Result<uint16_t> Accept(size_t step, ByteView answer) const override;
  /// COTP control units and setup communication jobs.
  bool IsOpeningUnit(ByteView framed) const override;

 private:
  S7Opening() = default;

  std::vector<Bytes> requests_;
  uint16_t setup_ref_ = 0;
  uint16_t remote_tsap_ = 0;
};

}  // namespace protolm::s7comm

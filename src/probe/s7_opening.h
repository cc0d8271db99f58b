// How an S7 client opens a connection to a PLC before sending jobs, shared
// by the prober (probe_run.h) and the load generator (loadgen/load_run.h).
//
// An S7 client first sends a COTP connection request (CR: source reference
// 1, TPDU size code 0x0a = 1024 bytes, its own and the PLC's TSAP) and waits
// for the connection confirm (CC), then negotiates with a setup
// communication job: PDU size and how many jobs may be in flight at once
// (max_amq_calling). The opening is built with the builders of
// proto/s7comm from a probe configuration (probe_config.h: TSAPs, PDU
// size), so `protolm probe` and `protolm loadgen` connect alike. Pure
// functions; thread-safe.
#pragma once

#include <cstdint>

#include "probe/probe_config.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::probe {

/// The setup job's PDU reference by default: one that the jobs after it,
/// counting from 1, do not reach for 65534 jobs.
inline constexpr uint16_t kS7SetupRef = 0xffff;

struct S7Opening {
  Bytes connect_request;   // COTP CR in a TPKT unit
  Bytes setup_request;     // setup communication job, framed
  uint16_t setup_ref = 0;  // its PDU reference
  uint16_t remote_tsap = 0;
};

/// The opening for `config`'s TSAPs and PDU size, asking for
/// `parallel_jobs` (at least 1) jobs in flight, the setup job carrying PDU
/// reference `setup_ref`. Errors: those of the encoders (InvalidArgument),
/// which built-in configurations never meet.
Result<S7Opening> BuildS7Opening(const ProbeConfig& config,
                                 uint16_t parallel_jobs,
                                 uint16_t setup_ref = kS7SetupRef);

/// Ok when `framed` is a COTP connection confirm. Errors: IoError "refused
/// the COTP connection to TSAP 0x0102 (check the rack and slot: ...)"; the
/// caller puts the target in front.
Status CheckConnectConfirm(ByteView framed, const S7Opening& opening);

/// The jobs the PLC lets the client have in flight (its max_amq_calling, at
/// least 1), read from the ack_data answering the setup job. Errors: IoError
/// when `framed` is not that ack_data.
Result<uint16_t> GrantedParallelJobs(ByteView framed, const S7Opening& opening);

/// True for a unit that opens a connection (COTP control units and setup
/// communication): a replayed dataset leaves these out, since every load
/// connection does its own opening.
bool IsS7ConnectionSetup(ByteView framed);

}  // namespace protolm::probe

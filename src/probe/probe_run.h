// A whole probe: generate requests with a strategy, send them to a device,
// record the exchanges (dataset and pcap, probe_recorder.h).
//
// Strategies: "boundaries" and "random" send the generators' requests
// (modbus_strategies.h, s7_strategies.h); "weighted" (Modbus) samples each
// configured process variable with LLMPot's Algorithm 2: a pilot of
// uniformly spaced inputs (a quarter of the variable's share of the budget,
// at least 2), each written to the input register and followed by a read of
// the output register, then the rest of the share at inputs drawn from the
// derivative-weighted density the pilot's outputs give (weighted_sampling.h),
// again as write-then-read pairs. Modbus transaction ids and S7 PDU
// references count from 1. An S7 connection starts with a COTP connect and
// a setup communication, recorded as exchanges of their own (the COTP one
// marked control) on top of the `size` requests of the strategy.
// A configuration's requests_per_connection closes the connection after that
// many requests and opens a fresh one (the S7 default: every 100, so the
// handshake is recorded often). After a timeout, a closed connection or
// garbage, the prober reconnects (at most max_reconnects times). Deterministic
// for a seed as far as the requests go. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "probe/probe_config.h"
#include "probe/probe_recorder.h"
#include "util/status.h"

namespace protolm::probe {

struct ProbeOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string strategy = "boundaries";  // boundaries | weighted | random
  size_t size = 1600;                   // application requests to send
  ProbeConfig config;                   // its protocol picks the codec
  uint64_t seed = 1;
  size_t context = 0;
  std::string dataset_path;  // "-" = stdout
  std::string pcap_path;     // empty = none
  std::chrono::milliseconds timeout{2000};
  size_t max_reconnects = 50;
  /// Called after each request with the number sent so far.
  std::function<void(size_t)> on_progress;
};

struct ProbeSummary {
  ProbeTally tally;
  size_t connections = 0;
};

/// Errors: InvalidArgument for an unknown strategy or protocol (or weighted
/// without process variables, or on S7); IoError when the device cannot be
/// reached (also after too many reconnects); the recorder's errors.
Result<ProbeSummary> RunProbe(const ProbeOptions& options);

}  // namespace protolm::probe

// A whole probe: the protocol's strategy sends its requests to a device,
// and every exchange is recorded (dataset and pcap, probe_recorder.h).
//
// The configuration's protocol runs the strategy (its probe settings,
// proto/probe_settings.h): "boundaries" and "random" for every protocol that
// can be probed, "weighted" (LLMPot's Algorithm 2) for Modbus; the
// identifiers its requests carry (Modbus transaction ids, S7 PDU
// references) count from 1. The prober is the channel under the strategy:
// it connects, runs the protocol's connection opening (S7comm: COTP connect
// and setup communication, recorded as exchanges of their own, the COTP one
// marked control, on top of the `size` requests of the strategy), and
// records. A configuration's requests_per_connection closes the connection
// after that many requests and opens a fresh one (the S7 default: every
// 100, so the opening is recorded often). After a timeout, a closed
// connection or garbage, the prober reconnects (at most max_reconnects
// times). Deterministic for a seed as far as the requests go. Not
// thread-safe.
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
  std::string strategy = "boundaries";  // one of the settings' strategies()
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

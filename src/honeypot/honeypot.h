// The honeypot: cloned devices served on real sockets.
//
// StartHoneypot loads each listener's model (served_model.h), makes its
// clone handler (clone_handler.h) and serves them all from one
// net::FramedServer (framing by codec, persistent connections, pipelining,
// the limits, rate limiting and graceful stop of net/framed_server.h) on
// `threads` threads, so several clones (Modbus on 502, S7comm on 102) run
// in one process. Every connection and exchange goes to the observer (the
// event recorder, event_recorder.h). Stop() finishes the requests already
// received and writes their answers before returning.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "honeypot/clone_handler.h"
#include "net/framed_server.h"
#include "util/status.h"

namespace protolm::honeypot {

/// One served model.
struct ListenerSpec {
  std::string model_path;  // a .plm checkpoint
  std::string address = "0.0.0.0";
  /// 0: an ephemeral port; nullopt: the protocol's well-known port (its
  /// codec's first: 502 for Modbus/TCP, 102 for S7comm).
  std::optional<uint16_t> port;
};

struct HoneypotOptions {
  std::vector<ListenerSpec> listeners;
  net::ServerLimits limits;
  size_t threads = 2;
  CloneHandlerOptions clone;
  net::ServerObserver* observer = nullptr;  // nullable; outlives the honeypot
  std::function<void(const std::string&)> log;
};

/// What one listener serves, once bound.
struct ServedListener {
  std::string model_path;
  std::string protocol;
  std::string profile;
  std::string address;
  uint16_t port = 0;
};

class Honeypot {
 public:
  virtual ~Honeypot() = default;
  virtual const std::vector<ServedListener>& listeners() const = 0;
  virtual size_t connection_count() const = 0;
  /// Graceful stop; idempotent.
  virtual void Stop() = 0;
  /// Blocks until SIGINT/SIGTERM, then stops gracefully.
  virtual void RunUntilSignal() = 0;
};

/// Loads the models and starts serving. Errors: no listener, a model that
/// does not load (its path in the message), a port that cannot be bound.
Result<std::unique_ptr<Honeypot>> StartHoneypot(const HoneypotOptions& options);

}  // namespace protolm::honeypot

// The Responder: answers the requests of one session of a cloned device with
// the byte-level model, the protocol's response grammar and the device's
// state overlay.
//
// For each request it gives the model the session's last `context` exchanges
// (oldest first), decodes greedily under the protocol's response grammar for
// the request (Protocol::MakeResponseConstraint) when `constrained`, numbers
// the answer as the device numbers them per connection (an S7 userdata answer
// in parts gets the session's next data unit reference), lets the shared
// state overlay (state_overlay.h) fill in the values the device is known to
// hold when `use_state`, and then records the
// final exchange: in the overlay (so other sessions read what this one
// wrote) and in the session's context. Used by `protolm predict`,
// `protolm clone` and the honeypot.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "emu/state_overlay.h"
#include "lm/engine/engine.h"
#include "proto/protocol.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::emu {

struct ResponderOptions {
  /// Decode under the protocol's response grammar (when it has one).
  bool constrained = true;
  /// Apply and update the shared state overlay (when one is given).
  bool use_state = true;
  /// Previous exchanges of the session given to the model as context.
  size_t context = 0;
  /// Longest response generated; 0 = the protocol's largest
  /// (Protocol::max_response_bytes). The model's free positions after the
  /// prompt bound it too.
  size_t max_response_bytes = 0;
  /// What the grammars know of the device (what the clone learned); not
  /// owned, must outlive the Responder; null: the specification alone.
  const DeviceKnowledge* known = nullptr;
};

/// One per session. Not thread-safe; Responders on several threads may
/// share the engine (its const methods are thread-safe) and one overlay
/// (StateOverlay::Settle is).
class Responder {
 public:
  /// `engine`, `protocol` and `shared_state` (nullable: no state) must
  /// outlive this object.
  Responder(const lm::Engine& engine, const Protocol& protocol,
            ResponderOptions options, StateOverlay* shared_state);

  /// The response to the framed `request` (empty: the model's answer is to
  /// send nothing): the request decoded once, then Commit(decoded,
  /// Generate(decoded)). Errors: those of Generate.
  Result<Bytes> Answer(ByteView request);

  /// The model's own response to `request` (decoded by the responder's
  /// protocol) after this session's context (under the grammar when
  /// `constrained`); changes nothing. Errors: InvalidArgument when the
  /// request does not fit the model's positions; Internal from the engine.
  Result<Bytes> Generate(const DecodedRequest& request) const;

  /// Makes `response` the session's answer to `request`: the overlay fills
  /// in the values the device is known to hold and learns from the exchange
  /// (when `use_state`), and the exchange joins the context. Returns the
  /// final response. A caller that checks or replaces the model's response
  /// (the honeypot's validity guard) does so between Generate and Commit.
  Bytes Commit(const DecodedRequest& request, ByteView response);

  /// The exchanges kept as context, oldest first.
  const std::vector<ByteExchange>& context() const { return context_; }

 private:
  const lm::Engine& engine_;
  const Protocol& protocol_;
  ResponderOptions options_;
  StateOverlay* state_;
  std::unique_ptr<ConnectionNumbering> numbering_;  // null: none
  std::vector<ByteExchange> context_;
};

}  // namespace protolm::emu

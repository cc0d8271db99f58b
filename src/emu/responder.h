// The Responder: answers the requests of one session of a cloned device with
// the byte-level model, the protocol's response grammar and the device's
// state overlay.
//
// For each request it gives the model the session's last `context` exchanges
// (oldest first), decodes greedily under the response constraint of the
// request (response_constraint.h) when `constrained`, lets the shared state
// overlay (state_overlay.h) fill in the values the device is known to hold
// when `use_state` (an S7 userdata answer in parts first gets the session's
// next data unit reference, s7_identity_answers.h), and then records the
// final exchange: in the overlay (so other sessions read what this one
// wrote) and in the session's context. Used by `protolm predict`,
// `protolm clone` and the honeypot.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "emu/device_rules.h"
#include "emu/s7_identity_answers.h"
#include "emu/state_overlay.h"
#include "lm/engine/engine.h"
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
  /// Longest response generated; 0 = the protocol's largest (260 bytes for
  /// Modbus/TCP, 1024 for S7comm, 300 otherwise). The model's free positions
  /// after the prompt bound it too.
  size_t max_response_bytes = 0;
  /// What the grammars know of the device (the rules the clone learned,
  /// device_rules.h); not owned, must outlive the Responder; null: the
  /// specification alone.
  const DeviceRules* rules = nullptr;
};

/// One per session. Not thread-safe; Responders on several threads may
/// share the engine (its const methods are thread-safe) and one overlay
/// (StateOverlay::Settle is).
class Responder {
 public:
  /// `engine` and `shared_state` (nullable: no state) must outlive this
  /// object. `protocol` is a codec name ("modbus", "s7comm").
  Responder(const lm::Engine& engine, std::string protocol,
            ResponderOptions options, StateOverlay* shared_state);

  /// The response to `request` (empty: the model's answer is to send
  /// nothing): Commit(request, Generate(request)). Errors: those of
  /// Generate.
  Result<Bytes> Answer(ByteView request);

  /// The model's own response to `request` after this session's context
  /// (under the grammar when `constrained`); changes nothing. Errors:
  /// InvalidArgument when the request does not fit the model's positions;
  /// Internal from the engine.
  Result<Bytes> Generate(ByteView request) const;

  /// Makes `response` the session's answer to `request`: the overlay fills
  /// in the values the device is known to hold and learns from the exchange
  /// (when `use_state`), and the exchange joins the context. Returns the
  /// final response. A caller that checks or replaces the model's response
  /// (the honeypot's validity guard) does so between Generate and Commit.
  Bytes Commit(ByteView request, ByteView response);

  /// The exchanges kept as context, oldest first.
  const std::vector<lm::ByteExchange>& context() const { return context_; }

 private:
  const lm::Engine& engine_;
  std::string protocol_;
  ResponderOptions options_;
  StateOverlay* state_;
  S7DataUnitNumbering s7_data_units_;  // this session's (S7 only)
  std::vector<lm::ByteExchange> context_;
};

}  // namespace protolm::emu

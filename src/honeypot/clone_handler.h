// The honeypot's protocol handler: a served model behind the network
// server's seam (net/protocol_session.h).
//
// Each connection gets a session holding an emu::Responder (the model's
// context of that connection, greedy decoding under the response grammar,
// the model's shared state overlay); the model's every answer goes through
// the validity guard (validity_guard.h) before the overlay and the context
// take it in. The reply carries the guard's verdict
// for the event record. Like a real S7 PLC, the session closes the
// connection after answering a COTP disconnect request or when its answer
// to a connection request is a refusal. Sessions may run on several server
// threads at once: the engine and the guard are thread-safe, the overlay is
// shared through Settle.
#pragma once

#include <memory>

#include "honeypot/served_model.h"
#include "net/protocol_session.h"
#include "util/status.h"

namespace protolm::honeypot {

struct CloneHandlerOptions {
  /// Decode under the protocol's response grammar.
  bool constrained = true;
  /// Keep and apply the served model's state overlay.
  bool use_state = true;
};

/// A handler serving `model` (which outlives it), framing with its protocol's
/// codec.
std::unique_ptr<net::ProtocolHandler> NewCloneHandler(
    ServedModel& model, CloneHandlerOptions options = {});

}  // namespace protolm::honeypot

// A cloned device ready to serve: its checkpoint loaded into the inference
// engine, with what serving it needs to know.
//
// The checkpoint's provenance says the protocol the model speaks (a protocol
// of the table), the context (previous exchanges) it was trained with, and
// what the clone learned of its device from its probe
// (emu/checkpoint_knowledge.h): it constrains decoding and is what the guard
// judges by (which exceptions are due, which data blocks exist); a clone
// that learned nothing is judged by the specification alone. The served model
// never reads a device profile: it carries what it learned. One StateOverlay
// per served model, started from the memory the clone learned, is shared by
// all its connections, so a value written on one connection is read back on
// another. Immutable after loading except the overlay, which is thread-safe
// through Settle.
#pragma once

#include <memory>
#include <string>

#include "emu/state_overlay.h"
#include "lm/engine/engine.h"
#include "proto/protocol.h"
#include "util/status.h"

namespace protolm::honeypot {

struct ServedModel {
  std::string path;      // the .plm file
  const Protocol* protocol = nullptr;  // from the table; never null
  std::string profile;  // the cloned built-in profile, "" when unknown
  size_t context = 0;   // exchanges of context per session
  lm::Engine engine;
  /// What the clone learned of its device; null: the specification alone.
  std::shared_ptr<const DeviceKnowledge> known;
  std::unique_ptr<emu::StateOverlay> state;
};

/// Loads `path`. Errors: the checkpoint's own (missing, corrupt, other
/// version), InvalidArgument when its provenance names a protocol the table
/// does not know or one without a response grammar (a served answer must be
/// well-formed: "model.plm: protocol \"tls\" cannot be served; ...") or
/// holds learned rules that do not parse.
Result<std::unique_ptr<ServedModel>> LoadServedModel(const std::string& path);

}  // namespace protolm::honeypot

// A cloned device ready to serve: its checkpoint loaded into the inference
// engine, with what serving it needs to know.
//
// The checkpoint's provenance says the protocol the model speaks and the
// context (previous exchanges) it was trained with, and the device rules the
// clone learned from its probe (emu/device_rules.h), which constrain
// decoding. When it names a built-in device profile (a clone of the
// simulator), the validity rules of that profile are used by the guard (which
// exceptions are due, which data blocks exist); otherwise the learned rules,
// or the specification's alone. One StateOverlay per served model, started
// from the memory the clone learned (the rules keep no copy of it), is shared
// by all its connections, so a value written on one connection is read back
// on another. Immutable after loading except the overlay, which is
// thread-safe through Settle.
#pragma once

#include <memory>
#include <string>

#include "emu/device_rules.h"
#include "emu/state_overlay.h"
#include "lm/engine/engine.h"
#include "util/status.h"

namespace protolm::honeypot {

struct ServedModel {
  std::string path;      // the .plm file
  std::string protocol;  // codec name: "modbus", "s7comm"
  std::string profile;   // the cloned built-in profile, "" when unknown
  size_t context = 0;    // exchanges of context per session
  lm::Engine engine;
  emu::DeviceRules learned_rules;      // decoding; spec-only if none
  emu::DeviceRules guard_rules;        // the guard's
  std::unique_ptr<emu::StateOverlay> state;
};

/// Loads `path`. Errors: the checkpoint's own (missing, corrupt, other
/// version), InvalidArgument when its provenance names no protocol the
/// honeypot can frame ("model.plm: protocol \"tls\" cannot be served; ...")
/// or holds learned rules that do not parse.
Result<std::unique_ptr<ServedModel>> LoadServedModel(const std::string& path);

}  // namespace protolm::honeypot

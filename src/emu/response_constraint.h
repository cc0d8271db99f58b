// The factory that picks a protocol's response grammar for a request.
//
// Constrained decoding asks the grammar of the request's protocol which bytes
// may come next (modbus_response_constraint.h, s7_response_constraint.h).
// Protocol names are the codec names of the rest of protolm ("modbus",
// "s7comm"). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <string_view>

#include "emu/device_rules.h"
#include "lm/engine/engine.h"
#include "util/bytes.h"

namespace protolm::emu {

/// True for the protocols MakeResponseConstraint knows.
bool HasResponseConstraint(std::string_view protocol);

/// The grammar of the responses to `request` (copied) that are at most
/// `max_response_bytes` long; nullptr for a protocol without one (decoding is
/// then unconstrained). A request the codec cannot decode still gets a
/// grammar: the answers the specification gives to malformed requests, or
/// only the empty response. `rules`: what the grammars know of the device
/// (device_rules.h; by default the specification alone).
std::unique_ptr<lm::ResponseConstraint> MakeResponseConstraint(
    std::string_view protocol, ByteView request,
    size_t max_response_bytes = std::numeric_limits<size_t>::max(),
    const DeviceRules& rules = {});

}  // namespace protolm::emu

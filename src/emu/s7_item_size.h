// Sizes of S7 any-pointer items, shared by the response grammar and the
// memory image.
#pragma once

#include <cstddef>
#include <optional>

#include "proto/s7comm/s7_pdu.h"

namespace protolm::emu {

/// Bytes one element of `type` takes on the wire (a bit: one byte); nullopt
/// for types of PLC-specific layout (IEC timers and counters, high-speed
/// counters) and unknown codes.
std::optional<size_t> S7ElementBytes(s7comm::ItemType type);

}  // namespace protolm::emu

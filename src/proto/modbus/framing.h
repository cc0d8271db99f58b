// Where Modbus/TCP ADUs start and end in one direction of a TCP stream.
//
// FrameAdu accepts what tshark 4.0's mbtcp dissector accepts as the start of
// a PDU, so frame counts match tshark's: protocol id 0 and MBAP length >= 2,
// with no upper bound on the length (tshark dissects 1000-byte ADUs too;
// Dissect then reports lengths over the specification's 254 as malformed).
// FindAduStart, used after lost bytes, is stricter: it also wants the
// specification's maximum length (254), a non-zero function code, and, when
// the candidate ADU ends inside `stream` with a full header after it, that
// header to pass the same test. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>

#include "proto/codec.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// kFrame with the ADU size, kNeedMore (with the size once the length field
/// is in), or kInvalid when the protocol id is not 0 or the length below 2.
FrameResult FrameAdu(ByteView stream);

/// The first offset where a trustworthy MBAP header starts, or nullopt.
std::optional<size_t> FindAduStart(ByteView stream);

}  // namespace protolm::modbus

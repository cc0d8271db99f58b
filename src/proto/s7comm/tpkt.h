// TPKT (RFC 1006) framing of COTP units on a TCP stream, and the rule that
// joins COTP data units into one S7 PDU.
//
// A TPKT unit is version 3, a reserved byte, a 16-bit length (7..65535,
// header included) and one COTP TPDU. An S7 PDU may travel in several DT
// units, all but the last with the EOT bit clear; FrameTsdu returns the bytes
// of all of them as one framed unit. A DT without data is framed on its own
// even with EOT clear (clients send such units between requests; Wireshark
// counts it as an empty first segment of the next PDU, but it carries no
// bytes, and framing it alone lets a live peer see it at once). Limits keep
// hostile input bounded: at most kMaxReassembledPayload bytes of DT data and
// kMaxFramedBytes in one framed unit. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

inline constexpr uint8_t kTpktVersion = 3;
inline constexpr size_t kTpktHeaderSize = 4;
inline constexpr size_t kMinTpktLength = 7;  // header + shortest DT
inline constexpr size_t kMaxTpktLength = 65535;
inline constexpr size_t kMaxReassembledPayload = 65536;
inline constexpr size_t kMaxFramedBytes = 2 * 65536;
inline constexpr uint16_t kS7Port = 102;

/// Frames the TSDU at the start of `stream` (see the file comment).
/// kInvalid: no TPKT unit starts at offset 0, or the limits are exceeded.
/// kNeedMore carries the total length when the missing unit is the last one.
/// A DT sequence cut short by a unit that is not a DT ends before that unit;
/// Dissect then reports the missing EOT.
FrameResult FrameTsdu(ByteView stream);

/// True when `at` starts with a TPKT header and a COTP header consistent
/// enough to resynchronise on (needs at least kMinTpktLength bytes).
bool PlausibleUnitStart(ByteView at);

/// `cotp` behind a TPKT header. Fails when the unit would exceed 65535 bytes.
Result<Bytes> WrapInTpkt(ByteView cotp);

}  // namespace protolm::s7comm

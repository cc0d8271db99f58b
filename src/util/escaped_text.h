// Untrusted bytes made safe to print: every byte outside printable ASCII
// becomes \xNN, so a dissected field or an error message stays on one line
// and shows exactly what the input held. Error messages that echo a value
// read from a file (an unknown name, a bad key) quote it with
// QuotedForMessage, which also bounds its length.
#pragma once

#include <string>
#include <string_view>

#include "util/bytes.h"

namespace protolm {

/// Whether EscapedText keeps the space (0x20) as is or writes \x20.
enum class Spaces { kKeep, kEscape };

/// `bytes` with every control byte, byte >= 0x7f and backslash written as
/// \xNN (lower-case hex); the space as `spaces` says.
std::string EscapedText(ByteView bytes, Spaces spaces);

/// `text` for an error message: in double quotes, escaped like EscapedText
/// (spaces kept, a double quote as \x22), cut after 64 bytes with "...".
std::string QuotedForMessage(std::string_view text);

}  // namespace protolm

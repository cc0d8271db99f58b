// Splitting a line of text into its whitespace-separated fields and reading
// a field as a number: what every reader of column text (system-call lists,
// log lines, key sequences) does first.
//
// Pure functions over borrowed text; the views point into the argument.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace protolm {

/// The runs of non-whitespace (space, tab, \r, \v, \f) of `text`, in order.
std::vector<std::string_view> SplitWhitespace(std::string_view text);

/// True when `text` holds a byte no text line has: a control byte other
/// than tab (NUL, ESC, ...) or DEL; what a binary file gives a line reader.
bool HasControlBytes(std::string_view text);

/// `text` as a decimal integer (an optional '-', then digits, nothing else);
/// nullopt when it is not one or does not fit in 64 bits.
std::optional<int64_t> ParseInt64(std::string_view text);

}  // namespace protolm

// Golden bytes written as hex in tests.
#pragma once

#include <string_view>

#include "util/bytes.h"

namespace protolm::testing {

/// `text` (hex as FromHex reads it: whitespace allowed) as bytes; fails the
/// current test, naming the fault, when it is not hex.
Bytes HexBytes(std::string_view text);

}  // namespace protolm::testing

// Hex golden bytes for tests (see hex_bytes.h).
#include "testing/hex_bytes.h"

#include <gtest/gtest.h>

namespace protolm::testing {

Bytes HexBytes(std::string_view text) {
  Result<Bytes> bytes = FromHex(text);
  if (!bytes.ok()) {
    ADD_FAILURE() << "bad hex in a test: " << bytes.status().message();
    return {};
  }
  return std::move(bytes).value();
}

}  // namespace protolm::testing

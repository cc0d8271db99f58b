// Escaping untrusted bytes for display and for one-line error messages.
#include "util/escaped_text.h"

#include <gtest/gtest.h>

#include <string>

namespace protolm {
namespace {

ByteView View(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

TEST(EscapedTextTest, KeepsPrintableAsciiAndEscapesTheRest) {
  EXPECT_EQ(EscapedText(View("ab c"), Spaces::kKeep), "ab c");
  EXPECT_EQ(EscapedText(View("ab c"), Spaces::kEscape), "ab\\x20c");
  EXPECT_EQ(EscapedText(View(std::string("a\n\0\\\x7f\xff", 6)), Spaces::kKeep),
            "a\\x0a\\x00\\x5c\\x7f\\xff");
}

TEST(EscapedTextTest, QuotedForMessageStaysOnOneBoundedLine) {
  EXPECT_EQ(QuotedForMessage("lstm"), "\"lstm\"");
  EXPECT_EQ(QuotedForMessage("a\"b\nc"), "\"a\\x22b\\x0ac\"");
  std::string quoted = QuotedForMessage(std::string(1000, '\n'));
  EXPECT_EQ(quoted.find('\n'), std::string::npos);
  EXPECT_EQ(quoted.size(), 2 + 64 * 4 + 3);
  EXPECT_EQ(quoted.substr(quoted.size() - 3), "...");
}

}  // namespace
}  // namespace protolm

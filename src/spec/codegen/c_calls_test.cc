// Tests for finding the functions a C source calls.
#include "spec/codegen/c_calls.h"

#include <gtest/gtest.h>

namespace protolm::spec::codegen {
namespace {

TEST(CalledFunctionsTest, NamesBeforeParenthesesOutsideCommentsAndLiterals) {
  std::set<std::string> calls = CalledFunctions(
      "/* icmp_in_comment(x) */\n"
      "// icmp_line_comment(y)\n"
      "static int emit (int icmp_len) {\n"
      "  puts(\"icmp_in_string(z) \\\" icmp_after_escape(w)\");\n"
      "  char q = '(';\n"
      "  return icmp_receive\t(icmp_len) + 0x1f(2);\n"
      "}\n");
  EXPECT_EQ(calls, (std::set<std::string>{"emit", "puts", "icmp_receive"}));
}

TEST(CalledFunctionsTest, UnterminatedCommentOrLiteralEndsTheScan) {
  EXPECT_EQ(CalledFunctions("f(); /* g("), std::set<std::string>{"f"});
  EXPECT_EQ(CalledFunctions("f(); \"g(\\"), std::set<std::string>{"f"});
}

}  // namespace
}  // namespace protolm::spec::codegen

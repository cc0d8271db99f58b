// Tests for the semantics parser: notation and error locations.
#include "spec/ccg/term_parser.h"

#include <gtest/gtest.h>

namespace protolm::spec::ccg {
namespace {

const SourceLocation kAt{"lex.ccg", 7, 20};

TEST(TermParserTest, ParsesLambdasPredicatesAndApplications) {
  Result<TermPtr> t = ParseTerm("\\P x.@Must(P(x))", kAt);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(ToString(*t), "\\x1.\\x2.@Must(x1(x2))");
  Result<TermPtr> curried = ParseTerm("\\F.F('a',2)", kAt);
  ASSERT_TRUE(curried.ok());
  EXPECT_EQ(ToString(*curried), "\\x1.x1('a')(2)");
}

TEST(TermParserTest, ReplacesTheWordPlaceholder) {
  Result<TermPtr> t = ParseTerm("\\y x.@Action('$w',x,y)", kAt, "send");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(ToString(*t), "\\x1.\\x2.@Action('send',x2,x1)");
}

TEST(TermParserTest, UnboundNameIsAnErrorAtItsColumn) {
  Result<TermPtr> t = ParseTerm("\\x.@Is(x,checksum)", kAt);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "lex.ccg:7:29: unbound variable 'checksum'; quote constants "
            "('checksum') or bind it with \\checksum.");
}

TEST(TermParserTest, ReportsMalformedText) {
  EXPECT_FALSE(ParseTerm("@Is('a'", kAt).ok());
  EXPECT_FALSE(ParseTerm("'open", kAt).ok());
  EXPECT_FALSE(ParseTerm("\\.x", kAt).ok());
  EXPECT_FALSE(ParseTerm("\\1x.x", kAt).ok());
  EXPECT_FALSE(ParseTerm("", kAt).ok());
  EXPECT_FALSE(ParseTerm("@Is('a',1) extra", kAt).ok());
  EXPECT_FALSE(ParseTerm(std::string(200, '('), kAt).ok());  // too deep
}

}  // namespace
}  // namespace protolm::spec::ccg

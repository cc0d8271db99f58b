// Tests for the lexicon parsers' reading position and its error positions.
#include "spec/ccg/text_cursor.h"

#include <gtest/gtest.h>

namespace protolm::spec::ccg {
namespace {

const SourceLocation kAt{"lex.ccg", 3, 10};

TEST(TextCursorTest, AcceptSkipsSpacesButReadNameDoesNot) {
  TextCursor in("  ( name_1 x", kAt);
  EXPECT_FALSE(in.Accept(')'));
  EXPECT_EQ(in.pos(), 2u);  // the spaces are gone even when nothing matched
  EXPECT_TRUE(in.Accept('('));
  EXPECT_EQ(in.ReadName(), "");
  in.SkipSpace();
  EXPECT_EQ(in.ReadName(), "name_1");
  EXPECT_EQ(in.Peek(), ' ');
  EXPECT_EQ(in.Rest(), " x");
}

TEST(TextCursorTest, ExpectFailsAtTheColumnAfterSpaces) {
  TextCursor in("a  b", kAt);
  in.Advance();
  Status st = in.Expect(')', "missing ')'");
  EXPECT_EQ(st.code(), StatusCode::kMalformed);
  EXPECT_EQ(st.message(), "lex.ccg:3:13: missing ')'");
  EXPECT_EQ(in.FailUnexpected("here").message(),
            "lex.ccg:3:13: unexpected 'b' here");
  EXPECT_EQ(in.FailAt(0, "there").message(), "lex.ccg:3:10: there");
  EXPECT_TRUE(in.Expect('b', "unused").ok());
}

TEST(TextCursorTest, EndReadsAsNulAndAdvanceStopsThere) {
  TextCursor in("ab", kAt);
  in.Advance(5);
  EXPECT_TRUE(in.AtEnd());
  EXPECT_EQ(in.Peek(), '\0');
  EXPECT_EQ(in.Rest(), "");
  EXPECT_FALSE(in.Accept('a'));
}

}  // namespace
}  // namespace protolm::spec::ccg

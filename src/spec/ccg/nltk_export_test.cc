// Tests for the export to NLTK's CCG notation.
#include "spec/ccg/nltk_export.h"

#include <gtest/gtest.h>

namespace protolm::spec::ccg {
namespace {

TEST(NltkExportTest, IdentifiersAreNltkConstants) {
  EXPECT_EQ(NltkIdentifier("checksum field"), "checksum_field");
  EXPECT_EQ(NltkIdentifier("one's complement"), "one_s_complement");
  EXPECT_EQ(NltkIdentifier("64"), "64");
  EXPECT_EQ(NltkIdentifier("x1"), "x1_");  // would be a variable
  EXPECT_EQ(NltkIdentifier("16-bit"), "c16_bit");
  EXPECT_EQ(NltkIdentifier("or"), "or_");  // NLTK keyword
  EXPECT_EQ(NltkWord("according to"), "according_to");
}

TEST(NltkExportTest, ExportsEntriesAndExtraNounPhrases) {
  Result<Lexicon> lex = Lexicon::Parse(
      ":- S, NP\nis => (S\\NP)/NP {\\y x.@Is(x,y)}\n"
      "'up to' => (NP\\NP)/NP {\\y x.@Prep('up to',x,y)}\n",
      "t.ccg");
  ASSERT_TRUE(lex.ok());
  LexicalEntry np{"checksum field", MakePrimitive("NP"),
                  MakeConstant("checksum field"), "", 0};
  Result<std::string> out = ExportNltkLexicon(*lex, {np, np});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out,
            ":- S, NP\n"
            "is => (S\\NP)/NP {\\y.\\x.Is(x,y)}\n"
            "up_to => (NP\\NP)/NP {\\y.\\x.Prep(up_to,x,y)}\n"
            "checksum_field => NP {checksum_field}\n");
}

TEST(NltkExportTest, RefusesTwoSemanticsForOneCategory) {
  Result<Lexicon> lex = Lexicon::Parse(
      ":- S, NP\nis => (S\\NP)/NP {\\y x.@Is(x,y)}\nis => (S\\NP)/NP {\\y "
      "x.@Is(y,x)}\n",
      "t.ccg");
  ASSERT_TRUE(lex.ok());
  Result<std::string> out = ExportNltkLexicon(*lex, {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace protolm::spec::ccg

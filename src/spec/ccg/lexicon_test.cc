// Tests for the lexicon file format and its error messages.
#include "spec/ccg/lexicon.h"

#include <gtest/gtest.h>

namespace protolm::spec::ccg {
namespace {

constexpr const char* kLexicon = R"(# a small lexicon
:- S, NP
TV :: (S\NP)/NP {\y x.@Action('$w',x,y)}
send, Discards => TV       # two words of one family
is => (S\NP)/NP {\y x.@Is(x,y)}
'according to', ',' => (NP\NP)/NP {\y x.@Prep('according to',x,y)}
'\'s' => (NP/NP)\NP {\o x.@Poss(o,x)}
)";

TEST(LexiconTest, ParsesFamiliesPhrasesAndQuotedWords) {
  Result<Lexicon> lex = Lexicon::Parse(kLexicon, "small.ccg");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_EQ(lex->start()->text, "S");
  EXPECT_EQ(lex->primitives(), (std::vector<std::string>{"S", "NP"}));
  ASSERT_EQ(lex->Lookup("discards").size(), 1u);
  const LexicalEntry& discards = lex->Lookup("DISCARDS")[0];
  EXPECT_EQ(discards.family, "TV");
  EXPECT_EQ(discards.line, 4);
  EXPECT_EQ(ToString(discards.semantics),
            "\\x1.\\x2.@Action('discards',x2,x1)");
  EXPECT_EQ(lex->Lookup("according to").size(), 1u);
  EXPECT_EQ(lex->Lookup(",").size(), 1u);
  EXPECT_EQ(lex->Lookup("'s").size(), 1u);
  EXPECT_TRUE(lex->Lookup("checksum").empty());
  EXPECT_EQ(lex->max_phrase_words(), 2);
  EXPECT_EQ(lex->entries().size(), 6u);
}

struct BadLexicon {
  const char* text;
  const char* message;
};

class LexiconErrorTest : public testing::TestWithParam<BadLexicon> {};

TEST_P(LexiconErrorTest, ReportsLineColumnAndWhatToDo) {
  Result<Lexicon> lex = Lexicon::Parse(GetParam().text, "bad.ccg");
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, LexiconErrorTest,
    testing::Values(
        BadLexicon{"is => S {'x'}",
                   "bad.ccg:1:1: the lexicon must start with a ':- S, NP, ...' "
                   "line declaring the primitive categories"},
        BadLexicon{":- S, NP\nis => (S\\NP)/N {\\y x.@Is(x,y)}",
                   "bad.ccg:2:14: unknown category 'N'; declare it in the ':-' "
                   "line of the lexicon"},
        BadLexicon{
            ":- S, NP\nsend => Verb",
            "bad.ccg:2:9: unknown family 'Verb'; define it with 'Verb :: "
            "Category {semantics}' before use"},
        BadLexicon{":- S, NP\nis => (S\\NP)/NP",
                   "bad.ccg:2:16: missing semantics in braces: {...}"},
        BadLexicon{
            ":- S, NP\nis => (S\\NP)/NP {\\y.@Is(x,y)}",
            "bad.ccg:2:25: unbound variable 'x'; quote constants ('x') or "
            "bind it with \\x."},
        BadLexicon{
            ":- S, NP\nis (S\\NP)/NP",
            "bad.ccg:2:1: expected 'word => Category {semantics}', 'word "
            "=> Family' or 'Family :: Category {semantics}'"},
        BadLexicon{":- S, S", "bad.ccg:1:7: category 'S' is declared twice"},
        BadLexicon{"",
                   "bad.ccg:1:1: the lexicon declares no categories; start "
                   "it with ':- S, NP, ...'"}));

}  // namespace
}  // namespace protolm::spec::ccg

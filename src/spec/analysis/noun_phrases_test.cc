// Tests for noun-phrase labelling.
#include "spec/analysis/noun_phrases.h"

#include <gtest/gtest.h>

#include "spec/analysis/word_tokenizer.h"

namespace protolm::spec {
namespace {

std::string Show(const std::vector<LabelledToken>& tokens) {
  std::string out;
  for (const LabelledToken& t : tokens) {
    const char* kind = t.kind == TokenKind::kWord     ? "w"
                       : t.kind == TokenKind::kNumber ? "#"
                                                      : "np";
    out += std::string(out.empty() ? "" : " ") + kind + ":" + t.text;
  }
  return out;
}

TEST(NounPhrasesTest, TermsUnknownWordsAndNumbersFormNounPhrases) {
  Result<ccg::Lexicon> lex = ccg::Lexicon::Parse(
      ":- S, NP\nthe => NP/NP {\\x.x}\nto, of => (NP\\NP)/NP {\\y x.@Of(x,y)}\n"
      "is => (S\\NP)/NP {\\y x.@Is(x,y)}\n'according to' => (NP\\NP)/NP {\\y "
      "x.@Of(x,y)}\n",
      "t.ccg");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  Result<TermDictionary> terms =
      TermDictionary::Parse("time to live\n", "t.txt");
  ASSERT_TRUE(terms.ok());
  auto label = [&](const char* text) {
    return Show(LabelNounPhrases(TokenizeWords(text), *lex, *terms));
  };
  EXPECT_EQ(label("The time to live field is zero"),
            "w:the np:time to live field w:is #:0");
  EXPECT_EQ(label("the first 64 bits of the data"),
            "w:the np:first 64 bits w:of w:the np:data");
  EXPECT_EQ(label("according to the table (see above), 12"),
            "w:according to w:the np:table #:12");
}

}  // namespace
}  // namespace protolm::spec

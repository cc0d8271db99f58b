// Tests for the chart parser: parse counts, normal form, limits.
#include "spec/ccg/chart_parser.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "spec/ccg/lexicon.h"
#include "spec/ccg/winnowing.h"

namespace protolm::spec::ccg {
namespace {

constexpr const char* kLexicon = R"(:- S, NP
the => NP/NP {\x.x}
is => (S\NP)/NP {\y x.@Is(x,y)}
must => (S\NP)/(S\NP) {\P x.@Must(P(x))}
be => (S\NP)/NP {\y x.@Is(x,y)}
of => (NP\NP)/NP {\y x.@Of(x,y)}
and => (NP\NP)/NP {\y x.@And(x,y)}
sends => (S\NP)/NP {\y x.@Action('send',x,y)}
if => (S/S)/S {\c s.@If(c,s)}
',' => (S/S)\(S/S) {\F.F}
but => (S\S)/S {\y x.@And(x,y)}
when => (S\S)/S {\c s.@If(c,s)}
)";

class ChartParserTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<Lexicon> lex = Lexicon::Parse(kLexicon, "test.ccg");
    ASSERT_TRUE(lex.ok()) << lex.status().message();
    lexicon_ = std::move(*lex);
  }

  // Words in the lexicon take their entries; any other word is an NP constant
  // (numbers as numbers), as the noun-phrase labeller would give it.
  ChartResult Parse(const std::vector<std::string>& words,
                    ChartOptions options = {}) {
    std::vector<std::vector<LexicalItem>> tokens;
    CategoryPtr np = MakePrimitive("NP");
    for (const std::string& w : words) {
      std::vector<LexicalItem> items;
      for (const LexicalEntry& e : lexicon_->Lookup(w)) {
        items.push_back({e.category, e.semantics});
      }
      if (items.empty()) {
        bool digits = w.find_first_not_of("0123456789") == std::string::npos;
        items.push_back({np, digits ? MakeNumber(w) : MakeConstant(w)});
      }
      tokens.push_back(items);
    }
    return ParseChart(tokens, lexicon_->start(), options);
  }

  static std::set<std::string> Texts(const ChartResult& r) {
    std::set<std::string> out;
    for (const TermPtr& f : r.forms) out.insert(ToString(f));
    return out;
  }

  std::optional<Lexicon> lexicon_;
};

TEST_F(ChartParserTest, SimpleAssignmentHasOneForm) {
  ChartResult r = Parse({"checksum", "is", "0"});
  EXPECT_EQ(Texts(r), std::set<std::string>{"@Is('checksum',0)"});
  EXPECT_EQ(r.derivations, 1u);
  EXPECT_FALSE(r.truncated);
}

TEST_F(ChartParserTest, ModalComposesWithTheVerbPhrase) {
  ChartResult r = Parse({"the", "checksum", "must", "be", "0"});
  EXPECT_EQ(Texts(r), std::set<std::string>{"@Must(@Is('checksum',0))"});
}

TEST_F(ChartParserTest, TwoBracketingsOfAnOfChainAreTwoFormsUntilWinnowed) {
  // "A of B of C is D": (A of B) of C and A of (B of C).
  ChartResult r = Parse({"a", "of", "b", "of", "c", "is", "d"});
  EXPECT_EQ(Texts(r),
            (std::set<std::string>{"@Is(@Of(@Of('a','b'),'c'),'d')",
                                   "@Is(@Of('a',@Of('b','c')),'d')"}));
  WinnowResult w = Winnow(r.forms);
  EXPECT_EQ(w.forms.size(), 1u);
}

TEST_F(ChartParserTest, ConditionalGetsBothArgumentOrders) {
  // SAGE section 4.1: type raising of the condition over the comma and
  // crossed composition also yield @If(B, A); argument-order checks remove
  // it where the clauses show which is which (a modal in the consequence).
  ChartResult r =
      Parse({"if", "code", "is", "0", ",", "host", "must", "be", "0"});
  EXPECT_EQ(Texts(r),
            (std::set<std::string>{"@If(@Is('code',0),@Must(@Is('host',0)))",
                                   "@If(@Must(@Is('host',0)),@Is('code',0))"}));
  EXPECT_EQ(Winnow(r.forms).forms.size(), 1u);
}

std::map<std::string, size_t> HeightsByForm(const ChartResult& r) {
  std::map<std::string, size_t> out;
  EXPECT_EQ(r.attachment_heights.size(), r.forms.size());
  for (size_t i = 0; i < r.forms.size() && i < r.attachment_heights.size();
       ++i) {
    out[ToString(r.forms[i])] = r.attachment_heights[i];
  }
  return out;
}

TEST_F(ChartParserTest, PostposedConditionAttachesToTheNearestClause) {
  ChartResult r = Parse(
      {"a", "sends", "b", "but", "c", "sends", "d", "when", "e", "is", "f"});
  const std::string low =
      "@And(@Action('send','a','b'),@If(@Is('e','f'),@Action('send','c','d')))";
  const std::string high =
      "@If(@Is('e','f'),@And(@Action('send','a','b'),@Action('send','c','d')))";
  std::map<std::string, size_t> heights = HeightsByForm(r);
  ASSERT_EQ(heights.size(), 2u);
  EXPECT_LT(heights.at(low), heights.at(high));
  WinnowResult w = Winnow(r.forms, r.attachment_heights);
  ASSERT_EQ(w.forms.size(), 1u);
  EXPECT_EQ(ToString(w.forms[0]), low);
  EXPECT_EQ(Winnow(r.forms).forms.size(), 2u);  // without heights: ambiguous
}

TEST_F(ChartParserTest, FrontedConditionScopesOverTheWholeClause) {
  ChartResult r = Parse(
      {"if", "e", "is", "f", ",", "a", "sends", "b", "but", "c", "sends", "d"});
  const std::string whole =
      "@If(@Is('e','f'),@And(@Action('send','a','b'),@Action('send','c','d')))";
  std::map<std::string, size_t> heights = HeightsByForm(r);
  ASSERT_EQ(heights.count(whole), 1u);
  for (const auto& [form, height] : heights) {
    if (form != whole) {
      EXPECT_LT(heights.at(whole), height) << form;
    }
  }
}

TEST_F(ChartParserTest, NormalFormRemovesSpuriousDerivationsButNoForm) {
  std::vector<std::string> sentence = {"the", "address", "of",
                                       "the", "host",    "must",
                                       "be",  "the",     "destination"};
  ChartOptions all;
  all.normal_form = false;
  ChartResult without = Parse(sentence, all);
  ChartResult with = Parse(sentence);
  EXPECT_EQ(Texts(without), Texts(with));
  EXPECT_FALSE(with.forms.empty());
  EXPECT_LT(with.derivations, without.derivations);
}

TEST_F(ChartParserTest, UnknownStructureGivesNoForm) {
  EXPECT_TRUE(Parse({"is", "checksum"}).forms.empty());
  EXPECT_TRUE(Parse({}).forms.empty());
}

TEST_F(ChartParserTest, LimitsMarkTheResultTruncated) {
  std::vector<std::string> long_chain;
  for (int i = 0; i < 12; ++i) {
    long_chain.push_back("n" + std::to_string(i));
    long_chain.push_back("and");
  }
  long_chain.push_back("last");
  ChartOptions tight;
  tight.max_edges_per_cell = 2;
  EXPECT_TRUE(Parse(long_chain, tight).truncated);
  ChartOptions few_tokens;
  few_tokens.max_tokens = 5;
  EXPECT_TRUE(Parse(long_chain, few_tokens).truncated);
  ChartOptions few_pairs;
  few_pairs.max_pairs = 10;
  EXPECT_TRUE(Parse(long_chain, few_pairs).truncated);
}

}  // namespace
}  // namespace protolm::spec::ccg

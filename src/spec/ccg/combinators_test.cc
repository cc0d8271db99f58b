// Tests for the combinatory rules, their semantics and the normal form.
#include "spec/ccg/combinators.h"

#include <gtest/gtest.h>

#include "spec/ccg/term_parser.h"

namespace protolm::spec::ccg {
namespace {

CategoryPtr Cat(const char* text) {
  return *ParseCategory(text, {"S", "NP"}, SourceLocation{"t", 1, 1});
}
TermPtr Sem(const char* text) {
  return *ParseTerm(text, SourceLocation{"t", 1, 1});
}

std::vector<std::string> Results(const char* left, const char* right,
                                 RuleOptions options = {}) {
  std::vector<std::string> out;
  for (const BinaryCombination& c :
       CombineCategories(Cat(left), Cat(right), options)) {
    out.push_back(std::string(RuleSymbol(c.rule)) + " " + c.category->text);
  }
  return out;
}

TEST(CombinatorsTest, ApplicationAndComposition) {
  EXPECT_EQ(Results("S/NP", "NP"), std::vector<std::string>{"> S"});
  EXPECT_EQ(Results("NP", "S\\NP"), std::vector<std::string>{"< S"});
  EXPECT_EQ(Results("S/(S\\NP)", "(S\\NP)/NP"),
            std::vector<std::string>{">B S/NP"});
  EXPECT_EQ(Results("NP\\NP", "S\\NP"), std::vector<std::string>{"<B S\\NP"});
  EXPECT_TRUE(Results("NP", "NP").empty());
}

TEST(CombinatorsTest, ApplyOnlyModifiersNeverComposeBackward) {
  // "the field [in the header] [is reserved]" and "[must be zero] [if C]":
  // a noun or sentence post-modifier applies to its noun or sentence.
  EXPECT_EQ(Results("S\\NP", "S\\S"), std::vector<std::string>{"<B S\\NP"});
  RuleOptions options;
  options.apply_only_modifiers = {"NP", "S"};
  EXPECT_TRUE(Results("NP\\NP", "S\\NP", options).empty());
  EXPECT_TRUE(Results("S\\NP", "S\\S", options).empty());
  EXPECT_EQ(Results("NP", "NP\\NP", options), std::vector<std::string>{"< NP"});
  EXPECT_EQ(Results("S", "S\\S", options), std::vector<std::string>{"< S"});
  // A verb-phrase modifier is no X\X of a primitive X: it still composes.
  EXPECT_EQ(Results("(S\\NP)\\NP", "(S\\NP)\\(S\\NP)", options),
            std::vector<std::string>{"<B (S\\NP)\\NP"});
}

TEST(CombinatorsTest, CrossedCompositionAndSubstitution) {
  EXPECT_EQ(Results("NP/NP", "S\\NP"), std::vector<std::string>{"<Bx S/NP"});
  RuleOptions forward_crossed;
  forward_crossed.forward_crossed_composition = true;
  EXPECT_EQ(Results("S/NP", "NP\\NP", forward_crossed),
            (std::vector<std::string>{">Bx S\\NP"}));
  EXPECT_TRUE(Results("S/NP", "NP\\NP").empty());
  EXPECT_EQ(Results("(S/NP)/NP", "NP/NP"),
            (std::vector<std::string>{">B (S/NP)/NP", ">S S/NP"}));
  EXPECT_EQ(Results("NP/NP", "(S\\NP)/NP"),
            std::vector<std::string>{"<Sx S/NP"});
  RuleOptions none;
  none.substitution = false;
  EXPECT_EQ(Results("(S/NP)/NP", "NP/NP", none),
            std::vector<std::string>{">B (S/NP)/NP"});
}

TEST(CombinatorsTest, SemanticsOfEachRule) {
  auto combine = [](Rule r, const char* l, const char* rt) {
    Result<TermPtr> t = CombineSemantics(r, Sem(l), Sem(rt), 100);
    return t.ok() ? ToString(*t) : t.status().message();
  };
  EXPECT_EQ(combine(Rule::kForwardApplication, "\\x.@Must(x)", "'a'"),
            "@Must('a')");
  EXPECT_EQ(combine(Rule::kBackwardApplication, "'a'", "\\x.@Is(x,0)"),
            "@Is('a',0)");
  EXPECT_EQ(combine(Rule::kForwardComposition, "\\s.@Not(s)", "\\y.@Is('a',y)"),
            "\\x1.@Not(@Is('a',x1))");
  EXPECT_EQ(combine(Rule::kBackwardCrossedComposition, "\\y.@Of('a',y)",
                    "\\x.@Is(x,0)"),
            "\\x1.@Is(@Of('a',x1),0)");
  EXPECT_EQ(
      combine(Rule::kForwardSubstitution, "\\z x.@And(x,z)", "\\z.@Of(z,'b')"),
      "\\x1.@And(@Of(x1,'b'),x1)");
  EXPECT_EQ(ToString(RaiseSemantics(Sem("'a'"))), "\\x1.x1('a')");
}

TEST(CombinatorsTest, TypeRaisingIsTriggeredByTheNeighbour) {
  std::optional<CategoryPtr> raised = RaiseLeft(Cat("NP"), Cat("(S\\NP)/NP"));
  ASSERT_TRUE(raised.has_value());
  EXPECT_EQ((*raised)->text, "S/(S\\NP)");
  EXPECT_FALSE(
      RaiseLeft(Cat("NP"), Cat("S\\NP")).has_value());  // plain < does it
  std::optional<CategoryPtr> back = RaiseRight(Cat("(S/NP)/NP"), Cat("NP"));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ((*back)->text, "S\\(S/NP)");
}

TEST(CombinatorsTest, NormalFormBlocksOnlyRedundantPairs) {
  EXPECT_FALSE(NormalFormAllows(Rule::kForwardApplication,
                                Rule::kForwardComposition, Rule::kLexical));
  EXPECT_FALSE(NormalFormAllows(Rule::kForwardComposition,
                                Rule::kForwardComposition, Rule::kLexical));
  EXPECT_FALSE(NormalFormAllows(Rule::kBackwardApplication, Rule::kLexical,
                                Rule::kBackwardComposition));
  EXPECT_FALSE(NormalFormAllows(Rule::kForwardApplication,
                                Rule::kForwardTypeRaising, Rule::kLexical));
  EXPECT_TRUE(NormalFormAllows(Rule::kForwardComposition,
                               Rule::kForwardTypeRaising, Rule::kLexical));
  EXPECT_TRUE(NormalFormAllows(Rule::kBackwardApplication,
                               Rule::kForwardComposition, Rule::kLexical));
}

}  // namespace
}  // namespace protolm::spec::ccg

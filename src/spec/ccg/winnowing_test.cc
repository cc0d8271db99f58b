// Tests for the winnowing checks, one by one and in sequence.
#include "spec/ccg/winnowing.h"

#include <gtest/gtest.h>

#include "spec/ccg/logical_form.h"
#include "spec/ccg/term_parser.h"

namespace protolm::spec::ccg {
namespace {

TermPtr Lf(const char* text) {
  Result<TermPtr> t = ParseTerm(text, SourceLocation{"t", 1, 1});
  EXPECT_TRUE(t.ok()) << t.status().message();
  return *t;
}

std::vector<std::string> Texts(const std::vector<TermPtr>& forms) {
  std::vector<std::string> out;
  for (const TermPtr& f : forms) out.push_back(ToString(f));
  return out;
}

TEST(WinnowingTest, TypeCheckUsesPerPredicateAllowlists) {
  // SAGE figure 2: the object of "compute" cannot be a number.
  EXPECT_NE(
      TypeViolation(Lf("@AdvBefore(@Action('compute',0),@Is('checksum',0))")),
      "");
  EXPECT_EQ(TypeViolation(Lf(
                "@AdvBefore(@Action('compute','checksum'),@Is('checksum',0))")),
            "");
  EXPECT_NE(TypeViolation(Lf("@Is(0,'checksum')")),
            "");  // a constant assigned to
  EXPECT_NE(TypeViolation(Lf("@And(@Is('a',0),'b')")),
            "");  // statement and entity
  EXPECT_NE(TypeViolation(Lf("@Of('a',1)")),
            "");  // an entity is not a sentence
  EXPECT_NE(TypeViolation(Lf("@Frobnicate('a')")), "");
  EXPECT_NE(TypeViolation(Lf("\\x.@Is(x,0)")), "");
  EXPECT_EQ(TypeViolation(Lf("@Action('arrive','datagram')")), "");
}

TEST(WinnowingTest, ArgumentOrderKeepsTheConditionFirst) {
  // SAGE sentence E: "If code = 0, ... may be zero" is never @If(B, A).
  TermPtr right = Lf("@If(@Compare('eq','code',0),@May(@Is('identifier',0)))");
  TermPtr swapped =
      Lf("@If(@May(@Is('identifier',0)),@Compare('eq','code',0))");
  EXPECT_EQ(ArgumentOrderViolation(right), "");
  EXPECT_NE(ArgumentOrderViolation(swapped), "");
  EXPECT_EQ(Texts(ApplyCheck(WinnowCheck::kArgumentOrder, {right, swapped})),
            std::vector<std::string>{ToString(right)});
}

TEST(WinnowingTest, PredicateOrderBlocksImpossibleNesting) {
  EXPECT_NE(PredicateOrderViolation(Lf("@May(@Must(@Is('a',0)))")), "");
  EXPECT_NE(PredicateOrderViolation(
                Lf("@Is('a',@Of('b',@If(@Is('c',0),@Is('d',1))))")),
            "");
  EXPECT_NE(PredicateOrderViolation(
                Lf("@And(@AdvBefore(@Action('compute','c'),@Is('f',0)),"
                   "@Is('f',0))")),
            "");
  EXPECT_EQ(PredicateOrderViolation(Lf("@If(@Is('c',0),@Must(@Is('d',1)))")),
            "");
}

TEST(WinnowingTest, AttachmentPreferenceKeepsTheNearestNoun) {
  // "length of header and data in octets"
  std::vector<TermPtr> forms = {Lf("@Is('total',@Of('length',@And('header',@"
                                   "Prep('in','data','octets'))))"),
                                Lf("@Is('total',@Of('length',@Prep('in',@And('"
                                   "header','data'),'octets')))"),
                                Lf("@Is('total',@Prep('in',@Of('length',@And('"
                                   "header','data')),'octets'))")};
  EXPECT_EQ(Texts(ApplyCheck(WinnowCheck::kPredicateOrder, forms)),
            std::vector<std::string>{ToString(forms[1])});
  // A preference never removes the last reading.
  EXPECT_EQ(ApplyCheck(WinnowCheck::kPredicateOrder, {forms[0]}).size(), 1u);
}

TEST(WinnowingTest, DistributivityDropsTheDistributedReading) {
  TermPtr collective = Lf("@Is(@And('a','b'),'c')");
  TermPtr distributed = Lf("@And(@Is('a','c'),@Is('b','c'))");
  EXPECT_EQ(ToString(Undistribute(distributed)), ToString(collective));
  EXPECT_EQ(Texts(ApplyCheck(WinnowCheck::kDistributivity,
                             {distributed, collective})),
            std::vector<std::string>{ToString(collective)});
  // Alone, the distributed reading stays.
  EXPECT_EQ(ApplyCheck(WinnowCheck::kDistributivity, {distributed}).size(), 1u);
}

TEST(WinnowingTest, AssociativityAndCommutativityMergeEquivalentTrees) {
  TermPtr left = Lf("@Is('h',@Of(@Of('a','b'),'c'))");
  TermPtr right = Lf("@Is('h',@Of('a',@Of('b','c')))");
  TermPtr swapped_and = Lf("@Is(@And('y','x'),0)");
  TermPtr and_xy = Lf("@Is(@And('x','y'),0)");
  TermPtr swapped_of = Lf("@Is('h',@Of('c',@Of('b','a')))");
  EXPECT_EQ(CanonicalForm(left), CanonicalForm(right));
  EXPECT_EQ(CanonicalForm(swapped_and), CanonicalForm(and_xy));
  EXPECT_NE(CanonicalForm(left), CanonicalForm(swapped_of));  // @Of is ordered
  EXPECT_EQ(
      ApplyCheck(WinnowCheck::kAssociativity, {left, right, swapped_of}).size(),
      2u);
  // "If A then B provided C": both nestings mean "if A and C, B".
  TermPtr a_then_c = Lf("@If(@Is('a',0),@If(@Is('c',0),@Is('b',0)))");
  TermPtr c_then_a = Lf("@If(@Is('c',0),@If(@Is('a',0),@Is('b',0)))");
  TermPtr both = Lf("@If(@And(@Is('c',0),@Is('a',0)),@Is('b',0))");
  EXPECT_EQ(CanonicalForm(a_then_c), CanonicalForm(c_then_a));
  EXPECT_EQ(CanonicalForm(a_then_c), CanonicalForm(both));
  EXPECT_NE(CanonicalForm(a_then_c),
            CanonicalForm(Lf("@If(@Is('a',0),@And(@Is('c',0),@Is('b',0)))")));
  EXPECT_EQ(
      Texts(ApplyCheck(WinnowCheck::kAssociativity, {a_then_c, c_then_a})),
      Texts({a_then_c}));
}

TEST(WinnowingTest, LowestAttachmentIsTheLastPreference) {
  TermPtr low = Lf("@And(@Is('a',0),@If(@Is('e',0),@Must(@Is('b',0))))");
  TermPtr high = Lf("@If(@Is('e',0),@And(@Is('a',0),@Must(@Is('b',0))))");
  EXPECT_EQ(
      Texts(ApplyCheck(WinnowCheck::kPredicateOrder, {low, high}, {3, 9})),
      Texts({low}));
  EXPECT_EQ(ApplyCheck(WinnowCheck::kPredicateOrder, {low, high}).size(), 2u);
  // The hard rules come first: a low reading that breaks one is gone.
  TermPtr nested = Lf("@Must(@If(@Is('e',0),@Is('b',0)))");
  TermPtr outer = Lf("@If(@Is('e',0),@Must(@Is('b',0)))");
  EXPECT_EQ(Texts(Winnow({nested, outer}, {1, 5}).forms), Texts({outer}));
}

TEST(WinnowingTest, CountsAfterEachCheck) {
  std::vector<TermPtr> forms = {
      Lf("@If(@Compare('eq','code',0),@May(@Is('identifier',0)))"),
      Lf("@If(@May(@Is('identifier',0)),@Compare('eq','code',0))"),
      Lf("@If(@Compare('eq','code',0),@May(@Is(0,'identifier')))")};
  WinnowResult r = Winnow(forms);
  EXPECT_EQ(r.counts, (std::array<size_t, 6>{3, 2, 1, 1, 1, 1}));
  EXPECT_EQ(r.forms.size(), 1u);
  EXPECT_STREQ(WinnowCheckName(WinnowCheck::kPredicateOrder),
               "predicate_order");
}

}  // namespace
}  // namespace protolm::spec::ccg

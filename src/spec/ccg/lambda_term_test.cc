// Tests for lambda terms: beta reduction, capture avoidance, canonical text.
#include "spec/ccg/lambda_term.h"

#include <gtest/gtest.h>

#include "spec/ccg/term_parser.h"

namespace protolm::spec::ccg {
namespace {

TermPtr Parse(const std::string& text) {
  Result<TermPtr> t = ParseTerm(text, SourceLocation{"test", 1, 1});
  EXPECT_TRUE(t.ok()) << t.status().message();
  return t.ok() ? *t : MakeConstant("?");
}

TEST(LambdaTermTest, BetaReducesApplicationsToALogicalForm) {
  TermPtr is = Parse("\\y x.@Is(x,y)");
  Result<TermPtr> lf = BetaNormalize(
      MakeApply(MakeApply(is, MakeNumber("0")), MakeConstant("checksum")));
  ASSERT_TRUE(lf.ok());
  EXPECT_EQ(ToString(*lf), "@Is('checksum',0)");
  EXPECT_TRUE(IsClosedLogicalForm(*lf));
  EXPECT_FALSE(IsClosedLogicalForm(is));
}

TEST(LambdaTermTest, SubstitutionDoesNotCaptureFreeVariables) {
  // (\x y.@And(x,y)) applied to the free variable y must rename the bound y.
  TermPtr t = MakeApply(Parse("\\x y.@And(x,y)"), MakeVariable("y"));
  Result<TermPtr> n = BetaNormalize(t);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(ToString(*n), "\\x1.@And(y,x1)");
  EXPECT_EQ(FreeVariables(*n), std::set<std::string>{"y"});
}

TEST(LambdaTermTest, AlphaEquivalentTermsPrintTheSame) {
  EXPECT_EQ(ToString(Parse("\\a.@Is(a,0)")), ToString(Parse("\\b.@Is(b,0)")));
  EXPECT_NE(ToString(Parse("\\a b.@Is(a,b)")),
            ToString(Parse("\\a b.@Is(b,a)")));
}

TEST(LambdaTermTest, HigherOrderArgumentsReduce) {
  // must: \P x.@Must(P(x)) applied to "be zero" and "checksum".
  TermPtr be_zero = Parse("\\x.@Is(x,0)");
  TermPtr t = MakeApply(MakeApply(Parse("\\P x.@Must(P(x))"), be_zero),
                        MakeConstant("checksum"));
  Result<TermPtr> n = BetaNormalize(t);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(ToString(*n), "@Must(@Is('checksum',0))");
}

TEST(LambdaTermTest, NonTerminatingTermFailsWithinTheStepBudget) {
  TermPtr omega = Parse("\\x.x(x)");
  Result<TermPtr> n = BetaNormalize(MakeApply(omega, omega), 100);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kOutOfRange);
}

TEST(LambdaTermTest, ConstantsAreQuotedAndEscaped) {
  EXPECT_EQ(ToString(MakeConstant("one's complement")), "'one\\'s complement'");
  EXPECT_TRUE(SameTerm(Parse("@Of('a',1)"), Parse("@Of( 'a' , 1 )")));
}

}  // namespace
}  // namespace protolm::spec::ccg

// Tests for statuses: actionability, missing information, differences.
#include "spec/analysis/sentence_status.h"

#include <gtest/gtest.h>

#include "spec/ccg/term_parser.h"

namespace protolm::spec {
namespace {

ccg::TermPtr Lf(const char* text) {
  return *ccg::ParseTerm(text, ccg::SourceLocation{"t", 1, 1});
}

Sentence Make(const char* text, const char* message, const char* field) {
  Sentence s;
  s.text = text;
  s.context.protocol = "ICMP";
  s.context.message = message;
  s.context.field = field;
  return s;
}

TEST(SentenceStatusTest, ActionableSentencesStateBehaviourOrValues) {
  EXPECT_TRUE(
      IsActionable(Make("3", "Destination Unreachable Message", "Type"), {}));
  EXPECT_TRUE(IsActionable(
      Make("The gateway may send a message.", "Time Exceeded Message", ""),
      {}));
  EXPECT_FALSE(IsActionable(Make("The gateways communicate.", "", ""), {}));
  EXPECT_FALSE(IsActionable(
      Make("For example, the identifier might be used like a port.", "Echo",
           ""),
      {}));
  EXPECT_FALSE(IsActionable(Make("Values are:", "BFD", "Diag"), {}));
  EXPECT_FALSE(
      IsActionable(Make("This checksum may be replaced.", "Echo", "Checksum"),
                   {Lf("@AdvComment(@May(@Action('replaced','checksum')))")}));
}

TEST(SentenceStatusTest, MissingRoleAndChecksumEnd) {
  SentenceContext no_role;
  EXPECT_NE(MissingForCode(
                Lf("@If(@Compare('eq','code',0),@May(@Is('identifier',0)))"),
                no_role),
            "");
  SentenceContext sender = no_role;
  sender.role = "sender";
  EXPECT_EQ(MissingForCode(Lf("@May(@Is('identifier',0))"), sender), "");
  EXPECT_EQ(MissingForCode(
                Lf("@May(@Action('set','sender',@Prep('to','identifier',0)))"),
                no_role),
            "");
  SentenceContext checksum;
  checksum.field = "Checksum";
  EXPECT_NE(
      MissingForCode(Lf("@Is('checksum',@Of('sum',@Prep('starting with','icmp "
                        "message','type')))"),
                     checksum),
      "");
  EXPECT_EQ(
      MissingForCode(Lf("@Is('checksum',@Of('sum',@Prep('from','icmp message',"
                        "@Prep('up to','type','end'))))"),
                     checksum),
      "");
}

TEST(SentenceStatusTest, DifferenceNamesTheSmallestDifferingPart) {
  EXPECT_EQ(DescribeDifference(Lf("@Is('a',@Of('b','c'))"),
                               Lf("@Is('a',@Of('b','d'))")),
            "'c' vs 'd' under @Of");
  EXPECT_EQ(
      DescribeDifference(Lf("@If(@Is('a',0),@Is('b',1))"),
                         Lf("@If(@Is('b',1),@Is('a',0))")),
      "@If(@Is('a',0),@Is('b',1)) vs @If(@Is('b',1),@Is('a',0)) at the root");
  EXPECT_EQ(DescribeDifference(Lf("@Is('a',0)"), Lf("@Is('a',0)")), "");
  EXPECT_STREQ(SentenceStatusName(SentenceStatus::kNonActionable),
               "non-actionable");
}

}  // namespace
}  // namespace protolm::spec

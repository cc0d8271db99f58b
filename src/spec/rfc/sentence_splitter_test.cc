// Tests of sentence splitting: abbreviations, numbers, field names,
// hyphenation across lines and source line numbers.
#include "spec/rfc/sentence_splitter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace protolm::spec {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Texts(const std::vector<LineText>& sentences) {
  std::vector<std::string> out;
  for (const LineText& s : sentences) out.push_back(s.text);
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  return Texts(SplitSentences({{text, 1}}));
}

TEST(SentenceSplitterTest, SplitsAtPeriodsBeforeCapitals) {
  EXPECT_THAT(Split("The network is up.  Gateways forward it. Hosts do not!"),
              ElementsAre("The network is up.", "Gateways forward it.",
                          "Hosts do not!"));
}

TEST(SentenceSplitterTest, KeepsAbbreviations) {
  EXPECT_THAT(
      Split("If the net is unreachable, e.g., the distance is infinity, "
            "the gateway may send it.  Next."),
      ElementsAre("If the net is unreachable, e.g., the distance is "
                  "infinity, the gateway may send it.",
                  "Next."));
  EXPECT_THAT(Split("Use a radio clock (i.e. WWVB) here. Done."),
              ElementsAre("Use a radio clock (i.e. WWVB) here.", "Done."));
  EXPECT_THAT(Split("As Mills et al. Describe it."),
              ElementsAre("As Mills et al. Describe it."));
}

TEST(SentenceSplitterTest, KeepsNumbersAndSectionReferences) {
  EXPECT_THAT(
      Split("See section 6.8.2 for jitter.  Version 4.  Then 3.1 applies."),
      ElementsAre("See section 6.8.2 for jitter.", "Version 4.",
                  "Then 3.1 applies."));
  EXPECT_THAT(
      Split("less any jitter applied (see section 6.8.2).  If this value "
            "is zero, stop."),
      ElementsAre("less any jitter applied (see section 6.8.2).",
                  "If this value is zero, stop."));
}

TEST(SentenceSplitterTest, DoesNotSplitBeforeLowerCase) {
  EXPECT_THAT(
      Split("messages about messages etc. no ICMP message is sent."),
      ElementsAre("messages about messages etc. no ICMP message is sent."));
}

TEST(SentenceSplitterTest, SplitsAfterASingleCapitalFieldOrName) {
  EXPECT_THAT(
      Split("the destination network, X. If G2 is there, redirect."),
      ElementsAre("the destination network, X.", "If G2 is there, redirect."));
}

TEST(SentenceSplitterTest, KeepsParenthesisedSentences) {
  EXPECT_THAT(
      Split("No ICMP messages are sent.  (Fragment zero has offset zero)."),
      ElementsAre("No ICMP messages are sent.",
                  "(Fragment zero has offset zero)."));
}

TEST(SentenceSplitterTest, RejoinsHyphenatedWordsAndKeepsLines) {
  std::vector<LineText> s =
      SplitSentences({{"   in a self-", 10},
                      {"   organizing way.  The RFC-", 11},
                      {"   957 data.", 12}});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].text, "in a self-organizing way.");
  EXPECT_EQ(s[0].line, 10);
  EXPECT_EQ(s[1].text, "The RFC-957 data.");
  EXPECT_EQ(s[1].line, 11);
}

TEST(SentenceSplitterTest, NormalisesWhitespace) {
  EXPECT_THAT(Split("This  User Datagram   Protocol  (UDP)  is  defined."),
              ElementsAre("This User Datagram Protocol (UDP) is defined."));
  EXPECT_TRUE(SplitSentences({}).empty());
  EXPECT_TRUE(SplitSentences({{"   ", 1}}).empty());
}

TEST(SentenceSplitterTest, KeepsTextWithoutFinalPeriod) {
  EXPECT_THAT(Split("Length of the request or reply, in octets"),
              ElementsAre("Length of the request or reply, in octets"));
}

}  // namespace
}  // namespace protolm::spec

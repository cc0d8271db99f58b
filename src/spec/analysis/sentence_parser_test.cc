// Tests for sentence parsing: subject supply, value definitions, conditions.
#include "spec/analysis/sentence_parser.h"

#include <gtest/gtest.h>

#include "spec/analysis/spec_analyzer.h"

namespace protolm::spec {
namespace {

class SentenceParserTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<SpecAnalyzer> a = SpecAnalyzer::CreateDefault();
    ASSERT_TRUE(a.ok()) << a.status().message();
    analyzer_.emplace(std::move(*a));
    terms_ = analyzer_->terms();
    terms_.Add("Pointer");
    terms_.Add("Gateway Internet Address");
  }

  std::vector<std::string> Forms(const char* text, const char* field = "",
                                 SentenceKind kind = SentenceKind::kProse) {
    Result<SentenceParser> p =
        SentenceParser::Create(analyzer_->lexicon(), terms_);
    EXPECT_TRUE(p.ok());
    SentenceContext context;
    context.field = field;
    last_ = p->Parse(text, context, kind);
    std::vector<std::string> out;
    for (const ccg::TermPtr& f : last_.winnowed.forms)
      out.push_back(ccg::ToString(f));
    return out;
  }

  std::optional<SpecAnalyzer> analyzer_;
  TermDictionary terms_;
  ParsedSentence last_;
};

TEST_F(SentenceParserTest, AdviceBeforeTheChecksumComputation) {
  EXPECT_EQ(
      Forms("For computing the checksum, the checksum field should be zero."),
      std::vector<std::string>{"@AdvBefore(@Action('computing','checksum'),@"
                               "Should(@Is('checksum field',0)))"});
  EXPECT_FALSE(last_.subject_supplied);
}

TEST_F(SentenceParserTest, FieldIsSuppliedAsTheSubjectOfAFragment) {
  EXPECT_EQ(
      Forms("If code = 0, identifies the octet where an error was detected.",
            "Pointer"),
      std::vector<std::string>{
          "@If(@Compare('eq','code',0),@Action('identifies','pointer',"
          "@Which('octet',@Action('detected','error'))))"});
  EXPECT_TRUE(last_.subject_supplied);
  EXPECT_EQ(
      last_.parsed_text,
      "If code = 0, Pointer identifies the octet where an error was detected.");
  EXPECT_EQ(
      Forms("The source network and address from the original datagram's data.",
            "Gateway Internet Address"),
      std::vector<std::string>{
          "@Is('gateway internet address',@Prep('from',@And('source network',"
          "'address'),'original datagram \\'s data'))"});
}

TEST_F(SentenceParserTest, ValueDefinitionNamesTheValue) {
  EXPECT_EQ(Forms("4 = fragmentation needed and DF set;", "Code",
                  SentenceKind::kValueDefinition),
            std::vector<std::string>{
                "@Compare('eq',4,'fragmentation needed and df set')"});
}

// Grammar of RFC 792's long sentences, on short sentences of the same
// shape (spec_analyzer_test.cc checks the sentences themselves).
TEST_F(SentenceParserTest, ConditionsAttachToTheNearestClause) {
  // An elliptic condition after a coordinated predicate conditions the
  // nearest verb phrase; the noun's modifier stays on the shared subject.
  EXPECT_EQ(
      Forms("The field in the header is reserved and must be zero when sent."),
      std::vector<std::string>{
          "@And(@Action('reserved',@Prep('in','field','header')),@If(@Action("
          "'sent',@Prep('in','field','header')),@Must(@Is(@Prep('in','field',"
          "'header'),0))))"});
  // A fronted condition covers both coordinated clauses.
  EXPECT_EQ(Forms("If a host cannot complete the reassembly it discards the "
                  "datagram, and it may send a message."),
            std::vector<std::string>{
                "@If(@Not(@Can(@Action('complete','host','reassembly'))),@And("
                "@Action('discards','it','datagram'),@May(@Action('send','it',"
                "'message'))))"});
  // "If A then B provided C": one conditional, whichever way it nests.
  EXPECT_EQ(Forms("If the time is not available then any time can be inserted "
                  "provided the bit is set.")
                .size(),
            1u);
}

TEST_F(SentenceParserTest, ClauseLinksAndParticiples) {
  EXPECT_EQ(
      Forms("The host is sending traffic but the gateway may discard it."),
      std::vector<std::string>{"@And(@Action('sending','host','traffic'),@May("
                               "@Action('discard','gateway','it')))"});
  EXPECT_EQ(Forms("The flag is on; the datagram must be discarded."),
            std::vector<std::string>{"@And(@Is('flag','on'),@Must(@Action("
                                     "'discarded','datagram')))"});
  EXPECT_EQ(
      Forms("Another case is when the flag is on."),
      std::vector<std::string>{"@Is('case',@Which('when',@Is('flag','on')))"});
  EXPECT_EQ(Forms("Any field labeled unused must be zero."),
            std::vector<std::string>{"@Must(@Is(@Which('field',@Action("
                                     "'labeled','field','unused')),0))"});
  EXPECT_EQ(
      Forms("As this field is decremented at each gateway, the value should "
            "be at least as great as the number of gateways."),
      std::vector<std::string>{
          "@Prep('as',@Should(@Compare('ge','value',@Of('number','gateways')))"
          ",@Prep('at',@Action('decremented','field'),'gateway'))"});
  // An example ("e.g., ...") adds no behaviour.
  EXPECT_EQ(Forms("If the network is unreachable, e.g., the distance is "
                  "infinity, the gateway may send a message."),
            std::vector<std::string>{
                "@If(@Is('network','unreachable'),@May(@Action('send','gateway'"
                ",'message')))"});
}

TEST_F(SentenceParserTest, SentenceWithoutAReadingHasNoForm) {
  EXPECT_TRUE(Forms("Codes of the of.").empty());
  EXPECT_TRUE(last_.chart.forms.empty());
}

}  // namespace
}  // namespace protolm::spec

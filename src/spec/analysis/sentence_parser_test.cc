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

TEST_F(SentenceParserTest, SentenceWithoutAReadingHasNoForm) {
  EXPECT_TRUE(Forms("Codes of the of.").empty());
  EXPECT_TRUE(last_.chart.forms.empty());
}

}  // namespace
}  // namespace protolm::spec

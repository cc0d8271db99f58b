// End-to-end analysis of the RFCs in the shared data: RFC 792 as published
// (SAGE's ambiguous and under-specified sentences are flagged), the revised
// RFC 792 in testdata (every actionable sentence is ok) and the IGMP, NTP and
// BFD sections SAGE evaluated.
#include "spec/analysis/spec_analyzer.h"

#include <gtest/gtest.h>

#include "spec/analysis/analysis_json.h"
#include "testing/file_contents.h"

namespace protolm::spec {
namespace {

AnalysisReport Analyze(const std::string& path,
                       std::vector<std::string> sections = {}) {
  std::string text = testing::ReadFile(path);
  EXPECT_FALSE(text.empty()) << "cannot read " << path;
  Result<RfcDocument> doc = ReadRfc(text, path);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  Result<SpecAnalyzer> analyzer = SpecAnalyzer::CreateDefault();
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().message();
  if (!doc.ok() || !analyzer.ok()) return {};
  AnalysisOptions options;
  options.sections = std::move(sections);
  return analyzer->Analyze(*doc, options);
}

bool Flagged(SentenceStatus s) {
  return s == SentenceStatus::kAmbiguous || s == SentenceStatus::kUnparsed ||
         s == SentenceStatus::kUnderspecified;
}

const std::string kRfcs = std::string(PROTOLM_SHARED_DATA_DIR) + "/rfcs/";

TEST(SpecAnalyzerTest, Rfc792FlagsSagesSentencesAndFewOthers) {
  AnalysisReport r = Analyze(kRfcs + "rfc792.txt");
  ASSERT_GT(r.sentences.size(), 100u);
  // SAGE (sections 2.1, 4.1, 6.5): the checksum range (8 messages), "may be
  // zero" without a role (identifier and sequence number of 3 messages), the
  // reply recipe of 3 messages, and the redirect gateway address.
  const std::vector<std::pair<std::string, size_t>> kSage = {
      {"The checksum is the 16-bit ones's complement", 8},
      {"an identifier to aid in matching", 3},
      {"a sequence number to aid in matching", 3},
      {"the source and destination addresses are simply reversed", 3},
      {"Address of the gateway to which traffic", 1}};
  size_t sage_flagged = 0, flagged = 0;
  for (const SentenceAnalysis& a : r.sentences) {
    bool is_sage = false;
    for (const auto& [text, count] : kSage) {
      is_sage |= a.sentence.text.find(text) != std::string::npos;
    }
    if (is_sage) {
      EXPECT_TRUE(Flagged(a.status))
          << a.sentence.line << ": " << a.sentence.text;
      sage_flagged += Flagged(a.status);
    }
    flagged += Flagged(a.status);
  }
  EXPECT_EQ(sage_flagged, 18u);
  // The long sentences a careful reader finds clear ("Any field labeled
  // "unused" ...", the Time to Live description, "Another case is when ...",
  // the Source Quench and timestamp sentences, ...) all parse to one form.
  EXPECT_EQ(flagged - sage_flagged, 0u) << "clear sentences flagged";
  for (const SentenceAnalysis& a : r.sentences) {
    if (!Flagged(a.status)) continue;
    bool is_sage = false;
    for (const auto& [text, count] : kSage) {
      is_sage |= a.sentence.text.find(text) != std::string::npos;
    }
    EXPECT_TRUE(is_sage) << a.sentence.line << ": " << a.sentence.text << " ("
                         << SentenceStatusName(a.status) << ", " << a.reason
                         << ")";
  }
  for (const SentenceAnalysis& a : r.sentences) {
    if (a.sentence.text.find("may be zero") != std::string::npos) {
      EXPECT_EQ(a.status, SentenceStatus::kUnderspecified) << a.sentence.text;
    }
    if (a.sentence.text.find("addresses are simply reversed") !=
        std::string::npos) {
      EXPECT_EQ(a.status, SentenceStatus::kUnparsed) << a.sentence.text;
    }
    if (a.sentence.text.rfind("Address of the gateway to which traffic", 0) ==
        0) {
      EXPECT_EQ(a.status, SentenceStatus::kAmbiguous) << a.sentence.text;
    }
    if (a.sentence.text.rfind("The checksum is the 16-bit ones's", 0) == 0) {
      EXPECT_EQ(a.status, SentenceStatus::kUnderspecified);
      EXPECT_NE(a.reason.find("no end"), std::string::npos);
    }
  }
}

TEST(SpecAnalyzerTest, RevisedRfc792HasOnlyOkActionableSentences) {
  AnalysisReport r = Analyze(std::string(PROTOLM_SOURCE_DIR) +
                             "/src/spec/analysis/testdata/rfc792-revised.txt");
  ASSERT_GT(r.actionable, 100u);
  for (const SentenceAnalysis& a : r.sentences) {
    if (a.status == SentenceStatus::kNonActionable) continue;
    EXPECT_EQ(a.status, SentenceStatus::kOk)
        << a.sentence.line << ": " << a.sentence.text << " (" << a.reason
        << ")";
  }
  EXPECT_DOUBLE_EQ(r.parse_rate, 1.0);
}

TEST(SpecAnalyzerTest, OtherProtocolsParseMostActionableSentences) {
  struct Case {
    const char* file;
    std::vector<std::string> sections;
    size_t actionable_with_one_form;  // the parse rate's numerator today
  };
  for (const Case& c : {Case{"rfc1112.txt", {"Appendix I"}, 7},
                        Case{"rfc1059.txt", {"Appendix A", "Appendix B"}, 24},
                        Case{"rfc5880-section4.1.txt", {}, 33}}) {
    AnalysisReport r = Analyze(kRfcs + c.file, c.sections);
    EXPECT_GT(r.actionable, 5u) << c.file;
    EXPECT_GE(r.parse_rate, 0.75) << c.file;
    EXPECT_GE(r.actionable_with_one_form, c.actionable_with_one_form) << c.file;
  }
}

TEST(SpecAnalyzerTest, WinnowingCountsNeverGrow) {
  AnalysisReport r = Analyze(kRfcs + "rfc792.txt");
  for (const SentenceAnalysis& a : r.sentences) {
    for (size_t i = 1; i < a.lf_counts.size(); ++i) {
      EXPECT_LE(a.lf_counts[i], a.lf_counts[i - 1]) << a.sentence.text;
    }
    EXPECT_EQ(a.lf_counts.back(), a.forms.size());
  }
  ASSERT_EQ(r.winnowing.size(), 6u);
  EXPECT_GT(r.winnowing[0].mean, r.winnowing[5].mean);
  nlohmann::json summary = SummaryToJson(r);
  EXPECT_EQ(summary["winnowing"].size(), 6u);
  EXPECT_EQ(summary["sentences"], r.sentences.size());
}

}  // namespace
}  // namespace protolm::spec

// Tests for the JSON and Markdown reports.
#include <gtest/gtest.h>

#include "spec/analysis/analysis_json.h"
#include "spec/analysis/analysis_markdown.h"
#include "spec/analysis/spec_analyzer.h"

namespace protolm::spec {
namespace {

AnalysisReport Report() {
  Result<SpecAnalyzer> analyzer = SpecAnalyzer::CreateDefault();
  EXPECT_TRUE(analyzer.ok());
  std::vector<Sentence> sentences(3);
  sentences[0].text = "The checksum is zero.";
  sentences[0].context = {"ICMP", "Echo Message", "Checksum", ""};
  sentences[1].text =
      "If code = 0, an identifier to aid in matching echos and replies, may be "
      "zero.";
  sentences[1].context = {"ICMP", "Echo Message", "Identifier", ""};
  sentences[2].text = "ICMP is an integral part of IP.";
  for (size_t i = 0; i < sentences.size(); ++i) {
    sentences[i].section = "Echo";
    sentences[i].line = static_cast<int>(10 * (i + 1));
  }
  return analyzer->AnalyzeSentences(sentences, "test.txt");
}

TEST(AnalysisReportTest, JsonHasTheDocumentedKeys) {
  AnalysisReport r = Report();
  nlohmann::json j = SentencesToJson(r);
  ASSERT_EQ(j.size(), 3u);
  for (const char* key :
       {"section", "text", "status", "lf_counts", "logical_forms"}) {
    EXPECT_TRUE(j[0].contains(key)) << key;
  }
  EXPECT_EQ(j[0]["status"], "ok");
  EXPECT_EQ(j[0]["logical_forms"][0], "@Is('checksum',0)");
  EXPECT_EQ(j[0]["lf_counts"]["parsed"], 1);
  EXPECT_EQ(j[1]["status"], "underspecified");
  EXPECT_EQ(j[2]["status"], "non-actionable");
  nlohmann::json summary = SummaryToJson(r);
  EXPECT_EQ(summary["statuses"]["ok"], 1);
  EXPECT_EQ(summary["actionable"], 2);
}

TEST(AnalysisReportTest, MarkdownListsSentencesThatNeedAttention) {
  std::string md = AnalysisToMarkdown(Report());
  EXPECT_NE(md.find("# Specification analysis: test.txt"), std::string::npos);
  EXPECT_NE(md.find("### underspecified (section Echo, line 20)"),
            std::string::npos);
  EXPECT_NE(md.find("not who may set it"), std::string::npos);
  EXPECT_NE(md.find("| stage | mean | max | min |"), std::string::npos);
}

}  // namespace
}  // namespace protolm::spec

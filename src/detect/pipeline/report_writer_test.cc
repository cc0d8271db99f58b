// WriteReport: the three files, alerts worst first, hostile text escaped.
#include "detect/pipeline/report_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "detect/detect_test_support.h"
#include "detect/pipeline/scoring.h"
#include "detect/pipeline/training.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::detect {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ReportWriterTest, WritesAlertsWorstFirstWithEscapedText) {
  std::vector<TraceSequence> normal;
  for (int i = 0; i < 20; ++i) normal.push_back(Sequence("a b c", "n"));
  TrainSummary summary;
  auto file = TrainModelFile(normal, std::nullopt, {}, {}, summary);
  ASSERT_TRUE(file.ok());
  std::vector<TraceSequence> scored{
      Sequence("a b c", "fine"), Sequence("a <script> c", "one"),
      Sequence("<script> <x> <y> <z>", "worse")};
  auto thresholds = ChooseThresholds(*file, std::nullopt, std::nullopt);
  ASSERT_TRUE(thresholds.ok());
  testing::ScratchDir dir;
  ReportContent content{&*file, *thresholds, {"in.txt"},
                        ScoreTraces(*file, scored, *thresholds)};
  ASSERT_TRUE(WriteReport(dir.Path("r"), content).ok());
  auto json = nlohmann::json::parse(testing::ReadFile(dir.Path("r/report.json")));
  EXPECT_EQ(json["traces"], 3);
  ASSERT_EQ(json["alerts"], 2);
  EXPECT_EQ(json["alert_records"][0]["trace"], "worse");
  EXPECT_EQ(json["alert_records"][1]["trace"], "one");
  const std::string html = testing::ReadFile(dir.Path("r/report.html"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(testing::ReadFile(dir.Path("r/report.md")),
              HasSubstr("traces: 3, alerts: 2"));
}

}  // namespace
}  // namespace protolm::detect

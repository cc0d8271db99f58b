// Rendering the clone report (clone_report.h).
#include "clone/clone_report.h"

#include <gtest/gtest.h>

namespace protolm::clone {
namespace {

nlohmann::json Scores(double bca, double rva) {
  return {{"n", 10}, {"bca", bca}, {"rva", rva}, {"rva_epsilon", rva},
          {"byte_accuracy", 0.9},
          {"per_function", {{"read_coils", {{"n", 4}, {"bca", 0.5},
                                             {"rva", 1.0},
                                             {"byte_accuracy", 0.75}}}}}};
}

nlohmann::json Report() {
  nlohmann::json report = {{"protocol", "modbus"}, {"chosen_size", 400},
                           {"rounds", nlohmann::json::array()}};
  for (int size : {200, 400}) {
    report["rounds"].push_back({{"size", size},
                                {"train_seconds", 12.0},
                                {"epochs", 5},
                                {"pure", Scores(0.8, 1.0)},
                                {"pure_unconstrained", Scores(0.7, 0.95)},
                                {"with_state", Scores(0.99, 1.0)}});
  }
  return report;
}

TEST(CloneReportTest, MarkdownHasOneRowPerRoundAndTheBreakdown) {
  std::string md = RenderReportMarkdown(Report(), "metrics.svg");
  EXPECT_NE(md.find("| 200 | 12 | 5 | 80.0% | 100.0% | 100.0% | 90.0% | "
                    "70.0% | 95.0% | 95.0% | 90.0% | 99.0% |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| 400 |"), std::string::npos);
  EXPECT_NE(md.find("![metrics against dataset size](metrics.svg)"),
            std::string::npos);
  EXPECT_NE(md.find("| read_coils | 4 | 50.0% | 100.0% | – | 75.0% | 50.0% |"),
            std::string::npos)
      << md;
}

TEST(CloneReportTest, ProcessOutputsOfTheChosenRoundAreTabled) {
  nlohmann::json report = Report();
  report["rounds"][1]["process"] = nlohmann::json::parse(
      R"([{"name": "signum", "n": 12, "range": 2,
           "rva_epsilon": {"0.01": 0.5, "0.05": 0.75, "0.1": 1.0}}])");
  std::string md = RenderReportMarkdown(report, "metrics.svg");
  EXPECT_NE(md.find("## Process outputs (size 400, pure model)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| signum | 12 | 2 | 50.0% | 75.0% | 100.0% |"),
            std::string::npos)
      << md;
  EXPECT_EQ(RenderReportMarkdown(Report(), "m.svg").find("Process outputs"),
            std::string::npos);
}

TEST(CloneReportTest, SvgPlotsEverySeriesAtEverySize) {
  std::string svg = RenderMetricPlotSvg(Report());
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  size_t lines = 0;
  for (size_t at = svg.find("<polyline"); at != std::string::npos;
       at = svg.find("<polyline", at + 1))
    ++lines;
  EXPECT_EQ(lines, 5u);
  EXPECT_NE(svg.find(">200<"), std::string::npos);
  EXPECT_NE(svg.find(">400<"), std::string::npos);
}

TEST(CloneReportTest, EmptyReportStillRenders) {
  nlohmann::json empty = nlohmann::json::object();
  EXPECT_NE(RenderReportMarkdown(empty, "m.svg").find("| size |"),
            std::string::npos);
  EXPECT_NE(RenderMetricPlotSvg(empty).find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace protolm::clone

// The charts of `detect report`: see report_svg.h.
#include "detect/pipeline/report_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace protolm::detect {

namespace {

constexpr double kWidth = 640, kHeight = 240, kMargin = 40;
constexpr size_t kBins = 30;
constexpr const char* kNormalColour = "#4a7ab5";
constexpr const char* kAlertColour = "#c0392b";

struct Range {
  double low = 0, high = 1;
  // x in [low, high] -> [0, 1]
  double Unit(double x) const {
    return high > low ? (x - low) / (high - low) : 0.5;
  }
};

Range RangeOf(std::span<const double> scores, double threshold) {
  Range range{threshold, threshold};
  for (double s : scores) {
    if (!std::isfinite(s)) continue;
    range.low = std::min(range.low, s);
    range.high = std::max(range.high, s);
  }
  return range;
}

std::string Open(const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" "
      "font-size=\"11\"><title>{2}</title>"
      "<line x1=\"{3}\" y1=\"{4}\" x2=\"{5}\" y2=\"{4}\" stroke=\"#333\"/>"
      "<line x1=\"{3}\" y1=\"{6}\" x2=\"{3}\" y2=\"{4}\" stroke=\"#333\"/>",
      kWidth, kHeight, title, kMargin, kHeight - kMargin, kWidth - kMargin / 2,
      kMargin / 2);
}

std::string Threshold(double x, const std::string& orientation) {
  if (orientation == "vertical") {
    return fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
        "stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
        "<text x=\"{0:.1f}\" y=\"{3}\">threshold</text>",
        x, kMargin / 2, kHeight - kMargin, kMargin / 2 - 4);
  }
  return fmt::format(
      "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" "
      "stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
      "<text x=\"{3}\" y=\"{4:.1f}\">threshold</text>",
      kMargin, x, kWidth - kMargin / 2, kWidth - 3 * kMargin, x - 4);
}

std::string AxisLabels(const std::string& x_name,
                       const std::string& low, const std::string& high) {
  return fmt::format(
      "<text x=\"{0}\" y=\"{1}\">{2}</text>"
      "<text x=\"{3}\" y=\"{1}\" text-anchor=\"end\">{4}</text>"
      "<text x=\"{5}\" y=\"{6}\" text-anchor=\"middle\">{7}</text>",
      kMargin, kHeight - kMargin + 14, low, kWidth - kMargin / 2, high,
      kWidth / 2, kHeight - 8, x_name);
}

}  // namespace

std::string ScoreHistogram(std::span<const double> scores, double threshold) {
  const Range range = RangeOf(scores, threshold);
  std::vector<size_t> normal(kBins), alerts(kBins);
  size_t tallest = 1;
  for (double s : scores) {
    if (!std::isfinite(s)) continue;
    size_t bin = std::min(kBins - 1, static_cast<size_t>(range.Unit(s) * kBins));
    (s > threshold ? alerts : normal)[bin]++;
    tallest = std::max(tallest, normal[bin] + alerts[bin]);
  }
  const double plot_w = kWidth - 1.5 * kMargin, plot_h = kHeight - 1.5 * kMargin;
  const double bar_w = plot_w / kBins;
  std::string svg = Open("Trace scores: normal and alerts");
  for (size_t bin = 0; bin < kBins; ++bin) {
    double x = kMargin + bin * bar_w;
    double y = kHeight - kMargin;
    for (auto [count, colour] : {std::pair{normal[bin], kNormalColour},
                                 std::pair{alerts[bin], kAlertColour}}) {
      if (count == 0) continue;
      double h = plot_h * static_cast<double>(count) / tallest;
      y -= h;
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"{}\"><title>{} traces</title></rect>",
          x + 1, y, bar_w - 2, h, colour, count);
    }
  }
  svg += Threshold(kMargin + range.Unit(threshold) * plot_w, "vertical");
  svg += AxisLabels("trace score (blue: normal, red: alerts)",
                    fmt::format("{:.3g}", range.low),
                    fmt::format("{:.3g}", range.high));
  svg += fmt::format("<text x=\"4\" y=\"{}\">{}</text></svg>", kMargin / 2 + 4,
                     tallest);
  return svg;
}

std::string ScoreTimeline(std::span<const double> scores, double threshold) {
  const Range range = RangeOf(scores, threshold);
  const double plot_w = kWidth - 1.5 * kMargin, plot_h = kHeight - 1.5 * kMargin;
  std::string svg = Open("Trace scores in input order");
  const double n = std::max<double>(1, static_cast<double>(scores.size()) - 1);
  for (size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) continue;
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\" fill=\"{}\"/>",
        kMargin + plot_w * static_cast<double>(i) / n,
        kHeight - kMargin - plot_h * range.Unit(scores[i]),
        scores[i] > threshold ? kAlertColour : kNormalColour);
  }
  svg += Threshold(kHeight - kMargin - plot_h * range.Unit(threshold),
                   "horizontal");
  svg += AxisLabels("traces in input order", "first", "last");
  svg += fmt::format(
      "<text x=\"4\" y=\"{}\">{:.3g}</text><text x=\"4\" y=\"{}\">{:.3g}"
      "</text></svg>",
      kMargin / 2 + 4, range.high, kHeight - kMargin, range.low);
  return svg;
}

}  // namespace protolm::detect

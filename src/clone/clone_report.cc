// Rendering the clone report as Markdown and SVG (see clone_report.h).
#include "clone/clone_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace protolm::clone {
namespace {

double Metric(const nlohmann::json& scores, const char* key) {
  auto it = scores.find(key);
  return it != scores.end() && it->is_number() ? it->get<double>() : NAN;
}

std::string Percent(double ratio) {
  return std::isnan(ratio) ? "–" : fmt::format("{:.1f}%", 100 * ratio);
}

/// One table row of a metrics object: BCA, RVA, RVA-ε, byte accuracy.
std::string MetricCells(const nlohmann::json& scores) {
  return fmt::format("{} | {} | {} | {}", Percent(Metric(scores, "bca")),
                     Percent(Metric(scores, "rva")),
                     Percent(Metric(scores, "rva_epsilon")),
                     Percent(Metric(scores, "byte_accuracy")));
}

const nlohmann::json& Section(const nlohmann::json& round, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  auto it = round.find(key);
  return it != round.end() ? *it : kEmpty;
}

struct Series {
  std::string label;
  std::string color;
  const char* section;
  const char* metric;
};

}  // namespace

std::string RenderReportMarkdown(const nlohmann::json& report,
                                 const std::string& plot_file) {
  std::string md = fmt::format(
      "# protolm clone report\n\n"
      "- protocol: {}\n- target: {}\n- strategy: {}\n- model: {} {} "
      "(context {})\n- seed: {}\n- ε for RVA-ε: {}\n- stopped: {}\n"
      "- chosen dataset size: {}\n\n",
      report.value("protocol", ""), report.value("target", ""),
      report.value("strategy", ""), report.value("arch", ""),
      report.value("preset", ""), report.value("context", 0),
      report.value("seed", 0), report.value("epsilon", 0.0),
      report.value("stopped_because", ""), report.value("chosen_size", 0));
  md +=
      "Pure model: random 80/10/10 split, each test request answered on its "
      "own (LLMPot's protocol), with constrained decoding; unconstrained: the "
      "same without the protocol grammar; with state: the probe sequence "
      "replayed in order through the clone (model + state overlay), test "
      "requests answered in place.\n\n";
  md +=
      "| size | train s | epochs | pure BCA | pure RVA | pure RVA-ε | pure "
      "byte acc | uncon. BCA | uncon. RVA | uncon. RVA-ε | uncon. byte acc | "
      "state BCA | state RVA | state RVA-ε | state byte acc |\n"
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      "---:|\n";
  for (const nlohmann::json& round : report.value("rounds", nlohmann::json::array())) {
    md += fmt::format("| {} | {:.0f} | {} | {} | {} | {} |\n",
                      round.value("size", 0), round.value("train_seconds", 0.0),
                      round.value("epochs", 0),
                      MetricCells(Section(round, "pure")),
                      MetricCells(Section(round, "pure_unconstrained")),
                      MetricCells(Section(round, "with_state")));
  }
  md += fmt::format("\n![metrics against dataset size]({})\n", plot_file);

  const size_t chosen = report.value("chosen_size", size_t{0});
  for (const nlohmann::json& round : report.value("rounds", nlohmann::json::array())) {
    if (round.value("size", size_t{0}) != chosen) continue;
    md += fmt::format(
        "\n## Per function (size {}, pure model, constrained)\n\n"
        "| function | n | BCA | RVA | RVA-ε | byte acc | state BCA |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n",
        chosen);
    const nlohmann::json& state_functions =
        Section(Section(round, "with_state"), "per_function");
    for (const auto& [name, scores] :
         Section(Section(round, "pure"), "per_function").items()) {
      md += fmt::format("| {} | {} | {} | {} |\n", name, scores.value("n", 0),
                        MetricCells(scores),
                        Percent(Metric(Section(state_functions, name.c_str()),
                                       "bca")));
    }
    const nlohmann::json processes =
        round.value("process", nlohmann::json::array());
    if (processes.empty()) continue;
    md += fmt::format(
        "\n## Process outputs (size {}, pure model)\n\n"
        "RVA-ε of the test requests that read each process variable's output, "
        "ε a share of the output's range (max - min of the real outputs the "
        "probe read).\n\n"
        "| variable | n | range | RVA-ε 1% | RVA-ε 5% | RVA-ε 10% |\n"
        "|---|---:|---:|---:|---:|---:|\n",
        chosen);
    for (const nlohmann::json& p : processes) {
      const nlohmann::json by = p.value("rva_epsilon", nlohmann::json::object());
      md += fmt::format("| {} | {} | {:g} | {} | {} | {} |\n",
                        p.value("name", ""), p.value("n", 0),
                        p.value("range", 0.0), Percent(Metric(by, "0.01")),
                        Percent(Metric(by, "0.05")), Percent(Metric(by, "0.1")));
    }
  }
  return md;
}

std::string RenderMetricPlotSvg(const nlohmann::json& report) {
  constexpr double kWidth = 640, kHeight = 400, kLeft = 60, kRight = 150,
                   kTop = 30, kBottom = 50;
  const std::vector<Series> series = {
      {"BCA (pure)", "#1f77b4", "pure", "bca"},
      {"RVA (pure)", "#2ca02c", "pure", "rva"},
      {"RVA-ε (pure)", "#ff7f0e", "pure", "rva_epsilon"},
      {"byte acc. (pure)", "#9467bd", "pure", "byte_accuracy"},
      {"BCA (with state)", "#d62728", "with_state", "bca"},
  };
  const nlohmann::json rounds = report.value("rounds", nlohmann::json::array());
  double min_x = INFINITY, max_x = -INFINITY;
  for (const nlohmann::json& round : rounds) {
    double x = std::log2(std::max(1.0, round.value("size", 1.0)));
    min_x = std::min(min_x, x);
    max_x = std::max(max_x, x);
  }
  if (!(max_x > min_x)) {
    min_x = std::isfinite(min_x) ? min_x - 1 : 0;
    max_x = min_x + 2;
  }
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - min_x) / (max_x - min_x) * plot_w; };
  auto py = [&](double y) { return kTop + (1 - y) * plot_h; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{}\" y=\"18\" font-size=\"14\">{} clone: metrics against "
      "dataset size</text>\n",
      kWidth, kHeight, kLeft, report.value("protocol", ""));
  for (int tick = 0; tick <= 10; tick += 2) {
    double y = py(tick / 10.0);
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
        "stroke=\"#ddd\"/><text x=\"{:.1f}\" y=\"{:.1f}\" "
        "text-anchor=\"end\">{}%</text>\n",
        kLeft, y, kLeft + plot_w, y, kLeft - 6, y + 4, tick * 10);
  }
  for (const nlohmann::json& round : rounds) {
    double x = px(std::log2(std::max(1.0, round.value("size", 1.0))));
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x,
        kTop + plot_h + 18, round.value("size", 0));
  }
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">dataset size "
      "(requests)</text>\n",
      kLeft + plot_w / 2, kHeight - 10);
  for (size_t s = 0; s < series.size(); ++s) {
    std::string points;
    for (const nlohmann::json& round : rounds) {
      double y = Metric(Section(round, series[s].section), series[s].metric);
      if (std::isnan(y)) continue;
      double x = px(std::log2(std::max(1.0, round.value("size", 1.0))));
      points += fmt::format("{:.1f},{:.1f} ", x, py(y));
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" "
                         "fill=\"{}\"/>\n",
                         x, py(y), series[s].color);
    }
    if (!points.empty()) {
      svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
                         "stroke-width=\"2\"/>\n",
                         points, series[s].color);
    }
    double ly = kTop + 10 + 20 * s;
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" "
        "fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
        kLeft + plot_w + 12, ly - 10, series[s].color, kLeft + plot_w + 30, ly,
        series[s].label);
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace protolm::clone

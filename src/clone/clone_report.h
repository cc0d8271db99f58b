// The clone pipeline's report: what each round (dataset size) measured, as
// JSON (report.json), Markdown (report.md) and an SVG plot of the metrics
// against the dataset size (metrics.svg, linked from report.md).
//
// The JSON document is the source; the other two are rendered from it:
//   {"protocol", "target", "profile", "strategy", "preset", "arch",
//    "context", "seed", "epsilon", "stopped_because", "chosen_size",
//    "rounds": [{"size", "train", "validation", "test", "epochs",
//                "train_seconds", "tokens_per_second",
//                "pure": <metrics::ReportToJson>,        // constrained
//                "pure_unconstrained": <ReportToJson>,
//                "with_state": <ReportToJson>,           // replay in order
//                "process": <ProcessAccuracyToJson>}]}   // weighted only
// Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace protolm::clone {

/// report.md: a table of size → BCA, RVA, RVA-ε, byte accuracy, train time
/// (pure, unconstrained, with state), the per-function breakdown of the chosen
/// round (and its process outputs' RVA-ε against ε, when it has them), and a
/// link to `plot_file`.
std::string RenderReportMarkdown(const nlohmann::json& report,
                                 const std::string& plot_file);

/// metrics.svg: BCA, RVA, RVA-ε and byte accuracy (pure) and BCA with state
/// against the dataset size (log2 axis).
std::string RenderMetricPlotSvg(const nlohmann::json& report);

}  // namespace protolm::clone

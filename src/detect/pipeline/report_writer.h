// `detect report`: the scored traces of one run written to a directory as
// report.json, report.md and a self-contained report.html.
//
//   report.json  {"model": {source, detector, threshold, event_threshold},
//                 "traces": n, "alerts": n, "alert_records": [every alert's
//                 score record with its evidence, worst (highest score)
//                 first]};
//   report.md    the same summary and a table of the alerts, worst first
//                (first anomalous event, what was expected, the context);
//   report.html  the summary, two inline SVG charts (report_svg.h: the
//                score histogram, normal vs alerts, and the scores in input
//                order) and the alerts table; no scripts, no links out.
// The directory is created when missing. Text from the traces is escaped
// (HTML) or put in code spans (Markdown), never interpreted.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "detect/alert_explanation.h"
#include "detect/pipeline/model_file.h"

namespace protolm::detect {

struct ReportContent {
  const ModelFile* file = nullptr;
  Thresholds thresholds;
  std::vector<std::string> inputs;
  std::vector<nlohmann::json> records;  // ScoreTraces, in input order
};

/// Errors: the directory or a file cannot be written.
Status WriteReport(const std::string& dir, const ReportContent& content);

}  // namespace protolm::detect

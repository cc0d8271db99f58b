// `detect report`'s files: see report_writer.h.
#include "detect/pipeline/report_writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "detect/pipeline/report_svg.h"

namespace protolm::detect {

namespace {

namespace fs = std::filesystem;

constexpr size_t kTableRows = 200;  // alerts listed in md/html; json has all

std::string Dump(const nlohmann::json& json, int indent = -1) {
  return json.dump(indent, ' ', false,
                   nlohmann::json::error_handler_t::replace);
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Inline code for Markdown: backticks and table bars cannot break out.
std::string Code(std::string_view text) {
  std::string out = "`";
  for (char c : text) {
    if (c == '`') {
      out += '\'';
    } else if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "`";
}

// One alert's evidence as plain text pieces (each then escaped).
struct AlertRow {
  std::string trace, score, events, index, observed, expected, context;
};

AlertRow RowOf(const nlohmann::json& record) {
  AlertRow row;
  row.trace = Dump(record["trace"]);
  row.score = fmt::format("{:.4g}", record["score"].get<double>());
  row.events = Dump(record["events"]);
  const nlohmann::json& first = record["first_anomaly"];
  if (first.is_object()) {
    row.index = Dump(first["index"]);
    row.observed = first["observed"].get<std::string>();
    for (const nlohmann::json& e : first["expected"]) {
      if (!row.expected.empty()) row.expected += ", ";
      row.expected += fmt::format("{} ({:.3f})", e["event"].get<std::string>(),
                                  e["p"].get<double>());
    }
    for (const nlohmann::json& token : first["context"]) {
      if (!row.context.empty()) row.context += " ";
      row.context += token.get<std::string>();
    }
  }
  return row;
}

nlohmann::json ModelSummary(const ReportContent& c) {
  nlohmann::json source = c.file->source.ToJson();
  source.erase("miner");  // the templates are no summary
  return {{"source", std::move(source)},
          {"detector", std::string(c.file->model.detector->kind())},
          {"threshold", c.thresholds.trace},
          {"event_threshold", c.thresholds.event}};
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return IoError(path.string() + ": cannot write");
  return Status::Ok();
}

std::string Markdown(const ReportContent& c, const nlohmann::json& summary,
                     const std::vector<nlohmann::json>& alerts) {
  std::string md = "# protolm detect report\n\n";
  md += fmt::format("- inputs: {}\n", fmt::join(c.inputs, ", "));
  md += fmt::format("- source: {}, detector: {}\n",
                    summary["source"]["kind"].get<std::string>(),
                    summary["detector"].get<std::string>());
  md += fmt::format("- traces: {}, alerts: {} (trace threshold {:.4g})\n\n",
                    c.records.size(), alerts.size(), c.thresholds.trace);
  if (alerts.empty()) return md + "No alerts.\n";
  md += "| trace | score | events | first anomaly | observed | expected | "
        "context |\n|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < std::min(alerts.size(), kTableRows); ++i) {
    AlertRow r = RowOf(alerts[i]);
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", Code(r.trace),
                      r.score, r.events, r.index, Code(r.observed),
                      Code(r.expected), Code(r.context));
  }
  if (alerts.size() > kTableRows) {
    md += fmt::format("\n{} more alerts in report.json.\n",
                      alerts.size() - kTableRows);
  }
  return md;
}

std::string Html(const ReportContent& c, const nlohmann::json& summary,
                 const std::vector<nlohmann::json>& alerts) {
  std::vector<double> scores;
  for (const nlohmann::json& r : c.records) {
    scores.push_back(r["score"].get<double>());
  }
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
      "<title>protolm detect report</title><style>body{font-family:sans-serif;"
      "margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
      "padding:2px 6px;font-size:12px}code{font-size:11px}</style></head>"
      "<body><h1>protolm detect report</h1>";
  html += fmt::format(
      "<p>inputs: {}<br>source: {}, detector: {}<br>traces: {}, alerts: {} "
      "(trace threshold {:.4g})</p>",
      EscapeHtml(fmt::format("{}", fmt::join(c.inputs, ", "))),
      EscapeHtml(summary["source"]["kind"].get<std::string>()),
      EscapeHtml(summary["detector"].get<std::string>()), c.records.size(),
      alerts.size(), c.thresholds.trace);
  html += "<h2>Scores</h2>" + ScoreHistogram(scores, c.thresholds.trace);
  html += "<h2>Timeline</h2>" + ScoreTimeline(scores, c.thresholds.trace);
  html += "<h2>Alerts, worst first</h2>";
  if (alerts.empty()) return html + "<p>No alerts.</p></body></html>\n";
  html += "<table><tr><th>trace</th><th>score</th><th>events</th>"
          "<th>first anomaly</th><th>observed</th><th>expected</th>"
          "<th>context</th></tr>";
  for (size_t i = 0; i < std::min(alerts.size(), kTableRows); ++i) {
    AlertRow r = RowOf(alerts[i]);
    html += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td><code>{}</code></td><td><code>{}</code></td>"
        "<td><code>{}</code></td></tr>",
        EscapeHtml(r.trace), r.score, r.events, r.index, EscapeHtml(r.observed),
        EscapeHtml(r.expected), EscapeHtml(r.context));
  }
  return html + "</table></body></html>\n";
}

}  // namespace

Status WriteReport(const std::string& dir, const ReportContent& content) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return IoError(dir + ": cannot create: " + error.message());
  std::vector<nlohmann::json> alerts;
  for (const nlohmann::json& record : content.records) {
    if (record["anomalous"].get<bool>()) alerts.push_back(record);
  }
  std::stable_sort(alerts.begin(), alerts.end(),
                   [](const nlohmann::json& a, const nlohmann::json& b) {
                     return a["score"].get<double>() > b["score"].get<double>();
                   });
  nlohmann::json summary = ModelSummary(content);
  nlohmann::json json{{"model", summary},
                      {"inputs", content.inputs},
                      {"traces", content.records.size()},
                      {"alerts", alerts.size()},
                      {"alert_records", alerts}};
  const fs::path root(dir);
  RETURN_IF_ERROR(WriteFile(root / "report.json", Dump(json, 1) + "\n"));
  RETURN_IF_ERROR(
      WriteFile(root / "report.md", Markdown(content, summary, alerts)));
  return WriteFile(root / "report.html", Html(content, summary, alerts));
}

}  // namespace protolm::detect

// Markdown rendering of analysis reports (see analysis_markdown.h).
#include "spec/analysis/analysis_markdown.h"

#include <fmt/format.h>

namespace protolm::spec {
namespace {

std::string ContextText(const SentenceContext& c) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ", ";
    out += std::string(key) + " " + value;
  };
  add("protocol", c.protocol);
  add("message", c.message);
  add("field", c.field);
  add("role", c.role);
  return out.empty() ? "none" : out;
}

std::string Counts(const SentenceAnalysis& a) {
  std::string out;
  for (size_t i = 0; i < a.lf_counts.size(); ++i) {
    if (i) out += " → ";
    out += std::to_string(a.lf_counts[i]);
  }
  return out;
}

}  // namespace

std::string AnalysisToMarkdown(const AnalysisReport& r) {
  std::string out = fmt::format("# Specification analysis: {}\n\n", r.source);
  out += "| status | sentences |\n|---|---|\n";
  for (const auto& [status, count] : r.status_counts) {
    out += fmt::format("| {} | {} |\n", SentenceStatusName(status), count);
  }
  out += fmt::format(
      "\nActionable sentences: {}; with exactly one logical form: {} (parse "
      "rate {:.1f}%).\n\n",
      r.actionable, r.actionable_with_one_form, 100.0 * r.parse_rate);
  out += fmt::format(
      "Winnowing over the {} sentences that parsed to more than one form:\n\n",
      r.multi_form_sentences);
  out += "| stage | mean | max | min |\n|---|---|---|---|\n";
  for (const WinnowingRow& row : r.winnowing) {
    out += fmt::format("| {} | {:.2f} | {} | {} |\n", row.stage, row.mean,
                       row.max, row.min);
  }
  out += "\n## Sentences that need attention\n\n";
  for (const SentenceAnalysis& a : r.sentences) {
    if (a.status == SentenceStatus::kOk ||
        a.status == SentenceStatus::kNonActionable) {
      continue;
    }
    out += fmt::format("### {} (section {}, line {})\n\n",
                       SentenceStatusName(a.status), a.sentence.section,
                       a.sentence.line);
    out += fmt::format("> {}\n\n", a.sentence.text);
    out += fmt::format("- context: {}\n", ContextText(a.sentence.context));
    if (a.subject_supplied)
      out += fmt::format("- parsed as: {}\n", a.parsed_text);
    out += fmt::format("- logical forms (parsed → after each check): {}\n",
                       Counts(a));
    for (const ccg::TermPtr& f : a.forms) {
      out += fmt::format("  - `{}`\n", ccg::ToString(f));
    }
    out += fmt::format("- {}\n\n", a.reason);
  }
  out +=
      "## Other sentences\n\n| line | status | logical form |\n|---|---|---|\n";
  for (const SentenceAnalysis& a : r.sentences) {
    if (a.status != SentenceStatus::kOk &&
        a.status != SentenceStatus::kNonActionable) {
      continue;
    }
    std::string form =
        a.forms.size() == 1 ? "`" + ccg::ToString(a.forms[0]) + "`" : "";
    out += fmt::format("| {} | {} | {} |\n", a.sentence.line,
                       SentenceStatusName(a.status), form);
  }
  return out;
}

}  // namespace protolm::spec

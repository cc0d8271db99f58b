// JSON rendering of analysis reports (see analysis_json.h).
#include "spec/analysis/analysis_json.h"

#include "spec/ccg/winnowing.h"

namespace protolm::spec {

nlohmann::json SentencesToJson(const AnalysisReport& report) {
  nlohmann::json out = nlohmann::json::array();
  for (const SentenceAnalysis& a : report.sentences) {
    nlohmann::json counts;
    counts["parsed"] = a.lf_counts[0];
    for (size_t i = 0; i < ccg::kWinnowChecks.size(); ++i) {
      counts[ccg::WinnowCheckName(ccg::kWinnowChecks[i])] = a.lf_counts[i + 1];
    }
    nlohmann::json forms = nlohmann::json::array();
    for (const ccg::TermPtr& f : a.forms) forms.push_back(ccg::ToString(f));
    nlohmann::json s = {
        {"section", a.sentence.section},
        {"line", a.sentence.line},
        {"text", a.sentence.text},
        {"context",
         {{"protocol", a.sentence.context.protocol},
          {"message", a.sentence.context.message},
          {"field", a.sentence.context.field},
          {"role", a.sentence.context.role}}},
        {"noun_phrases", a.noun_phrases},
        {"lf_counts", counts},
        {"derivations", a.derivations},
        {"logical_forms", forms},
        {"status", SentenceStatusName(a.status)},
        {"reason", a.reason},
    };
    if (a.subject_supplied) s["parsed_text"] = a.parsed_text;
    if (a.truncated) s["truncated"] = true;
    out.push_back(std::move(s));
  }
  return out;
}

nlohmann::json SummaryToJson(const AnalysisReport& report) {
  nlohmann::json statuses = nlohmann::json::object();
  for (auto status : {SentenceStatus::kOk, SentenceStatus::kAmbiguous,
                      SentenceStatus::kUnparsed, SentenceStatus::kNonActionable,
                      SentenceStatus::kUnderspecified}) {
    auto it = report.status_counts.find(status);
    statuses[SentenceStatusName(status)] =
        it == report.status_counts.end() ? 0 : it->second;
  }
  nlohmann::json table = nlohmann::json::array();
  for (const WinnowingRow& row : report.winnowing) {
    table.push_back({{"stage", row.stage},
                     {"mean", row.mean},
                     {"max", row.max},
                     {"min", row.min}});
  }
  return {{"source", report.source},
          {"sentences", report.sentences.size()},
          {"statuses", statuses},
          {"actionable", report.actionable},
          {"actionable_with_one_form", report.actionable_with_one_form},
          {"parse_rate", report.parse_rate},
          {"multi_form_sentences", report.multi_form_sentences},
          {"winnowing", table}};
}

}  // namespace protolm::spec

// Scored-trace records with alert evidence: see alert_explanation.h.
#include "detect/alert_explanation.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace protolm::detect {

namespace {

size_t MostSurprising(const TraceDetector& detector,
                      std::span<const TokenId> ids) {
  std::vector<double> surprisals;
  detector.EventSurprisals(ids, surprisals);
  return static_cast<size_t>(
      std::max_element(surprisals.begin(), surprisals.end()) -
      surprisals.begin());
}

nlohmann::json Evidence(const DetectorModel& model, const TraceSequence& trace,
                        std::span<const TokenId> ids, size_t index,
                        const ExplainOptions& options) {
  nlohmann::json expected = nlohmann::json::array();
  for (const Expectation& e :
       model.detector->Expected(ids, index, options.top_k)) {
    expected.push_back({{"event", model.vocabulary.Text(e.event)}, {"p", e.p}});
  }
  size_t context_start = index - std::min(index, options.context);
  nlohmann::json context = nlohmann::json::array();
  for (size_t i = context_start; i < index; ++i) {
    context.push_back(trace.tokens[i]);
  }
  return nlohmann::json{{"index", index},
                        {"observed", trace.tokens[index]},
                        {"expected", std::move(expected)},
                        {"context", std::move(context)}};
}

}  // namespace

nlohmann::json ScoreRecord(const DetectorModel& model,
                           const TraceSequence& trace,
                           const Thresholds& thresholds,
                           const ExplainOptions& options) {
  std::vector<TokenId> ids = model.Encode(trace);
  double score = model.detector->TraceScore(ids);
  bool anomalous = score > thresholds.trace;
  nlohmann::json record{{"trace", trace.id},
                        {"first_record", trace.first_record},
                        {"score", score},
                        {"anomalous", anomalous},
                        {"events", ids.size()}};
  if (anomalous && !ids.empty()) {
    size_t index = model.detector->FirstAnomaly(ids, thresholds.event)
                       .value_or(MostSurprising(*model.detector, ids));
    record["first_anomaly"] = Evidence(model, trace, ids, index, options);
  }
  return record;
}

}  // namespace protolm::detect

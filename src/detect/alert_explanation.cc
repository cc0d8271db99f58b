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

}  // namespace

nlohmann::json AlertEvidence(const DetectorModel& model,
                             const TraceSequence& trace,
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
  // Index = the number of events: the trace's end was the anomaly.
  const std::string observed = index < trace.tokens.size()
                                   ? trace.tokens[index]
                                   : std::string(Vocabulary::kBoundaryText);
  return nlohmann::json{{"index", index},
                        {"observed", observed},
                        {"expected", std::move(expected)},
                        {"context", std::move(context)}};
}

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
  if (anomalous) {
    std::optional<size_t> index =
        model.detector->FirstAnomaly(ids, thresholds.event);
    if (!index && !ids.empty()) index = MostSurprising(*model.detector, ids);
    if (index && *index <= ids.size()) {
      record["first_anomaly"] = AlertEvidence(model, trace, ids, *index, options);
    }
  }
  return record;
}

}  // namespace protolm::detect

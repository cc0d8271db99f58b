// TraceDetector's shared parts: the default first anomaly, top-k and
// loading any detector by its "kind".
#include "detect/trace_detector.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "detect/count_vector_detector.h"
#include "detect/json_fields.h"
#include "util/escaped_text.h"
#include "detect/learned_detector.h"
#include "detect/ngram_detector.h"
#include "detect/stide_detector.h"

namespace protolm::detect {

std::optional<size_t> TraceDetector::FirstAnomaly(
    std::span<const TokenId> trace, double event_threshold) const {
  std::vector<double> surprisals;
  EventSurprisals(trace, surprisals);
  for (size_t i = 0; i < surprisals.size(); ++i) {
    if (surprisals[i] > event_threshold) return i;
  }
  return std::nullopt;
}

std::vector<Expectation> TopK(std::span<const double> p, size_t k) {
  std::vector<Expectation> all;
  all.reserve(p.size());
  for (size_t id = 0; id < p.size(); ++id) {
    all.push_back({static_cast<TokenId>(id), p[id]});
  }
  k = std::min(k, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<ptrdiff_t>(k),
                    all.end(), [](const Expectation& a, const Expectation& b) {
                      return a.p != b.p ? a.p > b.p : a.event < b.event;
                    });
  all.resize(k);
  return all;
}

Result<std::unique_ptr<TraceDetector>> DetectorFromJson(
    const nlohmann::json& json, size_t vocabulary_size) {
  ASSIGN_OR_RETURN(std::string kind, ReadString(json, "kind"));
  if (kind == "stide") return StideDetector::FromJson(json, vocabulary_size);
  if (kind == "ngram") return NgramDetector::FromJson(json, vocabulary_size);
  if (kind == "counts") {
    return CountVectorDetector::FromJson(json, vocabulary_size);
  }
  if (kind == "learned")
    return LearnedDetector::FromJson(json, vocabulary_size);
  return Malformed("unknown detector kind " + QuotedForMessage(kind));
}

}  // namespace protolm::detect

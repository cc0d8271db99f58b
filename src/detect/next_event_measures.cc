// Next-event measures: see next_event_measures.h.
#include "detect/next_event_measures.h"

#include <map>
#include <random>

namespace protolm::detect {

NextEventResult ScorePredictions(
    std::span<const std::pair<TokenId, TokenId>> truth_and_prediction) {
  NextEventResult result;
  result.predictions = truth_and_prediction.size();
  if (truth_and_prediction.empty()) return result;
  struct Tally {
    size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  };
  std::map<TokenId, Tally> per_type;
  size_t correct = 0;
  for (const auto& [truth, prediction] : truth_and_prediction) {
    if (truth == prediction) {
      ++correct;
      ++per_type[truth].true_positives;
    } else {
      ++per_type[truth].false_negatives;
      ++per_type[prediction].false_positives;
    }
  }
  double f1_sum = 0;
  for (const auto& [type, t] : per_type) {
    f1_sum +=
        2.0 * double(t.true_positives) /
        double(2 * t.true_positives + t.false_positives + t.false_negatives);
  }
  result.accuracy = double(correct) / double(result.predictions);
  result.macro_f1 = f1_sum / double(per_type.size());
  return result;
}

NextEventResult EvaluateNextEvent(const TraceDetector& detector,
                                  std::span<const std::vector<TokenId>> traces,
                                  size_t prefixes_per_trace, uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::vector<std::pair<TokenId, TokenId>> pairs;
  for (const std::vector<TokenId>& trace : traces) {
    if (trace.size() < 2) continue;
    std::uniform_int_distribution<size_t> length(1, trace.size() - 1);
    for (size_t i = 0; i < prefixes_per_trace; ++i) {
      size_t prefix = length(generator);
      std::vector<Expectation> top = detector.Expected(trace, prefix, 1);
      pairs.emplace_back(trace[prefix],
                         top.empty() ? kUnknownToken : top[0].event);
    }
  }
  return ScorePredictions(pairs);
}

}  // namespace protolm::detect

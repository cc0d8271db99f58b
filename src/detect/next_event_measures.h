// Next-event prediction measures (seed 002's protocol): from each trace take
// prefixes of random length, let the detector name the most expected next
// event, and compare it with the event that really came next.
//
// Per trace of at least two events, `prefixes_per_trace` prefix lengths are
// drawn uniformly from 1..len-1 (a seeded generator, so runs repeat). The
// prediction is the detector's top-1 Expected (`<unk>` when it expects
// nothing). Accuracy is the share of correct predictions; macro-F1 the mean,
// over every event type that occurs as truth or prediction, of that type's
// F1 = 2 TP / (2 TP + FP + FN), so rare types weigh as much as common ones.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "detect/trace_detector.h"

namespace protolm::detect {

struct NextEventResult {
  size_t predictions = 0;
  double accuracy = 0;  // 0 when there are no predictions
  double macro_f1 = 0;
};

/// (truth, prediction) pairs -> accuracy and macro-F1.
NextEventResult ScorePredictions(
    std::span<const std::pair<TokenId, TokenId>> truth_and_prediction);

NextEventResult EvaluateNextEvent(const TraceDetector& detector,
                                  std::span<const std::vector<TokenId>> traces,
                                  size_t prefixes_per_trace, uint64_t seed);

}  // namespace protolm::detect

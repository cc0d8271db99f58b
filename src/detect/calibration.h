// Calibration: the alert threshold that held-out normal traces cross at a
// target false-alarm rate (FAR).
//
// A trace is flagged when its score is strictly above the threshold. With n
// normal validation scores and target rate f, at most floor(f n) of them may
// be false alarms: the threshold is the (floor(f n) + 1)-th largest score.
// Ties at that score are all below the line, so the rate reached on the
// validation set (`validation_far`) may be lower than the target, never
// higher. When f n < 1 (FAR 0.001 on 999 traces) no false alarm is allowed
// and the threshold is the largest normal score: the set cannot resolve the
// target, and `resolvable` says so (the smallest resolvable rate is 1/n).
// The same rule gives the per-event threshold that marks an alert's first
// anomalous event, from the validation traces' event surprisals.
// JSON: {"threshold", "target_far", "validation_far", "validation_traces",
//        "resolvable", "event_threshold"}.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>

#include "util/status.h"

namespace protolm::detect {

struct ThresholdAtFar {
  double threshold = 0;
  double achieved_far = 0;  // share of the scores above the threshold
  bool resolvable = true;   // f n >= 1
};

/// The threshold over `normal_scores` at target FAR `far` (0 <= far < 1).
/// Errors: no scores, a score that is not finite, far out of range.
Result<ThresholdAtFar> ThresholdForFar(std::span<const double> normal_scores,
                                       double far);

struct Calibration {
  double threshold = 0;
  double target_far = 0.01;
  double validation_far = 0;
  size_t validation_traces = 0;
  bool resolvable = true;
  double event_threshold = 0;

  bool Flags(double score) const { return score > threshold; }

  nlohmann::json ToJson() const;
  static Result<Calibration> FromJson(const nlohmann::json& json);
};

/// Calibration from held-out normal traces' scores and their events'
/// surprisals (all events of all traces), both at `far`; with no events at
/// all the event threshold is kMaxSurprisal (trace_detector.h).
Result<Calibration> Calibrate(std::span<const double> normal_trace_scores,
                              std::span<const double> normal_event_surprisals,
                              double far);

}  // namespace protolm::detect

// Scoring with a model file: see scoring.h.
#include "detect/pipeline/scoring.h"

#include <cmath>

namespace protolm::detect {

Result<Thresholds> ChooseThresholds(const ModelFile& file,
                                    std::optional<double> far,
                                    std::optional<double> threshold) {
  if (far && threshold) {
    return InvalidArgument("give --far or --threshold, not both");
  }
  const std::optional<Calibration>& calibration = file.model.calibration;
  Thresholds thresholds{.trace = 0, .event = kMaxSurprisal};
  if (calibration) {
    thresholds = {calibration->threshold, calibration->event_threshold};
  }
  if (threshold) {
    if (!std::isfinite(*threshold)) {
      return InvalidArgument("--threshold must be a finite number");
    }
    thresholds.trace = *threshold;
    return thresholds;
  }
  if (far) {
    if (file.validation_scores.empty()) {
      return InvalidArgument(
          "--far: the model holds no validation scores; use --threshold");
    }
    ASSIGN_OR_RETURN(ThresholdAtFar at,
                     ThresholdForFar(file.validation_scores, *far));
    thresholds.trace = at.threshold;
    return thresholds;
  }
  if (!calibration) {
    return InvalidArgument("the model is not calibrated; give --threshold");
  }
  return thresholds;
}

std::vector<nlohmann::json> ScoreTraces(const ModelFile& file,
                                        std::span<const TraceSequence> traces,
                                        const Thresholds& thresholds) {
  std::vector<nlohmann::json> records;
  records.reserve(traces.size());
  for (const TraceSequence& trace : traces) {
    records.push_back(ScoreRecord(file.model, trace, thresholds));
  }
  return records;
}

}  // namespace protolm::detect

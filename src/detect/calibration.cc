// Calibration: see calibration.h.
#include "detect/calibration.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "detect/json_fields.h"
#include "detect/trace_detector.h"

namespace protolm::detect {

Result<ThresholdAtFar> ThresholdForFar(std::span<const double> normal_scores,
                                       double far) {
  if (!(far >= 0 && far < 1)) {
    return InvalidArgument("the false-alarm rate must be in [0, 1)");
  }
  if (normal_scores.empty()) {
    return InvalidArgument("no normal scores to calibrate on");
  }
  if (!std::all_of(normal_scores.begin(), normal_scores.end(),
                   [](double s) { return std::isfinite(s); })) {
    return InvalidArgument("a normal score is not a finite number");
  }
  const size_t n = normal_scores.size();
  const auto allowed = static_cast<size_t>(std::floor(far * double(n)));
  std::vector<double> sorted(normal_scores.begin(), normal_scores.end());
  std::nth_element(sorted.begin(), sorted.begin() + ptrdiff_t(allowed),
                   sorted.end(), std::greater<>());
  ThresholdAtFar result;
  result.threshold = sorted[allowed];
  result.achieved_far =
      double(std::count_if(normal_scores.begin(), normal_scores.end(),
                           [&](double s) { return s > result.threshold; })) /
      double(n);
  result.resolvable = allowed >= 1 || far == 0;
  return result;
}

Result<Calibration> Calibrate(std::span<const double> normal_trace_scores,
                              std::span<const double> normal_event_surprisals,
                              double far) {
  ASSIGN_OR_RETURN(ThresholdAtFar traces,
                   ThresholdForFar(normal_trace_scores, far));
  // Traces without events leave no basis for an event threshold: then no
  // single event is called anomalous by it.
  ThresholdAtFar events{kMaxSurprisal, 0, false};
  if (!normal_event_surprisals.empty()) {
    ASSIGN_OR_RETURN(events, ThresholdForFar(normal_event_surprisals, far));
  }
  Calibration calibration;
  calibration.threshold = traces.threshold;
  calibration.target_far = far;
  calibration.validation_far = traces.achieved_far;
  calibration.validation_traces = normal_trace_scores.size();
  calibration.resolvable = traces.resolvable;
  calibration.event_threshold = events.threshold;
  return calibration;
}

nlohmann::json Calibration::ToJson() const {
  return nlohmann::json{{"threshold", threshold},
                        {"target_far", target_far},
                        {"validation_far", validation_far},
                        {"validation_traces", validation_traces},
                        {"resolvable", resolvable},
                        {"event_threshold", event_threshold}};
}

Result<Calibration> Calibration::FromJson(const nlohmann::json& json) {
  Calibration c;
  ASSIGN_OR_RETURN(c.threshold, ReadNumber(json, "threshold"));
  ASSIGN_OR_RETURN(c.target_far, ReadNumber(json, "target_far"));
  ASSIGN_OR_RETURN(c.validation_far, ReadNumber(json, "validation_far"));
  ASSIGN_OR_RETURN(uint64_t traces, ReadUnsigned(json, "validation_traces", 1,
                                                 uint64_t{1} << 53));
  c.validation_traces = static_cast<size_t>(traces);
  if (!json.contains("resolvable") || !json["resolvable"].is_boolean()) {
    return Malformed("calibration: \"resolvable\" is not true or false");
  }
  c.resolvable = json["resolvable"].get<bool>();
  ASSIGN_OR_RETURN(c.event_threshold, ReadNumber(json, "event_threshold"));
  return c;
}

}  // namespace protolm::detect

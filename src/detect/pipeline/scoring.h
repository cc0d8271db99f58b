// Scoring with a model file: the thresholds `detect score` and `detect
// report` flag with, and one record per trace (alert_explanation.h).
//
// Thresholds: by default the calibrated ones stored by `detect train`;
// `far` moves the trace threshold to another false-alarm rate over the
// stored validation scores (the event threshold stays the calibrated one);
// `threshold` sets the trace threshold itself. At most one of the two.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "detect/alert_explanation.h"
#include "detect/pipeline/model_file.h"

namespace protolm::detect {

/// Errors: both overrides, a FAR out of [0, 1), a model without
/// calibration or validation scores when they are needed.
Result<Thresholds> ChooseThresholds(const ModelFile& file,
                                    std::optional<double> far,
                                    std::optional<double> threshold);

/// ScoreRecord of each trace, in order.
std::vector<nlohmann::json> ScoreTraces(const ModelFile& file,
                                        std::span<const TraceSequence> traces,
                                        const Thresholds& thresholds);

}  // namespace protolm::detect

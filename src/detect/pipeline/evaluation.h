// Evaluation of a model file on labelled traces (`detect eval`): the model
// and its n-gram baseline measured side by side on the same traces.
//
// Per detector: ROC AUC, detection rate at FAR 1, 5 and 10 % (thresholds
// from the test normal scores: points of the ROC curve), and precision,
// recall, F1 and false-positive rate at the detector's calibrated threshold
// (the one `detect score` flags with), plus that F1 at DeepLog's full HDFS
// ratio (detection_measures.h). The next-event task (seed 002's protocol)
// gives top-1 accuracy and macro-F1 over random prefixes of the normal
// traces, 5 per trace, seed 1.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "detect/detection_measures.h"
#include "detect/next_event_measures.h"
#include "detect/pipeline/model_file.h"

namespace protolm::detect {

inline constexpr double kEvalFars[] = {0.01, 0.05, 0.10};

struct DetectorEval {
  std::string kind;
  double auc = 0;
  double detection_at_far[std::size(kEvalFars)] = {};
  double threshold = 0;
  Confusion at_threshold;
  double f1_deeplog_scale = 0;
};

struct EvalResult {
  size_t normal = 0, anomalous = 0;
  DetectorEval model, baseline;
};

/// Errors: an empty side, a model without calibration.
Result<EvalResult> Evaluate(const ModelFile& file,
                            std::span<const TraceSequence> normal,
                            std::span<const TraceSequence> anomalous);

struct NextEventEval {
  NextEventResult model, baseline;
};

NextEventEval EvaluateNextEventTask(const ModelFile& file,
                                    std::span<const TraceSequence> normal);

nlohmann::json ToJson(const EvalResult& result);
nlohmann::json ToJson(const NextEventEval& result);
/// A readable table, the model and the baseline in two columns.
std::string ToText(const EvalResult& result);
std::string ToText(const NextEventEval& result);

}  // namespace protolm::detect

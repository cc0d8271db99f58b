// TrainModelFile: `detect train` — the detector and the n-gram baseline
// trained on normal traces and calibrated on held-out normal ones.
//
// Validation traces are the `--val` inputs' when given; otherwise every
// tenth training trace (the 10th, 20th, ... in reading order: deterministic,
// spread over the inputs) is held out and not trained on. Both the model and
// the baseline (detector_factory.h; none when the model is the baseline)
// are calibrated on them at the target false-alarm rate `far`.
//
// Default FAR: 0.001. The HDFS goal (F1 >= 0.98 at DeepLog's full
// scale, with no flags) needs a false-positive rate near 0.1 %; 1 % would
// give 5,500 false alarms on 553,366 normal sessions. With fewer than 1,000
// validation traces 0.001 cannot be resolved: the threshold is then the
// largest validation score (Calibration::resolvable false), the strictest
// the data supports, and `detect train` says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detect/pipeline/detector_factory.h"
#include "detect/pipeline/model_file.h"

namespace protolm::detect {

inline constexpr double kDefaultFar = 0.001;

struct TrainSettings {
  std::string arch = std::string(kDefaultArch);
  DetectorParams params;
  double far = kDefaultFar;
};

struct TrainSummary {
  size_t train_traces = 0;
  size_t validation_traces = 0;
  bool held_out = false;  // validation traces came from the training inputs
  uint64_t train_events = 0;
};

/// Errors: no training traces, fewer than 10 without `validation` (nothing
/// to hold out), an empty validation set, MakeDetector's, training's.
Result<ModelFile> TrainModelFile(std::vector<TraceSequence> traces,
                                 std::optional<std::vector<TraceSequence>>
                                     validation,
                                 SourceSettings source,
                                 const TrainSettings& settings,
                                 TrainSummary& summary);

}  // namespace protolm::detect

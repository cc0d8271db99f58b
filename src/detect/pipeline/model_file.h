// ModelFile: what `detect train` writes and the other `detect` commands
// read — the detector model (vocabulary, detector, calibration), the source
// settings that tokenise inputs as training did, and the n-gram baseline
// `detect eval` compares with, all in one JSON file.
//
// JSON: DetectorModel's document (detector_model.h) plus
//   "source":   SourceSettings (source_settings.h), required;
//   "baseline": {"detector": ..., "calibration": ...}, the baseline detector
//               trained on the same traces with the same vocabulary and
//               calibrated on the same held-out ones; absent when the model
//               itself is that baseline (then `baseline()` is the model);
//   "validation_scores": the held-out normal traces' scores, ascending, so
//               that `detect score --far F` can move the threshold to
//               another rate without the validation data.
// Loading checks every field (an untrusted file): errors are one line
// naming the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detect/detector_model.h"
#include "detect/pipeline/source_settings.h"

namespace protolm::detect {

struct ModelFile {
  DetectorModel model;
  SourceSettings source;
  std::optional<DetectorModel> baseline_model;  // same vocabulary
  std::vector<double> validation_scores;         // ascending

  /// The baseline: `baseline_model`, or the model itself.
  const DetectorModel& baseline() const {
    return baseline_model ? *baseline_model : model;
  }

  Status Save(const std::string& path) const;
  static Result<ModelFile> Load(const std::string& path);
  static Result<ModelFile> Parse(std::string_view text,
                                 const std::string& source);
};

}  // namespace protolm::detect

// DetectorModel: what `detect train` stores and `detect score` loads — the
// vocabulary, the trained detector and its calibration, as one JSON object
// (the CLI's model file, pipeline/model_file.h, holds it with the source
// settings and reads and writes the file).
//
// Train builds the vocabulary from the training traces' tokens (then freezes
// it), encodes them and trains the detector; Calibrate scores held-out
// normal traces and stores the threshold at the target false-alarm rate
// (calibration.h). The file is untrusted input when loaded: every field is
// checked and a bad one is a one-line error, never a crash.
// JSON: {"format": "protolm-detect", "version": 1, "vocabulary": {...},
//        "detector": {"kind": ..., ...}, "calibration": {...} (optional)}.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detect/calibration.h"
#include "detect/trace_collector.h"
#include "detect/trace_detector.h"
#include "detect/vocabulary.h"

namespace protolm::detect {

struct DetectorModel {
  Vocabulary vocabulary;
  std::unique_ptr<TraceDetector> detector;
  std::optional<Calibration> calibration;

  /// Builds the vocabulary from `traces` and trains `untrained` on them.
  static Result<DetectorModel> Train(std::span<const TraceSequence> traces,
                                     std::unique_ptr<TraceDetector> untrained);

  /// The trace's tokens as ids of this vocabulary (`<unk>` for new ones).
  std::vector<TokenId> Encode(const TraceSequence& trace) const {
    return vocabulary.Encode(trace.tokens);
  }

  /// Scores `normal` (held-out normal traces) and stores the calibration.
  Status Calibrate(std::span<const TraceSequence> normal, double far);

  nlohmann::json ToJson() const;
  static Result<DetectorModel> FromJson(const nlohmann::json& json);
  /// FromJson of a JSON text (errors name `source`).
  static Result<DetectorModel> Parse(std::string_view text,
                                     const std::string& source);
};

}  // namespace protolm::detect

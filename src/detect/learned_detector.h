// LearnedDetector: the learned model of `protolm detect` — an LSTM (seed
// 002's shape) or a transformer that predicts the next event of a trace,
// trained by the torch plugin (lm::LoadTrainer, lm/token_trainer.h) and
// scored by the torch-free engine (lm::Engine::PredictNextTokens).
//
// Event ids 0..V-1 of the vocabulary (0 = <unk>) are the model's tokens; the
// boundary id V (vocabulary.h's <end>) is both the begin token in front of a
// trace and the end token after it, so the model has V + 1 tokens and, like
// the n-gram, predicts where a trace ends. Per event the surprisal is
// -ln p(event | the events before it), capped at kMaxSurprisal; Expected is
// the model's top-k at a position (the boundary id = "the trace ends"); the
// trace score is SurprisalScoring over the events' surprisals followed by the
// end's; the first anomaly is the first event over the event threshold, else
// the end (index = number of events) when it is. Train holds out every 10th
// trace (all traces when fewer than 10) for the trainer's validation loss
// (early stopping). JSON: {"kind": "learned", "vocabulary_size": V,
// "scoring": {...}, "plm_base64": the .plm checkpoint's bytes in base64}, so
// a detector model stays one file.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "detect/surprisal_scoring.h"
#include "detect/trace_detector.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/engine.h"
#include "lm/plugin/training_types.h"

namespace protolm::detect {

struct LearnedDetectorOptions {
  lm::ModelConfig shape;  // arch and sizes; Train sets vocab_size to V + 1
  lm::TrainOptions training;
  SurprisalScoring scoring;
};

class LearnedDetector final : public TraceDetector {
 public:
  /// The default options of `arch`: "lstm" is seed 002's shape, 2 layers of
  /// 128 units (the embedding is as wide as the hidden state, 128: the model
  /// config has one width), windows of 256 events; "transformer" is 2 layers
  /// of width 64, 4 heads, d_ff 256, windows of 128 events. Training: at most
  /// 4 epochs (HDFS's 95k training events take about a minute per epoch on
  /// our loaded 2-core machine), batch 32, AdamW peak rate 3e-3, patience 2,
  /// all cores.
  /// Errors: InvalidArgument for another arch.
  static Result<LearnedDetectorOptions> Preset(std::string_view arch);

  explicit LearnedDetector(LearnedDetectorOptions options)
      : options_(std::move(options)) {}

  std::string_view kind() const override { return "learned"; }
  /// Loads the trainer plugin and trains; errors are the plugin's or the
  /// trainer's.
  Status Train(std::span<const std::vector<TokenId>> traces,
               size_t vocabulary_size) override;
  void EventSurprisals(std::span<const TokenId> trace,
                       std::vector<double>& out) const override;
  std::vector<Expectation> Expected(std::span<const TokenId> trace,
                                    size_t position, size_t k) const override;
  double TraceScore(std::span<const TokenId> trace) const override;
  std::optional<double> PrefixScore(
      std::span<const TokenId> prefix) const override;
  std::optional<size_t> FirstAnomaly(std::span<const TokenId> trace,
                                     double event_threshold) const override;
  nlohmann::json ToJson() const override;

  /// Errors: Malformed for a bad field, bad base64, a checkpoint the loader
  /// refuses, or one whose vocabulary is not V + 1.
  static Result<std::unique_ptr<TraceDetector>> FromJson(
      const nlohmann::json& json, size_t vocabulary_size);

  /// The trained model's configuration and provenance (train_seconds, seed,
  /// metrics: best validation loss and epochs); empty before Train.
  const std::optional<lm::Checkpoint>& checkpoint() const {
    return checkpoint_;
  }

 private:
  // Surprisals of the trace's events and then of its end.
  std::vector<double> SurprisalsWithEnd(std::span<const TokenId> trace) const;

  LearnedDetectorOptions options_;
  size_t vocabulary_size_ = 0;
  std::optional<lm::Checkpoint> checkpoint_;
  std::optional<lm::Engine> engine_;
};

}  // namespace protolm::detect

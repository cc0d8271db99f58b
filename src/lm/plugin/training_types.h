// What training a model takes and gives: the options, the progress reports,
// the per-epoch records and the result of lm::TrainModel (lm/trainer.h, byte
// examples) and lm::TrainTokenModel (lm/token_trainer.h, token-id traces,
// given as a TokenCorpus). Torch-free plain values, shared by the trainer
// plugin (the libtorch side) and everything that trains through it (clone,
// train).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/weights.h"
#include "util/status.h"

namespace protolm::lm {

/// How the learning rate falls after the warmup.
enum class LrDecay {
  kCosine,    // half a cosine from learning_rate to min_learning_rate
  kLinear,    // a straight line from learning_rate to min_learning_rate
  kConstant,  // stays at learning_rate
};

/// Reported every few steps while an epoch trains.
struct TrainProgress {
  int epoch = 0;   // 1-based
  int epochs = 0;  // the maximum (early stopping may end sooner)
  int step = 0;    // steps done in this epoch, 1-based
  int steps_per_epoch = 0;
  double loss = 0;  // mean training loss of this epoch so far
  double learning_rate = 0;
  double tokens_per_second = 0;  // non-padding tokens, over all epochs so far
  double eta_seconds = 0;        // until the maximum number of epochs is done
};

/// What an epoch produced, handed to TrainOptions::on_epoch.
struct EpochResult {
  int epoch = 0;               // 1-based
  double train_loss = 0;       // mean weighted loss over the epoch's batches
  double validation_loss = 0;  // mean loss per target token (byte models:
                               // response + kEnd; token models: every token
                               // after the begin token)
  Weights weights;             // the weights after this epoch
};

/// One line of TrainResult::history.
struct EpochRecord {
  int epoch = 0;
  double train_loss = 0;
  double validation_loss = 0;
  double score = 0;           // the caller's score, or -validation_loss
  bool caller_score = false;  // true when on_epoch gave the score
  double seconds = 0;         // training + validation + on_epoch
};

struct TrainOptions {
  int epochs = 30;              // the maximum number of epochs
  int batch_size = 16;          // examples per step
  double learning_rate = 2e-3;  // peak, reached after the warmup
  double min_learning_rate =
      2e-4;                // where the decay ends (last step of `epochs`)
  int warmup_steps = 100;  // linear rise from learning_rate / warmup_steps
  LrDecay decay = LrDecay::kCosine;
  double weight_decay = 0.01;   // AdamW, on matrices only (not on embeddings,
                                // biases or LayerNorm)
  double grad_clip_norm = 1.0;  // global L2 norm; 0 = no clipping
  uint64_t seed = 1;            // initialisation and batch order
  int threads = 0;              // torch intra-op threads; 0 = all cores
  int patience = 3;             // stop after this many epochs without a better
                                // score; 0 = run all epochs
  /// Weight of the loss on prompt tokens (context and request); the response
  /// bytes and kEnd weigh 1. In [0, 1]. Byte models only: token models weigh
  /// every target 1.
  double prompt_loss_weight = 0.1;
  /// Start from these weights (fine-tuning, dataset doubling) instead of a
  /// fresh initialisation; they must fit the config.
  std::optional<Weights> init_weights;
  int progress_every_steps = 10;  // on_progress cadence (and each epoch's end)
  /// Called on the training thread; may be empty.
  std::function<void(const TrainProgress&)> on_progress;
  /// Called after each epoch on the training thread; returns the validation
  /// score (higher is better) or nullopt to use -validation_loss. May be empty.
  std::function<std::optional<double>(const EpochResult&)> on_epoch;
};

/// Traces of token ids for TrainTokenModel. Each trace is trained on as
/// begin_token, trace..., end_token (they may be the same id, as the detect
/// module's boundary id is). Every id is below the model's vocab_size.
struct TokenCorpus {
  std::vector<std::vector<int32_t>> traces;
  int32_t begin_token = 0;
  int32_t end_token = 0;
};

struct TrainResult {
  Weights weights;     // of the best epoch
  int best_epoch = 0;  // 1-based
  double best_score = 0;
  int epochs_run = 0;
  bool stopped_early = false;        // patience ran out before `epochs`
  std::vector<EpochRecord> history;  // one per epoch run
  double total_seconds = 0;
  double tokens_per_second = 0;  // training steps only, non-padding tokens
};

}  // namespace protolm::lm

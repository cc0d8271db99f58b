// Training a byte-level language model on request/response examples.
//
// TrainModel encodes the examples (lm/engine/tokens.h), batches them by
// length, and trains the torch model (transformer or LSTM) with AdamW, a
// warmup + decay learning-rate schedule and gradient clipping. After each
// epoch it measures the validation loss and asks the caller for a validation
// score (the caller decodes with lm::Engine from the epoch's weights and
// computes BCA/RVA); it keeps the best epoch's weights and stops early when
// the score stops improving. Its options and results are the plugin's types
// (lm/plugin/training_types.h), shared with code outside src/lm/; TrainModel
// itself is linked only into lm_tests and the trainer plugin: elsewhere call
// it through lm::LoadTrainer() (lm/plugin/trainer_loader.h), so that libtorch
// is loaded only when a command trains.
#pragma once

#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/plugin/training_types.h"
#include "util/status.h"

namespace protolm::lm {

/// Trains a model of `config` on `train`, validating on `validation` after
/// every epoch. Blocking; uses `options.threads` torch threads (the process
/// wide torch thread count is restored on return) and torch's global random
/// generator (seeded from options.seed): do not train two models at once in
/// one process. With threads == 1 the result is bit-identical for the same
/// inputs and seed. Examples whose context does not fit max_positions lose
/// their oldest context exchanges.
/// Errors: InvalidArgument for an invalid config (or one whose vocab_size is
/// not the byte vocabulary's) or option, an empty training
/// or validation set, an example that does not fit even without context
/// ("training example 7: example needs 700 positions; the model has 512"),
/// init_weights that do not fit the config; Internal when the loss stops
/// being finite ("training diverged at epoch 2, step 31 (loss nan); lower the
/// learning rate") or torch fails.
Result<TrainResult> TrainModel(const ModelConfig& config,
                               const std::vector<Example>& train,
                               const std::vector<Example>& validation,
                               const TrainOptions& options);

}  // namespace protolm::lm

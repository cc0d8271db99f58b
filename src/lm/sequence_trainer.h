// The training loop shared by the byte-level trainer (trainer.h: examples)
// and the token trainer (token_trainer.h: token-id traces): AdamW with weight
// decay on matrices, warmup + decay of the learning rate, gradient clipping,
// batches of similar lengths, validation loss after every epoch, the caller's
// score (on_epoch), best-epoch weights and early stopping. Torch-free header;
// linked only into lm_tests and the trainer plugin.
#pragma once

#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/plugin/training_types.h"
#include "util/status.h"

namespace protolm::lm {

/// Errors: InvalidArgument naming the first bad option ("train options:
/// epochs must be positive").
Status CheckTrainOptions(const TrainOptions& options);

/// Trains a model of `config` on encoded sequences. The loss of predicting
/// token i of a sequence weighs `prompt_weight` for i < prompt_length, 1
/// after; the validation loss is the mean over the tokens of weight 1.
/// Preconditions: config and options are valid (ValidateConfig,
/// CheckTrainOptions), both sets are non-empty, every sequence fits
/// max_positions and has tokens below vocab_size and offsets below
/// max_offset. Errors: InvalidArgument for init_weights that do not fit;
/// Internal when the loss stops being finite or torch fails.
Result<TrainResult> TrainSequences(const ModelConfig& config,
                                   const std::vector<TokenSequence>& train,
                                   const std::vector<TokenSequence>& validation,
                                   const TrainOptions& options,
                                   double prompt_weight);

}  // namespace protolm::lm

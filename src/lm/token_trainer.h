// Training a next-token model on traces of token ids (event types, system
// calls, log keys): the learned model of `protolm detect`.
//
// Each trace becomes begin_token, ids..., end_token; a sequence longer than
// the model's max_positions is cut into windows of max_positions tokens that
// overlap by half (lm/engine/token_windows.h), each token after the first a
// target of exactly one window, so training sees what Engine::
// PredictNextTokens reads. All offsets are 0 (a token model has no message
// offsets; give it max_offset 1). Every target weighs 1; the validation loss
// is the mean cross-entropy per target token. The options, the progress
// reports and the result are those of TrainModel (trainer.h); like it, this
// is linked only into lm_tests and the trainer plugin (call it through
// lm::LoadTrainer()).
#pragma once

#include "lm/engine/model_config.h"
#include "lm/plugin/training_types.h"
#include "util/status.h"

namespace protolm::lm {

/// Trains a model of `config` (any arch, vocab_size covering every id) on
/// `train`, validating on `validation` after every epoch; threads, seeds and
/// early stopping as TrainModel. Errors: InvalidArgument for an invalid config
/// or option, an empty set (or one whose traces are all empty of
/// predictions), max_positions below 2, a token outside 0..vocab_size-1
/// ("training trace 3 at 12: token 7 is outside the vocabulary of 7");
/// Internal when the loss stops being finite or torch fails.
Result<TrainResult> TrainTokenModel(const ModelConfig& config,
                                    const TokenCorpus& train,
                                    const TokenCorpus& validation,
                                    const TrainOptions& options);

}  // namespace protolm::lm

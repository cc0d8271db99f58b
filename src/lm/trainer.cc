// TrainModel: encodes the byte examples and trains on them with the shared
// loop of sequence_trainer.h (see trainer.h).
#include "lm/trainer.h"

#include <string>

#include "lm/sequence_trainer.h"

namespace protolm::lm {
namespace {

// Encodes every example; errors name the set and the example's index.
Result<std::vector<TokenSequence>> EncodeAll(const std::vector<Example>& set,
                                             const std::string& set_name,
                                             const ModelConfig& config) {
  std::vector<TokenSequence> sequences;
  sequences.reserve(set.size());
  for (size_t i = 0; i < set.size(); ++i) {
    Result<TokenSequence> encoded =
        EncodeExample(set[i], static_cast<size_t>(config.max_positions),
                      static_cast<size_t>(config.max_offset));
    if (!encoded.ok()) {
      return encoded.status().WithContext(set_name + " example " +
                                          std::to_string(i));
    }
    sequences.push_back(std::move(encoded).value());
  }
  return sequences;
}

}  // namespace

Result<TrainResult> TrainModel(const ModelConfig& config,
                               const std::vector<Example>& train,
                               const std::vector<Example>& validation,
                               const TrainOptions& options) {
  RETURN_IF_ERROR(ValidateConfig(config));
  RETURN_IF_ERROR(CheckTrainOptions(options));
  if (config.vocab_size != kVocabSize) {
    return InvalidArgument("a byte model needs vocab_size " +
                           std::to_string(kVocabSize) + ", not " +
                           std::to_string(config.vocab_size) +
                           "; train token models with TrainTokenModel");
  }
  if (train.empty()) {
    return InvalidArgument(
        "the training set is empty; give at least one example");
  }
  if (validation.empty()) {
    return InvalidArgument(
        "the validation set is empty; hold out at least one example");
  }
  ASSIGN_OR_RETURN(std::vector<TokenSequence> train_sequences,
                   EncodeAll(train, "training", config));
  ASSIGN_OR_RETURN(std::vector<TokenSequence> validation_sequences,
                   EncodeAll(validation, "validation", config));
  return TrainSequences(config, train_sequences, validation_sequences, options,
                        options.prompt_loss_weight);
}

}  // namespace protolm::lm

// TrainTokenModel: checks the corpora, wraps each trace in its begin and end
// tokens, cuts it into the windows of token_windows.h and trains with the
// shared loop (see token_trainer.h).
#include "lm/token_trainer.h"

#include <string>

#include "lm/engine/token_windows.h"
#include "lm/sequence_trainer.h"

namespace protolm::lm {
namespace {

Status CheckToken(int32_t token, const ModelConfig& config,
                  const std::string& where) {
  if (token >= 0 && token < config.vocab_size) return Status::Ok();
  return InvalidArgument(where + ": token " + std::to_string(token) +
                         " is outside the vocabulary of " +
                         std::to_string(config.vocab_size));
}

// The windows of every trace as training sequences; errors name the set.
Result<std::vector<TokenSequence>> Windows(const TokenCorpus& corpus,
                                           const std::string& set_name,
                                           const ModelConfig& config) {
  RETURN_IF_ERROR(
      CheckToken(corpus.begin_token, config, set_name + " begin token"));
  RETURN_IF_ERROR(
      CheckToken(corpus.end_token, config, set_name + " end token"));
  const size_t window = static_cast<size_t>(config.max_positions);
  std::vector<TokenSequence> sequences;
  std::vector<int32_t> tokens;
  for (size_t t = 0; t < corpus.traces.size(); ++t) {
    const std::vector<int32_t>& trace = corpus.traces[t];
    tokens.assign(1, corpus.begin_token);
    for (size_t i = 0; i < trace.size(); ++i) {
      RETURN_IF_ERROR(CheckToken(trace[i], config,
                                 set_name + " trace " + std::to_string(t) +
                                     " at " + std::to_string(i)));
      tokens.push_back(trace[i]);
    }
    tokens.push_back(corpus.end_token);
    for (const TokenWindow& w : CutIntoWindows(tokens.size(), window)) {
      TokenSequence sequence;
      sequence.tokens.assign(tokens.begin() + w.begin,
                             tokens.begin() + w.begin + w.length);
      sequence.offsets.assign(w.length, 0);
      sequence.prompt_length = w.context;
      sequences.push_back(std::move(sequence));
    }
  }
  if (sequences.empty()) {
    return InvalidArgument("the " + set_name +
                           " set is empty; give at least one trace");
  }
  return sequences;
}

}  // namespace

Result<TrainResult> TrainTokenModel(const ModelConfig& config,
                                    const TokenCorpus& train,
                                    const TokenCorpus& validation,
                                    const TrainOptions& options) {
  RETURN_IF_ERROR(ValidateConfig(config));
  RETURN_IF_ERROR(CheckTrainOptions(options));
  if (config.max_positions < 2) {
    return InvalidArgument(
        "a token model needs max_positions >= 2 to read windows");
  }
  ASSIGN_OR_RETURN(std::vector<TokenSequence> train_windows,
                   Windows(train, "training", config));
  ASSIGN_OR_RETURN(std::vector<TokenSequence> validation_windows,
                   Windows(validation, "validation", config));
  // Context tokens of later windows (prompt_length) are read, not predicted.
  return TrainSequences(config, train_windows, validation_windows, options,
                        /*prompt_weight=*/0.0);
}

}  // namespace protolm::lm

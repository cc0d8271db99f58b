// Engine: creation, generation entry points and scoring (see engine.h).
#include "lm/engine/engine.h"

#include <algorithm>
#include <string>

#include "lm/engine/engine_model.h"
#include "lm/engine/greedy_decoder.h"
#include "lm/engine/kernels.h"

namespace protolm::lm {
namespace {

// Rows decoded together by GenerateBatch; bounds the per-call caches.
constexpr size_t kMaxBatchRows = 32;

Status CheckSequence(const ModelConfig& config, const TokenSequence& sequence) {
  size_t n = sequence.tokens.size();
  if (n == 0) return InvalidArgument("score: the token sequence is empty");
  if (n > static_cast<size_t>(config.max_positions)) {
    return InvalidArgument("score: sequence has " + std::to_string(n) +
                           " tokens; the model has " +
                           std::to_string(config.max_positions) + " positions");
  }
  if (sequence.offsets.size() != n) {
    return InvalidArgument("score: " + std::to_string(sequence.offsets.size()) +
                           " offsets for " + std::to_string(n) + " tokens");
  }
  for (size_t i = 0; i < n; ++i) {
    if (sequence.tokens[i] < 0 || sequence.tokens[i] >= config.vocab_size) {
      return InvalidArgument("score: token " + std::to_string(i) + " is " +
                             std::to_string(sequence.tokens[i]) +
                             ", outside the vocabulary");
    }
    if (sequence.offsets[i] < 0) {
      return InvalidArgument("score: offset " + std::to_string(i) +
                             " is negative");
    }
  }
  return Status::Ok();
}

// Generation writes bytes: only a model of the byte vocabulary can.
Status CheckByteModel(const ModelConfig& config) {
  if (config.vocab_size == kVocabSize) return Status::Ok();
  return InvalidArgument("generate: the model's vocabulary has " +
                         std::to_string(config.vocab_size) +
                         " tokens, not the byte vocabulary's " +
                         std::to_string(kVocabSize));
}

}  // namespace

Engine::Engine(std::shared_ptr<const Model> model) : model_(std::move(model)) {}

Result<Engine> Engine::Create(const ModelConfig& config,
                              const Weights& weights) {
  RETURN_IF_ERROR(CheckWeights(config, weights));
  if (config.arch == "lstm") return Engine(MakeLstmModel(config, weights));
  return Engine(MakeTransformerModel(config, weights));
}

const ModelConfig& Engine::config() const { return model_->config(); }

Result<Bytes> Engine::Generate(const std::vector<ByteExchange>& context,
                               ByteView request,
                               const DecodeOptions& options) const {
  const ModelConfig& c = config();
  RETURN_IF_ERROR(CheckByteModel(c));
  ASSIGN_OR_RETURN(
      TokenSequence prompt,
      EncodePrompt(context, request, c.max_positions, c.max_offset));
  ASSIGN_OR_RETURN(std::vector<Bytes> responses,
                   DecodeGreedy(*model_, {&prompt, 1}, options, std::nullopt));
  return std::move(responses[0]);
}

Result<std::vector<Bytes>> Engine::GenerateBatch(
    const std::vector<Example>& prompts, const DecodeOptions& options) const {
  const ModelConfig& c = config();
  RETURN_IF_ERROR(CheckByteModel(c));
  std::vector<Bytes> out;
  out.reserve(prompts.size());
  std::vector<TokenSequence> group;
  for (size_t start = 0; start < prompts.size(); start += kMaxBatchRows) {
    size_t end = std::min(prompts.size(), start + kMaxBatchRows);
    group.clear();
    for (size_t i = start; i < end; ++i) {
      Result<TokenSequence> prompt =
          EncodePrompt(prompts[i].context, prompts[i].request, c.max_positions,
                       c.max_offset);
      if (!prompt.ok()) {
        return prompt.status().WithContext("prompt " + std::to_string(i));
      }
      group.push_back(std::move(prompt).value());
    }
    ASSIGN_OR_RETURN(std::vector<Bytes> responses,
                     DecodeGreedy(*model_, group, options, start));
    for (Bytes& response : responses) out.push_back(std::move(response));
  }
  return out;
}

Result<std::vector<float>> Engine::Logits(const TokenSequence& sequence) const {
  RETURN_IF_ERROR(CheckSequence(config(), sequence));
  size_t n = sequence.tokens.size();
  size_t d = static_cast<size_t>(config().d_model);
  std::vector<FeedItem> items(n);
  for (size_t i = 0; i < n; ++i) {
    items[i] = FeedItem{0, sequence.tokens[i], sequence.offsets[i]};
  }
  std::vector<uint8_t> want(n, 1);
  std::vector<float> hidden(n * d);
  std::unique_ptr<ForwardState> state = model_->NewState(1, n);
  model_->Forward(state.get(), items, want, hidden.data());
  std::vector<float> logits(n * static_cast<size_t>(config().vocab_size));
  model_->HeadAll(hidden.data(), n, logits.data());
  return logits;
}

Result<std::vector<float>> Engine::ScoreTokens(
    const TokenSequence& sequence) const {
  ASSIGN_OR_RETURN(std::vector<float> logits, Logits(sequence));
  size_t n = sequence.tokens.size();
  size_t vocab_size = static_cast<size_t>(config().vocab_size);
  std::vector<float> scores(n - 1);
  for (size_t i = 0; i + 1 < n; ++i) {
    const float* row = logits.data() + i * vocab_size;
    scores[i] =
        row[sequence.tokens[i + 1]] - kernels::LogSumExp(row, vocab_size);
  }
  return scores;
}

}  // namespace protolm::lm

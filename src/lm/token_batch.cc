// MakeTokenBatch and WeightedLossSum (see token_batch.h).
#include "lm/token_batch.h"

#include <algorithm>

namespace protolm::lm {

int32_t PadToken(const ModelConfig& config) {
  return config.vocab_size == kVocabSize ? kPad : 0;
}

TokenBatch MakeTokenBatch(const std::vector<TokenSequence>& sequences,
                          const std::vector<size_t>& indices,
                          double prompt_weight, int32_t pad_token) {
  size_t length = 0;
  for (size_t i : indices)
    length = std::max(length, sequences[i].tokens.size());
  const int64_t rows = static_cast<int64_t>(indices.size());
  const int64_t cols = static_cast<int64_t>(length);
  TokenBatch batch;
  batch.tokens = torch::full({rows, cols}, pad_token, torch::kInt64);
  batch.offsets = torch::zeros({rows, cols}, torch::kInt64);
  batch.weights = torch::zeros({rows, cols}, torch::kFloat32);
  auto tokens = batch.tokens.accessor<int64_t, 2>();
  auto offsets = batch.offsets.accessor<int64_t, 2>();
  auto weights = batch.weights.accessor<float, 2>();
  for (int64_t row = 0; row < rows; ++row) {
    const TokenSequence& s = sequences[indices[static_cast<size_t>(row)]];
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const int64_t col = static_cast<int64_t>(i);
      tokens[row][col] = s.tokens[i];
      offsets[row][col] = s.offsets[i];
      if (i == 0) continue;  // the first token is never predicted
      const double w = i < s.prompt_length ? prompt_weight : 1.0;
      weights[row][col] = static_cast<float>(w);
      batch.weight_sum += w;
    }
    batch.token_count += static_cast<int64_t>(s.tokens.size());
  }
  return batch;
}

torch::Tensor WeightedLossSum(const TorchModel& model,
                              const TokenBatch& batch) {
  const int64_t length = batch.tokens.size(1);
  torch::Tensor logits = model.Forward(batch.tokens, batch.offsets);
  // Position t predicts token t + 1.
  torch::Tensor predicted =
      logits.narrow(1, 0, length - 1).reshape({-1, logits.size(2)});
  torch::Tensor targets = batch.tokens.narrow(1, 1, length - 1).reshape({-1});
  torch::Tensor weights = batch.weights.narrow(1, 1, length - 1).reshape({-1});
  torch::Tensor losses = torch::nn::functional::cross_entropy(
      predicted, targets,
      torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return (losses * weights).sum();
}

}  // namespace protolm::lm

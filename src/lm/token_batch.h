// A batch of encoded examples as torch tensors, and the language-model loss
// on it. Includes torch: only src/lm/*.cc include it.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "lm/engine/tokens.h"
#include "lm/torch_model.h"

namespace protolm::lm {

/// Sequences right-padded to the longest one. `weights[b][i]` weighs the loss
/// of predicting token i from tokens 0..i-1: 0 for i == 0 and for padding,
/// `prompt_weight` inside the prompt, 1 for the target (response + kEnd).
struct TokenBatch {
  torch::Tensor tokens;     // int64 [B, T], the pad token after each sequence
  torch::Tensor offsets;    // int64 [B, T], 0 after each sequence
  torch::Tensor weights;    // float [B, T]
  int64_t token_count = 0;  // non-padding tokens
  double weight_sum = 0;    // sum of `weights`
};

/// What fills a batch after a shorter sequence: kPad for a byte model, id 0
/// for a token model (whose vocabulary has no kPad). Any id would do: padding
/// weighs 0 in the loss and, the model being causal, never changes the
/// logits of the tokens before it.
int32_t PadToken(const ModelConfig& config);

/// The batch of sequences[i] for i in `indices`, padded with `pad_token`.
/// Precondition: indices is not empty and every sequence is non-empty.
TokenBatch MakeTokenBatch(const std::vector<TokenSequence>& sequences,
                          const std::vector<size_t>& indices,
                          double prompt_weight, int32_t pad_token);

/// Sum over the batch of weight x cross-entropy of each next token (a scalar
/// tensor, with autograd when grad mode is on); divide by batch.weight_sum
/// for the mean.
torch::Tensor WeightedLossSum(const TorchModel& model, const TokenBatch& batch);

}  // namespace protolm::lm

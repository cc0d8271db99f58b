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
  torch::Tensor tokens;     // int64 [B, T], kPad after each sequence
  torch::Tensor offsets;    // int64 [B, T], 0 after each sequence
  torch::Tensor weights;    // float [B, T]
  int64_t token_count = 0;  // non-padding tokens
  double weight_sum = 0;    // sum of `weights`
};

/// The batch of sequences[i] for i in `indices`. Precondition: indices is not
/// empty and every sequence is non-empty.
TokenBatch MakeTokenBatch(const std::vector<TokenSequence>& sequences,
                          const std::vector<size_t>& indices,
                          double prompt_weight);

/// Sum over the batch of weight x cross-entropy of each next token (a scalar
/// tensor, with autograd when grad mode is on); divide by batch.weight_sum
/// for the mean.
torch::Tensor WeightedLossSum(const TorchModel& model, const TokenBatch& batch);

}  // namespace protolm::lm

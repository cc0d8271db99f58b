// The decoder-only transformer of the contract (pre-LayerNorm, GPT-2 style,
// learned position and message-offset embeddings) as a TorchModel.
// Includes torch: only src/lm/*.cc include it.
#pragma once

#include "lm/torch_model.h"

namespace protolm::lm {

/// See TorchModel. The math is lm-contract's "Transformer" block: causal
/// multi-head attention, GELU (tanh approximation), LayerNorm eps 1e-5.
class TorchTransformer final : public TorchModel {
 public:
  /// Precondition: config is valid and config.arch == "transformer".
  explicit TorchTransformer(const ModelConfig& config) : TorchModel(config) {}

  torch::Tensor Forward(const torch::Tensor& tokens,
                        const torch::Tensor& offsets) const override;
};

}  // namespace protolm::lm

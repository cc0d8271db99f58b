// The LSTM alternative of the contract (stacked torch.nn.LSTM layers over
// token + message-offset embeddings) as a TorchModel.
// Includes torch: only src/lm/*.cc include it.
#pragma once

#include "lm/torch_model.h"

namespace protolm::lm {

/// See TorchModel. Gate order i, f, g, o; h0 = c0 = 0; no absolute positions.
class TorchLstm final : public TorchModel {
 public:
  /// Precondition: config is valid and config.arch == "lstm".
  explicit TorchLstm(const ModelConfig& config) : TorchModel(config) {}

  torch::Tensor Forward(const torch::Tensor& tokens,
                        const torch::Tensor& offsets) const override;
};

}  // namespace protolm::lm

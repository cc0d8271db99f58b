// The byte-level language model as torch tensors, for training.
//
// TorchModel holds the contract's parameters (lm/engine/weights.h:
// ExpectedShapes) as autograd leaf tensors, in the contract's order and under
// its names, and computes the contract's math (transformer or LSTM) for a
// batch of token sequences. It is the training-side twin of lm::Engine: both
// must give the same logits for the same Weights (torch_agreement_test.cc).
// This header includes torch: only src/lm/*.cc may include it; everything
// else uses the torch-free headers (trainer.h, torch_reference.h).
#pragma once

#include <torch/torch.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/weights.h"
#include "util/status.h"

namespace protolm::lm {

/// One named parameter of the model.
struct NamedParameter {
  std::string name;
  torch::Tensor tensor;  // float32, requires_grad
};

/// The model's parameters and forward pass. Not thread-safe (training mutates
/// the tensors in place); owns its tensors. Functions that call torch may throw
/// c10::Error: callers (the public functions of src/lm) catch it.
class TorchModel {
 public:
  virtual ~TorchModel() = default;

  /// A model for `config` with fresh parameters drawn from torch's global
  /// generator (seed it with torch::manual_seed for reproducible weights):
  /// GPT-2 style N(0, 0.02) for embeddings and matrices (residual output
  /// projections scaled by 1/sqrt(2 n_layers)), LayerNorm 1/0, biases 0;
  /// LSTM matrices and biases U(-1/sqrt(d), 1/sqrt(d)) as torch.nn.LSTM.
  /// Errors: InvalidArgument for an invalid config or unknown arch.
  static Result<std::unique_ptr<TorchModel>> Create(const ModelConfig& config);

  /// Logits [B, T, vocab_size] for `tokens` and `offsets` (int64 [B, T]).
  /// Positions are 0..T-1 in every row; rows are right-padded, and padding
  /// never changes the logits of the tokens before it (causal model).
  /// Precondition: T <= max_positions, offsets < max_offset, tokens <
  /// vocab_size.
  virtual torch::Tensor Forward(const torch::Tensor& tokens,
                                const torch::Tensor& offsets) const = 0;

  const ModelConfig& config() const { return config_; }
  /// In ExpectedShapes(config) order.
  const std::vector<NamedParameter>& parameters() const { return parameters_; }

  /// Copies `weights` into the parameters. Errors: InvalidArgument from
  /// CheckWeights (a tensor missing, extra, or of the wrong shape or size).
  Status SetWeights(const Weights& weights);
  /// A copy of the parameters as engine Weights.
  Weights GetWeights() const;

 protected:
  explicit TorchModel(const ModelConfig& config);
  /// The parameter called `name` (a contract name; throws std::out_of_range
  /// for another, which is a bug).
  const torch::Tensor& Param(const std::string& name) const;

 private:
  ModelConfig config_;
  std::vector<NamedParameter> parameters_;
  std::map<std::string, size_t> index_;  // name -> position in parameters_
};

}  // namespace protolm::lm

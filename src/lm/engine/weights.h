// Model weights as named float tensors, and THE list of names and shapes a
// configuration has.
//
// ExpectedShapes is the contract between the trainer (which exports torch
// parameters under these names) and the inference engine and checkpoint (which
// consume them): same names, same order, same row-major layouts
// (torch.nn.Linear's weight is [out, in]).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lm/engine/model_config.h"
#include "util/status.h"

namespace protolm::lm {

/// A dense row-major float32 tensor. Invariant when checked: data.size() is the
/// product of shape.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;

  bool operator==(const Tensor&) const = default;
};

using Weights = std::map<std::string, Tensor>;

/// Names and shapes of every parameter of `config`, in canonical order (see
/// docs/lm.md). Precondition: ValidateConfig(config) is ok.
std::vector<std::pair<std::string, std::vector<int64_t>>> ExpectedShapes(
    const ModelConfig& config);

/// "[192,64]"
std::string ShapeToString(const std::vector<int64_t>& shape);

/// Checks that `weights` holds exactly the tensors of ExpectedShapes(config),
/// each with its shape and a matching data size. Errors: InvalidArgument, one
/// line ("weights: layers.1.attn.qkv.weight has shape [192,64], expected
/// [384,128]", "weights: head.bias is missing", "weights: unexpected tensor
/// x").
Status CheckWeights(const ModelConfig& config, const Weights& weights);

/// Deterministic pseudo-random weights of `config`'s shapes: uniform in
/// [-scale, scale], LayerNorm gains 1 + that. For tests, benchmarks and fuzz
/// seeds; the same (config, seed, scale) gives the same bits on every host.
/// Precondition: ValidateConfig(config) is ok.
Weights RandomWeights(const ModelConfig& config, uint64_t seed, float scale);

}  // namespace protolm::lm

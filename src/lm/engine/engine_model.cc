// The chunked feed and the output head shared by every architecture (see
// engine_model.h).
#include "lm/engine/engine_model.h"

#include <algorithm>

#include "lm/engine/kernels.h"

namespace protolm::lm {

Engine::Model::Model(const ModelConfig& config, const Weights& weights)
    : config_(config),
      head_weight_(TakeTransposed(weights, "head.weight")),
      head_bias_(Take(weights, "head.bias")) {}

void Engine::Model::Forward(ForwardState* state,
                            std::span<const FeedItem> items,
                            std::span<const uint8_t> want,
                            float* hidden) const {
  for (size_t start = 0; start < items.size(); start += kChunkItems) {
    size_t n = std::min(kChunkItems, items.size() - start);
    hidden = ForwardChunk(state, items.subspan(start, n),
                          want.subspan(start, n), hidden);
  }
}

std::vector<float> Engine::Model::Take(const Weights& weights,
                                       const std::string& name) {
  return weights.at(name).data;
}

std::vector<float> Engine::Model::TakeTransposed(const Weights& weights,
                                                 const std::string& name) {
  const Tensor& tensor = weights.at(name);
  std::vector<float> out(tensor.data.size());
  kernels::Transpose(tensor.data.data(), static_cast<size_t>(tensor.shape[0]),
                     static_cast<size_t>(tensor.shape[1]), out.data());
  return out;
}

void Engine::Model::HeadAll(const float* hidden, size_t n,
                            float* logits) const {
  kernels::MatMul(hidden, n, static_cast<size_t>(config_.d_model),
                  head_weight_.data(), head_bias_.data(),
                  static_cast<size_t>(config_.vocab_size), logits);
}

float Engine::Model::HeadOne(const float* hidden, int32_t token) const {
  return kernels::MatMulColumn(hidden, static_cast<size_t>(config_.d_model),
                               head_weight_.data(), head_bias_.data(),
                               static_cast<size_t>(config_.vocab_size),
                               static_cast<size_t>(token));
}

}  // namespace protolm::lm

// The canonical parameter list of each architecture and the check of a Weights
// map against it.
#include "lm/engine/weights.h"

#include <random>

namespace protolm::lm {

std::vector<std::pair<std::string, std::vector<int64_t>>> ExpectedShapes(
    const ModelConfig& config) {
  const int64_t v = config.vocab_size, d = config.d_model, f = config.d_ff;
  std::vector<std::pair<std::string, std::vector<int64_t>>> shapes;
  shapes.emplace_back("tok_emb", std::vector<int64_t>{v, d});
  if (config.arch == "lstm") {
    shapes.emplace_back("off_emb", std::vector<int64_t>{config.max_offset, d});
    for (int i = 0; i < config.n_layers; ++i) {
      std::string p = "lstm." + std::to_string(i) + ".";
      shapes.emplace_back(p + "weight_ih", std::vector<int64_t>{4 * d, d});
      shapes.emplace_back(p + "weight_hh", std::vector<int64_t>{4 * d, d});
      shapes.emplace_back(p + "bias_ih", std::vector<int64_t>{4 * d});
      shapes.emplace_back(p + "bias_hh", std::vector<int64_t>{4 * d});
    }
  } else {
    shapes.emplace_back("pos_emb",
                        std::vector<int64_t>{config.max_positions, d});
    shapes.emplace_back("off_emb", std::vector<int64_t>{config.max_offset, d});
    for (int i = 0; i < config.n_layers; ++i) {
      std::string p = "layers." + std::to_string(i) + ".";
      shapes.emplace_back(p + "ln1.weight", std::vector<int64_t>{d});
      shapes.emplace_back(p + "ln1.bias", std::vector<int64_t>{d});
      shapes.emplace_back(p + "attn.qkv.weight",
                          std::vector<int64_t>{3 * d, d});
      shapes.emplace_back(p + "attn.qkv.bias", std::vector<int64_t>{3 * d});
      shapes.emplace_back(p + "attn.proj.weight", std::vector<int64_t>{d, d});
      shapes.emplace_back(p + "attn.proj.bias", std::vector<int64_t>{d});
      shapes.emplace_back(p + "ln2.weight", std::vector<int64_t>{d});
      shapes.emplace_back(p + "ln2.bias", std::vector<int64_t>{d});
      shapes.emplace_back(p + "mlp.fc.weight", std::vector<int64_t>{f, d});
      shapes.emplace_back(p + "mlp.fc.bias", std::vector<int64_t>{f});
      shapes.emplace_back(p + "mlp.proj.weight", std::vector<int64_t>{d, f});
      shapes.emplace_back(p + "mlp.proj.bias", std::vector<int64_t>{d});
    }
    shapes.emplace_back("ln_f.weight", std::vector<int64_t>{d});
    shapes.emplace_back("ln_f.bias", std::vector<int64_t>{d});
  }
  shapes.emplace_back("head.weight", std::vector<int64_t>{v, d});
  shapes.emplace_back("head.bias", std::vector<int64_t>{v});
  return shapes;
}

std::string ShapeToString(const std::vector<int64_t>& shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(shape[i]);
  }
  return out + "]";
}

Status CheckWeights(const ModelConfig& config, const Weights& weights) {
  RETURN_IF_ERROR(ValidateConfig(config));
  auto expected = ExpectedShapes(config);
  for (const auto& [name, shape] : expected) {
    auto it = weights.find(name);
    if (it == weights.end()) {
      return InvalidArgument("weights: " + name + " is missing");
    }
    if (it->second.shape != shape) {
      return InvalidArgument("weights: " + name + " has shape " +
                             ShapeToString(it->second.shape) + ", expected " +
                             ShapeToString(shape));
    }
    size_t count = 1;
    for (int64_t dim : shape) count *= static_cast<size_t>(dim);
    if (it->second.data.size() != count) {
      return InvalidArgument("weights: " + name + " holds " +
                             std::to_string(it->second.data.size()) +
                             " floats, its shape " + ShapeToString(shape) +
                             " needs " + std::to_string(count));
    }
  }
  if (weights.size() != expected.size()) {
    for (const auto& [name, tensor] : weights) {
      bool known = false;
      for (const auto& entry : expected) known = known || entry.first == name;
      if (!known) return InvalidArgument("weights: unexpected tensor " + name);
    }
  }
  return Status::Ok();
}

Weights RandomWeights(const ModelConfig& config, uint64_t seed, float scale) {
  std::mt19937_64 generator(seed);
  Weights weights;
  for (const auto& [name, shape] : ExpectedShapes(config)) {
    Tensor tensor;
    tensor.shape = shape;
    size_t count = 1;
    for (int64_t dim : shape) count *= static_cast<size_t>(dim);
    bool gain =
        name.ends_with(".weight") &&
        (name.starts_with("ln_") || name.find(".ln") != std::string::npos);
    tensor.data.resize(count);
    for (float& value : tensor.data) {
      // 24 random bits to [-1, 1): exact in float, the same on every host.
      float unit = static_cast<float>(generator() >> 40) / 8388608.0f - 1.0f;
      value = (gain ? 1.0f : 0.0f) + scale * unit;
    }
    weights.emplace(name, std::move(tensor));
  }
  return weights;
}

}  // namespace protolm::lm

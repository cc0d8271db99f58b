// The transformer's forward pass over a batch (see torch_transformer.h).
#include "lm/torch_transformer.h"

#include <cmath>
#include <limits>
#include <string>

namespace protolm::lm {
namespace {

constexpr double kLayerNormEps = 1e-5;

}  // namespace

torch::Tensor TorchTransformer::Forward(const torch::Tensor& tokens,
                                        const torch::Tensor& offsets) const {
  namespace F = torch::nn::functional;
  const ModelConfig& c = config();
  const int64_t batch = tokens.size(0);
  const int64_t length = tokens.size(1);
  const int64_t d = c.d_model;
  const int64_t heads = c.n_heads;
  const int64_t head_dim = d / heads;

  // x: [B, T, d]
  torch::Tensor x = torch::embedding(Param("tok_emb"), tokens) +
                    Param("pos_emb").narrow(0, 0, length) +
                    torch::embedding(Param("off_emb"), offsets);
  // True above the diagonal: key s > query t is hidden.
  torch::Tensor future = torch::ones({length, length}, torch::kBool).triu(1);
  const double scale = 1.0 / std::sqrt(static_cast<double>(head_dim));

  for (int i = 0; i < c.n_layers; ++i) {
    const std::string p = "layers." + std::to_string(i) + ".";
    torch::Tensor h = torch::layer_norm(x, {d}, Param(p + "ln1.weight"),
                                        Param(p + "ln1.bias"), kLayerNormEps);
    torch::Tensor qkv = torch::linear(h, Param(p + "attn.qkv.weight"),
                                      Param(p + "attn.qkv.bias"));
    // Each of q, k, v: [B, heads, T, head_dim].
    auto split = [&](int part) {
      return qkv.narrow(2, part * d, d)
          .view({batch, length, heads, head_dim})
          .transpose(1, 2);
    };
    torch::Tensor q = split(0), k = split(1), v = split(2);
    torch::Tensor scores = torch::matmul(q, k.transpose(-2, -1)) * scale;
    scores =
        scores.masked_fill(future, -std::numeric_limits<float>::infinity());
    torch::Tensor attended = torch::matmul(torch::softmax(scores, -1), v)
                                 .transpose(1, 2)
                                 .reshape({batch, length, d});
    x = x + torch::linear(attended, Param(p + "attn.proj.weight"),
                          Param(p + "attn.proj.bias"));

    h = torch::layer_norm(x, {d}, Param(p + "ln2.weight"),
                          Param(p + "ln2.bias"), kLayerNormEps);
    h = torch::linear(h, Param(p + "mlp.fc.weight"), Param(p + "mlp.fc.bias"));
    h = torch::gelu(h, "tanh");
    x = x + torch::linear(h, Param(p + "mlp.proj.weight"),
                          Param(p + "mlp.proj.bias"));
  }
  x = torch::layer_norm(x, {d}, Param("ln_f.weight"), Param("ln_f.bias"),
                        kLayerNormEps);
  return torch::linear(x, Param("head.weight"), Param("head.bias"));
}

}  // namespace protolm::lm

// The LSTM's forward pass over a batch (see torch_lstm.h), on torch's fused
// multi-layer LSTM kernel.
#include "lm/torch_lstm.h"

#include <string>
#include <vector>

namespace protolm::lm {

torch::Tensor TorchLstm::Forward(const torch::Tensor& tokens,
                                 const torch::Tensor& offsets) const {
  const ModelConfig& c = config();
  // x: [B, T, d]
  torch::Tensor x = torch::embedding(Param("tok_emb"), tokens) +
                    torch::embedding(Param("off_emb"), offsets);
  std::vector<torch::Tensor> layer_params;
  for (int i = 0; i < c.n_layers; ++i) {
    const std::string p = "lstm." + std::to_string(i) + ".";
    for (const char* part : {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
      layer_params.push_back(Param(p + part));
    }
  }
  torch::Tensor zeros = torch::zeros({c.n_layers, tokens.size(0), c.d_model});
  auto [top, h_n, c_n] = torch::lstm(x, {zeros, zeros}, layer_params,
                                     /*has_biases=*/true, c.n_layers,
                                     /*dropout=*/0.0, /*train=*/false,
                                     /*bidirectional=*/false,
                                     /*batch_first=*/true);
  return torch::linear(top, Param("head.weight"), Param("head.bias"));
}

}  // namespace protolm::lm

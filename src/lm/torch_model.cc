// TorchModel's parameters: creation in the contract's order, initialisation,
// and conversion to and from engine Weights. The forward passes are in
// torch_transformer.cc and torch_lstm.cc.
#include "lm/torch_model.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "lm/torch_lstm.h"
#include "lm/torch_transformer.h"

namespace protolm::lm {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// The initial value of one parameter (see TorchModel::Create).
torch::Tensor InitialValue(const std::string& name,
                           const std::vector<int64_t>& shape,
                           const ModelConfig& config) {
  if (config.arch == "lstm" && EndsWith(name, "_emb")) {
    return torch::empty(shape).normal_(0.0, 1.0);  // as torch.nn.Embedding
  }
  if (name.starts_with("lstm.")) {
    double bound = 1.0 / std::sqrt(static_cast<double>(config.d_model));
    torch::Tensor value = torch::empty(shape).uniform_(-bound, bound);
    // Forget gates start open (bias 1) so that memory survives early training.
    if (EndsWith(name, "bias_ih"))
      value.narrow(0, config.d_model, config.d_model).fill_(1.0);
    return value;
  }
  if (EndsWith(name, ".bias")) return torch::zeros(shape);
  if (EndsWith(name, "ln1.weight") || EndsWith(name, "ln2.weight") ||
      EndsWith(name, "ln_f.weight")) {
    return torch::ones(shape);  // LayerNorm gains
  }
  double std = 0.02;
  if (EndsWith(name, "attn.proj.weight") || EndsWith(name, "mlp.proj.weight")) {
    std /= std::sqrt(2.0 * config.n_layers);
  }
  return torch::empty(shape).normal_(0.0, std);
}

}  // namespace

TorchModel::TorchModel(const ModelConfig& config) : config_(config) {
  torch::NoGradGuard no_grad;
  for (const auto& [name, shape] : ExpectedShapes(config)) {
    index_[name] = parameters_.size();
    parameters_.push_back(
        {name, InitialValue(name, shape, config).set_requires_grad(true)});
  }
}

Result<std::unique_ptr<TorchModel>> TorchModel::Create(
    const ModelConfig& config) {
  RETURN_IF_ERROR(ValidateConfig(config));
  if (config.arch == "transformer") {
    return std::unique_ptr<TorchModel>(new TorchTransformer(config));
  }
  if (config.arch == "lstm") {
    return std::unique_ptr<TorchModel>(new TorchLstm(config));
  }
  return InvalidArgument("model architecture '" + config.arch +
                         "' is unknown; use transformer or lstm");
}

const torch::Tensor& TorchModel::Param(const std::string& name) const {
  return parameters_[index_.at(name)].tensor;
}

Status TorchModel::SetWeights(const Weights& weights) {
  RETURN_IF_ERROR(CheckWeights(config_, weights));
  torch::NoGradGuard no_grad;
  for (NamedParameter& p : parameters_) {
    const Tensor& w = weights.at(p.name);
    std::memcpy(p.tensor.data_ptr<float>(), w.data.data(),
                w.data.size() * sizeof(float));
  }
  return Status::Ok();
}

Weights TorchModel::GetWeights() const {
  Weights weights;
  for (const NamedParameter& p : parameters_) {
    torch::Tensor values = p.tensor.detach().contiguous();
    const float* begin = values.data_ptr<float>();
    weights[p.name] = Tensor{values.sizes().vec(),
                             std::vector<float>(begin, begin + values.numel())};
  }
  return weights;
}

}  // namespace protolm::lm

// InitialWeights and TorchLogits (see torch_reference.h).
#include "lm/torch_reference.h"

#include <string>

#include "lm/torch_guard.h"
#include "lm/torch_model.h"

namespace protolm::lm {
namespace {

Status CheckSequence(const ModelConfig& config, const TokenSequence& sequence) {
  const size_t length = sequence.tokens.size();
  if (length == 0) return InvalidArgument("token sequence is empty");
  if (length > static_cast<size_t>(config.max_positions)) {
    return InvalidArgument("token sequence has " + std::to_string(length) +
                           " tokens; the model has " +
                           std::to_string(config.max_positions) + " positions");
  }
  if (sequence.offsets.size() != length) {
    return InvalidArgument(
        "token sequence has " + std::to_string(length) + " tokens but " +
        std::to_string(sequence.offsets.size()) + " offsets");
  }
  for (size_t i = 0; i < length; ++i) {
    if (sequence.tokens[i] < 0 || sequence.tokens[i] >= config.vocab_size) {
      return InvalidArgument("token " + std::to_string(sequence.tokens[i]) +
                             " at position " + std::to_string(i) +
                             " is outside the vocabulary");
    }
    if (sequence.offsets[i] < 0 || sequence.offsets[i] >= config.max_offset) {
      return InvalidArgument("offset " + std::to_string(sequence.offsets[i]) +
                             " at position " + std::to_string(i) +
                             " is outside 0.." +
                             std::to_string(config.max_offset - 1));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Weights> InitialWeights(const ModelConfig& config, uint64_t seed) {
  return GuardTorch("initial weights", [&]() -> Result<Weights> {
    torch::manual_seed(seed);
    ASSIGN_OR_RETURN(std::unique_ptr<TorchModel> model,
                     TorchModel::Create(config));
    return model->GetWeights();
  });
}

Result<std::vector<float>> TorchLogits(const ModelConfig& config,
                                       const Weights& weights,
                                       const TokenSequence& sequence) {
  return GuardTorch("torch logits", [&]() -> Result<std::vector<float>> {
    ASSIGN_OR_RETURN(std::unique_ptr<TorchModel> model,
                     TorchModel::Create(config));
    RETURN_IF_ERROR(model->SetWeights(weights));
    RETURN_IF_ERROR(CheckSequence(config, sequence));
    torch::NoGradGuard no_grad;
    const int64_t length = static_cast<int64_t>(sequence.tokens.size());
    auto as_row = [&](const std::vector<int32_t>& values) {
      return torch::tensor(values, torch::kInt64).view({1, length});
    };
    torch::Tensor logits =
        model->Forward(as_row(sequence.tokens), as_row(sequence.offsets))
            .contiguous();
    const float* begin = logits.data_ptr<float>();
    return std::vector<float>(begin, begin + logits.numel());
  });
}

}  // namespace protolm::lm

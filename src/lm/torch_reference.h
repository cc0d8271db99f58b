// The torch model seen from outside src/lm without torch headers: fresh
// weights for a configuration and the model's logits for one sequence.
//
// The inference engine (lm/engine) must agree with these logits; the engine's
// tests and benchmarks also use InitialWeights to get a model without training.
#pragma once

#include <cstdint>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/engine/weights.h"
#include "util/status.h"

namespace protolm::lm {

/// The trainer's initial weights for `config` (see TorchModel::Create), the
/// same for the same seed. Reseeds torch's global generator: not to be called
/// while another thread trains. Errors: InvalidArgument for an invalid config;
/// Internal if torch fails.
Result<Weights> InitialWeights(const ModelConfig& config, uint64_t seed);

/// The torch model's logits for `sequence`, row-major [T, vocab_size].
/// Thread-safe, but it draws (and discards) an initialisation from torch's
/// global generator: not to be called while another thread trains. Errors:
/// InvalidArgument for an invalid config, weights that do not fit it, an empty
/// or too long sequence, tokens or offsets out of range; Internal if torch
/// fails.
Result<std::vector<float>> TorchLogits(const ModelConfig& config,
                                       const Weights& weights,
                                       const TokenSequence& sequence);

}  // namespace protolm::lm

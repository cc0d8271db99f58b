// Greedy decoding of many prompts at once over an Engine::Model, honouring a
// ResponseConstraint. Internal to the engine (Engine::Generate, GenerateBatch).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "lm/engine/engine_model.h"

namespace protolm::lm {

/// Greedy responses to `prompts` (each from EncodePrompt for this model's
/// config), advancing all rows together. Runs of tokens the constraint forces
/// are fed without computing the head, several tokens per forward pass. Errors:
/// Internal when the constraint allows nothing; messages start with "prompt N:
/// " (N = first_index + row) when first_index is set.
Result<std::vector<Bytes>> DecodeGreedy(const Engine::Model& model,
                                        std::span<const TokenSequence> prompts,
                                        const DecodeOptions& options,
                                        std::optional<size_t> first_index);

}  // namespace protolm::lm

// The shape of a language model: architecture, sizes and vocabulary.
//
// A ModelConfig is plain data shared by the trainer (torch) and the inference
// engine; presets size models for training on two CPU cores. The JSON form is
// what the .plm checkpoint header stores under "config". A byte model has the
// byte vocabulary (kVocabSize, tokens.h); a token model (event ids, trained by
// TrainTokenModel) has the caller's vocabulary size.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lm/engine/tokens.h"
#include "util/status.h"

namespace protolm::lm {

struct ModelConfig {
  std::string arch;  // "transformer" | "lstm"
  int d_model = 0;
  int n_layers = 0;
  int n_heads = 0;  // transformer only
  int d_ff = 0;     // transformer only
  int max_positions = 0;
  int max_offset = 0;
  /// Tokens the embeddings and the output head cover: kVocabSize (bytes and
  /// specials) for a byte model, the caller's count for a token model.
  int vocab_size = kVocabSize;

  bool operator==(const ModelConfig&) const = default;
};

/// The preset `name` ("tiny", "small", "base") for `arch` ("transformer",
/// "lstm"; the LSTM keeps d_model/n_layers, n_heads/d_ff are kept but unused).
/// Errors: InvalidArgument naming the unknown preset or architecture and the
/// known ones.
Result<ModelConfig> PresetConfig(std::string_view name,
                                 std::string_view arch = "transformer");

/// Checks sizes are positive (and small enough to allocate), the architecture
/// is known and d_model % n_heads == 0 for a transformer. Errors:
/// InvalidArgument, one line naming the field ("model config: d_model 100 is
/// not a multiple of n_heads 3").
Status ValidateConfig(const ModelConfig& config);

/// {"arch":..., "d_model":..., "n_layers":..., "n_heads":..., "d_ff":...,
///  "max_positions":..., "max_offset":..., "vocab_size":...}
nlohmann::json ConfigToJson(const ModelConfig& config);

/// Parses and validates (ValidateConfig). "vocab_size" is optional: a header
/// written before token models existed has none and is a byte model
/// (kVocabSize). Errors: Malformed for a missing or mistyped field,
/// InvalidArgument for invalid values.
Result<ModelConfig> ConfigFromJson(const nlohmann::json& json);

}  // namespace protolm::lm

// The shape of a byte-level language model: architecture and sizes.
//
// A ModelConfig is plain data shared by the trainer (torch) and the inference
// engine; presets size models for training on two CPU cores. The JSON form is
// what the .plm checkpoint header stores under "config".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

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
///  "max_positions":..., "max_offset":...}
nlohmann::json ConfigToJson(const ModelConfig& config);

/// Parses and validates (ValidateConfig). Errors: Malformed for a missing or
/// mistyped field, InvalidArgument for invalid values.
Result<ModelConfig> ConfigFromJson(const nlohmann::json& json);

}  // namespace protolm::lm

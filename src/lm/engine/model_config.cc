// Model presets, validation and the JSON form of ModelConfig.
#include "lm/engine/model_config.h"

#include <string>

#include "util/escaped_text.h"

namespace protolm::lm {
namespace {

// Upper bounds that keep a hostile checkpoint header from asking for absurd
// allocations; far above any model that trains on a CPU.
constexpr int kMaxDModel = 4096;
constexpr int kMaxLayers = 64;
constexpr int kMaxDff = 16384;
constexpr int kMaxPositions = 65536;
constexpr int kMaxVocabSize = 1 << 20;

Status CheckRange(std::string_view field, int value, int max) {
  if (value <= 0 || value > max) {
    return InvalidArgument("model config: " + std::string(field) + " " +
                           std::to_string(value) + " is out of range 1.." +
                           std::to_string(max));
  }
  return Status::Ok();
}

}  // namespace

Result<ModelConfig> PresetConfig(std::string_view name, std::string_view arch) {
  if (arch != "transformer" && arch != "lstm") {
    return InvalidArgument("unknown model architecture '" + std::string(arch) +
                           "'; use transformer or lstm");
  }
  ModelConfig config;
  config.arch = std::string(arch);
  config.max_offset = 320;
  if (name == "tiny") {
    config.d_model = 64, config.n_layers = 2, config.n_heads = 4;
    config.d_ff = 256, config.max_positions = 512;
  } else if (name == "small") {
    config.d_model = 128, config.n_layers = 3, config.n_heads = 4;
    config.d_ff = 512, config.max_positions = 512;
  } else if (name == "base") {
    config.d_model = 192, config.n_layers = 4, config.n_heads = 6;
    config.d_ff = 768, config.max_positions = 1024;
  } else {
    return InvalidArgument("unknown model preset '" + std::string(name) +
                           "'; use tiny, small or base");
  }
  return config;
}

Status ValidateConfig(const ModelConfig& config) {
  bool transformer = config.arch == "transformer";
  if (!transformer && config.arch != "lstm") {
    return InvalidArgument("model config: unknown arch " +
                           QuotedForMessage(config.arch) +
                           "; use transformer or lstm");
  }
  RETURN_IF_ERROR(CheckRange("d_model", config.d_model, kMaxDModel));
  RETURN_IF_ERROR(CheckRange("n_layers", config.n_layers, kMaxLayers));
  RETURN_IF_ERROR(
      CheckRange("max_positions", config.max_positions, kMaxPositions));
  RETURN_IF_ERROR(CheckRange("max_offset", config.max_offset, kMaxPositions));
  RETURN_IF_ERROR(CheckRange("vocab_size", config.vocab_size, kMaxVocabSize));
  if (transformer) {
    RETURN_IF_ERROR(CheckRange("n_heads", config.n_heads, config.d_model));
    RETURN_IF_ERROR(CheckRange("d_ff", config.d_ff, kMaxDff));
    if (config.d_model % config.n_heads != 0) {
      return InvalidArgument(
          "model config: d_model " + std::to_string(config.d_model) +
          " is not a multiple of n_heads " + std::to_string(config.n_heads));
    }
  }
  return Status::Ok();
}

nlohmann::json ConfigToJson(const ModelConfig& config) {
  return nlohmann::json{{"arch", config.arch},
                        {"d_model", config.d_model},
                        {"n_layers", config.n_layers},
                        {"n_heads", config.n_heads},
                        {"d_ff", config.d_ff},
                        {"max_positions", config.max_positions},
                        {"max_offset", config.max_offset},
                        {"vocab_size", config.vocab_size}};
}

Result<ModelConfig> ConfigFromJson(const nlohmann::json& json) {
  if (!json.is_object()) {
    return Malformed("model config: expected a JSON object");
  }
  ModelConfig config;
  auto it = json.find("arch");
  if (it == json.end() || !it->is_string()) {
    return Malformed("model config: \"arch\" is missing or not a string");
  }
  config.arch = it->get<std::string>();
  struct IntField {
    const char* name;
    int* value;
    bool optional;  // absent keeps the default
  };
  for (IntField field :
       {IntField{"d_model", &config.d_model, false},
        IntField{"n_layers", &config.n_layers, false},
        IntField{"n_heads", &config.n_heads, false},
        IntField{"d_ff", &config.d_ff, false},
        IntField{"max_positions", &config.max_positions, false},
        IntField{"max_offset", &config.max_offset, false},
        IntField{"vocab_size", &config.vocab_size, true}}) {
    it = json.find(field.name);
    if (it == json.end() && field.optional) continue;
    if (it == json.end() || !it->is_number_integer()) {
      return Malformed(std::string("model config: \"") + field.name +
                       "\" is missing or not an integer");
    }
    int64_t value = it->get<int64_t>();
    if (value < 0 || value > (1 << 30)) {
      return InvalidArgument(std::string("model config: ") + field.name + " " +
                             std::to_string(value) + " is out of range");
    }
    *field.value = static_cast<int>(value);
  }
  RETURN_IF_ERROR(ValidateConfig(config));
  return config;
}

}  // namespace protolm::lm

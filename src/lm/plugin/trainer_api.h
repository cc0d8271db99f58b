// The trainer plugin's interface: the table of functions that the plugin
// (libprotolm_trainer.so, the libtorch side of lm/) hands out through its one
// extern "C" entry point, protolm_trainer_api. The protolm binary does not
// link libtorch: it loads the plugin on first use (lm/plugin/trainer_loader.h),
// so commands that do not train start without paying libtorch's load.
//
// Both sides are built from this header in the same build; the version and
// the layout signature let the loader refuse a plugin built from other
// headers instead of calling into it. Torch-free.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/engine/weights.h"
#include "lm/plugin/training_types.h"
#include "util/status.h"

namespace protolm::lm {

/// Bumped whenever TrainerApi's members or the meaning of its functions
/// change (2: train_token_model, ModelConfig::vocab_size).
inline constexpr uint32_t kTrainerApiVersion = 2;

/// A signature of the sizes of the types that cross the boundary: a plugin
/// built from headers where one of them gained or lost a member has another.
constexpr uint64_t TrainerLayoutSignature() {
  uint64_t signature = 14695981039346656037ull;  // FNV-1a over the sizes
  for (uint64_t size :
       {sizeof(ModelConfig), sizeof(Example), sizeof(TokenCorpus),
        sizeof(Weights), sizeof(TrainOptions), sizeof(TrainProgress),
        sizeof(EpochResult), sizeof(EpochRecord), sizeof(TrainResult),
        sizeof(Status), sizeof(Result<TrainResult>)}) {
    signature = (signature ^ size) * 1099511628211ull;
  }
  return signature;
}

/// What the plugin exports. Static storage in the plugin; never freed.
struct TrainerApi {
  uint32_t version = 0;  // kTrainerApiVersion of the plugin's build (first,
                         // so any build can read it)
  uint64_t layout = 0;   // TrainerLayoutSignature() of the plugin's build
  /// lm::TrainModel (lm/trainer.h): same contract, errors and threading.
  Result<TrainResult> (*train_model)(const ModelConfig& config,
                                     const std::vector<Example>& train,
                                     const std::vector<Example>& validation,
                                     const TrainOptions& options) = nullptr;
  /// lm::TrainTokenModel (lm/token_trainer.h): same contract, errors and
  /// threading.
  Result<TrainResult> (*train_token_model)(
      const ModelConfig& config, const TokenCorpus& train,
      const TokenCorpus& validation, const TrainOptions& options) = nullptr;
};

/// The plugin's entry point: `extern "C" const TrainerApi*
/// protolm_trainer_api()`, returning a table that lives as long as the plugin.
inline constexpr char kTrainerEntryPoint[] = "protolm_trainer_api";
using TrainerApiEntry = const TrainerApi* (*)();

}  // namespace protolm::lm

// The model and training flags `protolm train` and `protolm clone` share,
// and the progress display of a training run.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "lm/plugin/training_types.h"
#include "util/progress.h"

namespace CLI {
class App;
}

namespace protolm::cli {

struct TrainFlags {
  std::string preset = "tiny";
  std::string arch = "transformer";
  size_t context = 0;
  int epochs = 30;
  int batch_size = 16;
  double learning_rate = 2e-3;
  // The validation loss can stay flat for several epochs before it falls
  // again (docs/benchmarks.md, issue 4): stop only after 12 without a
  // better one.
  int patience = 12;
  int threads = 0;
  uint64_t seed = 1;
};

/// Adds --preset, --arch, --context, --epochs, --batch-size, --lr,
/// --patience, --threads, --seed.
void AddTrainFlags(CLI::App& command, TrainFlags& flags);

/// The trainer's options from the flags, with a progress bar (loss, tokens/s,
/// ETA) on stderr.
lm::TrainOptions ToTrainOptions(const TrainFlags& flags);

}  // namespace protolm::cli

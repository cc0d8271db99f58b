// Training flags and progress (see train_flags.h).
#include "cli/train_flags.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

namespace protolm::cli {

void AddTrainFlags(CLI::App& command, TrainFlags& flags) {
  command.add_option("--preset", flags.preset, "Model size: tiny, small, base")
      ->check(CLI::IsMember({"tiny", "small", "base"}))
      ->capture_default_str();
  command.add_option("--arch", flags.arch, "transformer or lstm")
      ->check(CLI::IsMember({"transformer", "lstm"}))
      ->capture_default_str();
  command.add_option("--context", flags.context,
                     "Previous exchanges of the session the model sees")
      ->check(CLI::Range(size_t{0}, size_t{64}))
      ->capture_default_str();
  command.add_option("--epochs", flags.epochs, "Most epochs to train")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  command.add_option("--batch-size", flags.batch_size, "Examples per step")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  command.add_option("--lr", flags.learning_rate, "Peak learning rate")
      ->check(CLI::Range(1e-6, 1.0))
      ->capture_default_str();
  command.add_option("--patience", flags.patience,
                     "Stop after this many epochs without a better validation "
                     "score (0: never)")
      ->check(CLI::Range(0, 10000))
      ->capture_default_str();
  command.add_option("--threads", flags.threads,
                     "Training threads (0: all cores)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  command.add_option("--seed", flags.seed,
                     "Seed of initialisation, batch order and split")
      ->capture_default_str();
}

lm::TrainOptions ToTrainOptions(const TrainFlags& flags) {
  lm::TrainOptions options;
  options.epochs = flags.epochs;
  options.batch_size = flags.batch_size;
  options.learning_rate = flags.learning_rate;
  options.min_learning_rate = flags.learning_rate / 10;
  options.patience = flags.patience;
  options.threads = flags.threads;
  options.seed = flags.seed;
  // One bar per training run (clone trains once per round with these
  // options): a new one when the length changes or the position goes back.
  struct Bar {
    std::unique_ptr<ProgressReporter> reporter;
    uint64_t total = 0, position = 0;
  };
  auto bar = std::make_shared<Bar>();
  options.on_progress = [bar](const lm::TrainProgress& p) {
    const uint64_t total = static_cast<uint64_t>(p.epochs) * p.steps_per_epoch;
    const uint64_t position =
        static_cast<uint64_t>(p.epoch - 1) * p.steps_per_epoch + p.step;
    if (!bar->reporter || total != bar->total || position < bar->position) {
      bar->reporter = std::make_unique<ProgressReporter>("train", total, "steps");
      bar->total = total;
    }
    bar->position = position;
    bar->reporter->SetDetail(fmt::format("epoch {} loss {:.4f} {:.0f} tok/s",
                                         p.epoch, p.loss, p.tokens_per_second));
    bar->reporter->Update(position);
  };
  return options;
}

}  // namespace protolm::cli

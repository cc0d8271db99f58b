// `protolm train`: train a byte-level model on a dataset of exchanges and
// save it as a .plm checkpoint.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "cli/train_flags.h"
#include "clone/dataset_split.h"
#include "clone/model_training.h"
#include "device/profile.h"
#include "device/profile_rules.h"
#include "lm/plugin/trainer_loader.h"
#include "proto/registry/protocol_table.h"

namespace protolm::cli {

namespace {

struct TrainCommandFlags {
  std::string dataset;
  std::string validation;
  std::string profile;
  std::string output;
  TrainFlags train;
};

int Fail(const Status& status) {
  spdlog::error("{}", status.message());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage
                                                       : kExitFailure;
}

int RunTrain(const TrainCommandFlags& flags) {
  // libtorch first: without the trainer plugin, fail before reading data.
  if (auto trainer = lm::LoadTrainer(); !trainer.ok())
    return Fail(trainer.status());
  auto config = lm::PresetConfig(flags.train.preset, flags.train.arch);
  if (!config.ok()) return Fail(config.status());
  auto dataset = ReadDataset(flags.dataset);
  if (!dataset.ok()) return Fail(dataset.status());
  std::vector<DatasetRecord> records =
      clone::RequestRecords(std::move(*dataset));
  if (records.empty())
    return Fail(InvalidArgument(flags.dataset + ": no records with a request"));

  // Training and validation records: a second file, or 90/10 of the first.
  std::vector<size_t> train, validation;
  if (flags.validation.empty()) {
    clone::DatasetSplit split =
        clone::SplitDataset(records.size(), flags.train.seed, 0.9, 0.1);
    train = std::move(split.train);
    validation = std::move(split.validation);
    validation.insert(validation.end(), split.test.begin(), split.test.end());
  } else {
    auto extra = ReadDataset(flags.validation);
    if (!extra.ok()) return Fail(extra.status());
    for (size_t i = 0; i < records.size(); ++i) train.push_back(i);
    for (DatasetRecord& r : clone::RequestRecords(std::move(*extra))) {
      validation.push_back(records.size());
      records.push_back(std::move(r));
    }
  }

  clone::ModelTrainingOptions options;
  options.config = *config;
  options.train = ToTrainOptions(flags.train);
  options.protocol = records.front().protocol;
  options.context = flags.train.context;
  if (!flags.profile.empty()) {
    auto profile = device::LoadProfile(flags.profile);
    if (!profile.ok()) return Fail(profile.status());
    if (const Protocol* protocol = FindProtocol(options.protocol))
      options.eval.devices.push_back(
          device::KnowledgeFromProfile(*profile, *protocol));
  }
  std::string learned;
  options.known =
      clone::LearnDevice(records, train, options.protocol, &learned);
  spdlog::info("{}", learned);
  options.on_epoch = [](const clone::EpochSummary& e) {
    spdlog::info(
        "epoch {}: loss {:.4f}, validation loss {:.4f}, BCA {:.1f}%, RVA "
        "{:.1f}%, byte accuracy {:.1f}% ({:.0f} s)",
        e.epoch, e.train_loss, e.validation_loss, 100 * e.bca, 100 * e.rva,
        100 * e.byte_accuracy, e.seconds);
  };
  spdlog::info("training a {} {} on {} records, validating on {}",
               flags.train.preset, flags.train.arch, train.size(),
               validation.size());
  auto trained = clone::TrainCloneModel(records, train, validation, options);
  if (!trained.ok()) return Fail(trained.status());

  clone::TrainingOrigin origin;
  origin.protocol = options.protocol;
  origin.profile = flags.profile;
  origin.dataset_path = flags.dataset;
  origin.dataset_records = records.size();
  origin.seed = flags.train.seed;
  origin.context = flags.train.context;
  origin.extra = {{"dataset", flags.dataset}};
  if (options.known != nullptr) options.known->Store(&origin.extra);
  const clone::EpochSummary best = trained->best;
  const lm::TrainResult& result = trained->result;
  const int best_epoch = result.best_epoch, epochs_run = result.epochs_run;
  const double seconds = result.total_seconds;
  auto checkpoint = clone::MakeCheckpoint(*config, std::move(*trained), origin);
  if (!checkpoint.ok()) return Fail(checkpoint.status());
  Status saved = lm::SaveCheckpoint(flags.output, *checkpoint);
  if (!saved.ok()) return Fail(saved);
  spdlog::info(
      "wrote {}: best epoch {} of {}, validation BCA {:.1f}% RVA {:.1f}%, "
      "{:.0f} s",
      flags.output, best_epoch, epochs_run, 100 * best.bca, 100 * best.rva,
      seconds);
  return kExitOk;
}

}  // namespace

CommandMain AttachTrain(CLI::App& parent) {
  auto flags = std::make_shared<TrainCommandFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "train",
      "Train a byte-level model of a device's responses on a dataset of "
      "exchanges (protolm probe/ingest JSONL) and save it as a .plm file");
  cmd->add_option("--dataset", flags->dataset, "Training dataset (JSONL)")
      ->required();
  cmd->add_option("--val", flags->validation,
                  "Validation dataset (default: 10% of --dataset)");
  cmd->add_option("--profile", flags->profile,
                  "Device profile whose rules judge validation answers "
                  "(default: the protocol specification only)");
  cmd->add_option("-o,--output", flags->output, "Model file (.plm)")
      ->required();
  AddTrainFlags(*cmd, flags->train);
  return [flags] { return RunTrain(*flags); };
}

}  // namespace protolm::cli

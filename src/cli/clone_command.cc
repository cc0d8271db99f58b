// `protolm clone`: probe a device, learn a model of it, evaluate it, grow
// the dataset until the model stops improving; write the model and a report.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "probe/probe_config.h"
#include "cli/train_flags.h"
#include "clone/clone_pipeline.h"
#include "lm/plugin/trainer_loader.h"
#include "net/target_address.h"

namespace protolm::cli {

namespace {

struct CloneFlags {
  std::string device;
  std::string target;
  std::string protocol;
  std::string config;
  std::string strategy = "boundaries";
  std::string out = "clone-out";
  size_t start_size = 200;
  size_t max_size = 1600;
  size_t min_size = 1600;
  size_t patience_rounds = 2;
  double epsilon = 0.05;
  TrainFlags train;
};

int RunCloneCommand(const CloneFlags& flags) {
  clone::CloneOptions options;
  if (flags.device.empty() == flags.target.empty()) {
    spdlog::error("give either --device PROFILE or --target HOST:PORT");
    return kExitUsage;
  }
  options.device_profile = flags.device;
  options.protocol = flags.protocol;
  if (!flags.target.empty()) {
    if (flags.protocol.empty()) {
      spdlog::error("--target needs --protocol ({})",
                    probe::ProbeableProtocolNames());
      return kExitUsage;
    }
    Status parsed = net::ParseTarget(flags.target, flags.protocol,
                                     options.target_host, options.target_port);
    if (!parsed.ok()) {
      spdlog::error("{}", parsed.message());
      return kExitUsage;
    }
  }
  options.probe_config = flags.config;
  options.strategy = flags.strategy;
  options.out_dir = flags.out;
  options.preset = flags.train.preset;
  options.arch = flags.train.arch;
  options.context = flags.train.context;
  options.train = ToTrainOptions(flags.train);
  options.start_size = flags.start_size;
  options.max_size = flags.max_size;
  options.min_size = flags.min_size;
  options.patience_rounds = flags.patience_rounds;
  options.epsilon = flags.epsilon;
  options.seed = flags.train.seed;
  options.log = [](const std::string& line) { spdlog::info("{}", line); };
  // libtorch first: without the trainer plugin, fail before probing.
  if (auto trainer = lm::LoadTrainer(); !trainer.ok()) {
    spdlog::error("{}", trainer.status().message());
    return kExitFailure;
  }
  auto report = clone::RunClone(options);
  if (!report.ok()) {
    spdlog::error("{}", report.status().message());
    return report.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachClone(CLI::App& parent) {
  auto flags = std::make_shared<CloneFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "clone",
      "Clone a PLC: probe it, train a byte-level model, evaluate it (BCA, "
      "RVA, RVA-epsilon), doubling the dataset until RVA-epsilon stops "
      "improving; writes OUT/model.plm and OUT/report.{json,md}");
  cmd->add_option("--device", flags->device,
                  "Built-in profile or profile file, served in-process on "
                  "loopback (e.g. wago-750-881, s7-315-2pn)");
  cmd->add_option("--target", flags->target, "A running device as HOST:PORT");
  cmd->add_option("--protocol", flags->protocol,
                  probe::ProbeableProtocolNames() +
                      " (default with --device: the profile's)")
      ->check(CLI::IsMember(probe::ProbeableProtocols()));
  cmd->add_option("--config", flags->config,
                  "Probe configuration (JSON; default: the protocol's)");
  cmd->add_option("--strategy", flags->strategy,
                  "Probing strategy: boundaries, weighted or random")
      ->check(CLI::IsMember({"boundaries", "weighted", "random"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", flags->out, "Output folder")
      ->capture_default_str();
  cmd->add_option("--start-size", flags->start_size,
                  "Requests probed in the first round")
      ->check(CLI::Range(size_t{10}, size_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--max-size", flags->max_size,
                  "Largest dataset (the rounds double up to it)")
      ->check(CLI::Range(size_t{10}, size_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--min-size", flags->min_size,
                  "Rounds smaller than this (or than the largest round) chart "
                  "the learning curve only: they never stop the doubling nor "
                  "give the model")
      ->check(CLI::Range(size_t{10}, size_t{1000000}))
      ->capture_default_str();
  cmd->add_option("--patience-rounds", flags->patience_rounds,
                  "Stop after this many rounds without RVA-epsilon gain")
      ->check(CLI::Range(size_t{1}, size_t{100}))
      ->capture_default_str();
  cmd->add_option("--epsilon", flags->epsilon,
                  "epsilon of RVA-epsilon, as a share of each value's range")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  AddTrainFlags(*cmd, flags->train);
  return [flags] { return RunCloneCommand(*flags); };
}

}  // namespace protolm::cli

// The clone loop: probe, split, train, evaluate, double (see clone_pipeline.h).
#include "clone/clone_pipeline.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>

#include "clone/clone_predictor.h"
#include "clone/clone_report.h"
#include "clone/dataset_split.h"
#include "clone/model_training.h"
#include "clone/process_accuracy.h"
#include "device/device_server.h"
#include "device/s7/s7_handler.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/engine.h"
#include "device/profile_rules.h"
#include "proto/registry/protocol_table.h"
#include "probe/probe_run.h"

namespace protolm::clone {
namespace {

namespace fs = std::filesystem;

/// The device a round probes: a running address, or a profile served
/// in-process (restarted for each round).
class Target {
 public:
  static Result<Target> Open(const CloneOptions& options) {
    Target target;
    if (options.device_profile.empty()) {
      if (options.protocol.empty())
        return InvalidArgument("give the protocol of --target (" +
                               probe::ProbeableProtocolNames() + ")");
      target.protocol_ = options.protocol;
      target.host_ = options.target_host;
      target.port_ = options.target_port;
      target.name_ = fmt::format("{}:{}", target.host_, target.port_);
      return target;
    }
    ASSIGN_OR_RETURN(device::DeviceProfile profile,
                     device::LoadProfile(options.device_profile));
    std::string protocol = options.protocol;
    const std::vector<std::string> served = profile.ServedProtocols();
    if (protocol.empty()) {
      if (served.size() != 1)
        return InvalidArgument(fmt::format(
            "profile {} serves {}; give --protocol", profile.name,
            fmt::join(served, " and ")));
      protocol = served.front();
    }
    if (!profile.Serves(protocol))
      return InvalidArgument("profile " + profile.name + " does not serve " +
                             protocol);
    target.protocol_ = protocol;
    target.name_ = "device " + profile.name + " (in-process)";
    target.profile_ = std::make_unique<device::DeviceProfile>(std::move(profile));
    return target;
  }

  /// Starts a fresh device when serving a profile (a no-op otherwise).
  Status Restart() {
    if (!profile_) return Status::Ok();
    server_.reset();
    ASSIGN_OR_RETURN(server_, device::StartDeviceServer(
                                  *profile_, device::s7::ServeOnly(protocol_)));
    host_ = "127.0.0.1";
    port_ = server_->PortOf(protocol_);
    return Status::Ok();
  }

  metrics::EvalOptions EvalRules(double epsilon) const {
    metrics::EvalOptions eval;
    eval.epsilon = epsilon;
    const Protocol* protocol = FindProtocol(protocol_);
    if (profile_ && protocol != nullptr)
      eval.devices.push_back(device::KnowledgeFromProfile(*profile_, *protocol));
    return eval;
  }

  const std::string& protocol() const { return protocol_; }
  const std::string& host() const { return host_; }
  uint16_t port() const { return port_; }
  const std::string& name() const { return name_; }
  std::string profile_name() const { return profile_ ? profile_->name : ""; }

 private:
  std::string protocol_, host_, name_;
  uint16_t port_ = 0;
  std::unique_ptr<device::DeviceProfile> profile_;
  std::unique_ptr<device::DeviceServer> server_;
};

Status WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return IoError(path.string() + ": cannot write");
  return Status::Ok();
}

double Ratio(const nlohmann::json& scores, const char* key) {
  return scores.contains(key) ? scores[key].get<double>() : 0.0;
}

struct RoundOutcome {
  nlohmann::json summary;
  fs::path model_path;
};

Result<RoundOutcome> RunRound(const CloneOptions& options, Target& target,
                              const lm::ModelConfig& config, size_t size) {
  auto say = [&](const std::string& line) {
    if (options.log) options.log(fmt::format("round {}: {}", size, line));
  };
  const fs::path dir = fs::path(options.out_dir) / "rounds" / std::to_string(size);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError(dir.string() + ": cannot create: " + ec.message());

  RETURN_IF_ERROR(target.Restart());
  probe::ProbeOptions probe;
  probe.host = target.host();
  probe.port = target.port();
  probe.strategy = options.strategy;
  probe.size = size;
  probe.seed = options.seed;
  probe.dataset_path = (dir / "dataset.jsonl").string();
  if (options.probe_config.empty()) {
    ASSIGN_OR_RETURN(probe.config, probe::DefaultProbeConfig(target.protocol()));
  } else {
    ASSIGN_OR_RETURN(probe.config, probe::LoadProbeConfig(options.probe_config));
  }
  say(fmt::format("probing {} with {} requests ({})", target.name(), size,
                  options.strategy));
  RETURN_IF_ERROR(probe::RunProbe(probe).status());

  ASSIGN_OR_RETURN(std::vector<DatasetRecord> all, ReadDataset(probe.dataset_path));
  std::vector<DatasetRecord> records = RequestRecords(std::move(all));
  DatasetSplit split = SplitDataset(records.size(), options.seed);
  say(fmt::format("{} records: {} train, {} validation, {} test", records.size(),
                  split.train.size(), split.validation.size(), split.test.size()));

  std::string learned;
  const std::shared_ptr<const DeviceKnowledge> known =
      LearnDevice(records, split.train, target.protocol(), &learned);
  say(learned);

  ModelTrainingOptions training;
  training.config = config;
  training.known = known;
  training.train = options.train;
  training.protocol = target.protocol();
  training.context = options.context;
  training.eval = target.EvalRules(options.epsilon);
  training.on_epoch = [&](const EpochSummary& e) {
    say(fmt::format(
        "epoch {}: loss {:.4f}, validation loss {:.4f}, BCA {:.1f}%, RVA "
        "{:.1f}%, byte accuracy {:.1f}% ({:.0f} s)",
        e.epoch, e.train_loss, e.validation_loss, 100 * e.bca, 100 * e.rva,
        100 * e.byte_accuracy, e.seconds));
  };
  ASSIGN_OR_RETURN(TrainedModel trained,
                   TrainCloneModel(records, split.train, split.validation,
                                   std::move(training)));
  ASSIGN_OR_RETURN(lm::Engine engine,
                   lm::Engine::Create(config, trained.result.weights));

  PredictOptions predict;
  predict.protocol = target.protocol();
  predict.context = options.context;
  predict.known = known;
  const metrics::EvalOptions eval = target.EvalRules(options.epsilon);
  ASSIGN_OR_RETURN(std::vector<Bytes> pure,
                   PredictIsolated(engine, records, split.test, predict));
  predict.constrained = false;
  ASSIGN_OR_RETURN(std::vector<Bytes> unconstrained,
                   PredictIsolated(engine, records, split.test, predict));
  predict.constrained = true;
  ASSIGN_OR_RETURN(std::vector<Bytes> replayed,
                   PredictReplay(engine, records, predict));
  std::vector<Bytes> replayed_test;
  for (size_t i : split.test) replayed_test.push_back(replayed[i]);

  RoundOutcome outcome;
  nlohmann::json& round = outcome.summary;
  round["size"] = size;
  round["train"] = split.train.size();
  round["validation"] = split.validation.size();
  round["test"] = split.test.size();
  round["epochs"] = trained.result.epochs_run;
  round["best_epoch"] = trained.result.best_epoch;
  round["train_seconds"] = trained.result.total_seconds;
  round["tokens_per_second"] = trained.result.tokens_per_second;
  round["pure"] = metrics::ReportToJson(
      ScorePredictions(records, split.test, pure, eval));
  round["pure_unconstrained"] = metrics::ReportToJson(
      ScorePredictions(records, split.test, unconstrained, eval));
  round["with_state"] = metrics::ReportToJson(
      ScorePredictions(records, split.test, replayed_test, eval));
  say(fmt::format(
      "test: pure BCA {:.1f}% RVA {:.1f}% RVA-ε {:.1f}%; unconstrained BCA "
      "{:.1f}% RVA {:.1f}%; with state BCA {:.1f}%",
      100 * Ratio(round["pure"], "bca"), 100 * Ratio(round["pure"], "rva"),
      100 * Ratio(round["pure"], "rva_epsilon"),
      100 * Ratio(round["pure_unconstrained"], "bca"),
      100 * Ratio(round["pure_unconstrained"], "rva"),
      100 * Ratio(round["with_state"], "bca")));

  if (options.strategy == "weighted") {
    const std::vector<ProcessAccuracy> processes =
        ScoreProcesses(records, split.test, pure,
                       probe.config.settings->process_outputs(), kProcessEpsilons);
    round["process"] = ProcessAccuracyToJson(processes);
    for (const ProcessAccuracy& p : processes) {
      std::string shares;
      for (const auto& [epsilon, share] : p.rva_epsilon)
        shares += fmt::format(" ε {:g}%: {:.1f}%", 100 * epsilon, 100 * share);
      say(fmt::format("process {}: {} test reads of its output (range {:g}), "
                      "pure RVA-ε{}",
                      p.name, p.n, p.range, shares));
    }
  }

  TrainingOrigin origin;
  origin.protocol = target.protocol();
  origin.profile = target.profile_name();
  origin.dataset_path = probe.dataset_path;
  origin.dataset_records = records.size();
  origin.seed = options.seed;
  origin.context = options.context;
  origin.extra = {{"strategy", options.strategy}, {"target", target.name()}};
  if (known != nullptr) known->Store(&origin.extra);
  origin.metrics = {{"test_pure", round["pure"]},
                    {"test_with_state", round["with_state"]}};
  ASSIGN_OR_RETURN(lm::Checkpoint checkpoint,
                   MakeCheckpoint(config, std::move(trained), origin));
  outcome.model_path = dir / "model.plm";
  RETURN_IF_ERROR(lm::SaveCheckpoint(outcome.model_path.string(), checkpoint));
  return outcome;
}

}  // namespace

Result<nlohmann::json> RunClone(const CloneOptions& options) {
  if (options.start_size == 0 || options.max_size < options.start_size)
    return InvalidArgument(fmt::format(
        "dataset sizes: start {} must be at least 1 and at most the maximum {}",
        options.start_size, options.max_size));
  ASSIGN_OR_RETURN(lm::ModelConfig config,
                   lm::PresetConfig(options.preset, options.arch));
  ASSIGN_OR_RETURN(Target target, Target::Open(options));
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return IoError(options.out_dir + ": cannot create: " + ec.message());

  nlohmann::json report = {
      {"protocol", target.protocol()}, {"target", target.name()},
      {"profile", target.profile_name()}, {"strategy", options.strategy},
      {"preset", options.preset}, {"arch", options.arch},
      {"context", options.context}, {"seed", options.seed},
      {"epsilon", options.epsilon}, {"min_size", options.min_size},
      {"rounds", nlohmann::json::array()}};
  // Rounds below the minimum size (at most the largest round) are points of
  // the learning curve: their small test splits neither end the loop nor
  // pick the model.
  size_t largest = options.start_size;
  while (largest * 2 <= options.max_size) largest *= 2;
  const size_t min_size = std::min(options.min_size, largest);
  double best_rva_epsilon = -1, best_bca = -1;
  size_t best_size = 0, rounds_without_gain = 0;
  fs::path best_model;
  std::string stopped = fmt::format("reached the maximum size {}", options.max_size);
  for (size_t size = options.start_size; size <= options.max_size; size *= 2) {
    ASSIGN_OR_RETURN(RoundOutcome outcome, RunRound(options, target, config, size));
    if (size < min_size) {
      report["rounds"].push_back(std::move(outcome.summary));
      continue;
    }
    const double rva_epsilon = Ratio(outcome.summary["pure"], "rva_epsilon");
    const double bca = Ratio(outcome.summary["pure"], "bca");
    const bool gain = rva_epsilon >= best_rva_epsilon + options.min_improvement;
    if (rva_epsilon > best_rva_epsilon ||
        (rva_epsilon == best_rva_epsilon && bca > best_bca)) {
      best_rva_epsilon = rva_epsilon;
      best_bca = bca;
      best_size = size;
      best_model = outcome.model_path;
    }
    report["rounds"].push_back(std::move(outcome.summary));
    rounds_without_gain = gain ? 0 : rounds_without_gain + 1;
    if (rounds_without_gain >= options.patience_rounds) {
      stopped = fmt::format(
          "RVA-ε did not improve by {:.1f} points for {} round(s)",
          100 * options.min_improvement, rounds_without_gain);
      break;
    }
  }
  report["stopped_because"] = stopped;
  report["chosen_size"] = best_size;

  const fs::path out(options.out_dir);
  fs::copy_file(best_model, out / "model.plm",
                fs::copy_options::overwrite_existing, ec);
  if (ec) return IoError((out / "model.plm").string() + ": " + ec.message());
  RETURN_IF_ERROR(WriteText(out / "report.json", report.dump(2) + "\n"));
  RETURN_IF_ERROR(WriteText(out / "metrics.svg", RenderMetricPlotSvg(report)));
  RETURN_IF_ERROR(
      WriteText(out / "report.md", RenderReportMarkdown(report, "metrics.svg")));
  if (options.log)
    options.log(fmt::format("chose size {}; wrote {}/model.plm, report.json, "
                            "report.md, metrics.svg",
                            best_size, options.out_dir));
  return report;
}

}  // namespace protolm::clone

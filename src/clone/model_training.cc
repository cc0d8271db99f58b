// Training with clone-style validation (see model_training.h).
#include "clone/model_training.h"

#include <chrono>
#include <ctime>
#include <map>

#include "clone/clone_predictor.h"
#include "clone/dataset_split.h"
#include "proto/registry/protocol_table.h"
#include "lm/engine/engine.h"
#include "lm/plugin/trainer_loader.h"
#include "util/sha256.h"

namespace protolm::clone {

std::shared_ptr<const DeviceKnowledge> LearnDevice(
    const std::vector<DatasetRecord>& records,
    const std::vector<size_t>& indices, const std::string& protocol,
    std::string* summary) {
  const Protocol* device = FindProtocol(protocol);
  if (device == nullptr) {
    if (summary != nullptr)
      *summary = "no device rules learned for " + protocol;
    return nullptr;
  }
  std::vector<bool> known(records.size(), false);
  std::vector<ByteExchange> training;
  for (size_t i : indices) {
    known[i] = true;
    if (records[i].protocol == protocol)
      training.push_back({records[i].request, records[i].response});
  }
  // The whole probe in order, held-out answers left out.
  std::vector<ByteExchange> sequence;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].protocol != protocol) continue;
    sequence.push_back(
        {records[i].request, known[i] ? records[i].response : Bytes{}});
  }
  return device->LearnDevice(training, sequence, summary);
}

Result<TrainedModel> TrainCloneModel(const std::vector<DatasetRecord>& records,
                                     const std::vector<size_t>& train,
                                     const std::vector<size_t>& validation,
                                     ModelTrainingOptions options) {
  ASSIGN_OR_RETURN(const lm::TrainerApi* trainer, lm::LoadTrainer());
  std::map<int, EpochSummary> summaries;
  Status validation_error;
  auto epoch_start = std::chrono::steady_clock::now();
  options.train.on_epoch =
      [&](const lm::EpochResult& epoch) -> std::optional<double> {
    EpochSummary summary;
    summary.epoch = epoch.epoch;
    summary.train_loss = epoch.train_loss;
    summary.validation_loss = epoch.validation_loss;
    auto engine = lm::Engine::Create(options.config, epoch.weights);
    if (!engine.ok()) {
      validation_error = engine.status();
      return std::nullopt;
    }
    PredictOptions predict;
    predict.protocol = options.protocol;
    predict.context = options.context;
    predict.known = options.known;
    auto predictions = PredictIsolated(*engine, records, validation, predict);
    if (!predictions.ok()) {
      validation_error = predictions.status();
      return std::nullopt;
    }
    metrics::EvalReport report =
        ScorePredictions(records, validation, *predictions, options.eval);
    const double n = std::max<size_t>(report.total.n, 1);
    summary.bca = report.total.exact / n;
    summary.rva = report.total.valid / n;
    summary.byte_accuracy = report.total.byte_accuracy_sum / n;
    auto now = std::chrono::steady_clock::now();
    summary.seconds = std::chrono::duration<double>(now - epoch_start).count();
    epoch_start = now;
    summaries[epoch.epoch] = summary;
    if (options.on_epoch) options.on_epoch(summary);
    // The weights kept are those of the lowest validation loss: with the
    // device's rules deciding every outcome, BCA on a small validation split
    // moves only with the few data bytes a model can know and is too coarse
    // to rank epochs by.
    return std::nullopt;
  };
  ASSIGN_OR_RETURN(
      lm::TrainResult result,
      trainer->train_model(
          options.config, ToExamples(records, train, options.context),
          ToExamples(records, validation, options.context), options.train));
  if (!validation_error.ok()) return validation_error;
  TrainedModel trained;
  trained.best = summaries[result.best_epoch];
  trained.result = std::move(result);
  return trained;
}

Result<lm::Checkpoint> MakeCheckpoint(const lm::ModelConfig& config,
                                      TrainedModel&& trained,
                                      const TrainingOrigin& origin) {
  lm::Checkpoint checkpoint;
  checkpoint.config = config;
  checkpoint.weights = std::move(trained.result.weights);
  lm::Provenance& p = checkpoint.provenance;
  p.protocol = origin.protocol;
  p.profile = origin.profile;
  ASSIGN_OR_RETURN(p.dataset_sha256, Sha256OfFile(origin.dataset_path));
  p.dataset_records = origin.dataset_records;
  p.train_seconds = trained.result.total_seconds;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char created[32];
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
  p.created_utc = created;
  p.seed = origin.seed;
  p.metrics = {{"validation_bca", trained.best.bca},
               {"validation_rva", trained.best.rva},
               {"validation_byte_accuracy", trained.best.byte_accuracy},
               {"best_epoch", trained.result.best_epoch},
               {"epochs_run", trained.result.epochs_run}};
  p.metrics.update(origin.metrics);
  p.extra = {{"context", origin.context}};
  p.extra.update(origin.extra);
  return checkpoint;
}

}  // namespace protolm::clone

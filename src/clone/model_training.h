// Training a clone's model on dataset records, validated the way the clone
// is judged: after every epoch the epoch's weights answer the validation
// requests (isolated, constrained decoding) and their BCA, RVA and byte
// accuracy are reported; the epoch kept (and early stopping) goes by the
// validation loss, the finer measure. The device
// rules a clone decodes with are learned from its training split only.
//
// Blocking; see lm::TrainModel for threads and determinism.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "proto/device_knowledge.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/model_config.h"
#include "lm/plugin/training_types.h"
#include "metrics/evaluation.h"
#include "trace/dataset_reader.h"
#include "util/status.h"

namespace protolm::clone {

/// One line per epoch for the caller's log.
struct EpochSummary {
  int epoch = 0;
  double train_loss = 0;
  double validation_loss = 0;
  double bca = 0;  // validation, isolated, constrained (reported)
  double rva = 0;
  double byte_accuracy = 0;
  double seconds = 0;
};

struct ModelTrainingOptions {
  lm::ModelConfig config;
  lm::TrainOptions train;  // on_epoch is set by TrainCloneModel
  std::string protocol;
  size_t context = 0;
  metrics::EvalOptions eval;  // the validators' device knowledge
  /// What the grammars know of the device for validation decoding
  /// (LearnDevice); null: the specification alone.
  std::shared_ptr<const DeviceKnowledge> known;
  std::function<void(const EpochSummary&)> on_epoch;
};

struct TrainedModel {
  lm::TrainResult result;
  /// Validation scores of the best epoch.
  EpochSummary best;
};

/// What a checkpoint records about where its model came from.
struct TrainingOrigin {
  std::string protocol;
  std::string profile;       // "" when unknown
  std::string dataset_path;  // hashed (SHA-256) into the provenance
  size_t dataset_records = 0;
  uint64_t seed = 0;
  size_t context = 0;        // kept in provenance.extra["context"]
  nlohmann::json extra = nlohmann::json::object();    // more of extra
  nlohmann::json metrics = nlohmann::json::object();  // more of metrics
};

/// The checkpoint of a trained model: its config, the best weights (moved
/// out of `trained`) and the provenance (validation scores of the best epoch,
/// training time, creation time in UTC). Errors: IoError when the dataset
/// cannot be read for its hash.
Result<lm::Checkpoint> MakeCheckpoint(const lm::ModelConfig& config,
                                      TrainedModel&& trained,
                                      const TrainingOrigin& origin);

/// What the clone learns of its `protocol` device (Protocol::LearnDevice):
/// from the `protocol` records among records[indices] (the training split)
/// and from all of them in order, the answers outside `indices` held out;
/// null when the protocol is unknown or learns nothing. `summary` gets one
/// line for the log.
std::shared_ptr<const DeviceKnowledge> LearnDevice(
    const std::vector<DatasetRecord>& records,
    const std::vector<size_t>& indices, const std::string& protocol,
    std::string* summary);

/// Trains on records[train] and validates on records[validation].
Result<TrainedModel> TrainCloneModel(const std::vector<DatasetRecord>& records,
                                     const std::vector<size_t>& train,
                                     const std::vector<size_t>& validation,
                                     ModelTrainingOptions options);

}  // namespace protolm::clone

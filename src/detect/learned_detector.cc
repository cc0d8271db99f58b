// LearnedDetector: training through the plugin, scoring through the engine,
// and the JSON form with the embedded checkpoint (see learned_detector.h).
#include "detect/learned_detector.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "detect/json_fields.h"
#include "lm/plugin/trainer_loader.h"
#include "util/base64.h"

namespace protolm::detect {
namespace {

// The token sequence the model reads: the boundary, then the events (an id
// outside the vocabulary reads as <unk>), then the boundary again when the
// end is to be predicted too.
std::vector<int32_t> ModelTokens(std::span<const TokenId> trace,
                                 size_t vocabulary_size, bool with_end) {
  const auto boundary = static_cast<int32_t>(vocabulary_size);
  std::vector<int32_t> tokens;
  tokens.reserve(trace.size() + 2);
  tokens.push_back(boundary);
  for (TokenId id : trace) {
    tokens.push_back(id < vocabulary_size
                         ? static_cast<int32_t>(id)
                         : static_cast<int32_t>(kUnknownToken));
  }
  if (with_end) tokens.push_back(boundary);
  return tokens;
}

double Surprisal(float log_p) {
  return std::min(kMaxSurprisal, -static_cast<double>(log_p));
}

// Every 10th trace (index 9, 19, ...) validates; with fewer than 10, all do.
void SplitForValidation(std::span<const std::vector<TokenId>> traces,
                        lm::TokenCorpus& train, lm::TokenCorpus& validation) {
  for (size_t i = 0; i < traces.size(); ++i) {
    std::vector<int32_t> ids(traces[i].begin(), traces[i].end());
    if (traces.size() < 10) {
      validation.traces.push_back(ids);
    } else if (i % 10 == 9) {
      validation.traces.push_back(std::move(ids));
      continue;
    }
    train.traces.push_back(std::move(ids));
  }
}

}  // namespace

Result<LearnedDetectorOptions> LearnedDetector::Preset(std::string_view arch) {
  LearnedDetectorOptions options;
  lm::ModelConfig& shape = options.shape;
  shape.arch = std::string(arch);
  shape.max_offset = 1;  // events have no message offsets
  if (arch == "lstm") {
    shape.d_model = 128, shape.n_layers = 2, shape.n_heads = 4;
    shape.d_ff = 512, shape.max_positions = 256;
  } else if (arch == "transformer") {
    shape.d_model = 64, shape.n_layers = 2, shape.n_heads = 4;
    shape.d_ff = 256, shape.max_positions = 128;
  } else {
    return InvalidArgument("unknown learned detector architecture '" +
                           std::string(arch) + "'; use lstm or transformer");
  }
  lm::TrainOptions& t = options.training;
  t.epochs = 4;
  t.batch_size = 32;
  t.learning_rate = 3e-3;
  t.min_learning_rate = 3e-4;
  t.warmup_steps = 50;
  t.patience = 2;
  return options;
}

Status LearnedDetector::Train(std::span<const std::vector<TokenId>> traces,
                              size_t vocabulary_size) {
  if (traces.empty()) {
    return InvalidArgument("learned detector: no training traces");
  }
  lm::ModelConfig config = options_.shape;
  if (vocabulary_size < 1 || vocabulary_size >= (size_t{1} << 20)) {
    return InvalidArgument("learned detector: vocabulary size " +
                           std::to_string(vocabulary_size) +
                           " is out of range");
  }
  config.vocab_size = static_cast<int>(vocabulary_size + 1);
  RETURN_IF_ERROR(lm::ValidateConfig(config));
  ASSIGN_OR_RETURN(const lm::TrainerApi* trainer, lm::LoadTrainer());
  lm::TokenCorpus train, validation;
  train.begin_token = train.end_token = static_cast<int32_t>(vocabulary_size);
  validation.begin_token = validation.end_token = train.begin_token;
  SplitForValidation(traces, train, validation);
  ASSIGN_OR_RETURN(
      lm::TrainResult result,
      trainer->train_token_model(config, train, validation, options_.training));
  lm::Checkpoint checkpoint{config, std::move(result.weights), {}};
  checkpoint.provenance.train_seconds = result.total_seconds;
  checkpoint.provenance.seed = options_.training.seed;
  checkpoint.provenance.dataset_records = traces.size();
  checkpoint.provenance.metrics = {
      {"validation_loss",
       result.history[result.best_epoch - 1].validation_loss},
      {"best_epoch", result.best_epoch},
      {"epochs_run", result.epochs_run},
      {"tokens_per_second", result.tokens_per_second}};
  ASSIGN_OR_RETURN(lm::Engine engine,
                   lm::Engine::Create(config, checkpoint.weights));
  vocabulary_size_ = vocabulary_size;
  checkpoint_ = std::move(checkpoint);
  engine_ = std::move(engine);
  return Status::Ok();
}

std::vector<double> LearnedDetector::SurprisalsWithEnd(
    std::span<const TokenId> trace) const {
  std::vector<double> surprisals(trace.size() + 1, kMaxSurprisal);
  if (!engine_) return surprisals;
  Result<lm::NextTokenPredictions> predictions =
      engine_->PredictNextTokens(ModelTokens(trace, vocabulary_size_, true), 0);
  if (!predictions.ok()) return surprisals;  // unreachable: ids are checked
  std::transform(predictions->log_p.begin(), predictions->log_p.end(),
                 surprisals.begin(), Surprisal);
  return surprisals;
}

void LearnedDetector::EventSurprisals(std::span<const TokenId> trace,
                                      std::vector<double>& out) const {
  out = SurprisalsWithEnd(trace);
  out.pop_back();
}

std::vector<Expectation> LearnedDetector::Expected(
    std::span<const TokenId> trace, size_t position, size_t k) const {
  if (!engine_) return {};
  Result<lm::NextTokenPredictions> predictions = engine_->PredictNextTokens(
      ModelTokens(trace.first(std::min(position, trace.size())),
                  vocabulary_size_, false),
      k);
  if (!predictions.ok()) return {};
  std::vector<Expectation> expected;
  for (const lm::TokenLogProb& t : predictions->top.back()) {
    expected.push_back({static_cast<TokenId>(t.token), std::exp(t.log_p)});
  }
  return expected;
}

double LearnedDetector::TraceScore(std::span<const TokenId> trace) const {
  return options_.scoring.Score(SurprisalsWithEnd(trace));
}

std::optional<double> LearnedDetector::PrefixScore(
    std::span<const TokenId> prefix) const {
  std::vector<double> surprisals;
  EventSurprisals(prefix, surprisals);
  return options_.scoring.PrefixScore(surprisals);
}

std::optional<size_t> LearnedDetector::FirstAnomaly(
    std::span<const TokenId> trace, double event_threshold) const {
  std::vector<double> surprisals = SurprisalsWithEnd(trace);
  auto over = std::find_if(surprisals.begin(), surprisals.end(),
                           [&](double s) { return s > event_threshold; });
  if (over == surprisals.end()) return std::nullopt;
  return static_cast<size_t>(over - surprisals.begin());
}

nlohmann::json LearnedDetector::ToJson() const {
  std::string plm;
  if (checkpoint_) {
    Result<Bytes> bytes = lm::SerializeCheckpoint(*checkpoint_);
    if (bytes.ok()) plm = EncodeBase64(*bytes);  // checked when trained
  }
  return nlohmann::json{{"kind", kind()},
                        {"vocabulary_size", vocabulary_size_},
                        {"scoring", options_.scoring.ToJson()},
                        {"plm_base64", std::move(plm)}};
}

Result<std::unique_ptr<TraceDetector>> LearnedDetector::FromJson(
    const nlohmann::json& json, size_t vocabulary_size) {
  ASSIGN_OR_RETURN(uint64_t size, ReadUnsigned(json, "vocabulary_size", 1,
                                               (uint64_t{1} << 20) - 1));
  if (size != vocabulary_size) {
    return Malformed("learned: trained with another vocabulary");
  }
  ASSIGN_OR_RETURN(const nlohmann::json* scoring_json,
                   ReadObject(json, "scoring"));
  ASSIGN_OR_RETURN(SurprisalScoring scoring,
                   SurprisalScoring::FromJson(*scoring_json));
  ASSIGN_OR_RETURN(std::string text, ReadString(json, "plm_base64"));
  Result<Bytes> bytes = DecodeBase64(text);
  if (!bytes.ok()) return bytes.status().WithContext("learned");
  Result<lm::Checkpoint> checkpoint =
      lm::LoadCheckpointFromBytes(*bytes, "learned: plm_base64");
  if (!checkpoint.ok()) return Malformed(checkpoint.status().message());
  if (checkpoint->config.vocab_size != static_cast<int>(vocabulary_size + 1)) {
    return Malformed("learned: the model has " +
                     std::to_string(checkpoint->config.vocab_size) +
                     " tokens; the vocabulary needs " +
                     std::to_string(vocabulary_size + 1));
  }
  Result<lm::Engine> engine =
      lm::Engine::Create(checkpoint->config, checkpoint->weights);
  if (!engine.ok()) return Malformed("learned: " + engine.status().message());
  LearnedDetectorOptions options{checkpoint->config, {}, scoring};
  auto detector = std::make_unique<LearnedDetector>(std::move(options));
  detector->vocabulary_size_ = vocabulary_size;
  detector->checkpoint_ = std::move(checkpoint).value();
  detector->engine_ = std::move(engine).value();
  return std::unique_ptr<TraceDetector>(std::move(detector));
}

}  // namespace protolm::detect

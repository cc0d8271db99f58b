// TrainSequences: the epoch loop with AdamW, the learning-rate schedule,
// validation and early stopping over encoded sequences, shared by TrainModel
// (byte examples) and TrainTokenModel (token-id traces); and the option
// checks of both (see sequence_trainer.h).
#include "lm/sequence_trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <thread>

#include "lm/batch_plan.h"
#include "lm/token_batch.h"
#include "lm/torch_guard.h"
#include "lm/torch_model.h"

namespace protolm::lm {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<size_t> Lengths(const std::vector<TokenSequence>& sequences) {
  std::vector<size_t> lengths;
  lengths.reserve(sequences.size());
  for (const TokenSequence& s : sequences) lengths.push_back(s.tokens.size());
  return lengths;
}

// Sets torch's intra-op thread count for its lifetime.
class TorchThreads {
 public:
  explicit TorchThreads(int threads) : previous_(torch::get_num_threads()) {
    if (threads == 0) {
      threads =
          std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    }
    torch::set_num_threads(threads);
  }
  ~TorchThreads() { torch::set_num_threads(previous_); }
  TorchThreads(const TorchThreads&) = delete;
  TorchThreads& operator=(const TorchThreads&) = delete;

 private:
  int previous_;
};

// The learning rate of step `step` (0-based) of `total_steps`.
double LearningRate(const TrainOptions& o, int64_t step, int64_t total_steps) {
  const int64_t warmup = std::min<int64_t>(o.warmup_steps, total_steps / 2);
  if (step < warmup) {
    return o.learning_rate * static_cast<double>(step + 1) /
           static_cast<double>(warmup);
  }
  const double span =
      static_cast<double>(std::max<int64_t>(1, total_steps - warmup));
  const double progress =
      std::min(1.0, static_cast<double>(step - warmup) / span);
  const double range = o.learning_rate - o.min_learning_rate;
  switch (o.decay) {
    case LrDecay::kCosine:
      return o.min_learning_rate +
             range * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    case LrDecay::kLinear:
      return o.learning_rate - range * progress;
    case LrDecay::kConstant:
      break;
  }
  return o.learning_rate;
}

// AdamW with weight decay on matrices only: not on embeddings (a row is only
// updated when its token occurs), biases or LayerNorm.
std::unique_ptr<torch::optim::AdamW> MakeOptimizer(const TorchModel& model,
                                                   const TrainOptions& o) {
  std::vector<torch::Tensor> decayed, plain;
  for (const NamedParameter& p : model.parameters()) {
    bool embedding = p.name.ends_with("_emb");
    (p.tensor.dim() == 2 && !embedding ? decayed : plain).push_back(p.tensor);
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decayed, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(o.learning_rate)
                                       .weight_decay(o.weight_decay)));
  groups.emplace_back(
      plain,
      std::make_unique<torch::optim::AdamWOptions>(
          torch::optim::AdamWOptions(o.learning_rate).weight_decay(0.0)));
  return std::make_unique<torch::optim::AdamW>(
      std::move(groups), torch::optim::AdamWOptions(o.learning_rate));
}

void SetLearningRate(torch::optim::AdamW& optimizer, double lr) {
  for (torch::optim::OptimizerParamGroup& group : optimizer.param_groups()) {
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  }
}

// Mean loss per target token (weight 1: outside the prompt) over `batches`.
double ValidationLoss(const TorchModel& model,
                      const std::vector<TokenBatch>& batches) {
  torch::NoGradGuard no_grad;
  double loss_sum = 0, weight_sum = 0;
  for (const TokenBatch& batch : batches) {
    loss_sum += WeightedLossSum(model, batch).item<double>();
    weight_sum += batch.weight_sum;
  }
  return loss_sum / weight_sum;
}

Result<TrainResult> Train(const ModelConfig& config,
                          const std::vector<TokenSequence>& train,
                          const std::vector<TokenSequence>& validation,
                          const TrainOptions& o, double prompt_weight) {
  const Clock::time_point start = Clock::now();
  TorchThreads threads(o.threads);
  torch::manual_seed(o.seed);
  std::mt19937_64 rng(o.seed);

  ASSIGN_OR_RETURN(std::unique_ptr<TorchModel> model,
                   TorchModel::Create(config));
  if (o.init_weights) {
    Status set = model->SetWeights(*o.init_weights);
    if (!set.ok()) return set.WithContext("init weights");
  }
  std::unique_ptr<torch::optim::AdamW> optimizer = MakeOptimizer(*model, o);

  const std::vector<size_t> train_lengths = Lengths(train);
  std::vector<TokenBatch> validation_batches;
  for (const std::vector<size_t>& indices :
       PlanEvaluationBatches(Lengths(validation), o.batch_size)) {
    validation_batches.push_back(
        MakeTokenBatch(validation, indices, 0.0, PadToken(config)));
  }

  const size_t batch_size = static_cast<size_t>(o.batch_size);
  const int steps_per_epoch =
      static_cast<int>((train.size() + batch_size - 1) / batch_size);
  const int64_t total_steps = static_cast<int64_t>(steps_per_epoch) * o.epochs;
  int64_t global_step = 0;
  int64_t tokens_trained = 0;
  double train_seconds = 0;

  TrainResult result;
  int epochs_without_gain = 0;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const Clock::time_point epoch_start = Clock::now();
    const BatchPlan plan = PlanTrainingBatches(train_lengths, batch_size, rng);
    double loss_total = 0;
    int step = 0;
    for (const std::vector<size_t>& indices : plan) {
      const Clock::time_point step_start = Clock::now();
      const double lr = LearningRate(o, global_step, total_steps);
      SetLearningRate(*optimizer, lr);
      TokenBatch batch =
          MakeTokenBatch(train, indices, prompt_weight, PadToken(config));
      optimizer->zero_grad();
      torch::Tensor loss = WeightedLossSum(*model, batch) / batch.weight_sum;
      const double loss_value = loss.item<double>();
      ++step;
      if (!std::isfinite(loss_value)) {
        return Internal("training diverged at epoch " + std::to_string(epoch) +
                        ", step " + std::to_string(step) + " (loss " +
                        std::to_string(loss_value) +
                        "); lower the learning rate");
      }
      loss.backward();
      if (o.grad_clip_norm > 0) {
        std::vector<torch::Tensor> params;
        for (const NamedParameter& p : model->parameters())
          params.push_back(p.tensor);
        torch::nn::utils::clip_grad_norm_(params, o.grad_clip_norm);
      }
      optimizer->step();
      ++global_step;
      loss_total += loss_value;
      tokens_trained += batch.token_count;
      train_seconds += SecondsSince(step_start);

      if (o.on_progress &&
          (step % o.progress_every_steps == 0 || step == steps_per_epoch)) {
        TrainProgress progress;
        progress.epoch = epoch;
        progress.epochs = o.epochs;
        progress.step = step;
        progress.steps_per_epoch = steps_per_epoch;
        progress.loss = loss_total / step;
        progress.learning_rate = lr;
        progress.tokens_per_second =
            static_cast<double>(tokens_trained) / train_seconds;
        progress.eta_seconds = train_seconds /
                               static_cast<double>(global_step) *
                               static_cast<double>(total_steps - global_step);
        o.on_progress(progress);
      }
    }

    EpochRecord record;
    record.epoch = epoch;
    record.train_loss = loss_total / step;
    record.validation_loss = ValidationLoss(*model, validation_batches);
    record.score = -record.validation_loss;
    Weights weights = model->GetWeights();
    if (o.on_epoch) {
      EpochResult epoch_result{epoch, record.train_loss, record.validation_loss,
                               std::move(weights)};
      std::optional<double> score = o.on_epoch(epoch_result);
      weights = std::move(epoch_result.weights);
      if (score) {
        record.score = *score;
        record.caller_score = true;
      }
    }
    record.seconds = SecondsSince(epoch_start);
    result.history.push_back(record);
    result.epochs_run = epoch;

    if (epoch == 1 || record.score > result.best_score) {
      result.best_score = record.score;
      result.best_epoch = epoch;
      result.weights = std::move(weights);
      epochs_without_gain = 0;
    } else if (o.patience > 0 && ++epochs_without_gain >= o.patience) {
      result.stopped_early = epoch < o.epochs;
      break;
    }
  }
  result.total_seconds = SecondsSince(start);
  result.tokens_per_second =
      static_cast<double>(tokens_trained) / train_seconds;
  return result;
}

}  // namespace

Status CheckTrainOptions(const TrainOptions& o) {
  auto bad = [](const std::string& what) {
    return InvalidArgument("train options: " + what);
  };
  if (o.epochs <= 0) return bad("epochs must be positive");
  if (o.batch_size <= 0) return bad("batch size must be positive");
  if (!std::isfinite(o.learning_rate) || o.learning_rate <= 0) {
    return bad("learning rate must be a positive number");
  }
  if (!std::isfinite(o.min_learning_rate) || o.min_learning_rate < 0 ||
      o.min_learning_rate > o.learning_rate) {
    return bad("minimum learning rate must be in [0, learning rate]");
  }
  if (o.warmup_steps < 0) return bad("warmup steps must not be negative");
  if (!std::isfinite(o.weight_decay) || o.weight_decay < 0) {
    return bad("weight decay must not be negative");
  }
  if (!std::isfinite(o.grad_clip_norm) || o.grad_clip_norm < 0) {
    return bad("gradient clipping norm must not be negative (0 = off)");
  }
  if (o.threads < 0) return bad("threads must not be negative (0 = all cores)");
  if (o.patience < 0) return bad("patience must not be negative (0 = off)");
  if (!(o.prompt_loss_weight >= 0 && o.prompt_loss_weight <= 1)) {
    return bad("prompt loss weight must be in [0, 1]");
  }
  if (o.progress_every_steps <= 0) {
    return bad("progress interval must be positive");
  }
  return Status::Ok();
}

Result<TrainResult> TrainSequences(const ModelConfig& config,
                                   const std::vector<TokenSequence>& train,
                                   const std::vector<TokenSequence>& validation,
                                   const TrainOptions& options,
                                   double prompt_weight) {
  return GuardTorch("training", [&] {
    return Train(config, train, validation, options, prompt_weight);
  });
}

}  // namespace protolm::lm

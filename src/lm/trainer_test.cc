// TrainModel on tiny synthetic data: it learns (the loss falls and the engine
// reproduces a memorised exchange from the trained weights), it is
// deterministic for a seed, it keeps the best epoch and stops early, it
// reports progress, and it refuses bad input with clear errors.
#include "lm/trainer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "lm/engine/engine.h"
#include "lm/torch_reference.h"

namespace protolm::lm {
namespace {

using ::testing::HasSubstr;

// `count` request/response pairs; each response derives from its request (a
// header byte, the request's id echoed, a byte computed from another one).
std::vector<Example> SyntheticExchanges(int count = 20) {
  std::vector<Example> examples;
  for (int i = 0; i < count; ++i) {
    Example e;
    const auto id = static_cast<uint8_t>(i);
    const auto value = static_cast<uint8_t>(i * 37 + 5);
    e.request = Bytes{0x01, id, value, static_cast<uint8_t>(0x10 + i % 3)};
    e.response = Bytes{0x81, id, static_cast<uint8_t>(value ^ 0x55), 0xaa};
    examples.push_back(std::move(e));
  }
  return examples;
}

ModelConfig TinyConfig(const std::string& arch) {
  Result<ModelConfig> config = PresetConfig("tiny", arch);
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return *config;
}

TrainOptions QuickOptions() {
  TrainOptions options;
  options.epochs = 60;
  options.batch_size = 4;
  options.learning_rate = 1e-2;
  options.min_learning_rate = 1e-3;
  options.warmup_steps = 10;
  options.patience = 0;
  options.threads = 1;
  options.seed = 42;
  return options;
}

// How long each architecture trains on the synthetic exchanges. The LSTM
// needs many more steps than the transformer to learn to copy a byte from
// several tokens back, so it gets fewer exchanges and more epochs.
struct LearningCase {
  std::string arch;
  int exchanges;
  int epochs;
  double loss_factor;          // first epoch's loss / last epoch's at least
  double max_validation_loss;  // at the best epoch
};

class TrainerLearnsTest : public ::testing::TestWithParam<LearningCase> {};

TEST_P(TrainerLearnsTest, LossFallsAndExchangesAreReproduced) {
  const LearningCase& c = GetParam();
  const ModelConfig config = TinyConfig(c.arch);
  const std::vector<Example> data = SyntheticExchanges(c.exchanges);
  TrainOptions options = QuickOptions();
  options.epochs = c.epochs;
  Result<TrainResult> result = TrainModel(config, data, data, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();

  ASSERT_EQ(result->history.size(), static_cast<size_t>(c.epochs));
  EXPECT_EQ(result->epochs_run, c.epochs);
  EXPECT_FALSE(result->stopped_early);
  EXPECT_GT(result->history.front().train_loss,
            c.loss_factor * result->history.back().train_loss);
  EXPECT_LT(result->history[result->best_epoch - 1].validation_loss,
            c.max_validation_loss);
  EXPECT_GT(result->tokens_per_second, 0);

  Result<Engine> engine = Engine::Create(config, result->weights);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  for (size_t i : {size_t{0}, data.size() / 2, data.size() - 1}) {
    Result<Bytes> response = engine->Generate({}, data[i].request, {});
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    EXPECT_EQ(*response, data[i].response) << "exchange " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Architectures, TrainerLearnsTest,
    ::testing::Values(LearningCase{"transformer", 20, 60, 20, 0.05},
                      LearningCase{"lstm", 8, 300, 8, 0.6}),
    [](const ::testing::TestParamInfo<LearningCase>& info) {
      return info.param.arch;
    });

TEST(TrainerTest, SameSeedGivesIdenticalWeights) {
  const ModelConfig config = TinyConfig("transformer");
  const std::vector<Example> data = SyntheticExchanges();
  TrainOptions options = QuickOptions();
  options.epochs = 3;
  Result<TrainResult> first = TrainModel(config, data, data, options);
  Result<TrainResult> second = TrainModel(config, data, data, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(first->weights, second->weights);
  EXPECT_EQ(first->history.back().train_loss,
            second->history.back().train_loss);

  options.seed = 43;
  Result<TrainResult> other = TrainModel(config, data, data, options);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(first->weights, other->weights);
}

TEST(TrainerTest, KeepsTheBestEpochAndStopsAfterPatience) {
  const ModelConfig config = TinyConfig("transformer");
  const std::vector<Example> data = SyntheticExchanges();
  TrainOptions options = QuickOptions();
  options.epochs = 10;
  options.patience = 2;
  Weights second_epoch;
  options.on_epoch = [&](const EpochResult& epoch) -> std::optional<double> {
    if (epoch.epoch == 2) second_epoch = epoch.weights;
    if (epoch.epoch == 1) return std::nullopt;  // falls back to -loss
    return epoch.epoch == 2 ? 100.0 : 1.0;
  };
  Result<TrainResult> result = TrainModel(config, data, data, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->best_epoch, 2);
  EXPECT_EQ(result->best_score, 100.0);
  EXPECT_EQ(result->epochs_run, 4);
  EXPECT_TRUE(result->stopped_early);
  EXPECT_EQ(result->weights, second_epoch);
  ASSERT_EQ(result->history.size(), 4u);
  EXPECT_FALSE(result->history[0].caller_score);
  EXPECT_EQ(result->history[0].score, -result->history[0].validation_loss);
  EXPECT_TRUE(result->history[1].caller_score);
}

TEST(TrainerTest, ReportsProgress) {
  const ModelConfig config = TinyConfig("lstm");
  const std::vector<Example> data = SyntheticExchanges();
  TrainOptions options = QuickOptions();
  options.epochs = 2;
  options.progress_every_steps = 2;
  std::vector<TrainProgress> reports;
  options.on_progress = [&](const TrainProgress& p) { reports.push_back(p); };
  ASSERT_TRUE(TrainModel(config, data, data, options).ok());
  // 5 steps per epoch: reports after steps 2, 4 and 5 of each epoch.
  ASSERT_EQ(reports.size(), 6u);
  EXPECT_EQ(reports[2].epoch, 1);
  EXPECT_EQ(reports[2].step, 5);
  EXPECT_EQ(reports[2].steps_per_epoch, 5);
  EXPECT_EQ(reports[5].epoch, 2);
  EXPECT_EQ(reports[5].epochs, 2);
  EXPECT_EQ(reports[5].eta_seconds, 0);
  for (const TrainProgress& p : reports) {
    EXPECT_GT(p.loss, 0);
    EXPECT_GT(p.tokens_per_second, 0);
    EXPECT_GT(p.learning_rate, 0);
  }
}

TEST(TrainerTest, StartsFromGivenWeights) {
  const ModelConfig config = TinyConfig("transformer");
  const std::vector<Example> data = SyntheticExchanges();
  TrainOptions options = QuickOptions();
  options.epochs = 20;
  Result<TrainResult> trained = TrainModel(config, data, data, options);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();

  options.epochs = 1;
  options.learning_rate = 1e-5;
  options.min_learning_rate = 0;
  options.init_weights = trained->weights;
  Result<TrainResult> tuned = TrainModel(config, data, data, options);
  ASSERT_TRUE(tuned.ok()) << tuned.status().ToString();
  EXPECT_LT(tuned->history[0].validation_loss,
            2 * trained->history[trained->best_epoch - 1].validation_loss);
  EXPECT_LT(tuned->history[0].train_loss, trained->history[0].train_loss / 5);
}

TEST(TrainerTest, RefusesBadInput) {
  const ModelConfig config = TinyConfig("transformer");
  const std::vector<Example> data = SyntheticExchanges();
  const TrainOptions options = QuickOptions();

  Result<TrainResult> r = TrainModel(config, {}, data, options);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("training set is empty"));

  r = TrainModel(config, data, {}, options);
  EXPECT_THAT(r.status().message(), HasSubstr("validation set is empty"));

  std::vector<Example> too_long = data;
  too_long[3].response = Bytes(600, 0x42);
  r = TrainModel(config, too_long, data, options);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("training example 3"));
  EXPECT_THAT(r.status().message(), HasSubstr("512"));

  ModelConfig bad_config = config;
  bad_config.n_heads = 3;
  EXPECT_EQ(TrainModel(bad_config, data, data, options).status().code(),
            StatusCode::kInvalidArgument);

  auto refused = [&](TrainOptions o, const std::string& fragment) {
    Result<TrainResult> result = TrainModel(config, data, data, o);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(fragment));
  };
  TrainOptions o = options;
  o.epochs = 0;
  refused(o, "epochs");
  o = options;
  o.batch_size = -1;
  refused(o, "batch size");
  o = options;
  o.learning_rate = -1;
  refused(o, "learning rate");
  o = options;
  o.prompt_loss_weight = 2;
  refused(o, "prompt loss weight");
  o = options;
  o.threads = -2;
  refused(o, "threads");

  o = options;
  Result<ModelConfig> small = PresetConfig("small");
  ASSERT_TRUE(small.ok());
  Result<Weights> other_size = InitialWeights(*small, 1);
  ASSERT_TRUE(other_size.ok()) << other_size.status().ToString();
  o.init_weights = *other_size;
  refused(o, "init weights");
}

}  // namespace
}  // namespace protolm::lm

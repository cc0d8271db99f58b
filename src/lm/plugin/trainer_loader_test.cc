// LoadTrainer finds the plugin this build tree builds, and training through
// its table works across the boundary: callbacks run, weights come back,
// errors come back as values. (A missing or broken plugin is tested end to
// end, one process per case, in tests/e2e/trainer_plugin_cli_test.cc: a
// successful load is kept for the life of the process.)
#include "lm/plugin/trainer_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

namespace protolm::lm {
namespace {

using ::testing::HasSubstr;

const TrainerApi* LoadFromBuildTree() {
  unsetenv("PROTOLM_TRAINER");
  Result<const TrainerApi*> trainer = LoadTrainer();
  EXPECT_TRUE(trainer.ok()) << trainer.status().ToString();
  return trainer.ok() ? *trainer : nullptr;
}

TEST(TrainerLoader, LoadsThePluginOnceAndItMatchesOurHeaders) {
  const TrainerApi* trainer = LoadFromBuildTree();
  ASSERT_NE(trainer, nullptr);
  EXPECT_EQ(trainer->version, kTrainerApiVersion);
  EXPECT_EQ(trainer->layout, TrainerLayoutSignature());
  Result<const TrainerApi*> again = LoadTrainer();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, trainer);
}

TEST(TrainerLoader, TrainsThroughThePlugin) {
  const TrainerApi* trainer = LoadFromBuildTree();
  ASSERT_NE(trainer, nullptr);
  Result<ModelConfig> config = PresetConfig("tiny", "lstm");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  std::vector<Example> examples;
  for (uint8_t i = 0; i < 8; ++i) {
    Example example;
    example.request = Bytes{0x01, i};
    example.response = Bytes{0x81, i};
    examples.push_back(std::move(example));
  }
  TrainOptions options;
  options.epochs = 2;
  options.batch_size = 4;
  options.threads = 1;
  options.patience = 0;
  int progress_reports = 0;
  options.on_progress = [&](const TrainProgress&) { ++progress_reports; };
  std::vector<int> epochs_seen;
  options.on_epoch = [&](const EpochResult& epoch) -> std::optional<double> {
    epochs_seen.push_back(epoch.epoch);
    EXPECT_TRUE(CheckWeights(*config, epoch.weights).ok());
    return std::nullopt;
  };
  Result<TrainResult> result =
      trainer->train_model(*config, examples, examples, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->epochs_run, 2);
  EXPECT_THAT(epochs_seen, ::testing::ElementsAre(1, 2));
  EXPECT_GT(progress_reports, 0);
  EXPECT_TRUE(CheckWeights(*config, result->weights).ok());
}

TEST(TrainerLoader, TrainsATokenModelThroughThePlugin) {
  const TrainerApi* trainer = LoadFromBuildTree();
  ASSERT_NE(trainer, nullptr);
  ModelConfig config{.arch = "lstm",
                     .d_model = 8,
                     .n_layers = 1,
                     .n_heads = 1,
                     .d_ff = 8,
                     .max_positions = 8,
                     .max_offset = 1,
                     .vocab_size = 4};
  TokenCorpus corpus{{{0, 1, 2}, {1, 2, 0, 1, 2, 0, 1, 2, 0}}, 3, 3};
  TrainOptions options;
  options.epochs = 1;
  options.threads = 1;
  Result<TrainResult> result =
      trainer->train_token_model(config, corpus, corpus, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->epochs_run, 1);
  EXPECT_TRUE(CheckWeights(config, result->weights).ok());
  corpus.traces[1][4] = 4;
  result = trainer->train_token_model(config, corpus, corpus, options);
  EXPECT_EQ(result.status().message(),
            "training trace 1 at 4: token 4 is outside the vocabulary of 4");
}

TEST(TrainerLoader, ErrorsComeBackAsValues) {
  const TrainerApi* trainer = LoadFromBuildTree();
  ASSERT_NE(trainer, nullptr);
  Result<ModelConfig> config = PresetConfig("tiny", "transformer");
  ASSERT_TRUE(config.ok());
  Result<TrainResult> result =
      trainer->train_model(*config, {}, {}, TrainOptions{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("training set is empty"));
}

}  // namespace
}  // namespace protolm::lm

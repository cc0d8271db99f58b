// TrainTokenModel on tiny token-id traces: a small LSTM learns a
// deterministic cycle (the engine's next-token accuracy from the trained
// weights is high), windows let it train on traces longer than its
// positions, and bad corpora are refused with clear errors.
#include "lm/token_trainer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "lm/engine/engine.h"

namespace protolm::lm {
namespace {

// Ids 0..4 of events, 5 the boundary (begin and end).
constexpr int32_t kBoundary = 5;

ModelConfig TinyTokenConfig(const std::string& arch) {
  return ModelConfig{.arch = arch,
                     .d_model = 32,
                     .n_layers = 2,
                     .n_heads = 4,
                     .d_ff = 64,
                     .max_positions = 16,
                     .max_offset = 1,
                     .vocab_size = 6};
}

// Traces that walk the cycle 0 1 2 3 4 0 1 ... from a start for a length;
// some are longer than max_positions.
TokenCorpus CycleCorpus() {
  TokenCorpus corpus;
  corpus.begin_token = corpus.end_token = kBoundary;
  for (int start = 0; start < 5; ++start) {
    for (int length : {4, 9, 30}) {
      std::vector<int32_t> trace;
      for (int i = 0; i < length; ++i) trace.push_back((start + i) % 5);
      corpus.traces.push_back(trace);
    }
  }
  return corpus;
}

TrainOptions QuickOptions() {
  TrainOptions options;
  options.epochs = 40;
  options.batch_size = 4;
  options.learning_rate = 1e-2;
  options.min_learning_rate = 1e-3;
  options.warmup_steps = 5;
  options.patience = 0;
  options.threads = 1;
  options.seed = 7;
  return options;
}

TEST(TokenTrainerTest, LstmLearnsADeterministicCycle) {
  const ModelConfig config = TinyTokenConfig("lstm");
  const TokenCorpus corpus = CycleCorpus();
  Result<TrainResult> result =
      TrainTokenModel(config, corpus, corpus, QuickOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_LT(result->history.back().validation_loss,
            result->history.front().validation_loss);

  Result<Engine> engine = Engine::Create(config, result->weights);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  // After the first event the next one is determined: predict it.
  size_t right = 0, total = 0;
  for (const std::vector<int32_t>& trace : corpus.traces) {
    std::vector<int32_t> tokens = {kBoundary};
    tokens.insert(tokens.end(), trace.begin(), trace.end());
    auto predictions = engine->PredictNextTokens(tokens, 1);
    ASSERT_TRUE(predictions.ok()) << predictions.status().ToString();
    for (size_t i = 1; i + 1 < tokens.size(); ++i) {
      right += predictions->top[i][0].token == tokens[i + 1];
      ++total;
    }
  }
  EXPECT_GT(static_cast<double>(right) / static_cast<double>(total), 0.95)
      << right << " of " << total;
}

TEST(TokenTrainerTest, TransformerTrainsOnWindows) {
  const ModelConfig config = TinyTokenConfig("transformer");
  TrainOptions options = QuickOptions();
  options.epochs = 3;
  Result<TrainResult> result =
      TrainTokenModel(config, CycleCorpus(), CycleCorpus(), options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->epochs_run, 3);
  EXPECT_LT(result->history.back().validation_loss,
            result->history.front().validation_loss);
}

TEST(TokenTrainerTest, RefusesBadCorpora) {
  const ModelConfig config = TinyTokenConfig("lstm");
  TokenCorpus corpus = CycleCorpus();
  TokenCorpus empty;
  empty.begin_token = empty.end_token = kBoundary;
  EXPECT_EQ(
      TrainTokenModel(config, empty, corpus, QuickOptions()).status().message(),
      "the training set is empty; give at least one trace");
  TokenCorpus bad = corpus;
  bad.traces[2][3] = -1;
  EXPECT_EQ(
      TrainTokenModel(config, corpus, bad, QuickOptions()).status().message(),
      "validation trace 2 at 3: token -1 is outside the vocabulary of 6");
  bad = corpus;
  bad.end_token = 6;
  EXPECT_EQ(
      TrainTokenModel(config, bad, corpus, QuickOptions()).status().message(),
      "training end token: token 6 is outside the vocabulary of 6");
  TrainOptions options = QuickOptions();
  options.epochs = 0;
  EXPECT_THAT(
      TrainTokenModel(config, corpus, corpus, options).status().message(),
      ::testing::HasSubstr("epochs must be positive"));
}

}  // namespace
}  // namespace protolm::lm

// Engine::PredictNextTokens on token models: the log-probabilities and top-k
// agree with the full logits (Engine::Logits) of the same tokens, the
// transformer's windows read what token_windows.h says, long sequences work
// for both architectures, and bad input is refused. Also CutIntoWindows and
// the refusal of generation by a token model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "lm/engine/engine.h"
#include "lm/engine/kernels.h"
#include "lm/engine/token_windows.h"

namespace protolm::lm {
namespace {

ModelConfig TokenConfig(const std::string& arch) {
  return ModelConfig{.arch = arch,
                     .d_model = 24,
                     .n_layers = 2,
                     .n_heads = 3,
                     .d_ff = 40,
                     .max_positions = 16,
                     .max_offset = 1,
                     .vocab_size = 11};
}

std::vector<int32_t> RandomTokens(size_t n, int32_t vocab_size) {
  std::mt19937 rng(5);
  std::vector<int32_t> tokens(n);
  for (int32_t& t : tokens) t = static_cast<int32_t>(rng() % vocab_size);
  return tokens;
}

// The engine's log-softmax row i of the full logits of `tokens`.
std::vector<float> LogSoftmaxRow(const Engine& engine,
                                 const std::vector<int32_t>& tokens, size_t i) {
  TokenSequence sequence{tokens, std::vector<int32_t>(tokens.size(), 0), 0};
  std::vector<float> logits = *engine.Logits(sequence);
  size_t v = static_cast<size_t>(engine.config().vocab_size);
  std::vector<float> row(logits.begin() + i * v, logits.begin() + (i + 1) * v);
  float log_sum = kernels::LogSumExp(row.data(), v);
  for (float& x : row) x -= log_sum;
  return row;
}

TEST(TokenWindowsTest, CutsOverlappingWindowsThatCoverEveryTargetOnce) {
  EXPECT_TRUE(CutIntoWindows(0, 8).empty());
  EXPECT_EQ(CutIntoWindows(5, 8), (std::vector<TokenWindow>{{0, 5, 1}}));
  EXPECT_EQ(CutIntoWindows(8, 8), (std::vector<TokenWindow>{{0, 8, 1}}));
  EXPECT_EQ(
      CutIntoWindows(19, 8),
      (std::vector<TokenWindow>{{0, 8, 1}, {4, 8, 4}, {8, 8, 4}, {12, 7, 4}}));
  for (size_t length : {2u, 9u, 17u, 40u}) {
    for (size_t window : {2u, 3u, 8u}) {
      std::vector<int> targeted(length, 0);
      for (const TokenWindow& w : CutIntoWindows(length, window)) {
        ASSERT_LE(w.length, window);
        ASSERT_LT(w.context, w.length);
        for (size_t j = w.context; j < w.length; ++j) ++targeted[w.begin + j];
      }
      EXPECT_EQ(targeted[0], 0);
      for (size_t i = 1; i < length; ++i) {
        EXPECT_EQ(targeted[i], 1) << length << " " << window << " " << i;
      }
    }
  }
}

class PredictNextTokensTest : public ::testing::TestWithParam<std::string> {
 protected:
  Engine MakeEngine() {
    ModelConfig config = TokenConfig(GetParam());
    return *Engine::Create(config, RandomWeights(config, 3, 0.4f));
  }
};

TEST_P(PredictNextTokensTest, AgreesWithFullLogitsWithinOneWindow) {
  Engine engine = MakeEngine();
  std::vector<int32_t> tokens = RandomTokens(12, 11);
  auto predictions = engine.PredictNextTokens(tokens, 3);
  ASSERT_TRUE(predictions.ok()) << predictions.status().message();
  ASSERT_EQ(predictions->log_p.size(), 11u);
  ASSERT_EQ(predictions->top.size(), 12u);
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::vector<float> row = LogSoftmaxRow(engine, tokens, i);
    if (i + 1 < tokens.size()) {
      EXPECT_NEAR(predictions->log_p[i], row[tokens[i + 1]], 1e-5);
    }
    ASSERT_EQ(predictions->top[i].size(), 3u);
    int32_t best = static_cast<int32_t>(
        std::max_element(row.begin(), row.end()) - row.begin());
    EXPECT_EQ(predictions->top[i][0].token, best);
    EXPECT_NEAR(predictions->top[i][0].log_p, row[best], 1e-5);
    EXPECT_GE(predictions->top[i][0].log_p, predictions->top[i][1].log_p);
    EXPECT_GE(predictions->top[i][1].log_p, predictions->top[i][2].log_p);
  }
}

TEST_P(PredictNextTokensTest, ReadsLongSequences) {
  Engine engine = MakeEngine();
  std::vector<int32_t> tokens = RandomTokens(300, 11);
  auto predictions = engine.PredictNextTokens(tokens, 11);
  ASSERT_TRUE(predictions.ok()) << predictions.status().message();
  ASSERT_EQ(predictions->log_p.size(), 299u);
  ASSERT_EQ(predictions->top.size(), 300u);
  for (size_t i = 0; i < tokens.size(); ++i) {
    double total = 0;
    for (const TokenLogProb& t : predictions->top[i])
      total += std::exp(t.log_p);
    EXPECT_NEAR(total, 1.0, 1e-4);  // top 11 of 11 is the distribution
    if (i + 1 < tokens.size()) {
      auto it = std::find_if(
          predictions->top[i].begin(), predictions->top[i].end(),
          [&](const TokenLogProb& t) { return t.token == tokens[i + 1]; });
      ASSERT_NE(it, predictions->top[i].end());
      EXPECT_NEAR(it->log_p, predictions->log_p[i], 1e-6);
    }
  }
}

TEST_P(PredictNextTokensTest, RefusesBadSequencesAndGeneration) {
  Engine engine = MakeEngine();
  EXPECT_EQ(engine.PredictNextTokens({}, 1).status().message(),
            "predict: the token sequence is empty");
  std::vector<int32_t> bad = {1, 2, 11};
  EXPECT_EQ(engine.PredictNextTokens(bad, 1).status().message(),
            "predict: token 2 is 11, outside the vocabulary of 11");
  EXPECT_EQ(engine.Generate({}, Bytes{1, 2}, {}).status().message(),
            "generate: the model's vocabulary has 11 tokens, not the byte "
            "vocabulary's 261");
}

INSTANTIATE_TEST_SUITE_P(Architectures, PredictNextTokensTest,
                         ::testing::Values("transformer", "lstm"));

// The transformer's predictions past the first window are those of the
// window token_windows.h assigns them, read on its own.
TEST(PredictNextTokensWindowTest, TransformerPredictsFromItsWindow) {
  ModelConfig config = TokenConfig("transformer");
  Engine engine = *Engine::Create(config, RandomWeights(config, 9, 0.4f));
  std::vector<int32_t> tokens = RandomTokens(40, 11);
  auto predictions = engine.PredictNextTokens(tokens, 1);
  ASSERT_TRUE(predictions.ok()) << predictions.status().message();
  for (const TokenWindow& w : CutIntoWindows(tokens.size(), 16)) {
    std::vector<int32_t> window(tokens.begin() + w.begin,
                                tokens.begin() + w.begin + w.length);
    for (size_t j = w.context; j < w.length; ++j) {
      std::vector<float> row = LogSoftmaxRow(engine, window, j - 1);
      size_t target = w.begin + j;
      EXPECT_NEAR(predictions->log_p[target - 1], row[tokens[target]], 1e-5)
          << "target " << target;
    }
  }
}

// The LSTM carries its state: its predictions do not depend on a window.
TEST(PredictNextTokensWindowTest, LstmCarriesStateThroughTheSequence) {
  ModelConfig config = TokenConfig("lstm");
  Engine engine = *Engine::Create(config, RandomWeights(config, 9, 0.4f));
  std::vector<int32_t> tokens = RandomTokens(40, 11);
  auto predictions = engine.PredictNextTokens(tokens, 1);
  ASSERT_TRUE(predictions.ok());
  // Logits has no window and takes up to max_positions tokens; compare the
  // prefix it can read.
  std::vector<int32_t> prefix(tokens.begin(), tokens.begin() + 16);
  auto short_predictions = engine.PredictNextTokens(prefix, 1);
  for (size_t i = 0; i + 1 < prefix.size(); ++i) {
    EXPECT_FLOAT_EQ(predictions->log_p[i], short_predictions->log_p[i]);
  }
  std::vector<float> row = LogSoftmaxRow(engine, prefix, 14);
  EXPECT_NEAR(predictions->log_p[14], row[tokens[15]], 1e-5);
}

}  // namespace
}  // namespace protolm::lm

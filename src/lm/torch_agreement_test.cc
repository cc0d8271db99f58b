// The torch model and the inference engine compute the same function: on
// random weights of both architectures their logits agree to 1e-4. This pins
// the contract's math (lm-contract, docs/lm.md) on both sides. Also checks
// that weights survive torch <-> Weights conversion exactly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "lm/engine/engine.h"
#include "lm/engine/weights.h"
#include "lm/torch_reference.h"

namespace protolm::lm {
namespace {

// Small enough to be quick, big enough to exercise several heads and layers
// and offset clamping (a 40-byte message with max_offset 24).
ModelConfig SmallConfig(const std::string& arch) {
  return ModelConfig{.arch = arch,
                     .d_model = 32,
                     .n_layers = 2,
                     .n_heads = 4,
                     .d_ff = 48,
                     .max_positions = 128,
                     .max_offset = 24};
}

// Initial weights with every value perturbed, so that zero biases and unit
// LayerNorm gains do not hide a mistake in either implementation.
Weights RandomWeights(const ModelConfig& config, uint64_t seed) {
  Result<Weights> weights = InitialWeights(config, seed);
  EXPECT_TRUE(weights.ok()) << weights.status().ToString();
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.2f);
  for (auto& [name, tensor] : *weights) {
    for (float& v : tensor.data) v += noise(rng);
  }
  return *weights;
}

TokenSequence SampleSequence(const ModelConfig& config) {
  Example example;
  example.context.push_back({Bytes{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2},
                             Bytes{0, 1, 0, 0, 0, 7, 1, 3, 4, 0, 9, 0, 7}});
  example.request = Bytes(40, 0);
  for (size_t i = 0; i < example.request.size(); ++i) {
    example.request[i] = static_cast<uint8_t>(i * 37 + 11);
  }
  example.response = Bytes{0, 2, 0, 0, 0, 3, 1, 0x83, 2};
  Result<TokenSequence> sequence =
      EncodeExample(example, static_cast<size_t>(config.max_positions),
                    static_cast<size_t>(config.max_offset));
  EXPECT_TRUE(sequence.ok()) << sequence.status().ToString();
  return *sequence;
}

class TorchAgreementTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TorchAgreementTest, TorchAndEngineLogitsAgree) {
  const ModelConfig config = SmallConfig(GetParam());
  const Weights weights = RandomWeights(config, 7);
  const TokenSequence sequence = SampleSequence(config);

  Result<std::vector<float>> torch_logits =
      TorchLogits(config, weights, sequence);
  ASSERT_TRUE(torch_logits.ok()) << torch_logits.status().ToString();
  Result<Engine> engine = Engine::Create(config, weights);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  Result<std::vector<float>> engine_logits = engine->Logits(sequence);
  ASSERT_TRUE(engine_logits.ok()) << engine_logits.status().ToString();

  ASSERT_EQ(torch_logits->size(), sequence.tokens.size() * kVocabSize);
  ASSERT_EQ(engine_logits->size(), torch_logits->size());
  double max_difference = 0, max_magnitude = 0;
  for (size_t i = 0; i < torch_logits->size(); ++i) {
    max_difference = std::max(
        max_difference, static_cast<double>(std::abs((*torch_logits)[i] -
                                                     (*engine_logits)[i])));
    max_magnitude = std::max(max_magnitude,
                             static_cast<double>(std::abs((*torch_logits)[i])));
  }
  EXPECT_LT(max_difference, 1e-4);
  EXPECT_GT(max_magnitude, 0.5);  // the logits are not trivially small
}

TEST_P(TorchAgreementTest, InitialWeightsHaveTheContractShapesAndRepeat) {
  const ModelConfig config = SmallConfig(GetParam());
  Result<Weights> first = InitialWeights(config, 3);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(CheckWeights(config, *first).ok());
  Result<Weights> again = InitialWeights(config, 3);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again);
  Result<Weights> other = InitialWeights(config, 4);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*first, *other);
}

TEST_P(TorchAgreementTest, RefusesBadWeightsAndSequences) {
  const ModelConfig config = SmallConfig(GetParam());
  Weights weights = RandomWeights(config, 1);
  TokenSequence sequence = SampleSequence(config);

  TokenSequence bad_token = sequence;
  bad_token.tokens[3] = kVocabSize;
  Result<std::vector<float>> logits = TorchLogits(config, weights, bad_token);
  EXPECT_EQ(logits.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(logits.status().message(),
              ::testing::HasSubstr("outside the vocabulary"));

  TokenSequence bad_offset = sequence;
  bad_offset.offsets[2] = config.max_offset;
  EXPECT_EQ(TorchLogits(config, weights, bad_offset).status().code(),
            StatusCode::kInvalidArgument);

  weights.erase("head.bias");
  logits = TorchLogits(config, weights, sequence);
  EXPECT_EQ(logits.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(logits.status().message(), ::testing::HasSubstr("head.bias"));
}

// A token model (event ids, no offsets): the torch forward and the engine's
// next-token predictions agree.
TEST_P(TorchAgreementTest, TokenModelLogitsAgree) {
  ModelConfig config = SmallConfig(GetParam());
  config.vocab_size = 9;
  config.max_offset = 1;
  const Weights weights = RandomWeights(config, 11);
  TokenSequence sequence;
  for (int32_t i = 0; i < 40; ++i) sequence.tokens.push_back((i * 5 + 3) % 9);
  sequence.offsets.assign(sequence.tokens.size(), 0);

  Result<std::vector<float>> torch_logits =
      TorchLogits(config, weights, sequence);
  ASSERT_TRUE(torch_logits.ok()) << torch_logits.status().ToString();
  ASSERT_EQ(torch_logits->size(), sequence.tokens.size() * 9);
  Result<Engine> engine = Engine::Create(config, weights);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  Result<NextTokenPredictions> predictions =
      engine->PredictNextTokens(sequence.tokens, 9);
  ASSERT_TRUE(predictions.ok()) << predictions.status().ToString();
  double max_difference = 0;
  for (size_t i = 0; i < sequence.tokens.size(); ++i) {
    const float* row = torch_logits->data() + i * 9;
    double log_sum = 0;
    for (int v = 0; v < 9; ++v) log_sum += std::exp(double(row[v]));
    log_sum = std::log(log_sum);
    for (const TokenLogProb& t : predictions->top[i]) {
      max_difference = std::max(
          max_difference, std::abs(double(row[t.token]) - log_sum - t.log_p));
    }
  }
  EXPECT_LT(max_difference, 1e-4);
}

INSTANTIATE_TEST_SUITE_P(Architectures, TorchAgreementTest,
                         ::testing::Values("transformer", "lstm"));

}  // namespace
}  // namespace protolm::lm

// Engine tests: logits against the slow reference forward, KV-cache generation
// against repeated full forwards, batched against one-by-one, constraints,
// scoring, and errors; for both architectures.
#include "lm/engine/engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "lm/engine/reference_model_test_support.h"

namespace protolm::lm {
namespace {

ModelConfig SmallConfig(const std::string& arch) {
  ModelConfig c;
  c.arch = arch;
  c.d_model = 24;  // not a multiple of 8: exercises the kernels' tails
  c.n_layers = 2;
  c.n_heads = 3;
  c.d_ff = 40;
  c.max_positions = 160;
  c.max_offset = 20;
  return c;
}

Bytes RandomBytes(std::mt19937& rng, size_t n) {
  Bytes out(n);
  for (uint8_t& b : out) b = static_cast<uint8_t>(rng() & 0xFF);
  return out;
}

std::vector<Example> RandomPrompts(size_t count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Example> prompts(count);
  for (Example& e : prompts) {
    size_t context = rng() % 3;
    for (size_t i = 0; i < context; ++i) {
      e.context.push_back(
          {RandomBytes(rng, 1 + rng() % 12), RandomBytes(rng, rng() % 10)});
    }
    e.request = RandomBytes(rng, 1 + rng() % 20);
  }
  return prompts;
}

// Greedy decoding by repeated full forwards (no cache): the definition.
Bytes GreedyByFullForwards(const Engine& engine, const Example& prompt,
                           size_t max_bytes) {
  const ModelConfig& c = engine.config();
  TokenSequence seq = *EncodePrompt(prompt.context, prompt.request,
                                    c.max_positions, c.max_offset);
  Bytes out;
  while (out.size() < max_bytes &&
         seq.tokens.size() < size_t(c.max_positions)) {
    std::vector<float> logits = *engine.Logits(seq);
    const float* last = logits.data() + (seq.tokens.size() - 1) * kVocabSize;
    int32_t best = 0;
    for (int32_t t = 1; t < 256; ++t) best = last[t] > last[best] ? t : best;
    if (last[kEnd] > last[best]) break;
    out.push_back(static_cast<uint8_t>(best));
    seq.tokens.push_back(best);
    seq.offsets.push_back(ClampOffset(out.size(), c.max_offset));
  }
  return out;
}

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    config_ = SmallConfig(GetParam());
    weights_ = RandomWeights(config_, 7, 0.3f);
    auto engine = Engine::Create(config_, weights_);
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::make_unique<Engine>(*engine);
  }
  reference::Matrix Reference(const TokenSequence& seq) const {
    return config_.arch == "lstm"
               ? reference::ReferenceLstm(config_, weights_, seq)
               : reference::ReferenceTransformer(config_, weights_, seq);
  }

  ModelConfig config_;
  Weights weights_;
  std::unique_ptr<Engine> engine_;
};

TEST_P(EngineTest, LogitsMatchReferenceForward) {
  Example example;
  example.context = {{{1, 2, 3}, {4, 5}}, {{6}, {}}};
  std::mt19937 rng(3);
  example.request = RandomBytes(rng, 30);   // offsets past max_offset: clamped
  example.response = RandomBytes(rng, 70);  // > one 64-token chunk in total
  TokenSequence seq = *EncodeExample(example, 160, config_.max_offset);
  ASSERT_GT(seq.tokens.size(), 64u);
  auto logits = engine_->Logits(seq);
  ASSERT_TRUE(logits.ok()) << logits.status().message();
  reference::Matrix ref = Reference(seq);
  ASSERT_EQ(logits->size(), seq.tokens.size() * kVocabSize);
  double worst = 0;
  for (size_t t = 0; t < seq.tokens.size(); ++t) {
    for (int v = 0; v < kVocabSize; ++v) {
      worst =
          std::max(worst, std::abs((*logits)[t * kVocabSize + v] - ref[t][v]));
    }
  }
  EXPECT_LT(worst, 1e-4);
}

TEST_P(EngineTest, GenerateEqualsGreedyByFullForwards) {
  DecodeOptions options;
  options.max_response_bytes = 40;
  for (const Example& prompt : RandomPrompts(6, 11)) {
    auto response = engine_->Generate(prompt.context, prompt.request, options);
    ASSERT_TRUE(response.ok()) << response.status().message();
    EXPECT_EQ(*response, GreedyByFullForwards(*engine_, prompt, 40));
  }
}

TEST_P(EngineTest, StopsAtMaxResponseBytesAndAtTheLastPosition) {
  DecodeOptions options;
  options.max_response_bytes = 3;
  auto short_response = engine_->Generate({}, Bytes{1, 2}, options);
  ASSERT_TRUE(short_response.ok());
  EXPECT_LE(short_response->size(), 3u);
  // A prompt of 157 tokens leaves room for 2 response bytes and kEnd.
  options.max_response_bytes = 300;
  Bytes request(154, 0x41);
  auto response = engine_->Generate({}, request, options);
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_LE(response->size(), 2u);
  EXPECT_FALSE(engine_->Generate({}, Bytes(157, 0), options).ok());
}

void ExpectBatchEqualsOneByOne(const Engine& engine,
                               const std::vector<Example>& prompts,
                               const DecodeOptions& options) {
  auto batch = engine.GenerateBatch(prompts, options);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  ASSERT_EQ(batch->size(), prompts.size());
  for (size_t i = 0; i < prompts.size(); ++i) {
    auto single =
        engine.Generate(prompts[i].context, prompts[i].request, options);
    ASSERT_TRUE(single.ok());
    EXPECT_EQ((*batch)[i], *single) << "prompt " << i;
  }
}

TEST_P(EngineTest, BatchEqualsOneByOne) {
  DecodeOptions options;
  options.max_response_bytes = 25;
  ExpectBatchEqualsOneByOne(*engine_, RandomPrompts(37, 5), options);
}

// Echoes the request's first three bytes, then one free byte among 0x10..0x13,
// then either 0x00 or the end, then the end.
class PatternConstraint : public ResponseConstraint {
 public:
  explicit PatternConstraint(Bytes request) : request_(std::move(request)) {}
  void Allowed(ByteView produced, AllowedTokens* out) const override {
    size_t n = produced.size();
    if (n < 3) {
      out->bytes.set(request_[n]);
    } else if (n == 3) {
      for (int b = 0x10; b <= 0x13; ++b) out->bytes.set(b);
    } else if (n == 4) {
      out->bytes.set(0x00);
      out->end = true;
    } else {
      out->end = true;
    }
  }

 private:
  Bytes request_;
};

TEST_P(EngineTest, ConstraintIsHonouredAndForcesTokens) {
  for (const Example& prompt : RandomPrompts(8, 21)) {
    PatternConstraint constraint(Bytes{9, 8, 7});
    DecodeOptions options;
    options.constraint = &constraint;
    auto response = engine_->Generate(prompt.context, prompt.request, options);
    ASSERT_TRUE(response.ok()) << response.status().message();
    ASSERT_GE(response->size(), 4u);
    ASSERT_LE(response->size(), 5u);
    EXPECT_EQ((*response)[0], 9);
    EXPECT_EQ((*response)[1], 8);
    EXPECT_EQ((*response)[2], 7);
    EXPECT_GE((*response)[3], 0x10);
    EXPECT_LE((*response)[3], 0x13);
    if (response->size() == 5) {
      EXPECT_EQ((*response)[4], 0x00);
    }
    // The free byte is the arg-max of the allowed ones under a full forward.
    TokenSequence seq =
        *EncodePrompt(prompt.context, prompt.request, config_.max_positions,
                      config_.max_offset);
    for (size_t k = 0; k < 3; ++k) {
      seq.tokens.push_back((*response)[k]);
      seq.offsets.push_back(static_cast<int32_t>(k + 1));
    }
    std::vector<float> logits = *engine_->Logits(seq);
    const float* last = logits.data() + (seq.tokens.size() - 1) * kVocabSize;
    int best = 0x10;
    for (int b = 0x11; b <= 0x13; ++b) best = last[b] > last[best] ? b : best;
    EXPECT_EQ((*response)[3], best);
  }
}

TEST_P(EngineTest, ConstrainedBatchEqualsOneByOne) {
  PatternConstraint constraint(Bytes{3, 2, 1});
  DecodeOptions options;
  options.constraint = &constraint;
  ExpectBatchEqualsOneByOne(*engine_, RandomPrompts(9, 8), options);
}

class NothingAllowed : public ResponseConstraint {
 public:
  void Allowed(ByteView produced, AllowedTokens* out) const override {
    if (produced.size() < 2) out->bytes.set(0x55);
  }
};

TEST_P(EngineTest, ConstraintAllowingNothingIsAnInternalError) {
  NothingAllowed constraint;
  DecodeOptions options;
  options.constraint = &constraint;
  auto response = engine_->Generate({}, Bytes{1}, options);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kInternal);
  EXPECT_EQ(response.status().message(),
            "constraint allows no token after 2 response bytes");
  auto batch = engine_->GenerateBatch({Example{{}, {1}, {}}}, options);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().message(),
            "prompt 0: constraint allows no token after 2 response bytes");
}

TEST_P(EngineTest, ScoreTokensIsLogSoftmaxOfLogits) {
  Example example{{{{1, 2}, {3}}}, {4, 5, 6}, {7, 8, 9, 10}};
  TokenSequence seq = *EncodeExample(example, 160, config_.max_offset);
  auto scores = engine_->ScoreTokens(seq);
  auto logits = engine_->Logits(seq);
  ASSERT_TRUE(scores.ok() && logits.ok());
  ASSERT_EQ(scores->size(), seq.tokens.size() - 1);
  for (size_t i = 0; i + 1 < seq.tokens.size(); ++i) {
    const float* row = logits->data() + i * kVocabSize;
    double sum = 0;
    for (int v = 0; v < kVocabSize; ++v) sum += std::exp(double(row[v]));
    double expected = row[seq.tokens[i + 1]] - std::log(sum);
    EXPECT_NEAR((*scores)[i], expected, 1e-5) << i;
    EXPECT_LT((*scores)[i], 0.0f);
  }
}

TEST_P(EngineTest, BadSequencesAreRefused) {
  TokenSequence empty;
  EXPECT_FALSE(engine_->Logits(empty).ok());
  TokenSequence bad{{kBegin, 300}, {0, 0}, 2};
  auto result = engine_->ScoreTokens(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "score: token 1 is 300, outside the vocabulary");
  TokenSequence mismatched{{kBegin, 1}, {0}, 2};
  EXPECT_FALSE(engine_->Logits(mismatched).ok());
  TokenSequence too_long{std::vector<int32_t>(161, 1),
                         std::vector<int32_t>(161, 1), 161};
  EXPECT_FALSE(engine_->Logits(too_long).ok());
}

INSTANTIATE_TEST_SUITE_P(Architectures, EngineTest,
                         ::testing::Values("transformer", "lstm"));

TEST(EngineCreateTest, RefusesWeightsOfTheWrongShape) {
  ModelConfig config = SmallConfig("transformer");
  Weights weights = RandomWeights(config, 1, 0.1f);
  weights["layers.1.attn.qkv.weight"].shape = {24, 72};
  auto engine = Engine::Create(config, weights);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().message(),
            "weights: layers.1.attn.qkv.weight has shape [24,72], expected "
            "[72,24]");
  weights.erase("layers.1.attn.qkv.weight");
  EXPECT_EQ(Engine::Create(config, weights).status().message(),
            "weights: layers.1.attn.qkv.weight is missing");
}

TEST(EngineCreateTest, PresetsBuild) {
  for (const char* arch : {"transformer", "lstm"}) {
    ModelConfig config = *PresetConfig("tiny", arch);
    auto engine = Engine::Create(config, RandomWeights(config, 2, 0.05f));
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    auto response = engine->Generate(
        {}, Bytes{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2}, DecodeOptions{});
    EXPECT_TRUE(response.ok());
  }
}

}  // namespace
}  // namespace protolm::lm

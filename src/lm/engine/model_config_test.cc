// Model presets, validation and the JSON round trip.
#include "lm/engine/model_config.h"

#include <gtest/gtest.h>

#include "lm/engine/weights.h"

namespace protolm::lm {
namespace {

TEST(ModelConfigTest, Presets) {
  auto tiny = PresetConfig("tiny");
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(*tiny, (ModelConfig{"transformer", 64, 2, 4, 256, 512, 320}));
  EXPECT_EQ(*PresetConfig("small"),
            (ModelConfig{"transformer", 128, 3, 4, 512, 512, 320}));
  EXPECT_EQ(*PresetConfig("base"),
            (ModelConfig{"transformer", 192, 4, 6, 768, 1024, 320}));
  EXPECT_EQ(PresetConfig("small", "lstm")->arch, "lstm");
  EXPECT_EQ(PresetConfig("huge").status().message(),
            "unknown model preset 'huge'; use tiny, small or base");
  EXPECT_FALSE(PresetConfig("tiny", "gru").ok());
}

TEST(ModelConfigTest, JsonRoundTrip) {
  for (const char* arch : {"transformer", "lstm"}) {
    ModelConfig config = *PresetConfig("base", arch);
    auto back = ConfigFromJson(ConfigToJson(config));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, config);
  }
}

TEST(ModelConfigTest, VocabularySizeRoundTripsAndDefaultsToBytes) {
  ModelConfig config = *PresetConfig("tiny", "lstm");
  EXPECT_EQ(config.vocab_size, kVocabSize);
  config.vocab_size = 31;
  nlohmann::json json = ConfigToJson(config);
  EXPECT_EQ(json["vocab_size"], 31);
  auto back = ConfigFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->vocab_size, 31);
  EXPECT_EQ(*back, config);

  // A header written before token models existed: a byte model.
  json.erase("vocab_size");
  back = ConfigFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->vocab_size, 261);

  json["vocab_size"] = 0;
  EXPECT_EQ(ConfigFromJson(json).status().message(),
            "model config: vocab_size 0 is out of range 1..1048576");
  json["vocab_size"] = "31";
  EXPECT_EQ(ConfigFromJson(json).status().message(),
            "model config: \"vocab_size\" is missing or not an integer");
}

TEST(ModelConfigTest, ValidationErrors) {
  nlohmann::json json = ConfigToJson(*PresetConfig("tiny"));
  json["n_heads"] = 3;
  EXPECT_EQ(ConfigFromJson(json).status().message(),
            "model config: d_model 64 is not a multiple of n_heads 3");
  json["n_heads"] = 4;
  json["d_model"] = 0;
  EXPECT_EQ(ConfigFromJson(json).status().message(),
            "model config: d_model 0 is out of range 1..4096");
  json["d_model"] = "64";
  EXPECT_EQ(ConfigFromJson(json).status().message(),
            "model config: \"d_model\" is missing or not an integer");
  json["d_model"] = 64;
  json["arch"] = "gru";
  EXPECT_EQ(ConfigFromJson(json).status().message(),
            "model config: unknown arch \"gru\"; use transformer or lstm");
  EXPECT_FALSE(ConfigFromJson(nlohmann::json::array()).ok());
}

TEST(WeightsTest, ExpectedShapesOrderAndCheck) {
  ModelConfig config = *PresetConfig("tiny");
  auto shapes = ExpectedShapes(config);
  ASSERT_EQ(shapes.size(), 3u + 2 * 12 + 4);
  EXPECT_EQ(shapes[0].first, "tok_emb");
  EXPECT_EQ(shapes[1].first, "pos_emb");
  EXPECT_EQ(shapes[2].first, "off_emb");
  EXPECT_EQ(shapes[3].first, "layers.0.ln1.weight");
  EXPECT_EQ(shapes[5].first, "layers.0.attn.qkv.weight");
  EXPECT_EQ(shapes[5].second, (std::vector<int64_t>{192, 64}));
  EXPECT_EQ(shapes.back().first, "head.bias");
  Weights weights = RandomWeights(config, 3, 0.1f);
  EXPECT_TRUE(CheckWeights(config, weights).ok());
  weights["extra"] = Tensor{{1}, {0.0f}};
  EXPECT_EQ(CheckWeights(config, weights).message(),
            "weights: unexpected tensor extra");
  weights.erase("extra");
  weights["head.bias"].data.pop_back();
  EXPECT_EQ(CheckWeights(config, weights).message(),
            "weights: head.bias holds 260 floats, its shape [261] needs 261");

  auto lstm = ExpectedShapes(*PresetConfig("tiny", "lstm"));
  ASSERT_EQ(lstm.size(), 2u + 2 * 4 + 2);
  EXPECT_EQ(lstm[2].first, "lstm.0.weight_ih");
  EXPECT_EQ(lstm[2].second, (std::vector<int64_t>{256, 64}));
}

}  // namespace
}  // namespace protolm::lm

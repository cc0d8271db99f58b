// DetectorModel: train, calibrate, JSON round trip for every detector, and
// hostile model files rejected with one-line errors.
#include "detect/detector_model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "detect/count_vector_detector.h"
#include "detect/detect_test_support.h"
#include "detect/ngram_detector.h"
#include "detect/stide_detector.h"

namespace protolm::detect {
namespace {

std::vector<TraceSequence> Training() {
  return Sequences({"open read read close", "open read close",
                    "open write close", "open read write close"});
}

std::vector<std::unique_ptr<TraceDetector>> AllDetectors() {
  std::vector<std::unique_ptr<TraceDetector>> all;
  all.push_back(std::make_unique<StideDetector>(3));
  all.push_back(std::make_unique<StideDetector>(
      2, StideDetector::Score::kLocalityFrame, 4));
  all.push_back(std::make_unique<NgramDetector>(3));
  all.push_back(std::make_unique<NgramDetector>(
      1, SurprisalScoring{SurprisalScoring::Summary::kMean, 3}));
  all.push_back(std::make_unique<CountVectorDetector>());
  return all;
}

TEST(DetectorModel, JsonRoundTripKeepsEveryScore) {
  auto probes =
      Sequences({"open read close", "open exec close", "close open", ""});
  for (auto& untrained : AllDetectors()) {
    auto model = DetectorModel::Train(Training(), std::move(untrained));
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    ASSERT_TRUE(model->Calibrate(Training(), 0.25).ok());
    const nlohmann::json saved = model->ToJson();
    auto back = DetectorModel::Parse(saved.dump(), "model.json");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->ToJson(), saved) << model->detector->kind();
    for (const TraceSequence& probe : probes) {
      auto ids = model->Encode(probe);
      EXPECT_EQ(back->Encode(probe), ids);
      EXPECT_DOUBLE_EQ(back->detector->TraceScore(ids),
                       model->detector->TraceScore(ids));
      EXPECT_EQ(back->detector->Expected(ids, ids.size(), 3),
                model->detector->Expected(ids, ids.size(), 3));
    }
  }
}

TEST(DetectorModel, HostileFilesAreOneLineErrors) {
  auto model =
      DetectorModel::Train(Training(), std::make_unique<StideDetector>(2));
  ASSERT_TRUE(model.ok());
  nlohmann::json good = model->ToJson();
  auto broken = [&](auto change) {
    nlohmann::json copy = good;
    change(copy);
    return DetectorModel::Parse(copy.dump(), "m.json");
  };
  EXPECT_FALSE(DetectorModel::Parse("{", "m.json").ok());
  EXPECT_FALSE(DetectorModel::Parse("[]", "m.json").ok());
  EXPECT_FALSE(broken([](auto& j) { j["format"] = "other"; }).ok());
  EXPECT_EQ(broken([](auto& j) { j["version"] = 2; }).status().code(),
            StatusCode::kUnsupported);
  EXPECT_FALSE(broken([](auto& j) { j["detector"]["kind"] = "lstm"; }).ok());
  EXPECT_FALSE(broken([](auto& j) { j["detector"]["window"] = 0; }).ok());
  EXPECT_FALSE(broken([](auto& j) {
                 j["detector"]["windows"][0][1][0][0] = 999;  // id out of range
               }).ok());
  EXPECT_FALSE(broken([](auto& j) {
                 j["vocabulary"]["tokens"].push_back("open");  // duplicate
               }).ok());
  auto message = broken([](auto& j) { j["detector"]["score"] = 3; });
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.status().message().find('\n'), std::string::npos);
  EXPECT_NE(message.status().message().find("m.json"), std::string::npos);
}

// Seeds named invalid_* are regressions the fuzzer found: one-line errors.
TEST(DetectorModel, FuzzSeedsAreValidModelsOrOneLineErrors) {
  std::filesystem::path corpus = std::filesystem::path(PROTOLM_SOURCE_DIR) /
                                 "src/detect/detector_model_fuzz_corpus";
  size_t valid = 0;
  size_t invalid = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto model = DetectorModel::Parse(text.str(), entry.path().string());
    if (entry.path().filename().string().starts_with("invalid_")) {
      ++invalid;
      ASSERT_FALSE(model.ok()) << entry.path();
      EXPECT_EQ(model.status().message().find('\n'), std::string::npos)
          << model.status().message();
    } else {
      ++valid;
      EXPECT_TRUE(model.ok()) << model.status().ToString();
    }
  }
  EXPECT_EQ(valid, 4u);
  EXPECT_EQ(invalid, 1u);
}

}  // namespace
}  // namespace protolm::detect

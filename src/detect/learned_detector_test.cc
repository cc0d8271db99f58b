// LearnedDetector: a small LSTM trained through the plugin on a
// deterministic pattern predicts it, scores out-of-pattern traces above
// normal ones, explains with top-k, and survives a JSON round trip with
// identical scores; the transformer trains too; hostile JSON is refused.
#include "detect/learned_detector.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "detect/detect_test_support.h"
#include "detect/detector_model.h"

namespace protolm::detect {
namespace {

// Sessions of a cycle "open read write close" started anywhere, of several
// lengths, then "exit", three times over: after the first event, the next is
// the cycle's or exit, and the trace ends after exit.
std::vector<TraceSequence> CycleTraces() {
  const std::vector<std::string> cycle = {"open", "read", "write", "close"};
  std::vector<TraceSequence> traces;
  for (size_t start = 0; start < 12; ++start) {
    for (size_t length : {3u, 5u, 8u, 12u, 17u}) {
      std::string text;
      for (size_t i = 0; i < length; ++i) {
        text += cycle[(start + i) % 4] + " ";
      }
      traces.push_back(Sequence(text + "exit"));
    }
  }
  return traces;
}

LearnedDetectorOptions SmallOptions(const std::string& arch) {
  LearnedDetectorOptions options = *LearnedDetector::Preset(arch);
  options.shape.d_model = 32;
  options.shape.n_layers = arch == "lstm" ? 2 : 1;
  options.shape.d_ff = 64;
  options.shape.max_positions = 16;  // the 17-event traces need windows
  options.training.epochs = 40;
  options.training.batch_size = 4;
  options.training.learning_rate = 1e-2;
  options.training.min_learning_rate = 1e-3;
  options.training.warmup_steps = 5;
  options.training.patience = 0;
  options.training.threads = 1;
  options.scoring.window = 3;
  return options;
}

class LearnedDetectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto model = DetectorModel::Train(
        CycleTraces(), std::make_unique<LearnedDetector>(SmallOptions("lstm")));
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = new DetectorModel(std::move(model).value());
  }
  static void TearDownTestSuite() { delete model_; }

  static std::vector<TokenId> Ids(const std::string& text) {
    return model_->Encode(Sequence(text));
  }

  static DetectorModel* model_;
};

DetectorModel* LearnedDetectorTest::model_ = nullptr;

TEST_F(LearnedDetectorTest, PredictsTheNextEventOfThePattern) {
  const TraceDetector& detector = *model_->detector;
  size_t right = 0, total = 0;
  for (const TraceSequence& trace : CycleTraces()) {
    std::vector<TokenId> ids = model_->Encode(trace);
    for (size_t position = 1; position < ids.size(); ++position) {
      std::vector<Expectation> top = detector.Expected(ids, position, 2);
      ASSERT_EQ(top.size(), 2u);
      EXPECT_GE(top[0].p, top[1].p);
      right += top[0].event == ids[position];
      ++total;
    }
  }
  // Only where exit comes is a guess.
  EXPECT_GT(double(right) / double(total), 0.8) << right << " of " << total;
  std::vector<double> surprisals;
  detector.EventSurprisals(Ids("open read write close open read write"),
                           surprisals);
  ASSERT_EQ(surprisals.size(), 7u);
  for (size_t i = 1; i < 7; ++i) EXPECT_LT(surprisals[i], 0.7) << i;
}

TEST_F(LearnedDetectorTest, ScoresOutOfPatternTracesAboveNormalOnes) {
  const TraceDetector& detector = *model_->detector;
  // When exit comes is the least predictable part of a normal trace; an odd
  // event costs far more.
  const double normal = detector.TraceScore(
      Ids("open read write close open read write close exit"));
  for (const char* odd : {"open read close write open read write close exit",
                          "open read write close close read write close exit",
                          "open read write exec open read write close exit",
                          "open read write close open read"}) {
    EXPECT_GT(detector.TraceScore(Ids(odd)), normal + 1.0) << odd;
  }
  std::vector<TokenId> odd = Ids("open read write write close exit");
  auto first = detector.FirstAnomaly(odd, 3.0);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, 3u);
  // What it expected there instead: close.
  EXPECT_EQ(model_->vocabulary.Text(detector.Expected(odd, 3, 1)[0].event),
            "close");
}

TEST_F(LearnedDetectorTest, JsonRoundTripGivesIdenticalScores) {
  nlohmann::json json = model_->ToJson();
  EXPECT_EQ(json["detector"]["kind"], "learned");
  auto loaded = DetectorModel::FromJson(json);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const char* text : {"open read write close", "read close open exec"}) {
    std::vector<TokenId> ids = Ids(text);
    EXPECT_EQ(loaded->detector->TraceScore(ids),
              model_->detector->TraceScore(ids));
    std::vector<double> a, b;
    loaded->detector->EventSurprisals(ids, a);
    model_->detector->EventSurprisals(ids, b);
    EXPECT_EQ(a, b);
    EXPECT_EQ(loaded->detector->Expected(ids, 2, 3),
              model_->detector->Expected(ids, 2, 3));
  }
  EXPECT_EQ(loaded->ToJson(), json);
}

TEST_F(LearnedDetectorTest, HostileJsonIsRefused) {
  nlohmann::json json = model_->ToJson()["detector"];
  size_t v = model_->vocabulary.size();
  auto error = [&](const nlohmann::json& j) {
    auto r = LearnedDetector::FromJson(j, v);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  nlohmann::json bad = json;
  bad["plm_base64"] = "not base64!";
  EXPECT_EQ(error(bad), "learned: base64: length 11 is not a multiple of 4");
  bad["plm_base64"] = "AAAA";
  EXPECT_EQ(error(bad), "learned: plm_base64: not a protolm model (bad magic)");
  std::string text = json["plm_base64"];
  text[text.size() / 2] = text[text.size() / 2] == 'A' ? 'B' : 'A';
  bad["plm_base64"] = text;
  EXPECT_EQ(error(bad),
            "learned: plm_base64: checksum mismatch: the file is corrupt or "
            "truncated");
  EXPECT_EQ(LearnedDetector::FromJson(json, v + 1).status().message(),
            "learned: trained with another vocabulary");
  bad = json;
  bad.erase("scoring");
  EXPECT_EQ(bad.contains("scoring"), false);
  EXPECT_FALSE(LearnedDetector::FromJson(bad, v).ok());
}

TEST(LearnedDetector, TransformerTrainsAndScores) {
  LearnedDetectorOptions options = SmallOptions("transformer");
  options.training.epochs = 3;
  auto model = DetectorModel::Train(CycleTraces(),
                                    std::make_unique<LearnedDetector>(options));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const auto& learned = static_cast<const LearnedDetector&>(*model->detector);
  ASSERT_TRUE(learned.checkpoint().has_value());
  EXPECT_EQ(learned.checkpoint()->config.arch, "transformer");
  EXPECT_EQ(learned.checkpoint()->config.vocab_size,
            static_cast<int>(model->vocabulary.size() + 1));
  std::vector<double> surprisals;
  std::vector<TokenId> ids = model->Encode(CycleTraces().back());
  model->detector->EventSurprisals(ids, surprisals);
  EXPECT_EQ(surprisals.size(), ids.size());
  for (double s : surprisals) {
    EXPECT_GE(s, 0.0);
    EXPECT_LE(s, kMaxSurprisal);
  }
}

TEST(LearnedDetector, PresetsAndErrors) {
  auto lstm = LearnedDetector::Preset("lstm");
  ASSERT_TRUE(lstm.ok());
  EXPECT_EQ(lstm->shape.d_model, 128);
  EXPECT_EQ(lstm->shape.n_layers, 2);
  EXPECT_EQ(LearnedDetector::Preset("gru").status().message(),
            "unknown learned detector architecture 'gru'; use lstm or "
            "transformer");
  LearnedDetector untrained(*lstm);
  EXPECT_EQ(untrained.TraceScore(std::vector<TokenId>{1, 2}), kMaxSurprisal);
  EXPECT_TRUE(untrained.Expected(std::vector<TokenId>{1}, 1, 3).empty());
}

}  // namespace
}  // namespace protolm::detect

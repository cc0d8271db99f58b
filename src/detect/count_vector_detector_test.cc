// CountVectorDetector: scores and first anomalies worked by hand.
#include "detect/count_vector_detector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "detect/detect_test_support.h"
#include "detect/detector_model.h"

namespace protolm::detect {
namespace {

// Training vectors {a:2, b:1} and {a:1, b:1}.
DetectorModel Trained() {
  auto model = DetectorModel::Train(Sequences({"a a b", "a b"}),
                                    std::make_unique<CountVectorDetector>());
  EXPECT_TRUE(model.ok());
  return std::move(model).value();
}

double Score(const DetectorModel& model, const std::string& text) {
  return model.detector->TraceScore(model.Encode(Sequence(text)));
}

TEST(CountVectorDetector, ScoresByHand) {
  DetectorModel model = Trained();
  EXPECT_DOUBLE_EQ(Score(model, "b a a"), 0.0);    // order does not matter
  EXPECT_DOUBLE_EQ(Score(model, "a a a b"), 1.0);  // 1 from {a:2, b:1}
  EXPECT_DOUBLE_EQ(Score(model, "a"), 1.0);        // 1 from {a:1, b:1}
  // c is unseen (<unk>): 1000 + L1({unk:1, a:1}, {a:1, b:1}) = 1000 + 2.
  EXPECT_DOUBLE_EQ(Score(model, "a c"), 1002.0);
}

TEST(CountVectorDetector, FirstAnomaly) {
  DetectorModel model = Trained();
  auto more_a = model.Encode(Sequence("a a a b"));
  EXPECT_EQ(model.detector->FirstAnomaly(more_a, 0), 2u);  // a's 3rd > max 2
  auto unseen = model.Encode(Sequence("a b c"));
  EXPECT_EQ(model.detector->FirstAnomaly(unseen, 0), 2u);
  auto normal = model.Encode(Sequence("a b"));
  EXPECT_EQ(model.detector->FirstAnomaly(normal, 0), std::nullopt);
}

TEST(CountVectorDetector, SurprisalIsEventShare) {
  DetectorModel model = Trained();
  std::vector<double> surprisals;
  model.detector->EventSurprisals(model.Encode(Sequence("a b c")), surprisals);
  ASSERT_EQ(surprisals.size(), 3u);
  EXPECT_NEAR(surprisals[0], -std::log(3.0 / 5), 1e-12);
  EXPECT_NEAR(surprisals[1], -std::log(2.0 / 5), 1e-12);
  EXPECT_DOUBLE_EQ(surprisals[2], kMaxSurprisal);
  auto expected = model.detector->Expected({}, 0, 5);
  ASSERT_EQ(expected.size(), 2u);  // types never seen are not expected
  EXPECT_NEAR(expected[0].p, 0.6, 1e-12);
}

// Equal vectors are one entry whatever bytes pad their pairs, so the model
// trained on repeated traces reads back (it once held a vector per trace).
TEST(CountVectorDetector, RepeatedTracesAreOneVectorAndRoundTrip) {
  std::vector<std::vector<TokenId>> traces;
  for (int i = 0; i < 20; ++i) {
    traces.push_back(i % 2 ? std::vector<TokenId>{1, 2, 2, 3}
                           : std::vector<TokenId>{1, 4, 3});
  }
  CountVectorDetector detector;
  ASSERT_TRUE(detector.Train(traces, 5).ok());
  nlohmann::json json = detector.ToJson();
  ASSERT_EQ(json["vectors"].size(), 2u);
  EXPECT_EQ(json["vectors"][0]["traces"], 10);
  auto back = CountVectorDetector::FromJson(json, 5);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ((*back)->TraceScore(traces[0]), 0);
}

}  // namespace
}  // namespace protolm::detect

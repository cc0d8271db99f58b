// Calibration: thresholds at a target FAR on known scores, ties, tiny sets.
#include "detect/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "detect/trace_detector.h"

namespace protolm::detect {
namespace {

std::vector<double> OneToHundred() {
  std::vector<double> scores;
  for (int i = 1; i <= 100; ++i) scores.push_back(i);
  return scores;
}

TEST(ThresholdForFar, AllowsFloorOfFarTimesN) {
  auto at = ThresholdForFar(OneToHundred(), 0.01);
  ASSERT_TRUE(at.ok());
  EXPECT_DOUBLE_EQ(at->threshold, 99);  // only 100 is above
  EXPECT_DOUBLE_EQ(at->achieved_far, 0.01);
  EXPECT_TRUE(at->resolvable);
  auto five = ThresholdForFar(OneToHundred(), 0.05);
  EXPECT_DOUBLE_EQ(five->threshold, 95);
  EXPECT_DOUBLE_EQ(five->achieved_far, 0.05);
}

TEST(ThresholdForFar, TiesStayBelowTheLine) {
  std::vector<double> scores = {9, 9, 9, 1, 1, 1, 1, 1, 1, 1};
  auto at = ThresholdForFar(scores, 0.1);  // one false alarm allowed
  ASSERT_TRUE(at.ok());
  EXPECT_DOUBLE_EQ(at->threshold, 9);  // flagging one 9 would flag three
  EXPECT_DOUBLE_EQ(at->achieved_far, 0.0);
  auto wider = ThresholdForFar(scores, 0.3);
  EXPECT_DOUBLE_EQ(wider->threshold, 1);
  EXPECT_DOUBLE_EQ(wider->achieved_far, 0.3);
}

TEST(ThresholdForFar, TargetBelowResolutionIsSaid) {
  // FAR 0.001 on 100 traces: no false alarm is allowed at all.
  auto at = ThresholdForFar(OneToHundred(), 0.001);
  ASSERT_TRUE(at.ok());
  EXPECT_DOUBLE_EQ(at->threshold, 100);
  EXPECT_DOUBLE_EQ(at->achieved_far, 0.0);
  EXPECT_FALSE(at->resolvable);
  // 1000 traces resolve 0.001 exactly.
  std::vector<double> thousand;
  for (int i = 1; i <= 1000; ++i) thousand.push_back(i);
  auto fine = ThresholdForFar(thousand, 0.001);
  EXPECT_DOUBLE_EQ(fine->threshold, 999);
  EXPECT_TRUE(fine->resolvable);
}

TEST(ThresholdForFar, RejectsWhatCannotBeCalibrated) {
  EXPECT_FALSE(ThresholdForFar({}, 0.01).ok());
  std::vector<double> scores = {1, 2};
  EXPECT_FALSE(ThresholdForFar(scores, 1.0).ok());
  EXPECT_FALSE(ThresholdForFar(scores, -0.1).ok());
  std::vector<double> nan = {1, std::nan("")};
  EXPECT_FALSE(ThresholdForFar(nan, 0.01).ok());
}

TEST(Calibrate, TraceAndEventThresholdsRoundTrip) {
  std::vector<double> events = {0.5, 0.5, 3, 0.1};
  auto c = Calibrate(OneToHundred(), events, 0.25);
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(c->threshold, 75);
  EXPECT_DOUBLE_EQ(c->event_threshold, 0.5);  // one of 4 may pass: the 3
  EXPECT_EQ(c->validation_traces, 100u);
  EXPECT_TRUE(c->Flags(75.5));
  EXPECT_FALSE(c->Flags(75));
  auto back = Calibration::FromJson(c->ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ToJson(), c->ToJson());
  EXPECT_FALSE(Calibration::FromJson(nlohmann::json{{"threshold", "x"}}).ok());
  // Validation traces without events: no event is anomalous by surprisal.
  auto eventless = Calibrate(OneToHundred(), {}, 0.01);
  ASSERT_TRUE(eventless.ok());
  EXPECT_DOUBLE_EQ(eventless->event_threshold, kMaxSurprisal);
}

}  // namespace
}  // namespace protolm::detect

// StideDetector on a tiny example worked by hand.
#include "detect/stide_detector.h"

#include <gtest/gtest.h>

#include <cmath>

#include "detect/detect_test_support.h"
#include "detect/detector_model.h"

namespace protolm::detect {
namespace {

// Windows of 3 over "a b c d" (a=1 b=2 c=3 d=4, ^ = trace start):
// ^^a, ^ab, abc, bcd.
DetectorModel Trained(StideDetector::Score score, size_t frame = 20) {
  auto model = DetectorModel::Train(
      Sequences({"a b c d"}), std::make_unique<StideDetector>(3, score, frame));
  EXPECT_TRUE(model.ok());
  return std::move(model).value();
}

TEST(StideDetector, MismatchRateOnTinyExample) {
  DetectorModel model = Trained(StideDetector::Score::kMismatchRate);
  // "a b d c": ^^a, ^ab seen; abd, bdc unseen.
  auto odd = model.Encode(Sequence("a b d c"));
  auto& stide = static_cast<const StideDetector&>(*model.detector);
  EXPECT_EQ(stide.Mismatches(odd),
            (std::vector<bool>{false, false, true, true}));
  EXPECT_DOUBLE_EQ(model.detector->TraceScore(odd), 0.5);
  EXPECT_EQ(model.detector->FirstAnomaly(odd, 0), 2u);
  EXPECT_DOUBLE_EQ(model.detector->TraceScore(model.Encode(Sequence("a b c"))),
                   0.0);
  // A trace may start elsewhere than training's did: ^^b, ^bc are unseen.
  EXPECT_DOUBLE_EQ(model.detector->TraceScore(model.Encode(Sequence("b c d"))),
                   2.0 / 3);
  EXPECT_DOUBLE_EQ(model.detector->TraceScore({}), 0.0);
}

TEST(StideDetector, LocalityFrameCount) {
  DetectorModel model = Trained(StideDetector::Score::kLocalityFrame, 2);
  // "a b d c a": mismatches at 2, 3, 4 (bdc, dca unseen); frames of 2 hold
  // at most 2.
  EXPECT_DOUBLE_EQ(
      model.detector->TraceScore(model.Encode(Sequence("a b d c a"))), 2.0);
}

TEST(StideDetector, PrefixScoreForTheLocalityFrameOnly) {
  DetectorModel frame = Trained(StideDetector::Score::kLocalityFrame, 2);
  auto odd = frame.Encode(Sequence("a b d c a"));
  EXPECT_EQ(frame.detector->PrefixScore(std::span(odd).first(3)), 1.0);
  EXPECT_EQ(frame.detector->PrefixScore(odd), 2.0);
  DetectorModel rate = Trained(StideDetector::Score::kMismatchRate);
  EXPECT_EQ(rate.detector->PrefixScore(odd), std::nullopt);
}

TEST(StideDetector, SurprisalsAndExpected) {
  auto model = DetectorModel::Train(Sequences({"a b c", "a b d", "a b d"}),
                                    std::make_unique<StideDetector>(2));
  ASSERT_TRUE(model.ok());
  // After b: c once, d twice.
  auto trace = model->Encode(Sequence("a b c e"));
  std::vector<double> surprisals;
  model->detector->EventSurprisals(trace, surprisals);
  ASSERT_EQ(surprisals.size(), 4u);
  EXPECT_DOUBLE_EQ(surprisals[0], 0.0);
  EXPECT_DOUBLE_EQ(surprisals[1], 0.0);
  EXPECT_NEAR(surprisals[2], -std::log(1.0 / 3), 1e-12);
  EXPECT_DOUBLE_EQ(surprisals[3], kMaxSurprisal);
  auto expected = model->detector->Expected(trace, 2, 5);
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(model->vocabulary.Text(expected[0].event), "d");
  EXPECT_NEAR(expected[0].p, 2.0 / 3, 1e-12);
  EXPECT_EQ(model->vocabulary.Text(expected[1].event), "c");
}

}  // namespace
}  // namespace protolm::detect

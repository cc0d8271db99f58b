// Next-event measures: accuracy and macro-F1 by hand, and over prefixes.
#include "detect/next_event_measures.h"

#include <gtest/gtest.h>

#include "detect/detect_test_support.h"
#include "detect/detector_model.h"
#include "detect/stide_detector.h"

namespace protolm::detect {
namespace {

TEST(ScorePredictions, AccuracyAndMacroF1ByHand) {
  // Type 1: TP 1, FP 1, FN 1 -> 0.5; type 2: TP 1, FP 1 -> 2/3;
  // type 3: FN 1 -> 0.
  std::vector<std::pair<TokenId, TokenId>> pairs = {
      {1, 1}, {1, 2}, {2, 2}, {3, 1}};
  NextEventResult r = ScorePredictions(pairs);
  EXPECT_EQ(r.predictions, 4u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.5);
  EXPECT_NEAR(r.macro_f1, (0.5 + 2.0 / 3 + 0) / 3, 1e-12);
  EXPECT_DOUBLE_EQ(ScorePredictions({}).accuracy, 0.0);
}

TEST(EvaluateNextEvent, DeterministicTraceIsPredictedPerfectly) {
  auto model = DetectorModel::Train(Sequences({"a b c d e"}),
                                    std::make_unique<StideDetector>(2));
  ASSERT_TRUE(model.ok());
  std::vector<std::vector<TokenId>> traces = {
      model->Encode(Sequence("a b c d e")), model->Encode(Sequence("a")),
      model->Encode(Sequence("a b c"))};
  NextEventResult r = EvaluateNextEvent(*model->detector, traces, 3, 7);
  EXPECT_EQ(r.predictions, 6u);  // the one-event trace has no prefix
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0);
  EXPECT_DOUBLE_EQ(r.macro_f1, 1.0);
}

}  // namespace
}  // namespace protolm::detect

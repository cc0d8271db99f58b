// PrefixMonitor: one event at a time, the same scores as PrefixScore over the
// whole prefix, for every detector that has a monitor.
#include "detect/prefix_monitor.h"

#include <gtest/gtest.h>

#include <random>

#include "detect/count_vector_detector.h"
#include "detect/detect_test_support.h"
#include "detect/detector_model.h"
#include "detect/ngram_detector.h"
#include "detect/stide_detector.h"

namespace protolm::detect {
namespace {

/// A random trace over ids 0..vocabulary (0 = <unk>, the largest never
/// trained), so unseen windows and events occur.
std::vector<TokenId> RandomTrace(std::mt19937& rng, size_t vocabulary,
                                 size_t length) {
  std::uniform_int_distribution<TokenId> id(0,
                                            static_cast<TokenId>(vocabulary));
  std::vector<TokenId> trace(length);
  for (TokenId& t : trace) t = id(rng);
  return trace;
}

/// Pushes every event of long random traces through the detector's monitor
/// and compares each answer with PrefixScore of the prefix so far.
void ExpectMonitorEqualsPrefixScore(std::unique_ptr<TraceDetector> detector) {
  auto model = DetectorModel::Train(
      Sequences({"a b c a b c a b c", "a b d a b d", "c c a b c", "d a b"}),
      std::move(detector));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    const std::vector<TokenId> trace =
        RandomTrace(rng, model->vocabulary.size(), 200);
    std::unique_ptr<PrefixMonitor> monitor = model->detector->NewPrefixMonitor();
    ASSERT_NE(monitor, nullptr);
    for (size_t n = 1; n <= trace.size(); ++n) {
      const std::optional<double> pushed = monitor->Push(trace[n - 1]);
      const std::optional<double> whole =
          model->detector->PrefixScore(std::span(trace).first(n));
      ASSERT_EQ(pushed, whole) << "after " << n << " events";
    }
  }
}

TEST(PrefixMonitor, NgramWindowMaxEqualsPrefixScore) {
  for (size_t order : {1, 2, 3, 5}) {
    SCOPED_TRACE(order);
    ExpectMonitorEqualsPrefixScore(std::make_unique<NgramDetector>(
        order, SurprisalScoring{SurprisalScoring::Summary::kWindowMax, 4}));
  }
}

TEST(PrefixMonitor, StideLocalityFrameEqualsPrefixScore) {
  for (size_t window : {1, 3, 6}) {
    SCOPED_TRACE(window);
    ExpectMonitorEqualsPrefixScore(std::make_unique<StideDetector>(
        window, StideDetector::Score::kLocalityFrame, 5));
  }
}

TEST(PrefixMonitor, DetectorsWithoutAPrefixScoreHaveNone) {
  auto mean = DetectorModel::Train(
      Sequences({"a b"}),
      std::make_unique<NgramDetector>(
          2, SurprisalScoring{SurprisalScoring::Summary::kMean, 4}));
  ASSERT_TRUE(mean.ok());
  auto pushed = mean->detector->NewPrefixMonitor();
  ASSERT_NE(pushed, nullptr);
  EXPECT_EQ(pushed->Push(1), std::nullopt);  // mean scoring: no prefix score
  auto rate = DetectorModel::Train(Sequences({"a b"}),
                                   std::make_unique<StideDetector>(2));
  ASSERT_TRUE(rate.ok());
  EXPECT_EQ(rate->detector->NewPrefixMonitor(), nullptr);
  auto counts = DetectorModel::Train(Sequences({"a b"}),
                                     std::make_unique<CountVectorDetector>());
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->detector->NewPrefixMonitor(), nullptr);
}

TEST(WindowMaxTracker, EqualsSurprisalScoringToTheLastBit) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> surprisal(0.0, 30.0);
  for (size_t window : {1, 2, 10}) {
    const SurprisalScoring scoring{SurprisalScoring::Summary::kWindowMax,
                                   window};
    WindowMaxTracker tracker(scoring);
    std::vector<double> seen;
    for (int i = 0; i < 500; ++i) {
      seen.push_back(surprisal(rng));
      EXPECT_EQ(tracker.Push(seen.back()), scoring.PrefixScore(seen))
          << "window " << window << ", " << seen.size() << " values";
    }
  }
}

}  // namespace
}  // namespace protolm::detect

// NgramDetector: Witten-Bell probabilities computed by hand on a tiny corpus.
#include "detect/ngram_detector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "detect/detect_test_support.h"
#include "detect/detector_model.h"

namespace protolm::detect {
namespace {

// Order 2 on "a b" and "a c": ids a=1, b=2, c=3, V=4 (with <unk>).
// Unigram table: a:2 b:1 c:1 (4 events, 3 types); bigram contexts:
// [start] -> a:2; [a] -> b:1 c:1.
DetectorModel TinyModel() {
  auto model = DetectorModel::Train(Sequences({"a b", "a c"}),
                                    std::make_unique<NgramDetector>(2));
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return std::move(model).value();
}

TEST(NgramDetector, WittenBellProbabilitiesByHand) {
  DetectorModel model = TinyModel();
  auto& ngram = static_cast<const NgramDetector&>(*model.detector);
  const TokenId a = 1, b = 2, c = 3;
  // p1(a) = (2 + 3/4) / 7; p2(a|start) = (2 + 1 * p1(a)) / 3.
  EXPECT_NEAR(ngram.Probability({}, a), (2 + 2.75 / 7) / 3, 1e-12);
  // p1(b) = (1 + 3/4) / 7 = 0.25; p2(b|a) = (1 + 2 * 0.25) / 4.
  std::vector<TokenId> after_a = {a};
  EXPECT_NEAR(ngram.Probability(after_a, b), 0.375, 1e-12);
  // p1(unk) = 0.75 / 7; p2(unk|a) = 2 * p1(unk) / 4.
  EXPECT_NEAR(ngram.Probability(after_a, kUnknownToken), 0.75 / 14, 1e-12);
  // c never started a trace: p2(c|start) = p1(c) / 3.
  EXPECT_NEAR(ngram.Probability({}, c), 0.25 / 3, 1e-12);
  // An unseen context falls back to the unigram: p(b|b) = p1(b).
  std::vector<TokenId> after_b = {b};
  EXPECT_NEAR(ngram.Probability(after_b, b), 0.25, 1e-12);
}

TEST(NgramDetector, DistributionSumsToOne) {
  DetectorModel model = TinyModel();
  std::vector<TokenId> trace = {1};
  auto all = model.detector->Expected(trace, 1, 10);
  ASSERT_EQ(all.size(), 4u);
  double sum =
      std::accumulate(all.begin(), all.end(), 0.0,
                      [](double s, const Expectation& e) { return s + e.p; });
  EXPECT_NEAR(sum, 1.0, 1e-12);
  // b and c tie at 0.375; the smaller id comes first.
  EXPECT_EQ(all[0], (Expectation{2, 0.375}));
  EXPECT_EQ(all[1].event, 3u);
}

TEST(NgramDetector, SurprisalsAndMeanScore) {
  auto model = DetectorModel::Train(
      Sequences({"a b", "a c"}),
      std::make_unique<NgramDetector>(
          2, SurprisalScoring{SurprisalScoring::Summary::kMean, 10}));
  ASSERT_TRUE(model.ok());
  std::vector<TokenId> trace = {1, 2};
  std::vector<double> surprisals;
  model->detector->EventSurprisals(trace, surprisals);
  ASSERT_EQ(surprisals.size(), 2u);
  EXPECT_NEAR(surprisals[0], -std::log((2 + 2.75 / 7) / 3), 1e-12);
  EXPECT_NEAR(surprisals[1], -std::log(0.375), 1e-12);
  EXPECT_NEAR(model->detector->TraceScore(trace),
              (surprisals[0] + surprisals[1]) / 2, 1e-12);
  // An unknown event is more surprising than a known one in its place.
  std::vector<TokenId> odd = {1, kUnknownToken};
  EXPECT_GT(model->detector->TraceScore(odd),
            model->detector->TraceScore(trace));
}

TEST(NgramDetector, RejectsBadOrder) {
  NgramDetector zero(0);
  std::vector<std::vector<TokenId>> traces = {{1}};
  EXPECT_FALSE(zero.Train(traces, 2).ok());
  NgramDetector too_long(NgramDetector::kMaxOrder + 1);
  EXPECT_FALSE(too_long.Train(traces, 2).ok());
}

}  // namespace
}  // namespace protolm::detect

// NgramDetector: Witten-Bell probabilities computed by hand on a tiny corpus.
#include "detect/ngram_detector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "detect/detect_test_support.h"
#include "detect/detector_model.h"

namespace protolm::detect {
namespace {

// Order 2 on "a b" and "a c": ids a=1, b=2, c=3, V=4 (with <unk>), the
// boundary ^ = 4 pads the start and is the end outcome $; p_0 = 1/5.
// Unigram table: a:2 b:1 c:1 $:2 (6 outcomes, 4 kinds); bigram contexts:
// [^] -> a:2; [a] -> b:1 c:1; [b] -> $:1; [c] -> $:1.
DetectorModel TinyModel() {
  auto model = DetectorModel::Train(Sequences({"a b", "a c"}),
                                    std::make_unique<NgramDetector>(2));
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return std::move(model).value();
}

constexpr TokenId a = 1, b = 2, c = 3, end = 4;

TEST(NgramDetector, WittenBellProbabilitiesByHand) {
  DetectorModel model = TinyModel();
  auto& ngram = static_cast<const NgramDetector&>(*model.detector);
  // p1(a) = (2 + 4/5) / 10 = 0.28; p2(a|^) = (2 + 1 * 0.28) / 3.
  EXPECT_NEAR(ngram.Probability({}, a), 2.28 / 3, 1e-12);
  // p1(b) = (1 + 0.8) / 10 = 0.18; p2(b|a) = (1 + 2 * 0.18) / 4.
  std::vector<TokenId> after_a = {a};
  EXPECT_NEAR(ngram.Probability(after_a, b), 0.34, 1e-12);
  // p1(unk) = 0.8 / 10; p2(unk|a) = 2 * 0.08 / 4.
  EXPECT_NEAR(ngram.Probability(after_a, kUnknownToken), 0.04, 1e-12);
  // c never started a trace: p2(c|^) = 0.18 / 3.
  EXPECT_NEAR(ngram.Probability({}, c), 0.06, 1e-12);
  // The end after b: p1($) = (2 + 0.8) / 10; p2($|b) = (1 + 0.28) / 2.
  std::vector<TokenId> after_b = {a, b};
  EXPECT_NEAR(ngram.Probability(after_b, end), 0.64, 1e-12);
  EXPECT_NEAR(ngram.EndSurprisal(after_b), -std::log(0.64), 1e-12);
  // An unseen context falls back to the unigram: p(b|unk) = p1(b).
  std::vector<TokenId> after_unknown = {kUnknownToken};
  EXPECT_NEAR(ngram.Probability(after_unknown, b), 0.18, 1e-12);
}

TEST(NgramDetector, DistributionSumsToOne) {
  DetectorModel model = TinyModel();
  std::vector<TokenId> trace = {a};
  auto all = model.detector->Expected(trace, 1, 10);
  ASSERT_EQ(all.size(), 5u);  // 4 ids and the end
  double sum =
      std::accumulate(all.begin(), all.end(), 0.0,
                      [](double s, const Expectation& e) { return s + e.p; });
  EXPECT_NEAR(sum, 1.0, 1e-12);
  // b and c tie at 0.34, then a and the end at 0.14; smaller ids first.
  EXPECT_EQ(all[0].event, b);
  EXPECT_NEAR(all[0].p, 0.34, 1e-12);
  EXPECT_EQ(all[1].event, c);
  EXPECT_EQ(all[2].event, a);
  EXPECT_EQ(all[3].event, end);
  EXPECT_NEAR(all[3].p, 0.14, 1e-12);
}

TEST(NgramDetector, TraceScoreCountsTheEnd) {
  auto model = DetectorModel::Train(
      Sequences({"a b", "a c"}),
      std::make_unique<NgramDetector>(
          2, SurprisalScoring{SurprisalScoring::Summary::kMean, 10}));
  ASSERT_TRUE(model.ok());
  std::vector<TokenId> trace = {a, b};
  std::vector<double> surprisals;
  model->detector->EventSurprisals(trace, surprisals);
  ASSERT_EQ(surprisals.size(), 2u);
  EXPECT_NEAR(surprisals[0], -std::log(2.28 / 3), 1e-12);
  EXPECT_NEAR(surprisals[1], -std::log(0.34), 1e-12);
  EXPECT_NEAR(model->detector->TraceScore(trace),
              (surprisals[0] + surprisals[1] - std::log(0.64)) / 3, 1e-12);
  // An unknown event is more surprising than a known one in its place, and
  // a trace cut short more than a whole one.
  std::vector<TokenId> odd = {a, kUnknownToken};
  std::vector<TokenId> cut = {a};
  EXPECT_GT(model->detector->TraceScore(odd),
            model->detector->TraceScore(trace));
  EXPECT_GT(model->detector->TraceScore(cut),
            model->detector->TraceScore(trace));
  // No event passes 1.5 nats, the end after a does (p = 0.14): index 1.
  EXPECT_EQ(model->detector->FirstAnomaly(cut, 1.5), 1u);
  EXPECT_EQ(model->detector->FirstAnomaly(trace, 1.5), std::nullopt);
}

// A prefix's score leaves the end out and never passes the score of a
// trace that goes on from it.
TEST(NgramDetector, PrefixScoreIsABoundOfEveryLongerTrace) {
  auto model = DetectorModel::Train(
      Sequences({"a b a b a b", "a c a c"}),
      std::make_unique<NgramDetector>(
          2, SurprisalScoring{SurprisalScoring::Summary::kWindowMax, 3}));
  ASSERT_TRUE(model.ok());
  std::vector<TokenId> trace = model->Encode(Sequence("a b a c x a b"));
  EXPECT_EQ(model->detector->PrefixScore(std::span(trace).first(2)),
            std::nullopt);  // shorter than a window
  for (size_t n = 3; n <= trace.size(); ++n) {
    std::span<const TokenId> prefix = std::span(trace).first(n);
    std::optional<double> score = model->detector->PrefixScore(prefix);
    ASSERT_TRUE(score.has_value());
    for (size_t m = n; m <= trace.size(); ++m) {
      EXPECT_LE(*score, model->detector->TraceScore(std::span(trace).first(m)));
    }
  }
  // The whole "a b" is cheap; cut short it scores more, as a prefix less.
  std::vector<TokenId> ab = model->Encode(Sequence("a b a"));
  EXPECT_LT(*model->detector->PrefixScore(ab), model->detector->TraceScore(ab));
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

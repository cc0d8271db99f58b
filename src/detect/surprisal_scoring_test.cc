// SurprisalScoring: mean and windowed maximum by hand.
#include "detect/surprisal_scoring.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace protolm::detect {
namespace {

TEST(SurprisalScoring, MeanAndWindowMax) {
  std::vector<double> s = {1, 1, 1, 9, 1, 1};
  SurprisalScoring mean{SurprisalScoring::Summary::kMean, 2};
  SurprisalScoring window{SurprisalScoring::Summary::kWindowMax, 2};
  EXPECT_DOUBLE_EQ(mean.Score(s), 14.0 / 6);
  EXPECT_DOUBLE_EQ(window.Score(s), 5.0);  // (1 + 9) / 2
  SurprisalScoring wide{SurprisalScoring::Summary::kWindowMax, 10};
  EXPECT_DOUBLE_EQ(wide.Score(s), 14.0 / 6);  // shorter than the window
  EXPECT_DOUBLE_EQ(window.Score({}), 0.0);
}

TEST(SurprisalScoring, PrefixScoreOnlyWhereNoLongerTraceScoresLower) {
  std::vector<double> s = {1, 1, 9, 1};
  SurprisalScoring window{SurprisalScoring::Summary::kWindowMax, 2};
  EXPECT_EQ(window.PrefixScore(s), 5.0);
  EXPECT_EQ(window.PrefixScore(std::vector<double>{9}), std::nullopt);
  SurprisalScoring mean{SurprisalScoring::Summary::kMean, 2};
  EXPECT_EQ(mean.PrefixScore(s), std::nullopt);
}

TEST(SurprisalScoring, JsonRoundTrip) {
  SurprisalScoring window{SurprisalScoring::Summary::kWindowMax, 7};
  auto back = SurprisalScoring::FromJson(window.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->window, 7u);
  EXPECT_EQ(back->summary, SurprisalScoring::Summary::kWindowMax);
  EXPECT_FALSE(SurprisalScoring::FromJson(
                   nlohmann::json{{"summary", "median"}, {"window", 3}})
                   .ok());
  EXPECT_FALSE(SurprisalScoring::FromJson(
                   nlohmann::json{{"summary", "mean"}, {"window", 0}})
                   .ok());
}

}  // namespace
}  // namespace protolm::detect

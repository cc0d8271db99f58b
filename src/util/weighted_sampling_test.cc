// Algorithm 2 puts more samples where the function is steep, keeps some
// everywhere through the uniform share, and rejects unusable grids.
#include "util/weighted_sampling.h"

#include <gtest/gtest.h>

#include <cmath>

namespace protolm {
namespace {

std::vector<double> Grid(double lo, double hi, size_t n) {
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = lo + (hi - lo) * i / (n - 1);
  return x;
}

double ShareNearZero(const std::vector<double>& s) {
  size_t near = 0;
  for (double v : s) near += std::fabs(v) < 0.2;
  return static_cast<double>(near) / s.size();
}

TEST(WeightedSampling, DenserWhereTheFunctionIsSteep) {
  std::vector<double> x = Grid(-1, 1, 101), y;
  for (double v : x) y.push_back(std::tanh(10 * v));
  auto sample = DerivativeWeightedSample(x, y, 2000, {0.2, 0.5}, 1);
  ASSERT_TRUE(sample.ok());
  ASSERT_EQ(sample->size(), 2000u);
  EXPECT_TRUE(std::is_sorted(sample->begin(), sample->end()));
  EXPECT_GE(sample->front(), -1.0);
  EXPECT_LE(sample->back(), 1.0);
  EXPECT_GT(ShareNearZero(*sample), 0.35);  // uniform would give 0.2
  auto uniform = DerivativeWeightedSample(x, y, 2000, {1.0, 0.5}, 1);
  EXPECT_NEAR(ShareNearZero(*uniform), 0.2, 0.04);
}

TEST(WeightedSampling, FlatFunctionsFallBackToUniform) {
  std::vector<double> x = Grid(0, 10, 11), y(11, 3.0);
  auto sample = DerivativeWeightedSample(x, y, 1000, {0.0, 0.5}, 2);
  ASSERT_TRUE(sample.ok());
  size_t low_half = 0;
  for (double v : *sample) low_half += v < 5;
  EXPECT_NEAR(low_half / 1000.0, 0.5, 0.06);
}

TEST(WeightedSampling, RejectsBadGrids) {
  EXPECT_FALSE(DerivativeWeightedSample({1}, {1}, 5, {}, 1).ok());
  EXPECT_FALSE(DerivativeWeightedSample({0, 1, 3}, {0, 1, 2}, 5, {}, 1).ok());
  EXPECT_FALSE(DerivativeWeightedSample({0, 1}, {0}, 5, {}, 1).ok());
}

}  // namespace
}  // namespace protolm

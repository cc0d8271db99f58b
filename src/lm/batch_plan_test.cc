// Batches cover every example once, group similar lengths, change order with
// the random state and repeat for the same state.
#include "lm/batch_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace protolm::lm {
namespace {

std::vector<size_t> SomeLengths(size_t n) {
  std::vector<size_t> lengths;
  for (size_t i = 0; i < n; ++i) lengths.push_back(10 + (i * 7919) % 300);
  return lengths;
}

TEST(BatchPlanTest, TrainingBatchesCoverEveryExampleOnce) {
  const std::vector<size_t> lengths = SomeLengths(1000);
  std::mt19937_64 rng(5);
  BatchPlan plan = PlanTrainingBatches(lengths, 16, rng);
  std::vector<size_t> seen;
  for (const auto& batch : plan) {
    ASSERT_FALSE(batch.empty());
    ASSERT_LE(batch.size(), 16u);
    seen.insert(seen.end(), batch.begin(), batch.end());
  }
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), lengths.size());
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i);
}

TEST(BatchPlanTest, TrainingBatchesGroupSimilarLengths) {
  const std::vector<size_t> lengths = SomeLengths(1024);
  std::mt19937_64 rng(5);
  size_t padded = 0, real = 0;
  for (const auto& batch : PlanTrainingBatches(lengths, 16, rng)) {
    size_t longest = 0;
    for (size_t i : batch) {
      longest = std::max(longest, lengths[i]);
      real += lengths[i];
    }
    padded += longest * batch.size();
  }
  // Random batches would pad about 60% on lengths uniform in 10..310.
  EXPECT_LT(static_cast<double>(padded - real) / real, 0.1);
}

TEST(BatchPlanTest, TrainingOrderDependsOnlyOnTheRandomState) {
  const std::vector<size_t> lengths = SomeLengths(300);
  std::mt19937_64 a(9), b(9), c(10);
  BatchPlan plan_a = PlanTrainingBatches(lengths, 8, a);
  EXPECT_EQ(plan_a, PlanTrainingBatches(lengths, 8, b));
  EXPECT_NE(plan_a, PlanTrainingBatches(lengths, 8, c));
  EXPECT_NE(plan_a, PlanTrainingBatches(lengths, 8, a));  // the next epoch
}

TEST(BatchPlanTest, EvaluationBatchesAreSortedByLength) {
  const std::vector<size_t> lengths = {5, 3, 9, 1, 7};
  BatchPlan plan = PlanEvaluationBatches(lengths, 2);
  EXPECT_EQ(plan, (BatchPlan{{3, 1}, {0, 4}, {2}}));
}

}  // namespace
}  // namespace protolm::lm

// Detection measures on known inputs: AUC with ties, detection at FAR,
// confusion counts, F1 at DeepLog's full HDFS ratio.
#include "detect/detection_measures.h"

#include <gtest/gtest.h>

#include <vector>

namespace protolm::detect {
namespace {

TEST(RocAuc, SeparatedAndReversed) {
  std::vector<double> normal = {0.1, 0.2, 0.3};
  std::vector<double> anomalous = {0.4, 0.5};
  EXPECT_DOUBLE_EQ(*RocAuc(normal, anomalous), 1.0);
  EXPECT_DOUBLE_EQ(*RocAuc(anomalous, normal), 0.0);
}

TEST(RocAuc, TiesCountHalf) {
  std::vector<double> same = {1, 1};
  EXPECT_DOUBLE_EQ(*RocAuc(same, same), 0.5);
  // Pairs: 0.5>0.1, 0.5=0.5 (half), 0.9>0.1, 0.9>0.5 -> 3.5 / 4.
  std::vector<double> normal = {0.1, 0.5};
  std::vector<double> anomalous = {0.5, 0.9};
  EXPECT_DOUBLE_EQ(*RocAuc(normal, anomalous), 0.875);
}

TEST(RocAuc, NeedsBothSides) {
  std::vector<double> some = {1};
  EXPECT_FALSE(RocAuc({}, some).ok());
  EXPECT_FALSE(RocAuc(some, {}).ok());
}

TEST(DetectionAtFar, RecallAtTheNormalsThreshold) {
  std::vector<double> normal;
  for (int i = 1; i <= 100; ++i) normal.push_back(i);
  std::vector<double> anomalous = {99.5, 100, 150, 50};
  // FAR 1 %: threshold 99 -> 99.5, 100, 150 flagged.
  EXPECT_DOUBLE_EQ(*DetectionAtFar(normal, anomalous, 0.01), 0.75);
  // FAR 0: threshold 100 -> only 150.
  EXPECT_DOUBLE_EQ(*DetectionAtFar(normal, anomalous, 0.0), 0.25);
}

TEST(Confusion, CountsAndRatios) {
  std::vector<double> normal = {0, 0, 0, 5};
  std::vector<double> anomalous = {5, 5, 0};
  Confusion c = ConfusionAt(normal, anomalous, 1);
  EXPECT_EQ(c.true_positives, 2u);
  EXPECT_EQ(c.false_positives, 1u);
  EXPECT_EQ(c.true_negatives, 3u);
  EXPECT_EQ(c.false_negatives, 1u);
  EXPECT_DOUBLE_EQ(c.Precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(c.Recall(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(c.FalsePositiveRate(), 0.25);
  EXPECT_DOUBLE_EQ(c.F1(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(Confusion{}.F1(), 0.0);
}

TEST(F1AtRatio, DeepLogFullHdfs) {
  // The anchor: recall 1.0 at 0.38 % FPR is F1 about 0.94 there.
  double f1 = F1AtRatio(1.0, 0.0038, kDeepLogHdfsNormal, kDeepLogHdfsAbnormal);
  double precision = 16838 / (16838 + 0.0038 * 553366);
  EXPECT_NEAR(f1, 2 * precision / (1 + precision), 1e-12);
  EXPECT_NEAR(f1, 0.9412, 1e-4);
  // Balanced: the same rates give a much higher F1.
  EXPECT_NEAR(F1AtRatio(1.0, 0.0038, 1000, 1000), 2 / (2 + 0.0038), 1e-12);
  EXPECT_DOUBLE_EQ(F1AtRatio(0, 0, 10, 10), 0.0);
}

}  // namespace
}  // namespace protolm::detect

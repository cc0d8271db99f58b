// Tests of the latency histogram: exact small values, percentiles within
// the bucket precision, the maximum, merging.
#include "loadgen/latency_histogram.h"

#include <gtest/gtest.h>

namespace protolm::loadgen {
namespace {

using std::chrono::nanoseconds;

TEST(LatencyHistogram, EmptyHasZeroes) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.Percentile(99), nanoseconds(0));
  EXPECT_EQ(h.max(), nanoseconds(0));
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int ns = 1; ns <= 100; ++ns) h.Record(nanoseconds(ns));
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.Percentile(50), nanoseconds(50));
  EXPECT_EQ(h.Percentile(99), nanoseconds(99));
  EXPECT_EQ(h.Percentile(100), nanoseconds(100));
  EXPECT_EQ(h.max(), nanoseconds(100));
}

TEST(LatencyHistogram, PercentilesAreNearestRankWithinBucketPrecision) {
  LatencyHistogram h;
  // 1..10000 microseconds: the p-th percentile is p * 100 us.
  for (int us = 1; us <= 10000; ++us) h.Record(std::chrono::microseconds(us));
  for (double p : {50.0, 90.0, 99.0}) {
    const double expected = p * 100 * 1000;  // ns
    const double got = static_cast<double>(h.Percentile(p).count());
    EXPECT_GE(got, expected) << p;  // rounded up to the end of the bucket
    EXPECT_LE(got, expected * 1.016) << p;
  }
  EXPECT_EQ(h.max(), std::chrono::microseconds(10000));
  EXPECT_EQ(h.Percentile(100), h.max());  // capped at the exact maximum
}

TEST(LatencyHistogram, NegativeCountsAsZeroAndHugeInTheLastBucket) {
  LatencyHistogram h;
  h.Record(nanoseconds(-5));
  h.Record(std::chrono::hours(48));
  EXPECT_EQ(h.Percentile(50), nanoseconds(0));
  EXPECT_EQ(h.Percentile(100), std::chrono::hours(48));
}

TEST(LatencyHistogram, MergeAddsCountsAndKeepsTheMaximum) {
  LatencyHistogram a, b;
  for (int i = 0; i < 90; ++i) a.Record(nanoseconds(10));
  for (int i = 0; i < 10; ++i) b.Record(nanoseconds(1000000));
  a.Merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_EQ(a.Percentile(90), nanoseconds(10));
  EXPECT_GE(a.Percentile(91).count(), 1000000);
  EXPECT_EQ(a.max(), nanoseconds(1000000));
}

}  // namespace
}  // namespace protolm::loadgen

// Token buckets per source: bursts, refill, waits, separate sources, the
// bounded table.
#include "net/source_rate_limiter.h"

#include <gtest/gtest.h>

namespace protolm::net {
namespace {

using Clock = SourceRateLimiter::Clock;
using std::chrono::milliseconds;

TEST(SourceRateLimiterTest, DisabledGrantsEverything) {
  SourceRateLimiter limiter(0, 1, 10);
  Clock::time_point t0{};
  for (int i = 0; i < 1000; ++i)
    EXPECT_EQ(limiter.TryTake("10.0.0.1", t0), Clock::duration::zero());
  EXPECT_EQ(limiter.tracked_sources(), 0u);
}

TEST(SourceRateLimiterTest, BurstThenWaitForTheNextToken) {
  SourceRateLimiter limiter(/*per_second=*/10, /*burst=*/3, 10);
  Clock::time_point t0{};
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(limiter.TryTake("a", t0), Clock::duration::zero());
  Clock::duration wait = limiter.TryTake("a", t0);
  EXPECT_GT(wait, milliseconds(99));
  EXPECT_LE(wait, milliseconds(100));
  // Half a token later the wait halves; a full token later one is granted.
  EXPECT_LE(limiter.TryTake("a", t0 + milliseconds(50)), milliseconds(50));
  EXPECT_EQ(limiter.TryTake("a", t0 + milliseconds(100)),
            Clock::duration::zero());
}

TEST(SourceRateLimiterTest, SourcesHaveTheirOwnBuckets) {
  SourceRateLimiter limiter(1, 1, 10);
  Clock::time_point t0{};
  EXPECT_EQ(limiter.TryTake("a", t0), Clock::duration::zero());
  EXPECT_GT(limiter.TryTake("a", t0), Clock::duration::zero());
  EXPECT_EQ(limiter.TryTake("b", t0), Clock::duration::zero());
}

TEST(SourceRateLimiterTest, TheTableStaysBounded) {
  SourceRateLimiter limiter(1, 2, 4);
  Clock::time_point t0{};
  for (int i = 0; i < 100; ++i) {
    (void)limiter.TryTake("10.0.0." + std::to_string(i), t0);
    EXPECT_LE(limiter.tracked_sources(), 4u);
  }
  // A source dropped from the table starts again with a full bucket.
  EXPECT_EQ(limiter.TryTake("10.0.0.0", t0), Clock::duration::zero());
}

}  // namespace
}  // namespace protolm::net

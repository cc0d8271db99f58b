// A bounded histogram of request latencies with percentiles.
//
// A load run records one latency per completed request, millions in a soak
// test, so the samples are not kept: they are counted in log-linear buckets
// (64 per power of two, as in HdrHistogram), which fixes the memory at about
// 21 KiB and the relative error of a percentile at under 1.6 %. Latencies
// below 128 ns are exact; those above 2^46 ns (about 19 hours) count in the
// last bucket. The maximum is kept exactly. Plain value; not thread-safe
// (one histogram per thread, merged at the end).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace protolm::loadgen {

class LatencyHistogram {
 public:
  /// Counts one latency (negative durations count as 0).
  void Record(std::chrono::nanoseconds latency);
  /// Adds every count of `other`.
  void Merge(const LatencyHistogram& other);

  uint64_t count() const { return count_; }
  /// The largest latency recorded, exact; 0 when empty.
  std::chrono::nanoseconds max() const {
    return std::chrono::nanoseconds(max_);
  }
  /// The nearest-rank percentile `p` (0 < p <= 100): the smallest recorded
  /// latency that at least p % of the samples do not exceed, rounded up to
  /// the end of its bucket and capped at max(). 0 when empty.
  std::chrono::nanoseconds Percentile(double p) const;

 private:
  static constexpr size_t kSubBuckets = 64;
  static constexpr int kMaxExponent = 46;
  /// 0..127 exact, then 64 buckets for each power of two from 2^7 to 2^46.
  static constexpr size_t kBuckets =
      2 * kSubBuckets + (kMaxExponent - 7 + 1) * kSubBuckets;
  static size_t BucketOf(uint64_t ns);
  static uint64_t BucketEnd(size_t bucket);

  std::array<uint64_t, kBuckets> counts_{};
  uint64_t count_ = 0;
  uint64_t max_ = 0;
};

}  // namespace protolm::loadgen

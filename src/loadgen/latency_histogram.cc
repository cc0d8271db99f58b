// Log-linear latency buckets and nearest-rank percentiles (see
// latency_histogram.h).
#include "loadgen/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace protolm::loadgen {

size_t LatencyHistogram::BucketOf(uint64_t ns) {
  if (ns < 2 * kSubBuckets) return static_cast<size_t>(ns);
  const int exponent = static_cast<int>(std::bit_width(ns)) - 1;
  if (exponent > kMaxExponent) return kBuckets - 1;
  const int shift = exponent - 6;  // keeps the top 7 bits: 64..127
  const uint64_t mantissa = ns >> shift;
  return 2 * kSubBuckets + static_cast<size_t>(exponent - 7) * kSubBuckets +
         static_cast<size_t>(mantissa - kSubBuckets);
}

uint64_t LatencyHistogram::BucketEnd(size_t bucket) {
  if (bucket < 2 * kSubBuckets) return bucket;
  const size_t above = bucket - 2 * kSubBuckets;
  const int exponent = 7 + static_cast<int>(above / kSubBuckets);
  const uint64_t mantissa = kSubBuckets + above % kSubBuckets;
  const int shift = exponent - 6;
  return ((mantissa + 1) << shift) - 1;
}

void LatencyHistogram::Record(std::chrono::nanoseconds latency) {
  const uint64_t ns =
      latency.count() < 0 ? 0 : static_cast<uint64_t>(latency.count());
  ++counts_[BucketOf(ns)];
  ++count_;
  max_ = std::max(max_, ns);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

std::chrono::nanoseconds LatencyHistogram::Percentile(double p) const {
  if (count_ == 0) return std::chrono::nanoseconds(0);
  const double clamped = std::clamp(p, 0.0, 100.0);
  const auto rank = std::max<uint64_t>(
      1, static_cast<uint64_t>(
             std::ceil(clamped / 100.0 * static_cast<double>(count_))));
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank)  // the last bucket is open-ended: its end is max_
      return std::chrono::nanoseconds(
          i + 1 == kBuckets ? max_ : std::min(BucketEnd(i), max_));
  }
  return std::chrono::nanoseconds(max_);
}

}  // namespace protolm::loadgen

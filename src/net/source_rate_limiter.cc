// Token buckets per source address (see source_rate_limiter.h).
#include "net/source_rate_limiter.h"

#include <algorithm>

namespace protolm::net {

SourceRateLimiter::SourceRateLimiter(double per_second, double burst,
                                     size_t max_sources)
    : per_second_(per_second),
      burst_(std::max(1.0, burst)),
      max_sources_(std::max<size_t>(1, max_sources)) {}

void SourceRateLimiter::Refill(Bucket& bucket, Clock::time_point now) const {
  std::chrono::duration<double> elapsed = now - bucket.updated;
  if (elapsed.count() > 0) {
    bucket.tokens =
        std::min(burst_, bucket.tokens + elapsed.count() * per_second_);
    bucket.updated = now;
  }
}

void SourceRateLimiter::MakeRoom(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
  while (buckets_.size() >= max_sources_) {
    auto oldest = std::min_element(
        buckets_.begin(), buckets_.end(), [](const auto& a, const auto& b) {
          return a.second.updated < b.second.updated;
        });
    buckets_.erase(oldest);
  }
}

SourceRateLimiter::Clock::duration SourceRateLimiter::TryTake(
    const std::string& source, Clock::time_point now) {
  if (!enabled()) return Clock::duration::zero();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = buckets_.find(source);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_sources_) MakeRoom(now);
    it = buckets_.emplace(source, Bucket{burst_, now}).first;
  }
  Bucket& bucket = it->second;
  Refill(bucket, now);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return Clock::duration::zero();
  }
  std::chrono::duration<double> wait((1.0 - bucket.tokens) / per_second_);
  return std::max<Clock::duration>(
      std::chrono::duration_cast<Clock::duration>(wait),
      std::chrono::microseconds(1));
}

size_t SourceRateLimiter::tracked_sources() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return buckets_.size();
}

}  // namespace protolm::net

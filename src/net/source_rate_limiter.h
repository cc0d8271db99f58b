// Per-source request rate limiting: one token bucket per client address.
//
// A served device under a flood behaves like a busy PLC: it answers more
// slowly rather than refusing. The server asks TryTake before handling each
// request of a source; when the bucket is empty it gets the time until the
// next token and pauses that connection (it stops reading, so TCP pushes back
// on the client). Memory is bounded: buckets are kept for at most
// `max_sources` addresses; when the table is full, buckets that have
// refilled completely (idle sources) are dropped first, then the oldest.
//
// Thread-safe (one mutex); called from every server thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace protolm::net {

class SourceRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// `per_second` <= 0 disables limiting (TryTake always grants). `burst`
  /// is the bucket size (at least 1).
  SourceRateLimiter(double per_second, double burst, size_t max_sources);

  /// Takes one token from `source`'s bucket: zero when granted, otherwise
  /// how long until a token is available (nothing is taken then).
  Clock::duration TryTake(const std::string& source, Clock::time_point now);

  bool enabled() const { return per_second_ > 0; }
  size_t tracked_sources() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void Refill(Bucket& bucket, Clock::time_point now) const;
  void MakeRoom(Clock::time_point now);

  const double per_second_;
  const double burst_;
  const size_t max_sources_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace protolm::net

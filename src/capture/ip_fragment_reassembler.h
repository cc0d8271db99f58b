// IpFragmentReassembler: IPv4 and IPv6 fragments back into datagrams.
//
// Fragments are grouped by (source, destination, identification, protocol).
// Overlapping fragments keep the bytes that arrived first; an overlap whose
// bytes differ is reported (it is a classic evasion trick). Memory is
// bounded: at most `max_datagrams` datagrams and `max_buffered_bytes` bytes
// wait at a time (the oldest datagram is dropped to make room), no datagram
// may exceed 65535 bytes, and a datagram not complete within `timeout_us` of
// its first fragment is dropped. Every fragment that ends up in no datagram
// is counted. Not thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capture/ip_address.h"
#include "util/bytes.h"

namespace protolm {

struct FragmentLimits {
  size_t max_datagrams = 1024;
  size_t max_buffered_bytes = 8u << 20;
  int64_t timeout_us = 30'000'000;
};

struct FragmentKey {
  IpAddress src;
  IpAddress dst;
  uint32_t id = 0;
  uint8_t protocol = 0;
  auto operator<=>(const FragmentKey&) const = default;
};

struct FragmentStats {
  uint64_t fragments = 0;              // fragments offered
  uint64_t reassembled_datagrams = 0;  // datagrams completed
  uint64_t dropped_datagrams = 0;      // timed out, evicted or inconsistent
  uint64_t dropped_fragments = 0;      // fragments in dropped datagrams or
                                       // rejected on arrival
  uint64_t overlapping_bytes = 0;      // bytes that arrived twice
};

/// What one fragment led to.
struct FragmentOutcome {
  /// The reassembled upper-layer payload when this fragment completed it.
  std::optional<Bytes> datagram;
  /// One line per problem met (empty when none): rejected fragment,
  /// conflicting overlap, dropped datagram. Each is a sentence without the
  /// file prefix; the caller adds where.
  std::vector<std::string> problems;
};

class IpFragmentReassembler {
 public:
  explicit IpFragmentReassembler(FragmentLimits limits = {})
      : limits_(limits) {}

  /// Adds one fragment: `offset` is its byte offset in the datagram's
  /// payload, `more` the more-fragments flag, `data` its payload bytes
  /// (copied). Also drops datagrams that timed out by `ts_us`.
  FragmentOutcome Add(const FragmentKey& key, int64_t ts_us, uint32_t offset,
                      bool more, ByteView data);

  /// Drops every datagram still waiting (end of capture); returns how many.
  size_t DropAll();

  size_t pending() const { return pending_.size(); }
  const FragmentStats& stats() const { return stats_; }

 private:
  struct Pending {
    int64_t first_ts_us = 0;
    Bytes data;  // grows to the furthest fragment end seen
    std::vector<std::pair<uint32_t, uint32_t>> covered;  // sorted, merged
    std::optional<uint32_t> total_length;  // known from the last fragment
    uint64_t fragments = 0;
  };
  using PendingMap = std::map<FragmentKey, Pending>;

  void Drop(PendingMap::iterator it);
  void ExpireOld(int64_t now_us, std::vector<std::string>& problems);
  void MakeRoom(size_t incoming, std::vector<std::string>& problems);
  /// Copies the parts of [offset, offset+data.size()) not yet covered;
  /// returns true when a covered part held different bytes.
  bool Insert(Pending& p, uint32_t offset, ByteView data);

  FragmentLimits limits_;
  PendingMap pending_;
  size_t buffered_bytes_ = 0;
  FragmentStats stats_;
};

}  // namespace protolm

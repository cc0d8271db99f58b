// ScanDetector: recognises the requests of known ICS scanners among a
// honeypot's traffic, by each protocol's scan signatures (a facet of its
// descriptor in the protocol table: proto/modbus/modbus_scan_signatures.h,
// proto/s7comm/s7_scan_signatures.h list them). The detector keeps what each
// protocol remembers per connection and per source: at most
// `max_connections` connections and `max_sources` sources (least recently
// seen forgotten first).
//
// Not thread-safe: one detector per honeypot, the caller serialises calls.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/event.h"
#include "proto/decoded_request.h"
#include "proto/scan_signatures.h"
#include "util/bytes.h"

namespace protolm::events {

struct ScanDetectorOptions {
  size_t sweep_unit_ids = 16;  // distinct units (targets) that make a sweep
  size_t max_sources = 100000;
  size_t max_connections = 100000;
};

class ScanDetector {
 public:
  /// `run_id` is copied into the ScanRecognised events.
  explicit ScanDetector(std::string run_id, ScanDetectorOptions options = {});

  /// Feeds one client-to-server PDU (a framed request, COTP units
  /// included) of `protocol` (a codec name of the protocol table) received
  /// on `connection` from `peer_address` at `time_us`, read through its
  /// dissection (made once, shared with the event record). Returns the
  /// signatures this request completes (usually none). Malformed requests,
  /// and protocols without signatures, complete nothing.
  std::vector<ScanRecognised> Feed(std::string_view peer_address,
                                   uint64_t connection,
                                   std::string_view protocol,
                                   const DecodedRequest& request,
                                   int64_t time_us);
  /// The same for a framed request not yet decoded.
  std::vector<ScanRecognised> Feed(std::string_view peer_address,
                                   uint64_t connection,
                                   std::string_view protocol, ByteView request,
                                   int64_t time_us);
  /// Forgets the connection's state (call when it closes).
  void ConnectionClosed(uint64_t connection);

 private:
  template <typename Key>
  struct Entry {
    const ScanSignatures* owner = nullptr;  // whose state it is
    std::unique_ptr<ScanState> state;
    typename std::list<Key>::iterator lru;
  };
  /// The state `owner` keeps under `key` in `map` (made anew when there is
  /// none, or when it is another protocol's), marked most recently used; the
  /// least recently used goes beyond `limit`.
  template <typename Key, typename Make>
  static ScanState& Remember(std::unordered_map<Key, Entry<Key>>& map,
                             std::list<Key>& lru, const Key& key, size_t limit,
                             const ScanSignatures* owner, Make make);

  std::string run_id_;
  ScanDetectorOptions options_;
  std::unordered_map<uint64_t, Entry<uint64_t>> connections_;
  std::list<uint64_t> connection_lru_;  // most recent first
  /// By protocol name and peer address.
  std::unordered_map<std::string, Entry<std::string>> sources_;
  std::list<std::string> source_lru_;  // most recent first
};

}  // namespace protolm::events

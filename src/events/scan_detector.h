// ScanDetector: recognises the requests of known ICS scanners among a
// honeypot's traffic.
//
// Signatures (the exact requests the tools send; see scan_detector_test.cc
// for the bytes, captured from nmap 7.93 against `protolm device serve`):
//   nmap-modbus-discover  nmap's modbus-discover script: Report Server ID
//                         (FC 17, no data) or Read Device Identification
//                         (FC 43/14, basic) with transaction id 0. The
//                         script opens one connection per request and
//                         sweeps unit ids 1..246 until one answers.
//   zgrab2-modbus         zgrab2's Modbus module: FC 43/14 with its
//                         transaction id 0x5A47 ("ZG").
//   nmap-s7-info          nmap's s7-info script (and PLCScan): on one
//                         connection setup communication, SZL 0x0011 and
//                         then SZL 0x001c reads, all with PDU reference 0
//                         (after its COTP connection request).
//   modbus-unit-id-sweep  one source addressing many distinct unit ids
//                         (default 16), over any number of connections.
// Tool signatures are reported once per signature per source per
// connection; the sweep once per source. State is bounded: at most
// `max_connections` connections and `max_sources` sources are remembered
// (least recently seen forgotten first).
//
// Not thread-safe: one detector per honeypot, the caller serialises calls.
#pragma once

#include <bitset>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/event.h"
#include "util/bytes.h"

namespace protolm::events {

struct ScanDetectorOptions {
  size_t sweep_unit_ids = 16;  // distinct unit ids that make a sweep
  size_t max_sources = 100000;
  size_t max_connections = 100000;
};

class ScanDetector {
 public:
  /// `run_id` is copied into the ScanRecognised events.
  explicit ScanDetector(std::string run_id, ScanDetectorOptions options = {});

  /// Feeds one client-to-server PDU (a framed request, COTP units
  /// included) of `protocol` ("modbus", "s7comm") received on `connection`
  /// from `peer_address` at `time_us`. Returns the signatures this request
  /// completes (usually none). Malformed requests complete nothing.
  std::vector<ScanRecognised> Feed(std::string_view peer_address,
                                   uint64_t connection,
                                   std::string_view protocol, ByteView request,
                                   int64_t time_us);

  /// Forgets the connection's state (call when it closes).
  void ConnectionClosed(uint64_t connection);

 private:
  enum Signature : uint32_t {
    kNmapModbusDiscover = 1,
    kZgrab2Modbus = 2,
    kNmapS7Info = 4,
  };
  struct ConnectionState {
    uint32_t reported = 0;  // Signature bits already reported
    int s7_stage = 0;       // steps of the s7-info sequence seen
    std::list<uint64_t>::iterator lru;
  };
  struct SourceState {
    std::bitset<256> unit_ids;
    bool sweep_reported = false;
    std::list<std::string>::iterator lru;
  };

  ConnectionState& Connection(uint64_t connection);
  SourceState& Source(std::string_view peer_address);
  void FeedModbus(ConnectionState& conn, SourceState& source, ByteView request,
                  std::vector<std::pair<std::string, std::string>>& found);
  void FeedS7(ConnectionState& conn, ByteView request,
              std::vector<std::pair<std::string, std::string>>& found);

  std::string run_id_;
  ScanDetectorOptions options_;
  std::unordered_map<uint64_t, ConnectionState> connections_;
  std::list<uint64_t> connection_lru_;  // most recent first
  std::unordered_map<std::string, SourceState> sources_;
  std::list<std::string> source_lru_;  // most recent first
};

}  // namespace protolm::events

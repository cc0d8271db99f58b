// ReadCapture: a capture file in, ordered and reassembled transport payloads
// out.
//
// Reads a pcap or pcapng file, strips the link layer, reassembles IPv4 and
// IPv6 fragments, reassembles each TCP direction into a byte stream (see
// tcp_reassembler.h for the policy on holes and retransmissions), delivers
// UDP datagrams as they are, and reports it all to a CaptureSink in capture
// order. Client and server: the sender of a SYN is the client (the receiver
// of a SYN+ACK is); without a handshake, the side whose port satisfies
// `is_server_port` is the server, else the lower port is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "capture/capture_sink.h"
#include "capture/ip_fragment_reassembler.h"
#include "capture/tcp_reassembler.h"
#include "util/status.h"

namespace protolm {

struct CaptureOptions {
  /// Ports that name the server side of a flow without a handshake (e.g.
  /// the protocol's well-known ports). May be empty: lower port is server.
  std::function<bool(uint16_t)> is_server_port;
  /// Live flows at a time; the least recently active is ended beyond it.
  size_t max_flows = 65536;
  TcpReassemblyLimits tcp;
  FragmentLimits fragments;
  /// Called now and then (every few thousand packets) with the file offset
  /// reached, for progress displays. May be empty.
  std::function<void(int64_t file_offset)> on_progress;
};

struct CaptureStats {
  uint64_t packets = 0;
  uint64_t bytes = 0;               // captured bytes of all packets
  uint64_t non_ip = 0;              // frames without IP (ARP, LLC, ...)
  uint64_t other_ip_protocols = 0;  // IP packets neither TCP nor UDP
  uint64_t malformed_packets = 0;   // cut short or inconsistent headers
  uint64_t ip_fragments = 0;
  uint64_t reassembled_datagrams = 0;
  uint64_t unreassembled_fragments = 0;  // fragments in no datagram
  uint64_t tcp_flows = 0;
  uint64_t udp_flows = 0;
  uint64_t evicted_flows = 0;  // ended early because of max_flows
  uint64_t tcp_segments = 0;
  uint64_t retransmitted_bytes = 0;
  uint64_t out_of_order_segments = 0;
  uint64_t lost_bytes = 0;  // bytes reported in gap events
  uint64_t udp_datagrams = 0;
  uint64_t warnings = 0;
  bool truncated_file = false;  // the file ends inside a packet record
  bool damaged_file = false;    // a record header is garbage
};

/// Reads the capture at `path`, calling `sink` for every event, and returns
/// the counters. Fatal problems are a non-ok Result with a one-line message
/// "PATH: ...": NotFound / IoError (cannot open), Malformed (not a capture),
/// Unsupported (link type). Everything else — a file cut short or damaged
/// after its header, malformed packets, unreassembled fragments, evicted
/// flows — is a warning to the sink plus a partial result (the counters and
/// everything delivered before the problem stay valid). Runs on the calling
/// thread; `sink` is called synchronously.
Result<CaptureStats> ReadCapture(const std::string& path,
                                 const CaptureOptions& options,
                                 CaptureSink& sink);

}  // namespace protolm

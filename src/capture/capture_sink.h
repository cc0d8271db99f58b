// CaptureSink: what the capture layer hands to the layers above it.
//
// ReadCapture (capture_reader.h) turns a capture file into flows and calls a
// CaptureSink for each event: a flow starts, a run of reassembled TCP bytes
// arrives, bytes are known to be missing (a gap), a UDP datagram arrives, a
// flow ends, or something in the file deserves a warning. FlowInfo describes a
// flow once, at its start; it never changes afterwards.
#pragma once

#include <cstdint>
#include <string>

#include "util/bytes.h"
#include "util/direction.h"

namespace protolm {

/// One transport conversation: a TCP connection or a UDP 4-tuple.
struct FlowInfo {
  /// 1, 2, 3... in the order of each flow's first packet.
  uint64_t id = 0;
  enum class Transport : uint8_t { kTcp, kUdp } transport = Transport::kTcp;
  /// Text form of the addresses: "10.0.0.1" / "fe80::1".
  std::string client_ip;
  std::string server_ip;
  uint16_t client_port = 0;
  uint16_t server_port = 0;
  /// A SYN (or SYN+ACK) was seen, so who is client and who is server is
  /// certain; otherwise the roles come from the port rule (see CaptureOptions).
  bool saw_handshake = false;
  /// Capture time of the flow's first packet, microseconds since the epoch.
  int64_t first_ts_us = 0;
  /// 1-based index of the flow's first packet in the capture (for a
  /// fragmented first datagram, of its last fragment).
  uint64_t first_packet = 0;
};

/// A problem in the capture that did not stop reading.
struct CaptureWarning {
  /// 1-based index of the packet it concerns (0: the file as a whole).
  uint64_t packet_index = 0;
  /// Byte offset of that packet's record in the file; -1 when unknown.
  int64_t file_offset = -1;
  /// One line: "FILE: offset N: what happened" (+ what to do).
  std::string text;
};

/// Receives a capture's events. Callbacks arrive in capture order, on the
/// thread that called ReadCapture; the views they pass are valid only during
/// the call. For one flow the order is OnFlowStart, then any number of data,
/// gap and datagram events, then OnFlowEnd (every started flow ends, at the
/// latest when the capture ends). Within one direction of a TCP flow the data
/// and gap events tile the byte stream in order, without overlap.
class CaptureSink {
 public:
  virtual ~CaptureSink() = default;
  virtual void OnFlowStart(const FlowInfo& /*flow*/) {}
  /// The next in-order bytes of one direction of a TCP flow.
  virtual void OnStreamData(const FlowInfo& /*flow*/, Direction /*dir*/,
                            int64_t /*ts_us*/, ByteView /*data*/) {}
  /// `missing_bytes` bytes of the stream were never captured; the next
  /// OnStreamData continues after them.
  virtual void OnStreamGap(const FlowInfo& /*flow*/, Direction /*dir*/,
                           int64_t /*ts_us*/, uint64_t /*missing_bytes*/) {}
  virtual void OnFlowEnd(const FlowInfo& /*flow*/) {}
  /// One UDP datagram's payload (after IP reassembly).
  virtual void OnDatagram(const FlowInfo& /*flow*/, Direction /*dir*/,
                          int64_t /*ts_us*/, ByteView /*payload*/) {}
  virtual void OnWarning(const CaptureWarning& /*w*/) {}
};

}  // namespace protolm

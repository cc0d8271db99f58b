// CaptureSession: the per-packet pipeline behind ReadCapture.
//
// Takes packet records one at a time (from any source that yields them) and
// carries each through link layer, IP (with fragment reassembly) and
// transport into the flow table, reporting to the CaptureSink. Finish() ends
// what is still open at the end of the capture. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "capture/capture_reader.h"
#include "capture/flow_table.h"
#include "capture/ip_address.h"
#include "capture/ip_fragment_reassembler.h"
#include "capture/pcap_file_reader.h"
#include "capture/transport_headers.h"

namespace protolm {

class CaptureSession {
 public:
  /// `name` prefixes every warning ("capture.pcap: offset N: ..."). The
  /// options and sink must outlive the session.
  CaptureSession(std::string name, int link_type, const CaptureOptions& options,
                 CaptureSink& sink);

  void OnPacket(const RawPacket& packet);
  /// A warning about the file as a whole or a given packet.
  void Warn(uint64_t packet_index, int64_t file_offset,
            const std::string& text);
  /// Ends every open flow and drops waiting fragments (with a warning).
  /// Call once, after the last packet.
  void Finish();

  /// Counters so far (flow-level ones complete after Finish()).
  CaptureStats& stats() { return stats_; }

 private:
  /// A packet-level problem: warns "NAME: offset N: packet I: TEXT".
  void PacketWarning(const RawPacket& packet, const std::string& text);
  void Malformed(const RawPacket& packet, const Status& status);
  void OnIpv4(const RawPacket& packet, ByteView bytes);
  void OnIpv6(const RawPacket& packet, ByteView bytes);
  void OnFragment(const RawPacket& packet, const FragmentKey& key,
                  uint32_t offset, bool more, ByteView data, bool ipv6);
  void OnTransport(const RawPacket& packet, const IpAddress& src,
                   const IpAddress& dst, uint8_t protocol, ByteView bytes);
  void OnTcp(const RawPacket& packet, const IpAddress& src,
             const IpAddress& dst, const TcpSegment& segment);
  void OnUdp(const RawPacket& packet, const IpAddress& src,
             const IpAddress& dst, const UdpDatagram& datagram);
  /// Creates the flow for a first packet from (src, src_port) to
  /// (dst, dst_port) and announces it; ends a flow it replaces or evicts.
  Flow& StartFlow(const RawPacket& packet, const FlowKey& key,
                  FlowInfo::Transport transport, const IpAddress& src,
                  uint16_t src_port, const IpAddress& dst, uint16_t dst_port,
                  bool client_is_src, bool saw_handshake);
  /// Whether `src_port` is the server side by the port rule.
  bool SourceIsServerByPort(uint16_t src_port, uint16_t dst_port) const;
  /// Delivers what a flow still holds and announces its end.
  void EndFlow(Flow& flow, int64_t ts_us);

  std::string name_;
  int link_type_;
  const CaptureOptions& options_;
  CaptureSink& sink_;
  CaptureStats stats_;
  TcpReassemblyStats tcp_stats_;
  IpFragmentReassembler fragments_;
  FlowTable flows_;
  uint64_t next_flow_id_ = 1;
  int64_t last_ts_us_ = 0;
};

}  // namespace protolm

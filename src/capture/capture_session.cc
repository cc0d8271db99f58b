// CaptureSession (see capture_session.h).
#include "capture/capture_session.h"

#include <utility>

#include "capture/ipv4.h"
#include "capture/ipv6.h"
#include "capture/link_layer.h"

namespace protolm {
namespace {

constexpr uint8_t kProtocolTcp = 6;
constexpr uint8_t kProtocolUdp = 17;

}  // namespace

CaptureSession::CaptureSession(std::string name, int link_type,
                               const CaptureOptions& options, CaptureSink& sink)
    : name_(std::move(name)),
      link_type_(link_type),
      options_(options),
      sink_(sink),
      fragments_(options.fragments),
      flows_(options.max_flows) {}

void CaptureSession::Warn(uint64_t packet_index, int64_t file_offset,
                          const std::string& text) {
  stats_.warnings++;
  sink_.OnWarning(CaptureWarning{packet_index, file_offset, text});
}

void CaptureSession::PacketWarning(const RawPacket& packet,
                                   const std::string& text) {
  Warn(packet.index, packet.file_offset,
       name_ + ": offset " + std::to_string(packet.file_offset) + ": packet " +
           std::to_string(packet.index) + ": " + text);
}

void CaptureSession::Malformed(const RawPacket& packet, const Status& status) {
  stats_.malformed_packets++;
  PacketWarning(packet, status.message() + "; packet skipped");
}

void CaptureSession::OnPacket(const RawPacket& packet) {
  stats_.packets++;
  stats_.bytes += packet.data.size();
  last_ts_us_ = packet.ts_us;
  Result<LinkPayload> link = DecodeLinkLayer(link_type_, packet.data);
  if (!link.ok()) return Malformed(packet, link.status());
  switch (link->protocol) {
    case NetworkProtocol::kIpv4:
      return OnIpv4(packet, link->bytes);
    case NetworkProtocol::kIpv6:
      return OnIpv6(packet, link->bytes);
    case NetworkProtocol::kOther:
      stats_.non_ip++;
      return;
  }
}

void CaptureSession::OnIpv4(const RawPacket& packet, ByteView bytes) {
  Result<Ipv4Packet> ip = ParseIpv4(bytes);
  if (!ip.ok()) return Malformed(packet, ip.status());
  bool snapped = packet.data.size() < packet.original_length;
  if (ip->clipped && !snapped) {
    PacketWarning(packet, "IPv4 total length " +
                              std::to_string(ip->total_length) +
                              " exceeds the " + std::to_string(bytes.size()) +
                              " bytes of the packet; using the bytes present");
  }
  if (ip->is_fragment()) {
    FragmentKey key{ip->src, ip->dst, ip->id, ip->protocol};
    return OnFragment(packet, key, ip->fragment_offset, ip->more_fragments,
                      ip->payload, /*ipv6=*/false);
  }
  OnTransport(packet, ip->src, ip->dst, ip->protocol, ip->payload);
}

void CaptureSession::OnIpv6(const RawPacket& packet, ByteView bytes) {
  Result<Ipv6Packet> ip = ParseIpv6(bytes);
  if (!ip.ok()) return Malformed(packet, ip.status());
  const Ipv6UpperLayer& upper = ip->upper;
  if (upper.fragment) {
    FragmentKey key{ip->src, ip->dst, upper.fragment->id, upper.next_header};
    return OnFragment(packet, key, upper.fragment->offset,
                      upper.fragment->more_fragments, upper.payload,
                      /*ipv6=*/true);
  }
  OnTransport(packet, ip->src, ip->dst, upper.next_header, upper.payload);
}

void CaptureSession::OnFragment(const RawPacket& packet, const FragmentKey& key,
                                uint32_t offset, bool more, ByteView data,
                                bool ipv6) {
  stats_.ip_fragments++;
  FragmentOutcome outcome =
      fragments_.Add(key, packet.ts_us, offset, more, data);
  for (const std::string& problem : outcome.problems) {
    PacketWarning(packet, problem);
  }
  stats_.reassembled_datagrams = fragments_.stats().reassembled_datagrams;
  stats_.unreassembled_fragments = fragments_.stats().dropped_fragments;
  if (!outcome.datagram) return;
  ByteView datagram(*outcome.datagram);
  if (!ipv6) {
    return OnTransport(packet, key.src, key.dst, key.protocol, datagram);
  }
  // The unfragmentable part may continue with more extension headers.
  Result<Ipv6UpperLayer> upper = WalkIpv6Extensions(key.protocol, datagram);
  if (!upper.ok()) return Malformed(packet, upper.status());
  if (upper->fragment) {
    stats_.malformed_packets++;
    return PacketWarning(packet,
                         "reassembled IPv6 datagram holds another "
                         "fragment header; datagram skipped");
  }
  OnTransport(packet, key.src, key.dst, upper->next_header, upper->payload);
}

void CaptureSession::OnTransport(const RawPacket& packet, const IpAddress& src,
                                 const IpAddress& dst, uint8_t protocol,
                                 ByteView bytes) {
  if (protocol == kProtocolTcp) {
    Result<TcpSegment> segment = ParseTcp(bytes);
    if (!segment.ok()) return Malformed(packet, segment.status());
    return OnTcp(packet, src, dst, *segment);
  }
  if (protocol == kProtocolUdp) {
    Result<UdpDatagram> datagram = ParseUdp(bytes);
    if (!datagram.ok()) return Malformed(packet, datagram.status());
    return OnUdp(packet, src, dst, *datagram);
  }
  stats_.other_ip_protocols++;
}

bool CaptureSession::SourceIsServerByPort(uint16_t src_port,
                                          uint16_t dst_port) const {
  if (options_.is_server_port) {
    bool src_server = options_.is_server_port(src_port);
    bool dst_server = options_.is_server_port(dst_port);
    if (src_server != dst_server) return src_server;
  }
  return src_port < dst_port;
}

void CaptureSession::EndFlow(Flow& flow, int64_t ts_us) {
  if (flow.closed) return;
  if (flow.tcp) flow.tcp->Flush(ts_us);
  flow.tcp.reset();
  flow.closed = true;
  sink_.OnFlowEnd(flow.info);
}

Flow& CaptureSession::StartFlow(const RawPacket& packet, const FlowKey& key,
                                FlowInfo::Transport transport,
                                const IpAddress& src, uint16_t src_port,
                                const IpAddress& dst, uint16_t dst_port,
                                bool client_is_src, bool saw_handshake) {
  Flow flow;
  flow.info.id = next_flow_id_++;
  flow.info.transport = transport;
  flow.client_ip = client_is_src ? src : dst;
  flow.info.client_ip = flow.client_ip.ToString();
  flow.info.server_ip = (client_is_src ? dst : src).ToString();
  flow.info.client_port = client_is_src ? src_port : dst_port;
  flow.info.server_port = client_is_src ? dst_port : src_port;
  flow.info.saw_handshake = saw_handshake;
  flow.info.first_ts_us = packet.ts_us;
  flow.info.first_packet = packet.index;
  if (transport == FlowInfo::Transport::kTcp) {
    stats_.tcp_flows++;
    flow.tcp = std::make_unique<TcpConnection>(flow.info, options_.tcp,
                                               tcp_stats_, sink_);
  } else {
    stats_.udp_flows++;
  }
  std::optional<Flow> replaced;
  std::optional<Flow> evicted;
  Flow& stored = flows_.Insert(key, std::move(flow), &replaced, &evicted);
  if (replaced) EndFlow(*replaced, packet.ts_us);
  if (evicted && !evicted->closed) {
    stats_.evicted_flows++;
    PacketWarning(packet, "more than " + std::to_string(options_.max_flows) +
                              " flows open; flow " +
                              std::to_string(evicted->info.id) + " (" +
                              evicted->info.client_ip + " port " +
                              std::to_string(evicted->info.client_port) +
                              ") is ended early; raise max_flows to keep it");
    EndFlow(*evicted, packet.ts_us);
  }
  sink_.OnFlowStart(stored.info);
  return stored;
}

void CaptureSession::OnTcp(const RawPacket& packet, const IpAddress& src,
                           const IpAddress& dst, const TcpSegment& segment) {
  stats_.tcp_segments++;
  FlowKey key = FlowKey::Of(FlowInfo::Transport::kTcp, src, segment.src_port,
                            dst, segment.dst_port);
  // A SYN combined with FIN or RST is no handshake (scans, fuzzed captures).
  bool handshake = segment.has(TcpSegment::kSyn) &&
                   !segment.has(TcpSegment::kFin) &&
                   !segment.has(TcpSegment::kRst);
  bool opening = handshake && !segment.has(TcpSegment::kAck);
  Flow* flow = flows_.Find(key);
  if (flow != nullptr && !flow->closed && opening &&
      !(flow->DirectionFrom(src, segment.src_port) ==
            Direction::kClientToServer &&
        flow->tcp->IsOwnSyn(segment.seq))) {
    EndFlow(*flow, packet.ts_us);  // a new connection reuses the 4-tuple
  }
  if (flow != nullptr && flow->closed) {
    // Stragglers of an ended connection (ACKs, repeated RSTs) are dropped;
    // a SYN or new data starts a new flow.
    if (!handshake && segment.payload.empty()) return;
    flow = nullptr;
  }
  if (flow == nullptr) {
    bool client_is_src =
        handshake ? opening
                  : !SourceIsServerByPort(segment.src_port, segment.dst_port);
    flow = &StartFlow(packet, key, FlowInfo::Transport::kTcp, src,
                      segment.src_port, dst, segment.dst_port, client_is_src,
                      handshake);
  }
  flow->tcp->OnSegment(flow->DirectionFrom(src, segment.src_port), packet.ts_us,
                       segment);
  stats_.retransmitted_bytes = tcp_stats_.retransmitted_bytes;
  stats_.out_of_order_segments = tcp_stats_.out_of_order_segments;
  stats_.lost_bytes = tcp_stats_.lost_bytes;
  if (flow->tcp->closed()) EndFlow(*flow, packet.ts_us);
}

void CaptureSession::OnUdp(const RawPacket& packet, const IpAddress& src,
                           const IpAddress& dst, const UdpDatagram& datagram) {
  stats_.udp_datagrams++;
  FlowKey key = FlowKey::Of(FlowInfo::Transport::kUdp, src, datagram.src_port,
                            dst, datagram.dst_port);
  Flow* flow = flows_.Find(key);
  if (flow == nullptr) {
    bool client_is_src =
        !SourceIsServerByPort(datagram.src_port, datagram.dst_port);
    flow = &StartFlow(packet, key, FlowInfo::Transport::kUdp, src,
                      datagram.src_port, dst, datagram.dst_port, client_is_src,
                      /*saw_handshake=*/false);
  }
  sink_.OnDatagram(flow->info, flow->DirectionFrom(src, datagram.src_port),
                   packet.ts_us, datagram.payload);
}

void CaptureSession::Finish() {
  flows_.RemoveAll([&](Flow& flow) { EndFlow(flow, last_ts_us_); });
  size_t waiting = fragments_.pending();
  if (waiting > 0) {
    fragments_.DropAll();
    Warn(0, -1,
         name_ + ": " + std::to_string(waiting) +
             " IP datagram(s) still missing fragments at the end of "
             "the capture; their fragments are dropped");
  }
  stats_.reassembled_datagrams = fragments_.stats().reassembled_datagrams;
  stats_.unreassembled_fragments = fragments_.stats().dropped_fragments;
  stats_.retransmitted_bytes = tcp_stats_.retransmitted_bytes;
  stats_.out_of_order_segments = tcp_stats_.out_of_order_segments;
  stats_.lost_bytes = tcp_stats_.lost_bytes;
}

}  // namespace protolm

// TcpConversationWriter (see tcp_conversation_writer.h). Frame layouts:
// Ethernet II, IPv4 (RFC 791, no options, DF set), TCP (RFC 9293; the SYNs
// carry an MSS option). Checksums are RFC 1071 one's-complement sums.
#include "capture/tcp_conversation_writer.h"

#include <algorithm>
#include <utility>

#include "capture/transport_headers.h"

namespace protolm {
namespace {

constexpr uint16_t kEtherTypeIpv4 = 0x0800;
constexpr uint8_t kProtocolTcp = 6;
constexpr uint16_t kWindow = 65535;

uint16_t Checksum(ByteView bytes, uint32_t sum = 0) {
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    sum += static_cast<uint32_t>(bytes[i]) << 8 | bytes[i + 1];
  }
  if (bytes.size() % 2 == 1) sum += static_cast<uint32_t>(bytes.back()) << 8;
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

/// Sum of the IPv4 pseudo header, to seed the TCP checksum.
uint32_t PseudoHeaderSum(const IpAddress& src, const IpAddress& dst,
                         size_t tcp_length) {
  ByteWriter w;
  w.Append(src.view());
  w.Append(dst.view());
  w.U8(0);
  w.U8(kProtocolTcp);
  w.U16Be(static_cast<uint16_t>(tcp_length));
  uint16_t folded = static_cast<uint16_t>(~Checksum(w.bytes()));
  return folded;
}

}  // namespace

Status TcpConversationWriter::MakeSides(const std::string& origin,
                                        const TcpEndpoint& client,
                                        const TcpEndpoint& server,
                                        const TcpConversationOptions& options,
                                        Side sides[2]) {
  const TcpEndpoint* endpoints[2] = {&client, &server};
  for (int i = 0; i < 2; ++i) {
    ASSIGN_OR_RETURN(sides[i].ip, IpAddress::Parse(endpoints[i]->ip));
    if (sides[i].ip.family != IpAddress::Family::kV4) {
      return InvalidArgument(origin + ": " + endpoints[i]->ip +
                             " is not an IPv4 address; the conversation "
                             "writer records IPv4 only");
    }
    if (endpoints[i]->port == 0) {
      return InvalidArgument(origin +
                             ": port 0 cannot be recorded; give the "
                             "real port");
    }
    sides[i].port = endpoints[i]->port;
    // Locally administered unicast addresses 02:00:00:00:00:01 and :02.
    sides[i].mac = {0x02, 0, 0, 0, 0, static_cast<uint8_t>(i + 1)};
  }
  if (options.mss == 0) return InvalidArgument(origin + ": MSS must be > 0");
  sides[0].next_seq = options.client_isn;
  sides[1].next_seq = options.server_isn;
  return Status::Ok();
}

Result<TcpConversationWriter> TcpConversationWriter::Create(
    const std::string& path, const TcpEndpoint& client,
    const TcpEndpoint& server, const TcpConversationOptions& options) {
  Side sides[2];
  RETURN_IF_ERROR(MakeSides(path, client, server, options, sides));
  ASSIGN_OR_RETURN(PcapWriter writer, PcapWriter::Create(path));
  auto owned = std::make_unique<PcapWriter>(std::move(writer));
  PcapWriter& out = *owned;
  return TcpConversationWriter(std::move(owned), out, sides[0], sides[1],
                               options.mss);
}

Result<TcpConversationWriter> TcpConversationWriter::Into(
    PcapWriter& shared, const TcpEndpoint& client, const TcpEndpoint& server,
    const TcpConversationOptions& options) {
  Side sides[2];
  RETURN_IF_ERROR(MakeSides(shared.path(), client, server, options, sides));
  return TcpConversationWriter(nullptr, shared, sides[0], sides[1],
                               options.mss);
}

TcpConversationWriter::TcpConversationWriter(std::unique_ptr<PcapWriter> owned,
                                             PcapWriter& out, Side client,
                                             Side server, uint16_t mss)
    : owned_(std::move(owned)),
      writer_(&out),
      client_(client),
      server_(server),
      mss_(mss) {}

Status TcpConversationWriter::WriteSegment(int64_t ts_us, Side& from, Side& to,
                                           uint8_t flags, ByteView payload,
                                           bool mss_option) {
  size_t tcp_header = mss_option ? 24 : 20;
  size_t tcp_length = tcp_header + payload.size();
  ByteWriter tcp;
  tcp.U16Be(from.port);
  tcp.U16Be(to.port);
  tcp.U32Be(from.next_seq);
  tcp.U32Be((flags & TcpSegment::kAck) ? to.next_seq : 0);
  tcp.U8(static_cast<uint8_t>(tcp_header / 4) << 4);
  tcp.U8(flags);
  tcp.U16Be(kWindow);
  tcp.U16Be(0);  // checksum, filled below
  tcp.U16Be(0);  // urgent pointer
  if (mss_option) {
    tcp.U8(2);  // kind: maximum segment size
    tcp.U8(4);
    tcp.U16Be(mss_);
  }
  tcp.Append(payload);
  tcp.PatchU16Be(
      16, Checksum(tcp.bytes(), PseudoHeaderSum(from.ip, to.ip, tcp_length)));

  ByteWriter frame;
  frame.Append(to.mac);
  frame.Append(from.mac);
  frame.U16Be(kEtherTypeIpv4);
  size_t ip_start = frame.size();
  frame.U8(0x45);  // version 4, header 5 words
  frame.U8(0);
  frame.U16Be(static_cast<uint16_t>(20 + tcp_length));
  frame.U16Be(from.ip_id++);
  frame.U16Be(0x4000);  // don't fragment
  frame.U8(64);         // TTL
  frame.U8(kProtocolTcp);
  frame.U16Be(0);  // header checksum, filled below
  frame.Append(from.ip.view());
  frame.Append(to.ip.view());
  uint16_t ip_checksum =
      Checksum(ByteView(frame.bytes()).subspan(ip_start, 20));
  frame.PatchU16Be(ip_start + 10, ip_checksum);
  frame.Append(tcp.bytes());

  from.next_seq += static_cast<uint32_t>(payload.size());
  if (flags & (TcpSegment::kSyn | TcpSegment::kFin)) from.next_seq += 1;
  return writer_->Write(ts_us, frame.bytes());
}

Status TcpConversationWriter::Open(int64_t ts_us) {
  if (closed_) return InvalidArgument(writer_->path() + ": Open after Close");
  if (opened_) return Status::Ok();
  opened_ = true;
  RETURN_IF_ERROR(WriteSegment(ts_us, client_, server_, TcpSegment::kSyn, {},
                               /*mss_option=*/true));
  RETURN_IF_ERROR(WriteSegment(ts_us, server_, client_,
                               TcpSegment::kSyn | TcpSegment::kAck, {},
                               /*mss_option=*/true));
  return WriteSegment(ts_us, client_, server_, TcpSegment::kAck, {}, false);
}

Status TcpConversationWriter::Send(Direction dir, int64_t ts_us,
                                   ByteView data) {
  if (closed_) return InvalidArgument(writer_->path() + ": Send after Close");
  if (data.empty()) return Status::Ok();
  RETURN_IF_ERROR(Open(ts_us));
  bool from_client = dir == Direction::kClientToServer;
  Side& from = from_client ? client_ : server_;
  Side& to = from_client ? server_ : client_;
  while (!data.empty()) {
    size_t n = std::min<size_t>(data.size(), mss_);
    uint8_t flags = TcpSegment::kAck;
    if (n == data.size()) flags |= TcpSegment::kPsh;
    RETURN_IF_ERROR(WriteSegment(ts_us, from, to, flags, data.first(n), false));
    data = data.subspan(n);
  }
  return WriteSegment(ts_us, to, from, TcpSegment::kAck, {}, false);
}

Status TcpConversationWriter::Close(int64_t ts_us) {
  if (closed_) return Status::Ok();
  if (opened_) {
    uint8_t fin_ack = TcpSegment::kFin | TcpSegment::kAck;
    RETURN_IF_ERROR(WriteSegment(ts_us, client_, server_, fin_ack, {}, false));
    RETURN_IF_ERROR(WriteSegment(ts_us, server_, client_, fin_ack, {}, false));
    RETURN_IF_ERROR(
        WriteSegment(ts_us, client_, server_, TcpSegment::kAck, {}, false));
  }
  closed_ = true;
  return owned_ ? owned_->Close() : Status::Ok();
}

}  // namespace protolm

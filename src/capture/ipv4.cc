// ParseIpv4 (see ipv4.h), following RFC 791's header layout.
#include "capture/ipv4.h"

#include <string>

namespace protolm {

Result<Ipv4Packet> ParseIpv4(ByteView packet) {
  ByteReader r(packet);
  constexpr size_t kMinHeader = 20;
  if (packet.size() < kMinHeader) {
    return Truncated("IPv4 header needs 20 bytes, only " +
                     std::to_string(packet.size()) + " captured");
  }
  uint8_t version_ihl = *r.U8();
  uint8_t version = version_ihl >> 4;
  size_t header_length = static_cast<size_t>(version_ihl & 0x0F) * 4;
  if (version != 4) {
    return Malformed("IP version " + std::to_string(version) +
                     " at offset 0 in an IPv4 packet (expected 4)");
  }
  if (header_length < kMinHeader) {
    return Malformed("IPv4 header length " + std::to_string(header_length) +
                     " bytes at offset 0 is below the minimum 20");
  }
  if (header_length > packet.size()) {
    return Truncated("IPv4 header with options needs " +
                     std::to_string(header_length) + " bytes, only " +
                     std::to_string(packet.size()) + " captured");
  }
  Ipv4Packet ip;
  r.Skip(1);  // DSCP/ECN
  ip.total_length = *r.U16Be();
  ip.id = *r.U16Be();
  uint16_t flags_offset = *r.U16Be();
  ip.more_fragments = (flags_offset & 0x2000) != 0;
  ip.fragment_offset = static_cast<uint32_t>(flags_offset & 0x1FFF) * 8;
  r.Skip(1);  // TTL
  ip.protocol = *r.U8();
  r.Skip(2);  // header checksum (often left to offload; not checked)
  ip.src = IpAddress::FromBytes(*r.Take(4));
  ip.dst = IpAddress::FromBytes(*r.Take(4));
  // A total length of 0 is what TCP segmentation offload leaves in captures
  // taken on the sending host: the captured bytes are the packet.
  size_t end = ip.total_length == 0 ? packet.size() : ip.total_length;
  if (ip.total_length != 0 && ip.total_length < header_length) {
    return Malformed("IPv4 total length " + std::to_string(ip.total_length) +
                     " at offset 2 is shorter than its header (" +
                     std::to_string(header_length) + " bytes)");
  }
  if (end > packet.size()) {
    ip.clipped = true;
    end = packet.size();
  }
  ip.payload = packet.subspan(header_length, end - header_length);
  return ip;
}

}  // namespace protolm

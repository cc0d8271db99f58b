// ParseIpv6 and the extension header walk (see ipv6.h); RFC 8200 layouts.
#include "capture/ipv6.h"

#include <string>

namespace protolm {
namespace {

constexpr uint8_t kHopByHop = 0;
constexpr uint8_t kRouting = 43;
constexpr uint8_t kFragment = 44;
constexpr uint8_t kAuthentication = 51;
constexpr uint8_t kDestinationOptions = 60;
constexpr uint8_t kMobility = 135;
constexpr uint8_t kHip = 139;
constexpr uint8_t kShim6 = 140;

bool IsLengthPrefixedExtension(uint8_t type) {
  return type == kHopByHop || type == kRouting || type == kDestinationOptions ||
         type == kMobility || type == kHip || type == kShim6;
}

}  // namespace

Result<Ipv6UpperLayer> WalkIpv6Extensions(uint8_t next_header, ByteView bytes) {
  ByteReader r(bytes);
  // Every extension header is at least 8 bytes, so the walk ends within
  // bytes.size() / 8 steps.
  while (IsLengthPrefixedExtension(next_header) ||
         next_header == kAuthentication || next_header == kFragment) {
    size_t at = r.offset();
    std::optional<uint8_t> following = r.U8();
    std::optional<uint8_t> length_field = r.U8();
    if (!following || !length_field) {
      return Truncated("IPv6 extension header " + std::to_string(next_header) +
                       " at payload offset " + std::to_string(at) +
                       " is cut short");
    }
    if (next_header == kFragment) {
      std::optional<uint16_t> offset_flags = r.U16Be();
      std::optional<uint32_t> id = r.U32Be();
      if (!offset_flags || !id) {
        return Truncated("IPv6 fragment header at payload offset " +
                         std::to_string(at) + " is cut short");
      }
      Ipv6UpperLayer upper;
      upper.next_header = *following;
      upper.fragment =
          Ipv6Fragment{*id, static_cast<uint32_t>(*offset_flags & 0xFFF8),
                       (*offset_flags & 1) != 0};
      upper.payload = r.TakeRest();
      return upper;
    }
    size_t length = next_header == kAuthentication
                        ? (static_cast<size_t>(*length_field) + 2) * 4
                        : (static_cast<size_t>(*length_field) + 1) * 8;
    if (!r.Skip(length - 2)) {
      return Truncated("IPv6 extension header " + std::to_string(next_header) +
                       " at payload offset " + std::to_string(at) + " claims " +
                       std::to_string(length) + " bytes, only " +
                       std::to_string(bytes.size() - at) + " remain");
    }
    next_header = *following;
  }
  Ipv6UpperLayer upper;
  upper.next_header = next_header;
  upper.payload = r.TakeRest();
  return upper;
}

Result<Ipv6Packet> ParseIpv6(ByteView packet) {
  constexpr size_t kFixedHeader = 40;
  if (packet.size() < kFixedHeader) {
    return Truncated("IPv6 header needs 40 bytes, only " +
                     std::to_string(packet.size()) + " captured");
  }
  ByteReader r(packet);
  uint8_t version = *r.Peek() >> 4;
  if (version != 6) {
    return Malformed("IP version " + std::to_string(version) +
                     " at offset 0 in an IPv6 packet (expected 6)");
  }
  r.Skip(4);  // version, traffic class, flow label
  uint16_t payload_length = *r.U16Be();
  uint8_t next_header = *r.U8();
  r.Skip(1);  // hop limit
  Ipv6Packet ip;
  ip.src = IpAddress::FromBytes(*r.Take(16));
  ip.dst = IpAddress::FromBytes(*r.Take(16));
  ByteView rest = r.TakeRest();
  // Payload length 0 is a jumbogram or an offloaded capture: use the bytes.
  if (payload_length != 0) {
    if (payload_length > rest.size()) {
      ip.clipped = true;
    } else {
      rest = rest.first(payload_length);
    }
  }
  ASSIGN_OR_RETURN(ip.upper, WalkIpv6Extensions(next_header, rest));
  return ip;
}

}  // namespace protolm

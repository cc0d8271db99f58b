// Link-layer decoding (see link_layer.h). Each format is read through
// ByteReader; header layouts follow the tcpdump.org LINKTYPE_ pages.
#include "capture/link_layer.h"

#include <pcap/pcap.h>

namespace protolm {
namespace {

constexpr int kDltNull = 0;
constexpr int kDltEthernet = 1;
constexpr int kDltRaw = 12;
constexpr int kDltRawOpenBsd = 14;
constexpr int kLinktypeRaw = 101;
constexpr int kDltLoop = 108;
constexpr int kDltLinuxSll = 113;
constexpr int kDltIpv4 = 228;
constexpr int kDltIpv6 = 229;
constexpr int kDltLinuxSll2 = 276;

constexpr uint16_t kEtherTypeIpv4 = 0x0800;
constexpr uint16_t kEtherTypeIpv6 = 0x86DD;
constexpr uint16_t kEtherTypeVlan = 0x8100;
constexpr uint16_t kEtherTypeQinQ = 0x88A8;
constexpr uint16_t kEtherTypeQinQOld = 0x9100;
/// Values up to this are an 802.3 length, not an EtherType.
constexpr uint16_t kMaxEthernetLength = 1500;

NetworkProtocol FromEtherType(uint16_t type) {
  if (type == kEtherTypeIpv4) return NetworkProtocol::kIpv4;
  if (type == kEtherTypeIpv6) return NetworkProtocol::kIpv6;
  return NetworkProtocol::kOther;
}

Status ShortHeader(const char* what, size_t needed, size_t have) {
  return Truncated(std::string(what) + " header needs " +
                   std::to_string(needed) + " bytes, only " +
                   std::to_string(have) + " captured");
}

Result<LinkPayload> DecodeEthernet(ByteView frame) {
  ByteReader r(frame);
  if (!r.Skip(12)) return ShortHeader("Ethernet", 14, frame.size());
  std::optional<uint16_t> type = r.U16Be();
  if (!type) return ShortHeader("Ethernet", 14, frame.size());
  // Each VLAN tag is 4 bytes (TCI + inner type); the frame length bounds the
  // loop, so a hostile frame of tags cannot spin.
  while (*type == kEtherTypeVlan || *type == kEtherTypeQinQ ||
         *type == kEtherTypeQinQOld) {
    if (!r.Skip(2) || !(type = r.U16Be())) {
      return Truncated("VLAN tag at frame offset " +
                       std::to_string(r.offset()) + " is cut short");
    }
  }
  if (*type <= kMaxEthernetLength) return LinkPayload{};  // 802.3 + LLC
  return LinkPayload{FromEtherType(*type), r.TakeRest()};
}

Result<LinkPayload> DecodeLinuxSll(ByteView frame) {
  ByteReader r(frame);
  // packet type, ARPHRD type, address length, 8 address bytes, protocol.
  if (!r.Skip(14)) return ShortHeader("Linux cooked (SLL)", 16, frame.size());
  std::optional<uint16_t> protocol = r.U16Be();
  if (!protocol) return ShortHeader("Linux cooked (SLL)", 16, frame.size());
  return LinkPayload{FromEtherType(*protocol), r.TakeRest()};
}

Result<LinkPayload> DecodeLinuxSll2(ByteView frame) {
  ByteReader r(frame);
  std::optional<uint16_t> protocol = r.U16Be();
  // reserved, interface index, ARPHRD type, packet type, address length,
  // 8 address bytes.
  if (!protocol || !r.Skip(18)) {
    return ShortHeader("Linux cooked v2 (SLL2)", 20, frame.size());
  }
  return LinkPayload{FromEtherType(*protocol), r.TakeRest()};
}

Result<LinkPayload> DecodeRawIp(ByteView frame) {
  ByteReader r(frame);
  std::optional<uint8_t> first = r.Peek();
  if (!first) return ShortHeader("raw IP", 1, 0);
  uint8_t version = *first >> 4;
  if (version == 4) return LinkPayload{NetworkProtocol::kIpv4, frame};
  if (version == 6) return LinkPayload{NetworkProtocol::kIpv6, frame};
  return Malformed("raw IP frame has IP version " + std::to_string(version) +
                   " at frame offset 0 (expected 4 or 6)");
}

bool IsIpv4Family(uint32_t af) { return af == 2; }
bool IsIpv6Family(uint32_t af) { return af == 24 || af == 28 || af == 30; }

/// BSD loopback: a 4-byte address family. DLT_NULL stores it in the byte
/// order of the capturing host, so both orders are tried; DLT_LOOP uses
/// network byte order.
Result<LinkPayload> DecodeLoopback(ByteView frame, bool either_order) {
  ByteReader r(frame);
  std::optional<uint32_t> big = ByteReader(frame).U32Be();
  std::optional<uint32_t> little = r.U32Le();
  if (!big || !little) return ShortHeader("BSD loopback", 4, frame.size());
  ByteView rest = r.TakeRest();
  auto classify = [&](uint32_t af) -> std::optional<NetworkProtocol> {
    if (IsIpv4Family(af)) return NetworkProtocol::kIpv4;
    if (IsIpv6Family(af)) return NetworkProtocol::kIpv6;
    return std::nullopt;
  };
  if (auto p = classify(*big)) return LinkPayload{*p, rest};
  if (either_order) {
    if (auto p = classify(*little)) return LinkPayload{*p, rest};
  }
  return LinkPayload{};
}

}  // namespace

bool IsSupportedLinkType(int link_type) {
  switch (link_type) {
    case kDltNull:
    case kDltEthernet:
    case kDltRaw:
    case kDltRawOpenBsd:
    case kLinktypeRaw:
    case kDltLoop:
    case kDltLinuxSll:
    case kDltIpv4:
    case kDltIpv6:
    case kDltLinuxSll2:
      return true;
    default:
      return false;
  }
}

std::string LinkTypeName(int link_type) {
  const char* name = pcap_datalink_val_to_name(link_type);
  const char* description = pcap_datalink_val_to_description(link_type);
  std::string text = std::to_string(link_type);
  if (name != nullptr) text += std::string(" ") + name;
  if (description != nullptr) text += std::string(" (") + description + ")";
  return text;
}

std::string SupportedLinkTypes() {
  return "Ethernet (1), Linux cooked v1 (113) and v2 (276), raw IP (12, 14, "
         "101, 228, 229), BSD loopback (0, 108)";
}

Result<LinkPayload> DecodeLinkLayer(int link_type, ByteView frame) {
  switch (link_type) {
    case kDltEthernet:
      return DecodeEthernet(frame);
    case kDltLinuxSll:
      return DecodeLinuxSll(frame);
    case kDltLinuxSll2:
      return DecodeLinuxSll2(frame);
    case kDltRaw:
    case kDltRawOpenBsd:
    case kLinktypeRaw:
      return DecodeRawIp(frame);
    case kDltIpv4:
      return LinkPayload{NetworkProtocol::kIpv4, frame};
    case kDltIpv6:
      return LinkPayload{NetworkProtocol::kIpv6, frame};
    case kDltNull:
      return DecodeLoopback(frame, /*either_order=*/true);
    case kDltLoop:
      return DecodeLoopback(frame, /*either_order=*/false);
    default:
      return InvalidArgument("link type " + LinkTypeName(link_type) +
                             " is not supported");
  }
}

}  // namespace protolm

// Link layers: from a captured frame to the network-layer packet inside it.
//
// Supported link-layer header types (libpcap DLT values): Ethernet (1) with
// any number of 802.1Q / 802.1ad (QinQ) VLAN tags, Linux cooked capture v1
// (113) and v2 (276), raw IP (12, 14, 101), IPv4 (228), IPv6 (229) and BSD
// loopback (null 0, loop 108). Frames that carry something other than IP
// (ARP, LLC, ...) come back as NetworkProtocol::kOther.
#pragma once

#include <cstdint>
#include <string>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

enum class NetworkProtocol : uint8_t { kIpv4, kIpv6, kOther };

/// The network-layer part of a frame; `bytes` views the frame's buffer.
struct LinkPayload {
  NetworkProtocol protocol = NetworkProtocol::kOther;
  ByteView bytes;
};

bool IsSupportedLinkType(int link_type);

/// "EN10MB (Ethernet)"-style name of a DLT value, for messages.
std::string LinkTypeName(int link_type);

/// The comma-separated list of supported link types, for messages.
std::string SupportedLinkTypes();

/// Strips the link-layer header. Errors (one line, offsets within the frame):
/// Truncated when the header is cut short, Malformed when a raw-IP frame has
/// no IP version, InvalidArgument for an unsupported link type.
Result<LinkPayload> DecodeLinkLayer(int link_type, ByteView frame);

}  // namespace protolm

// IPv6 header parsing, extension headers included.
//
// ParseIpv6 reads the fixed header, walks the extension header chain
// (hop-by-hop, routing, destination options, mobility, HIP, shim6, AH) and
// stops at the upper-layer protocol or at a fragment header, whose fields it
// returns so the fragment can be reassembled. The payload ends at the
// header's payload length (clipped to what was captured, see `clipped`).
#pragma once

#include <cstdint>
#include <optional>

#include "capture/ip_address.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

/// The fields of an IPv6 fragment header.
struct Ipv6Fragment {
  uint32_t id = 0;
  uint32_t offset = 0;  // in bytes
  bool more_fragments = false;
};

/// Where the extension header chain ends.
struct Ipv6UpperLayer {
  /// Upper-layer protocol (6 TCP, 17 UDP, 59 no next header, ...); for a
  /// fragment, the next header named by the fragment header.
  uint8_t next_header = 0;
  /// The upper-layer bytes; for a fragment, the fragment's data.
  ByteView payload;
  std::optional<Ipv6Fragment> fragment;
};

struct Ipv6Packet {
  IpAddress src;
  IpAddress dst;
  Ipv6UpperLayer upper;
  bool clipped = false;  // the payload length exceeds the captured bytes
};

/// Errors (offsets within the packet): Truncated when the fixed header or an
/// extension header is cut short, Malformed for a version other than 6.
Result<Ipv6Packet> ParseIpv6(ByteView packet);

/// Walks extension headers starting with `next_header` over `bytes` (used
/// again on a reassembled datagram, whose chain may continue). Errors:
/// Truncated when an extension header runs past the bytes.
Result<Ipv6UpperLayer> WalkIpv6Extensions(uint8_t next_header, ByteView bytes);

}  // namespace protolm

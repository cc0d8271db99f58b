// IPv4 header parsing.
//
// ParseIpv4 checks the header (version, header length, total length) and
// returns the addresses, fragment fields and the payload. The payload ends at
// the header's total length, so Ethernet padding is dropped; when the total
// length claims more than was captured (snap length, offloaded checksums,
// corrupt captures) the payload is what was captured and `clipped` says so.
#pragma once

#include <cstdint>

#include "capture/ip_address.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

struct Ipv4Packet {
  IpAddress src;
  IpAddress dst;
  uint8_t protocol = 0;  // 6 TCP, 17 UDP, ...
  uint16_t id = 0;
  bool more_fragments = false;
  uint32_t fragment_offset = 0;  // in bytes
  uint16_t total_length = 0;     // as written in the header
  /// Views the packet buffer; valid as long as it is.
  ByteView payload;
  /// The total length exceeds the captured bytes; payload is cut short.
  bool clipped = false;

  bool is_fragment() const { return more_fragments || fragment_offset != 0; }
};

/// Errors (offsets within the IP packet): Truncated when fewer than 20 bytes
/// (or fewer than the header length) were captured, Malformed for a version
/// other than 4, a header length below 20 bytes or a total length shorter
/// than the header.
Result<Ipv4Packet> ParseIpv4(ByteView packet);

}  // namespace protolm

// TCP and UDP header parsing.
//
// ParseTcp and ParseUdp check the header against the bytes available and
// return the ports, the TCP sequencing fields and a view of the payload.
// Both take the bytes after the IP header (already cut to the IP length).
#pragma once

#include <cstdint>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

struct TcpSegment {
  static constexpr uint8_t kFin = 0x01;
  static constexpr uint8_t kSyn = 0x02;
  static constexpr uint8_t kRst = 0x04;
  static constexpr uint8_t kPsh = 0x08;
  static constexpr uint8_t kAck = 0x10;

  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint8_t flags = 0;
  ByteView payload;  // views the caller's buffer

  bool has(uint8_t flag) const { return (flags & flag) != 0; }
};

struct UdpDatagram {
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  ByteView payload;
};

/// Errors (offsets within the TCP header): Truncated when fewer than 20
/// bytes or fewer than the data offset are present, Malformed for a data
/// offset below 5 words.
Result<TcpSegment> ParseTcp(ByteView bytes);

/// Errors: Truncated when fewer than 8 bytes are present, Malformed when the
/// length field is between 1 and 7. A length beyond the bytes present (a cut
/// capture) or 0 (IPv6 jumbogram) keeps the bytes present.
Result<UdpDatagram> ParseUdp(ByteView bytes);

}  // namespace protolm

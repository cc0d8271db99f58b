// ParseTcp / ParseUdp (see transport_headers.h); RFC 9293 and RFC 768.
#include "capture/transport_headers.h"

#include <string>

namespace protolm {

Result<TcpSegment> ParseTcp(ByteView bytes) {
  if (bytes.size() < 20) {
    return Truncated("TCP header needs 20 bytes, only " +
                     std::to_string(bytes.size()) + " present");
  }
  ByteReader r(bytes);
  TcpSegment s;
  s.src_port = *r.U16Be();
  s.dst_port = *r.U16Be();
  s.seq = *r.U32Be();
  s.ack = *r.U32Be();
  size_t header_length = static_cast<size_t>(*r.U8() >> 4) * 4;
  s.flags = *r.U8();
  if (header_length < 20) {
    return Malformed("TCP data offset " + std::to_string(header_length) +
                     " bytes at offset 12 is below the minimum 20");
  }
  if (header_length > bytes.size()) {
    return Truncated("TCP header with options needs " +
                     std::to_string(header_length) + " bytes, only " +
                     std::to_string(bytes.size()) + " present");
  }
  s.payload = bytes.subspan(header_length);
  return s;
}

Result<UdpDatagram> ParseUdp(ByteView bytes) {
  if (bytes.size() < 8) {
    return Truncated("UDP header needs 8 bytes, only " +
                     std::to_string(bytes.size()) + " present");
  }
  ByteReader r(bytes);
  UdpDatagram d;
  d.src_port = *r.U16Be();
  d.dst_port = *r.U16Be();
  uint16_t length = *r.U16Be();
  if (length != 0 && length < 8) {
    return Malformed("UDP length " + std::to_string(length) +
                     " at offset 4 is below the header's 8 bytes");
  }
  size_t end = length == 0 ? bytes.size() : length;
  if (end > bytes.size()) end = bytes.size();
  d.payload = bytes.subspan(8, end - 8);
  return d;
}

}  // namespace protolm

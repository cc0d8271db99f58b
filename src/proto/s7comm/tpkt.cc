// TPKT framing and DT-sequence joining (see tpkt.h).
#include "proto/s7comm/tpkt.h"

#include "proto/s7comm/cotp.h"
#include "proto/s7comm/s7_pdu.h"

namespace protolm::s7comm {

FrameResult FrameTsdu(ByteView stream) {
  size_t pos = 0;
  size_t payload = 0;
  while (true) {
    ByteView rest = stream.subspan(pos);
    bool first = pos == 0;
    if (!rest.empty() && rest[0] != kTpktVersion)
      return first ? FrameResult::Invalid() : FrameResult::Complete(pos);
    if (rest.size() < kTpktHeaderSize) return FrameResult::NeedMore();
    size_t len = size_t{rest[2]} << 8 | rest[3];
    if (len < kMinTpktLength)
      return first ? FrameResult::Invalid() : FrameResult::Complete(pos);
    if (rest.size() < 6) return FrameResult::NeedMore();
    uint8_t code = rest[5] & 0xf0;
    if (code != static_cast<uint8_t>(CotpType::kData)) {
      if (!first) return FrameResult::Complete(pos);
      return rest.size() >= len ? FrameResult::Complete(len)
                                : FrameResult::NeedMore(len);
    }
    if (rest.size() < 7) return FrameResult::NeedMore();
    bool eot = (rest[6] & 0x80) != 0;
    size_t header = kTpktHeaderSize + 1 + size_t{rest[4]};
    size_t data = len > header ? len - header : 0;
    bool last = eot || (first && data == 0);
    if (rest.size() < len) return FrameResult::NeedMore(last ? pos + len : 0);
    payload += data;
    pos += len;
    if (payload > kMaxReassembledPayload || pos > kMaxFramedBytes)
      return FrameResult::Invalid();
    if (last) return FrameResult::Complete(pos);
  }
}

bool PlausibleUnitStart(ByteView at) {
  if (at.size() < kMinTpktLength) return false;
  if (at[0] != kTpktVersion || at[1] != 0) return false;
  size_t len = size_t{at[2]} << 8 | at[3];
  size_t li = at[4];
  if (len < kMinTpktLength || li == 0xff || 1 + li > len - kTpktHeaderSize)
    return false;
  uint8_t code = at[5] & 0xf0;
  switch (static_cast<CotpType>(code)) {
    case CotpType::kData:
      if (li != 2) return false;
      if (len == kMinTpktLength || at.size() <= kMinTpktLength) return true;
      return at[7] == kProtocolId || at[7] == kPlusProtocolId;
    case CotpType::kConnectRequest:
    case CotpType::kConnectConfirm:
    case CotpType::kDisconnectRequest:
      return li >= 6;
    case CotpType::kDisconnectConfirm:
      return li >= 5;
    default:
      return !CotpTypeName(code).empty() && li >= 4;
  }
}

Result<Bytes> WrapInTpkt(ByteView cotp) {
  size_t len = kTpktHeaderSize + cotp.size();
  if (len > kMaxTpktLength)
    return InvalidArgument("TPKT encode: unit of " + std::to_string(len) +
                           " bytes exceeds 65535; split the payload");
  ByteWriter w;
  w.U8(kTpktVersion);
  w.U8(0);
  w.U16Be(static_cast<uint16_t>(len));
  w.Append(cotp);
  return w.Take();
}

}  // namespace protolm::s7comm

// The TLS Codec implementation (see tls_codec.h).
#include "proto/tls/tls_codec.h"

#include <array>

#include "proto/tls/names.h"
#include "proto/tls/record.h"
#include "proto/tls/unit.h"

namespace protolm::tls {
namespace {

constexpr std::array<uint16_t, 1> kPorts = {443};
constexpr uint8_t kClientHello = 1;
constexpr uint8_t kServerHello = 2;

class TlsCodecImpl final : public Codec {
 public:
  std::string_view name() const override { return kProtocolName; }
  std::span<const uint16_t> well_known_ports() const override { return kPorts; }

  // 0 when the bytes cannot start a record; 10 while too few bytes or a
  // length over the limit leave it open; 50 for another plausible record;
  // 70 for an SSLv2-compatible ClientHello; 95 for a handshake record that
  // starts with a ClientHello or ServerHello fitting in it.
  int DetectScore(ByteView s) const override {
    if (IsSslv2ClientHelloStart(s)) return 70;
    const FrameResult frame = FrameUnit(s);
    if (frame.kind == FrameResult::Kind::kInvalid) return 0;
    std::optional<RecordHeader> header = ReadRecordHeader(s);
    if (!header || !PlausibleRecordHeader(*header)) return 10;
    if (header->type != kHandshake || s.size() < kRecordHeaderSize + 4)
      return 50;
    const uint8_t type = s[kRecordHeaderSize];
    const size_t length = size_t{s[6]} << 16 | size_t{s[7]} << 8 | s[8];
    const bool hello = type == kClientHello || type == kServerHello;
    return hello && length + 4 <= header->length ? 95 : 50;
  }

  FrameResult Frame(ByteView stream) const override { return FrameUnit(stream); }

  std::optional<size_t> Resync(ByteView stream) const override {
    return FindUnitStart(stream);
  }

  Dissection Dissect(ByteView pdu, Direction /*dir*/) const override {
    return DissectUnit(pdu);
  }
};

}  // namespace

const Codec& TlsCodec() {
  static const TlsCodecImpl codec;
  return codec;
}

}  // namespace protolm::tls

// The S7comm Codec implementation (see s7comm_codec.h).
#include "proto/s7comm/s7comm_codec.h"

#include <algorithm>

#include "proto/s7comm/cotp.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_pdu.h"
#include "proto/s7comm/tpkt.h"

namespace protolm::s7comm {
namespace {

using s7comm::CotpType;

class S7commCodecImpl final : public Codec {
 public:
  std::string_view name() const override { return s7comm::kProtocolName; }

  std::span<const uint16_t> well_known_ports() const override {
    static constexpr uint16_t kPorts[] = {s7comm::kS7Port};
    return kPorts;
  }

  int DetectScore(ByteView s) const override {
    if (s.empty() || s[0] != s7comm::kTpktVersion) return 0;
    if (s.size() < s7comm::kMinTpktLength)
      return s.size() < 2 || s[1] == 0 ? 10 : 0;
    if (!s7comm::PlausibleUnitStart(s)) return 0;
    size_t len = size_t{s[2]} << 8 | s[3];
    switch (static_cast<CotpType>(s[5] & 0xf0)) {
      case CotpType::kConnectRequest:
      case CotpType::kConnectConfirm: {
        // S7 names TSAPs; other users of TPKT+COTP (RDP) do not.
        size_t end = std::min(len, s.size());
        s7comm::CotpDecoding cotp = s7comm::DecodeCotp(
            s.subspan(s7comm::kTpktHeaderSize, end - s7comm::kTpktHeaderSize),
            s7comm::kTpktHeaderSize);
        bool tsaps = cotp.tpdu.Param(s7comm::kParamSrcTsap) != nullptr ||
                     cotp.tpdu.Param(s7comm::kParamDstTsap) != nullptr;
        return tsaps ? 95 : 30;
      }
      case CotpType::kData:
        if (len == s7comm::kMinTpktLength || s.size() < 9) return 40;
        if (s[7] == s7comm::kPlusProtocolId) return 70;
        return s7comm::IsKnownRosctr(s[8]) ? 95 : 60;
      default:
        return 30;
    }
  }

  FrameResult Frame(ByteView stream) const override {
    return s7comm::FrameTsdu(stream);
  }

  std::optional<size_t> Resync(ByteView stream) const override {
    for (size_t i = 0; i + s7comm::kMinTpktLength <= stream.size(); ++i)
      if (s7comm::PlausibleUnitStart(stream.subspan(i))) return i;
    return std::nullopt;
  }

  Dissection Dissect(ByteView pdu, Direction) const override {
    s7comm::MessageDecoding m = s7comm::DecodeMessage(pdu);
    return Dissection{std::move(m.tree), std::move(m.info),
                      std::move(m.status)};
  }

  Inspection Inspect(ByteView pdu, Direction) const override {
    s7comm::MessageDecoding m =
        s7comm::DecodeMessage(pdu, s7comm::FieldMode::kFactsOnly);
    return Inspection{std::move(m.info), std::move(m.status)};
  }
};

}  // namespace

const Codec& S7commCodec() {
  static const S7commCodecImpl codec;
  return codec;
}

}  // namespace protolm::s7comm

// The S7 ProtocolHandler and its per-connection COTP session (see
// s7_handler.h; the S7 layer is in s7_cpu.cc).
#include "device/s7/s7_handler.h"

#include <algorithm>
#include <utility>

#include "device/s7/s7_cpu.h"
#include "proto/s7comm/cotp.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_encode.h"
#include "proto/modbus/modbus_codec.h"
#include "proto/s7comm/s7comm_codec.h"

namespace protolm::device::s7 {
namespace {

using s7comm::CotpTpdu;
using s7comm::CotpType;

/// Largest TPDU size code a CPU 300 confirms (2^10 = 1024 bytes).
constexpr uint8_t kMaxTpduSizeCode = 0x0a;
/// TPDU size code when the CR names none (ISO 8073 default, 128 bytes).
constexpr uint8_t kDefaultTpduSizeCode = 0x07;
constexpr uint8_t kMinTpduSizeCode = 0x07;
constexpr uint8_t kMaxValidTpduSizeCode = 0x0d;
/// DR reason for a CR naming a TSAP the PLC does not serve.
constexpr uint8_t kReasonNotAttachedToTsap = 0x02;
/// DT header bytes inside a TPDU (length, code, number/EOT).
constexpr size_t kDtHeaderBytes = 3;

net::Reply CloseNow() { return net::Reply{{}, true}; }

class S7Session : public net::ProtocolSession {
 public:
  explicit S7Session(S7Cpu& cpu) : cpu_(cpu) {}

  net::Reply Handle(ByteView framed_request) override {
    s7comm::MessageDecoding m =
        s7comm::DecodeMessage(framed_request, s7comm::FieldMode::kSkip);
    if (m.tpdus.empty()) return CloseNow();
    const CotpTpdu& first = m.tpdus.front();
    switch (first.type) {
      case CotpType::kConnectRequest:
        return m.status.ok() ? Connect(first) : CloseNow();
      case CotpType::kDisconnectRequest:
        return Disconnect(first);
      case CotpType::kData:
        if (!connected_) return CloseNow();
        if (m.payload.empty() && m.status.ok()) return net::Reply{};  // empty DT
        if (!m.status.ok() || !m.s7) return CloseNow();
        return Send(cpu_.Answer(*m.s7, m.payload.size(), s7_));
      default:
        return CloseNow();
    }
  }

 private:
  net::Reply Connect(const CotpTpdu& cr) {
    if (connected_) return CloseNow();
    std::optional<uint16_t> dst_tsap = cr.Tsap(s7comm::kParamDstTsap);
    std::optional<uint16_t> src_tsap = cr.Tsap(s7comm::kParamSrcTsap);
    const auto& accepted = cpu_.profile().accepted_tsaps;
    bool acceptable = dst_tsap && src_tsap &&
                   std::find(accepted.begin(), accepted.end(), *dst_tsap) !=
                       accepted.end();
    uint8_t size_code = kDefaultTpduSizeCode;
    if (const Bytes* size = cr.Param(s7comm::kParamTpduSize)) {
      if (size->size() != 1 || (*size)[0] < kMinTpduSizeCode ||
          (*size)[0] > kMaxValidTpduSizeCode)
        acceptable = false;
      else
        size_code = std::min((*size)[0], kMaxTpduSizeCode);
    }
    if (!acceptable || (cr.class_option >> 4) != 0) {
      Result<Bytes> dr = s7comm::FrameTpdu(s7comm::CotpDisconnectRequest(
          cr.src_ref, cpu_.NextConnectionRef(), kReasonNotAttachedToTsap));
      return net::Reply{dr.ok() ? std::move(*dr) : Bytes{}, true};
    }
    Result<Bytes> cc = s7comm::FrameTpdu(s7comm::CotpConnectConfirm(
        cr.src_ref, cpu_.NextConnectionRef(), *src_tsap, *dst_tsap, size_code));
    if (!cc.ok()) return CloseNow();
    connected_ = true;
    unit_payload_ = (size_t{1} << size_code) - kDtHeaderBytes;
    return net::Reply{std::move(*cc), false};
  }

  net::Reply Disconnect(const CotpTpdu& dr) {
    CotpTpdu dc;
    dc.type = CotpType::kDisconnectConfirm;
    dc.dst_ref = dr.src_ref;
    dc.src_ref = dr.dst_ref;
    Result<Bytes> bytes = s7comm::FrameTpdu(dc);
    return net::Reply{bytes.ok() ? std::move(*bytes) : Bytes{}, true};
  }

  net::Reply Send(const CpuReply& reply) {
    switch (reply.kind) {
      case CpuReply::Kind::kNothing:
        return net::Reply{};
      case CpuReply::Kind::kClose:
        return CloseNow();
      case CpuReply::Kind::kSend:
        break;
    }
    Result<Bytes> bytes = s7comm::FrameS7Pdu(reply.pdu, unit_payload_);
    if (!bytes.ok()) return CloseNow();
    return net::Reply{std::move(*bytes), false};
  }

  S7Cpu& cpu_;
  bool connected_ = false;
  size_t unit_payload_ = 0;
  S7Connection s7_;
};

class S7Handler : public net::ProtocolHandler {
 public:
  S7Handler(const DeviceProfile& profile, DeviceState& state)
      : cpu_(profile, state) {}
  const Codec& codec() const override { return s7comm::S7commCodec(); }
  std::unique_ptr<net::ProtocolSession> NewSession(const std::string&) override {
    return std::make_unique<S7Session>(cpu_);
  }

 private:
  S7Cpu cpu_;
};

}  // namespace

Result<std::unique_ptr<net::ProtocolHandler>> MakeS7Handler(
    const DeviceProfile& profile, DeviceState& state) {
  if (!profile.s7.enabled)
    return InvalidArgument(
        "profile '" + profile.name +
        "' has no S7 section: enable \"s7\" to serve S7comm");
  return std::unique_ptr<net::ProtocolHandler>(
      std::make_unique<S7Handler>(profile, state));
}

ServeOptions ServeOnly(std::string_view protocol, ServeOptions base) {
  if (protocol != modbus::kProtocolName) base.modbus_port = std::nullopt;
  if (protocol != s7comm::kProtocolName) base.s7_port = std::nullopt;
  if (protocol == s7comm::kProtocolName) base.s7_handler = MakeS7Handler;
  return base;
}

}  // namespace protolm::device::s7

// The Modbus/TCP Codec implementation (see modbus_codec.h).
#include "proto/modbus/modbus_codec.h"

#include <array>

#include "proto/modbus/adu.h"
#include "proto/modbus/framing.h"
#include "proto/modbus/function_code.h"
#include "proto/modbus/mbap.h"

namespace protolm::modbus {
namespace {

constexpr std::array<uint16_t, 1> kPorts = {502};

class ModbusTcpCodec final : public Codec {
 public:
  std::string_view name() const override { return modbus::kProtocolName; }
  std::span<const uint16_t> well_known_ports() const override { return kPorts; }

  // 0 when the header cannot be Modbus/TCP; 5-10 while too few bytes or an
  // out-of-spec length leave it open; 30 for a function code the codec does
  // not model; 60 for a modeled one whose ADU is not complete or not valid;
  // 90 for a complete ADU that decodes in either direction.
  int DetectScore(ByteView stream_start) const override {
    const FrameResult frame = modbus::FrameAdu(stream_start);
    if (frame.kind == FrameResult::Kind::kInvalid) return 0;
    if (stream_start.size() <= modbus::kMbapSize) return 5;
    // Past the MBAP header the length field is known, so frame.length is.
    const size_t length = frame.length - modbus::kAduSizeBase;
    if (length > modbus::kMaxSpecMbapLength) return 10;
    if (!modbus::IsModeledFunction(stream_start[modbus::kMbapSize] &
                                   ~modbus::kExceptionBit)) {
      return 30;
    }
    if (frame.kind != FrameResult::Kind::kFrame) return 60;
    const ByteView adu = stream_start.first(frame.length);
    if (modbus::DecodeRequestAdu(adu).ok() ||
        modbus::DecodeResponseAdu(adu).ok()) {
      return 90;
    }
    return 60;
  }

  FrameResult Frame(ByteView stream) const override {
    return modbus::FrameAdu(stream);
  }

  std::optional<size_t> Resync(ByteView stream) const override {
    return modbus::FindAduStart(stream);
  }

  Dissection Dissect(ByteView pdu, Direction dir) const override {
    return modbus::DissectAdu(pdu, dir);
  }

  Inspection Inspect(ByteView pdu, Direction dir) const override {
    return modbus::InspectAdu(pdu, dir);
  }
};

}  // namespace

const Codec& ModbusCodec() {
  static const ModbusTcpCodec codec;
  return codec;
}

}  // namespace protolm::modbus

// libFuzzer target for the Modbus request path of the device simulator: the
// input is a client's byte stream; it is framed with the Modbus codec the
// way the server frames it and each frame goes to ModbusDevice. Asserts
// (abort) that every answer is a well-formed response ADU that echoes the
// request's transaction and unit id, fits the 260-byte ADU, and carries the
// request's function code. Device state persists across inputs, as on a
// long-running server.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "device/modbus_device.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/modbus_codec.h"

namespace protolm::device {
namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

ModbusDevice& Device() {
  static std::unique_ptr<DeviceState> state = [] {
    auto profile = BuiltinProfile("wago-750-881");
    Require(profile.ok());
    auto s = DeviceState::Create(*profile);
    Require(s.ok());
    return std::move(s).value();
  }();
  static ModbusDevice device(*state);
  return device;
}

}  // namespace
}  // namespace protolm::device

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  ByteView stream(data, size);
  device::ModbusDevice& device = device::Device();
  while (!stream.empty()) {
    FrameResult frame = modbus::ModbusCodec().Frame(stream);
    if (frame.kind != FrameResult::Kind::kFrame) break;
    device::Require(frame.length >= 8 && frame.length <= stream.size());
    ByteView adu = stream.first(frame.length);
    device::ModbusOutcome out = device.HandleAdu(adu);
    if (out.response) {
      device::Require(out.response->size() <= 260);
      auto decoded = modbus::DecodeResponseAdu(*out.response);
      device::Require(decoded.ok());
      device::Require(
          std::equal(adu.begin(), adu.begin() + 4, out.response->begin()));
      device::Require((*out.response)[6] == adu[6]);
      device::Require(((*out.response)[7] & 0x7F) == (adu[7] & 0x7F));
    }
    if (out.close_connection) break;
    device::Device().HandleAdu(adu);  // the same request twice: state changes
    stream = stream.subspan(frame.length);
  }
  return 0;
}

// NewModbusHandler: ModbusDevice behind the ProtocolHandler seam.
#include "device/modbus_handler.h"

#include "device/modbus_device.h"
#include "proto/modbus/modbus_codec.h"

namespace protolm::device {
namespace {

class ModbusSession : public net::ProtocolSession {
 public:
  explicit ModbusSession(ModbusDevice& device) : device_(device) {}
  net::Reply Handle(ByteView framed_request) override {
    ModbusOutcome outcome = device_.HandleAdu(framed_request);
    return net::Reply{outcome.response.value_or(Bytes{}), outcome.close_connection};
  }

 private:
  ModbusDevice& device_;
};

class ModbusHandler : public net::ProtocolHandler {
 public:
  explicit ModbusHandler(DeviceState& state) : device_(state) {}
  const Codec& codec() const override { return modbus::ModbusCodec(); }
  std::unique_ptr<net::ProtocolSession> NewSession(const std::string&) override {
    return std::make_unique<ModbusSession>(device_);
  }

 private:
  ModbusDevice device_;
};

}  // namespace

Result<std::unique_ptr<net::ProtocolHandler>> NewModbusHandler(
    const DeviceProfile& profile, DeviceState& state) {
  if (!profile.modbus.enabled) {
    return InvalidArgument(
        "profile " + profile.name +
        " has no \"modbus\" section; Modbus cannot be served");
  }
  return std::unique_ptr<net::ProtocolHandler>(new ModbusHandler(state));
}

}  // namespace protolm::device

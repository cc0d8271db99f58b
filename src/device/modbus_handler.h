// STATUS: stable
// The Modbus/TCP ProtocolHandler: frames with the Modbus codec and answers
// through one ModbusDevice shared by all connections (so diagnostics
// counters are per device, as on a real PLC). Threading: the server's one
// thread only.
#pragma once

#include <memory>

#include "device/protocol_handler.h"

namespace protolm::device {

/// Errors: InvalidArgument when the profile has no Modbus section.
Result<std::unique_ptr<net::ProtocolHandler>> NewModbusHandler(
    const DeviceProfile& profile, DeviceState& state);

}  // namespace protolm::device

// The Modbus/TCP protocol descriptor (proto/protocol.h): the codec, the
// response validator and grammar under the rules a clone learned, the
// device's memory image, RVA-ε's value test, and the 260-byte ADU limit.
#pragma once

#include "proto/protocol.h"

namespace protolm::modbus {

/// The singleton; immutable, safe from any thread.
const Protocol& ModbusProtocol();

}  // namespace protolm::modbus

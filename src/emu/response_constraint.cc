// Protocol dispatch of response constraints (see response_constraint.h).
#include "emu/response_constraint.h"

#include <algorithm>

#include "emu/modbus_response_constraint.h"
#include "emu/s7_response_constraint.h"

namespace protolm::emu {

bool HasResponseConstraint(std::string_view protocol) {
  return protocol == "modbus" || protocol == "s7comm";
}

std::unique_ptr<lm::ResponseConstraint> MakeResponseConstraint(
    std::string_view protocol, ByteView request, size_t max_response_bytes,
    const DeviceRules& rules) {
  if (protocol == "modbus") {
    return std::make_unique<ModbusResponseConstraint>(
        request, std::min(max_response_bytes, kMaxModbusAdu), rules.modbus);
  }
  if (protocol == "s7comm") {
    return std::make_unique<S7ResponseConstraint>(
        request, std::min(max_response_bytes, kMaxS7Response), rules.s7);
  }
  return nullptr;
}

}  // namespace protolm::emu

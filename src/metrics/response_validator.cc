// Dispatching a response to its protocol's validator (response_validator.h).
#include "metrics/response_validator.h"

#include <string>

#include "metrics/modbus_validator.h"

namespace protolm::metrics {

Status ValidateResponse(std::string_view protocol, ByteView request,
                        ByteView response, const ModbusRules& modbus_rules,
                        const S7Rules& s7_rules) {
  if (protocol == "modbus")
    return ValidateModbusResponse(request, response, modbus_rules);
  if (protocol == "s7comm") return ValidateS7Response(request, response, s7_rules);
  return Unsupported("no response validator for protocol \"" +
                     std::string(protocol) + "\" (modbus, s7comm)");
}

}  // namespace protolm::metrics

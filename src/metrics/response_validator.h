// The validity check of a response by protocol name: the Modbus or S7comm
// validator (modbus_validator.h, s7_validator.h) with the rules known for
// the device. Used by the evaluation (RVA) and by the honeypot's validity
// guard. Pure and thread-safe.
#pragma once

#include <string_view>

#include "metrics/modbus_rules.h"
#include "metrics/s7_validator.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::metrics {

/// Ok when `response` validly answers `request` under the protocol's
/// validator; the validator's Malformed status otherwise; Unsupported for a
/// protocol other than "modbus" and "s7comm".
Status ValidateResponse(std::string_view protocol, ByteView request,
                        ByteView response, const ModbusRules& modbus_rules,
                        const S7Rules& s7_rules);

}  // namespace protolm::metrics

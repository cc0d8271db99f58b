// The value test behind RVA-ε: does a predicted response carry the same
// process values as the real one, up to ε times each value's range?
//
// Values are compared where responses carry them: Modbus register reads
// (functions 3, 4, 23; a register bound to a process variable in the rules
// uses that variable's range and signedness, others the unsigned 16-bit
// range), Modbus bit reads (exact, bits have no tolerance) and S7 read var
// items (2- and 4-byte values as unsigned big-endian numbers over their full
// range, other sizes exact). Responses that carry no values pass when they
// are of the same kind as the real one (same function, exception or not,
// same exception code). ε = 0 demands equal values. Pure functions.
#pragma once

#include <string_view>

#include "metrics/modbus_rules.h"
#include "util/bytes.h"

namespace protolm::metrics {

bool ValuesWithinEpsilon(std::string_view protocol, ByteView request,
                         ByteView expected, ByteView predicted, double epsilon,
                         const ModbusRules& rules);

}  // namespace protolm::metrics

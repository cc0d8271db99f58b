// The value test behind RVA-ε for Modbus/TCP: does a predicted response carry
// the same process values as the real one, up to ε times each value's range?
//
// Register reads (functions 3, 4, 23) compare each register: one bound to a
// process variable in the rules uses that variable's range and signedness,
// others the unsigned 16-bit range. Bit reads compare exactly (bits have no
// tolerance). Responses that carry no values pass when they are of the same
// kind as the real one (same function, exception or not, same exception
// code); responses that do not decode must be equal. ε = 0 demands equal
// values. Pure function.
#pragma once

#include "proto/modbus/modbus_rules.h"
#include "util/bytes.h"

namespace protolm::modbus {

/// `expected` and `predicted` are response ADUs to `request` (empty: no
/// answer, which matches only no answer).
bool ModbusValuesWithinEpsilon(ByteView request, ByteView expected,
                               ByteView predicted, double epsilon,
                               const ModbusRules& rules);

}  // namespace protolm::modbus

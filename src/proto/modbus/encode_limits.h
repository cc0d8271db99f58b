// The one check every Modbus encoder shares: does a count fit its field?
//
// Byte counts are one byte wide (two for function 24) and the MBAP length is
// two, so a typed value with too many registers, bits or objects cannot be
// written. Encoders report that as OutOfRange instead of writing a wrapped
// count that would not decode back.
#pragma once

#include <cstddef>
#include <string_view>

#include "util/status.h"

namespace protolm::modbus {

/// Ok when `count` <= `max`; otherwise OutOfRange: "modbus encode: <what> is
/// <count>, more than the <max> its field holds".
Status CheckCountFits(size_t count, size_t max, std::string_view what);

}  // namespace protolm::modbus

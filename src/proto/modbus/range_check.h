// Which range of the specification a well-formed request breaks, and the
// exception code a server answers it with.
//
// Decoding accepts every structurally sound request, including values no
// server should act on: 0 or 2001 coils, a coil value of 0x1234, read code 7.
// CheckRequestRanges applies the checks of the specification's per-function
// state diagrams (sections 6.x) that need no knowledge of the device:
// quantities and values (illegal_data_value), address + quantity beyond
// 65536 and file references (illegal_data_address), unknown sub-functions,
// MEI types and function codes (illegal_function). A device simulator then
// adds its own checks (which addresses exist). A request that does not even
// decode is, per spec section 7, answered with illegal_data_value. Pure and
// thread-safe.
#pragma once

#include <optional>
#include <string>

#include "proto/modbus/exception_code.h"
#include "proto/modbus/pdu.h"

namespace protolm::modbus {

struct RangeViolation {
  ExceptionCode exception = ExceptionCode::kIllegalDataValue;
  /// One line: "read_coils: quantity 2001 outside 1..2000".
  std::string message;
};

/// The first range `request` breaks, or nullopt when it keeps them all.
std::optional<RangeViolation> CheckRequestRanges(const Request& request);

}  // namespace protolm::modbus

// Modbus exception codes (spec section 7) and their snake_case names.
//
// An exception response is the request's function code with bit 0x80 set,
// followed by one exception code byte. The enum names the codes the
// specification defines; any other byte value is still representable (the
// enum's underlying type is uint8_t) and is named "unknown_exception_N".
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace protolm::modbus {

enum class ExceptionCode : uint8_t {
  kIllegalFunction = 0x01,
  kIllegalDataAddress = 0x02,
  kIllegalDataValue = 0x03,
  kServerDeviceFailure = 0x04,
  kAcknowledge = 0x05,
  kServerDeviceBusy = 0x06,
  kNegativeAcknowledge = 0x07,  // legacy Modicon code, not in V1.1b3
  kMemoryParityError = 0x08,
  kGatewayPathUnavailable = 0x0A,
  kGatewayTargetFailedToRespond = 0x0B,
};

/// "illegal_function", "gateway_target_failed_to_respond", ...;
/// "unknown_exception_N" (decimal N) for codes without a definition.
std::string ExceptionCodeName(ExceptionCode code);

}  // namespace protolm::modbus

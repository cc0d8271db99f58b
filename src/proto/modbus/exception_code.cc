// Names of Modbus exception codes (see exception_code.h).
#include "proto/modbus/exception_code.h"

namespace protolm::modbus {

std::string ExceptionCodeName(ExceptionCode code) {
  switch (code) {
    case ExceptionCode::kIllegalFunction:
      return "illegal_function";
    case ExceptionCode::kIllegalDataAddress:
      return "illegal_data_address";
    case ExceptionCode::kIllegalDataValue:
      return "illegal_data_value";
    case ExceptionCode::kServerDeviceFailure:
      return "server_device_failure";
    case ExceptionCode::kAcknowledge:
      return "acknowledge";
    case ExceptionCode::kServerDeviceBusy:
      return "server_device_busy";
    case ExceptionCode::kNegativeAcknowledge:
      return "negative_acknowledge";
    case ExceptionCode::kMemoryParityError:
      return "memory_parity_error";
    case ExceptionCode::kGatewayPathUnavailable:
      return "gateway_path_unavailable";
    case ExceptionCode::kGatewayTargetFailedToRespond:
      return "gateway_target_failed_to_respond";
  }
  return "unknown_exception_" + std::to_string(static_cast<int>(code));
}

}  // namespace protolm::modbus

// Names of Modbus function codes (see function_code.h).
#include "proto/modbus/function_code.h"

namespace protolm::modbus {
namespace {

const char* KnownName(uint8_t function) {
  switch (function) {
    case fc::kReadCoils:
      return "read_coils";
    case fc::kReadDiscreteInputs:
      return "read_discrete_inputs";
    case fc::kReadHoldingRegisters:
      return "read_holding_registers";
    case fc::kReadInputRegisters:
      return "read_input_registers";
    case fc::kWriteSingleCoil:
      return "write_single_coil";
    case fc::kWriteSingleRegister:
      return "write_single_register";
    case fc::kReadExceptionStatus:
      return "read_exception_status";
    case fc::kDiagnostics:
      return "diagnostics";
    case fc::kGetCommEventCounter:
      return "get_comm_event_counter";
    case fc::kGetCommEventLog:
      return "get_comm_event_log";
    case fc::kWriteMultipleCoils:
      return "write_multiple_coils";
    case fc::kWriteMultipleRegisters:
      return "write_multiple_registers";
    case fc::kReportServerId:
      return "report_server_id";
    case fc::kReadFileRecord:
      return "read_file_record";
    case fc::kWriteFileRecord:
      return "write_file_record";
    case fc::kMaskWriteRegister:
      return "mask_write_register";
    case fc::kReadWriteMultipleRegisters:
      return "read_write_multiple_registers";
    case fc::kReadFifoQueue:
      return "read_fifo_queue";
    case fc::kEncapsulatedInterfaceTransport:
      return "encapsulated_interface_transport";
    default:
      return nullptr;
  }
}

}  // namespace

bool IsModeledFunction(uint8_t function) {
  return KnownName(function) != nullptr;
}

std::string FunctionName(uint8_t function, std::optional<uint8_t> mei_type) {
  if (function == fc::kEncapsulatedInterfaceTransport &&
      mei_type == kMeiReadDeviceIdentification) {
    return "read_device_identification";
  }
  if (const char* name = KnownName(function)) return name;
  return "unknown_fc_" + std::to_string(function);
}

}  // namespace protolm::modbus

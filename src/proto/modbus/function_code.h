// Modbus function codes and MEI types, and their snake_case names.
//
// The numbers are those of the Modbus Application Protocol Specification
// V1.1b3, section 5-6. A function code is kept as a plain byte everywhere
// (requests may carry codes the specification does not define), so the
// constants live in namespace `fc` rather than in an enum. Names are what
// PduInfo.function and the field trees show: "read_coils", "diagnostics",
// "read_device_identification" (43/14), "unknown_fc_99". All functions here
// are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace protolm::modbus {

namespace fc {
inline constexpr uint8_t kReadCoils = 1;
inline constexpr uint8_t kReadDiscreteInputs = 2;
inline constexpr uint8_t kReadHoldingRegisters = 3;
inline constexpr uint8_t kReadInputRegisters = 4;
inline constexpr uint8_t kWriteSingleCoil = 5;
inline constexpr uint8_t kWriteSingleRegister = 6;
inline constexpr uint8_t kReadExceptionStatus = 7;
inline constexpr uint8_t kDiagnostics = 8;
inline constexpr uint8_t kGetCommEventCounter = 11;
inline constexpr uint8_t kGetCommEventLog = 12;
inline constexpr uint8_t kWriteMultipleCoils = 15;
inline constexpr uint8_t kWriteMultipleRegisters = 16;
inline constexpr uint8_t kReportServerId = 17;
inline constexpr uint8_t kReadFileRecord = 20;
inline constexpr uint8_t kWriteFileRecord = 21;
inline constexpr uint8_t kMaskWriteRegister = 22;
inline constexpr uint8_t kReadWriteMultipleRegisters = 23;
inline constexpr uint8_t kReadFifoQueue = 24;
inline constexpr uint8_t kEncapsulatedInterfaceTransport = 43;
}  // namespace fc

/// Set in a response's function code when it carries an exception.
inline constexpr uint8_t kExceptionBit = 0x80;

/// MEI types carried by function 43 (spec 6.19-6.21).
inline constexpr uint8_t kMeiCanopenGeneralReference = 13;
inline constexpr uint8_t kMeiReadDeviceIdentification = 14;

/// True for the function codes this codec decodes into typed bodies.
bool IsModeledFunction(uint8_t function);

/// snake_case name of `function`: "read_coils",
/// "encapsulated_interface_transport"; "unknown_fc_99" for codes the codec
/// does not model (0x83 in a request is "unknown_fc_131": callers naming an
/// exception response clear kExceptionBit first). With mei_type 14,
/// function 43 is "read_device_identification".
std::string FunctionName(uint8_t function,
                         std::optional<uint8_t> mei_type = std::nullopt);

}  // namespace protolm::modbus

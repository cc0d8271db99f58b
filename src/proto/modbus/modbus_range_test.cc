// CheckRequestRanges: which specification range a decodable request breaks
// and which exception code a server answers it with.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "proto/modbus/builders.h"
#include "proto/modbus/range_check.h"

namespace protolm::modbus {
namespace {

struct RangeCase {
  const char* name;
  Request request;
  std::optional<ExceptionCode> exception;
  const char* message;  // when exception is set
};

constexpr auto kValue = ExceptionCode::kIllegalDataValue;
constexpr auto kAddress = ExceptionCode::kIllegalDataAddress;
constexpr auto kFunction = ExceptionCode::kIllegalFunction;

std::vector<RangeCase> Cases() {
  return {
      {"read_coils_max", ReadCoils(0, 2000), std::nullopt, ""},
      {"read_coils_zero", ReadCoils(0, 0), kValue,
       "read_coils: quantity 0 outside 1..2000"},
      {"read_coils_2001", ReadCoils(0, 2001), kValue,
       "read_coils: quantity 2001 outside 1..2000"},
      {"read_inputs_past_end", ReadDiscreteInputs(65000, 1000), kAddress,
       "read_discrete_inputs: address 65000 + 1000 runs past address 65535"},
      {"read_inputs_to_end", ReadDiscreteInputs(65535, 1), std::nullopt, ""},
      {"read_holding_126", ReadHoldingRegisters(0, 126), kValue,
       "read_holding_registers: quantity 126 outside 1..125"},
      {"read_input_125", ReadInputRegisters(1, 125), std::nullopt, ""},
      {"coil_on", WriteSingleCoil(3, true), std::nullopt, ""},
      {"coil_bad_value", Request{fc::kWriteSingleCoil, SingleWrite{3, 0x1234}},
       kValue,
       "write_single_coil: value 4660 is neither 0xFF00 (on) nor 0x0000 "
       "(off)"},
      {"register_any_value", WriteSingleRegister(3, 0x1234), std::nullopt, ""},
      {"coils_1969", WriteMultipleCoils(0, std::vector<bool>(1969, true)),
       kValue, "write_multiple_coils: quantity 1969 outside 1..1968"},
      {"coils_past_end", WriteMultipleCoils(65535, {true, false}), kAddress,
       "write_multiple_coils: address 65535 + 2 runs past address 65535"},
      {"registers_124",
       WriteMultipleRegisters(0, std::vector<uint16_t>(124, 1)), kValue,
       "write_multiple_registers: quantity 124 outside 1..123"},
      {"registers_none", WriteMultipleRegisters(0, {}), kValue,
       "write_multiple_registers: quantity 0 outside 1..123"},
      {"read_write_ok", ReadWriteMultipleRegisters(3, 6, 14, {255, 255, 255}),
       std::nullopt, ""},
      {"read_write_read_126", ReadWriteMultipleRegisters(0, 126, 0, {1}),
       kValue,
       "read_write_multiple_registers: read_quantity 126 outside 1..125"},
      {"read_write_write_122",
       ReadWriteMultipleRegisters(0, 1, 0, std::vector<uint16_t>(122, 0)),
       kValue,
       "read_write_multiple_registers: write_quantity 122 outside 1..121"},
      {"read_write_past_end", ReadWriteMultipleRegisters(65535, 2, 0, {1}),
       kAddress,
       "read_write_multiple_registers: read_address 65535 + 2 runs past "
       "address 65535"},
      {"diag_echo", Diagnostics(diag::kReturnQueryData, {1, 2, 3}),
       std::nullopt, ""},
      {"diag_restart_on", Diagnostics(diag::kRestartCommunications, {0xFF, 0}),
       std::nullopt, ""},
      {"diag_restart_bad",
       Diagnostics(diag::kRestartCommunications, {0x12, 0x34}), kValue,
       "diagnostics: restart_communications data must be 0x0000 or 0xFF00"},
      {"diag_delimiter",
       Diagnostics(diag::kChangeAsciiInputDelimiter, {0x0A, 0}), std::nullopt,
       ""},
      {"diag_clear_bad_data",
       Diagnostics(diag::kClearCountersAndDiagnosticRegister, {0, 1}), kValue,
       "diagnostics: clear_counters_and_diagnostic_register data must be "
       "0x0000"},
      {"diag_undefined_sub", Diagnostics(5, {0, 0}), kFunction,
       "diagnostics: sub-function 5 is not defined"},
      {"file_read_ok", ReadFileRecord({{6, 4, 1, 2}, {6, 3, 9, 2}}),
       std::nullopt, ""},
      {"file_read_empty", ReadFileRecord({}), kValue,
       "read_file_record: byte count 0 outside 7..245"},
      {"file_read_type_7", ReadFileRecord({{7, 4, 1, 2}}), kAddress,
       "read_file_record: reference type 7 is not 6"},
      {"file_read_file_0", ReadFileRecord({{6, 0, 1, 2}}), kAddress,
       "read_file_record: file number 0 outside 1..65535"},
      {"file_read_past_9999", ReadFileRecord({{6, 1, 9999, 2}}), kAddress,
       "read_file_record: records 9999 + 2 run past record 9999"},
      {"file_write_ok", WriteFileRecord({{6, 4, 7, {0x06AF, 0x04BE, 0x100D}}}),
       std::nullopt, ""},
      {"file_write_empty", WriteFileRecord({}), kValue,
       "write_file_record: request data length 0 outside 9..251"},
      {"device_id_individual", ReadDeviceIdentification(4, 2), std::nullopt,
       ""},
      {"device_id_code_5", ReadDeviceIdentification(5, 0), kValue,
       "read_device_identification: read code 5 outside 1..4"},
      {"canopen", EncapsulatedInterfaceTransport(13, {1, 2}), std::nullopt, ""},
      {"mei_15", EncapsulatedInterfaceTransport(15, {}), kFunction,
       "encapsulated_interface_transport: MEI type 15 is not defined"},
      {"unknown_fc", RawRequest(99, {1}), kFunction,
       "unknown_fc_99: function code 99 is not defined"},
      {"known_fc_raw_body", RawRequest(3, {1}), kValue,
       "read_holding_registers: body does not have this function's request "
       "layout"},
      {"no_field_functions", ReadExceptionStatus(), std::nullopt, ""},
      {"mask_write", MaskWriteRegister(4, 0xF2, 0x25), std::nullopt, ""},
      {"fifo", ReadFifoQueue(0x04DE), std::nullopt, ""},
  };
}

TEST(RangeCheckTest, NamesTheBrokenRangeAndItsException) {
  for (const RangeCase& c : Cases()) {
    SCOPED_TRACE(c.name);
    std::optional<RangeViolation> v = CheckRequestRanges(c.request);
    if (!c.exception) {
      EXPECT_FALSE(v.has_value()) << v->message;
      continue;
    }
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->exception, *c.exception);
    EXPECT_EQ(v->message, c.message);
  }
}

}  // namespace
}  // namespace protolm::modbus

// Restoring Modbus writes: which span a write changes, the read before it,
// and the write that puts back what that read showed (single writes stay
// single); refused, unreadable and hostile answers restore nothing.
#include "proto/modbus/modbus_restore.h"

#include <gtest/gtest.h>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"

namespace protolm::modbus {
namespace {

Bytes Answer(const Response& r) {
  return BuildResponseAdu(7, 1, r).value();
}

TEST(ModbusRestore, ReadsTheSpanEachWriteChanges) {
  EXPECT_EQ(ReadBefore(WriteSingleCoil(9, true)), ReadCoils(9, 1));
  EXPECT_EQ(ReadBefore(WriteSingleRegister(4, 1)),
            ReadHoldingRegisters(4, 1));
  EXPECT_EQ(ReadBefore(WriteMultipleCoils(3, {true, false, true})),
            ReadCoils(3, 3));
  EXPECT_EQ(ReadBefore(WriteMultipleRegisters(10, {1, 2})),
            ReadHoldingRegisters(10, 2));
  EXPECT_EQ(ReadBefore(MaskWriteRegister(6, 0xFF00, 0x0012)),
            ReadHoldingRegisters(6, 1));
  EXPECT_EQ(ReadBefore(ReadWriteMultipleRegisters(0, 5, 20, {1, 2, 3})),
            ReadHoldingRegisters(20, 3));
  // Reads, requests without tables and writes the specification refuses.
  EXPECT_EQ(ReadBefore(ReadCoils(0, 8)), std::nullopt);
  EXPECT_EQ(ReadBefore(ReportServerId()), std::nullopt);
  EXPECT_EQ(ReadBefore(WriteMultipleCoils(0, std::vector<bool>(1969))),
            std::nullopt);
  EXPECT_EQ(ReadBefore(Request{fc::kWriteSingleCoil,
                                   SingleWrite{0, 0x1234}}),
            std::nullopt);
}

TEST(ModbusRestore, WritesBackWhatTheReadShowed) {
  EXPECT_EQ(RestoreWrite(WriteMultipleCoils(3, {true, true, true}),
                         Answer(ReadBitsResponse(1, {false, true, false}))),
            WriteMultipleCoils(3, {false, true, false}));
  EXPECT_EQ(RestoreWrite(WriteSingleCoil(9, true),
                         Answer(ReadBitsResponse(1, {false}))),
            WriteSingleCoil(9, false));
  EXPECT_EQ(RestoreWrite(WriteMultipleRegisters(10, {1, 2}),
                         Answer(ReadRegistersResponse(3, {750, 881}))),
            WriteMultipleRegisters(10, {750, 881}));
  EXPECT_EQ(RestoreWrite(MaskWriteRegister(6, 0xFF00, 0x0012),
                         Answer(ReadRegistersResponse(3, {42}))),
            WriteSingleRegister(6, 42));
  EXPECT_EQ(RestoreWrite(ReadWriteMultipleRegisters(0, 5, 20, {1, 2, 3}),
                         Answer(ReadRegistersResponse(3, {7, 8, 9}))),
            WriteMultipleRegisters(20, {7, 8, 9}));
}

TEST(ModbusRestore, AnswersWithoutTheWholeSpanRestoreNothing) {
  const Request write = WriteMultipleRegisters(10, {1, 2});
  // Past the device's table: it refuses the read (and the write).
  EXPECT_EQ(
      RestoreWrite(write, Answer(ExceptionResponse(
                              3, ExceptionCode::kIllegalDataAddress))),
      std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer(ReadRegistersResponse(3, {1}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer(ReadRegistersResponse(4, {1, 2}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer(ReadBitsResponse(1, {true}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(WriteMultipleCoils(0, std::vector<bool>(9)),
                         Answer(ReadBitsResponse(1, {true}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Bytes{}), std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Bytes{0, 1, 0, 0, 0, 200, 1, 3, 4}),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(ReadHoldingRegisters(10, 2),
                         Answer(ReadRegistersResponse(3, {1, 2}))),
            std::nullopt);
}

}  // namespace
}  // namespace protolm::modbus

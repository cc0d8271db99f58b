// Restoring Modbus writes: which span a write changes, the read before it,
// and the write that puts back what that read showed (single writes stay
// single); refused, unreadable and hostile answers restore nothing.
#include "probe/modbus_restore.h"

#include <gtest/gtest.h>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"

namespace protolm::probe {
namespace {

namespace mb = modbus;

Bytes Answer(const mb::Response& r) {
  return mb::BuildResponseAdu(7, 1, r).value();
}

TEST(ModbusRestore, ReadsTheSpanEachWriteChanges) {
  EXPECT_EQ(ReadBefore(mb::WriteSingleCoil(9, true)), mb::ReadCoils(9, 1));
  EXPECT_EQ(ReadBefore(mb::WriteSingleRegister(4, 1)),
            mb::ReadHoldingRegisters(4, 1));
  EXPECT_EQ(ReadBefore(mb::WriteMultipleCoils(3, {true, false, true})),
            mb::ReadCoils(3, 3));
  EXPECT_EQ(ReadBefore(mb::WriteMultipleRegisters(10, {1, 2})),
            mb::ReadHoldingRegisters(10, 2));
  EXPECT_EQ(ReadBefore(mb::MaskWriteRegister(6, 0xFF00, 0x0012)),
            mb::ReadHoldingRegisters(6, 1));
  EXPECT_EQ(ReadBefore(mb::ReadWriteMultipleRegisters(0, 5, 20, {1, 2, 3})),
            mb::ReadHoldingRegisters(20, 3));
  // Reads, requests without tables and writes the specification refuses.
  EXPECT_EQ(ReadBefore(mb::ReadCoils(0, 8)), std::nullopt);
  EXPECT_EQ(ReadBefore(mb::ReportServerId()), std::nullopt);
  EXPECT_EQ(ReadBefore(mb::WriteMultipleCoils(0, std::vector<bool>(1969))),
            std::nullopt);
  EXPECT_EQ(ReadBefore(mb::Request{mb::fc::kWriteSingleCoil,
                                   mb::SingleWrite{0, 0x1234}}),
            std::nullopt);
}

TEST(ModbusRestore, WritesBackWhatTheReadShowed) {
  EXPECT_EQ(RestoreWrite(mb::WriteMultipleCoils(3, {true, true, true}),
                         Answer(mb::ReadBitsResponse(1, {false, true, false}))),
            mb::WriteMultipleCoils(3, {false, true, false}));
  EXPECT_EQ(RestoreWrite(mb::WriteSingleCoil(9, true),
                         Answer(mb::ReadBitsResponse(1, {false}))),
            mb::WriteSingleCoil(9, false));
  EXPECT_EQ(RestoreWrite(mb::WriteMultipleRegisters(10, {1, 2}),
                         Answer(mb::ReadRegistersResponse(3, {750, 881}))),
            mb::WriteMultipleRegisters(10, {750, 881}));
  EXPECT_EQ(RestoreWrite(mb::MaskWriteRegister(6, 0xFF00, 0x0012),
                         Answer(mb::ReadRegistersResponse(3, {42}))),
            mb::WriteSingleRegister(6, 42));
  EXPECT_EQ(RestoreWrite(mb::ReadWriteMultipleRegisters(0, 5, 20, {1, 2, 3}),
                         Answer(mb::ReadRegistersResponse(3, {7, 8, 9}))),
            mb::WriteMultipleRegisters(20, {7, 8, 9}));
}

TEST(ModbusRestore, AnswersWithoutTheWholeSpanRestoreNothing) {
  const mb::Request write = mb::WriteMultipleRegisters(10, {1, 2});
  // Past the device's table: it refuses the read (and the write).
  EXPECT_EQ(
      RestoreWrite(write, Answer(mb::ExceptionResponse(
                              3, mb::ExceptionCode::kIllegalDataAddress))),
      std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer(mb::ReadRegistersResponse(3, {1}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer(mb::ReadRegistersResponse(4, {1, 2}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer(mb::ReadBitsResponse(1, {true}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(mb::WriteMultipleCoils(0, std::vector<bool>(9)),
                         Answer(mb::ReadBitsResponse(1, {true}))),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Bytes{}), std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Bytes{0, 1, 0, 0, 0, 200, 1, 3, 4}),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(mb::ReadHoldingRegisters(10, 2),
                         Answer(mb::ReadRegistersResponse(3, {1, 2}))),
            std::nullopt);
}

}  // namespace
}  // namespace protolm::probe

// The Modbus memory image returns what was written: coils and holding
// registers; unknown addresses, exceptions, inputs and other responses stay as
// the model produced them.
#include "proto/modbus/modbus_memory_image.h"

#include <gtest/gtest.h>

#include "proto/modbus/builders.h"

namespace protolm::modbus {
namespace {

namespace mb = modbus;
constexpr auto kHolding = ModbusTable::kHoldingRegisters;

Bytes Req(const mb::Request& r, uint16_t t = 1) {
  return mb::BuildRequestAdu(t, 1, r).value();
}
Bytes Resp(const mb::Response& r, uint16_t t = 1) {
  return mb::BuildResponseAdu(t, 1, r).value();
}

TEST(ModbusMemoryImage, WriteThenReadReturnsTheWrittenRegisters) {
  ModbusMemoryImage image;
  Bytes write = Req(mb::WriteMultipleRegisters(10, {111, 222}));
  image.Observe(mb::ModbusRequest(write),
                Resp(mb::WriteMultipleResponse(16, 10, 2)));
  image.Observe(mb::ModbusRequest(Req(mb::WriteSingleRegister(13, 444))),
                Resp(mb::WriteSingleResponse(6, 13, 444)));
  Bytes read = Req(mb::ReadHoldingRegisters(9, 5), 2);
  Bytes model = Resp(mb::ReadRegistersResponse(3, {7, 8, 9, 10, 11}), 2);
  EXPECT_EQ(image.Apply(mb::ModbusRequest(read), model),
            Resp(mb::ReadRegistersResponse(3, {7, 111, 222, 10, 444}), 2));
}

TEST(ModbusMemoryImage, CoilsAndMaskWrite) {
  ModbusMemoryImage image;
  image.Observe(
      mb::ModbusRequest(Req(mb::WriteMultipleCoils(3, {true, false, true}))),
      Resp(mb::WriteMultipleResponse(15, 3, 3)));
  image.Observe(mb::ModbusRequest(Req(mb::WriteSingleCoil(8, true))),
                Resp(mb::WriteSingleResponse(5, 8, 0xFF00)));
  Bytes read = Req(mb::ReadCoils(0, 10));
  Bytes model = Resp(mb::ReadBitsResponse(1, std::vector<bool>(10, false)));
  EXPECT_EQ(image.Apply(mb::ModbusRequest(read), model),
            Resp(mb::ReadBitsResponse(1, {false, false, false, true, false,
                                          true, false, false, true, false})));
  // Mask write: known after a write, or when the and mask keeps nothing.
  image.Observe(mb::ModbusRequest(Req(mb::WriteSingleRegister(4, 0x0012))),
                Resp(mb::WriteSingleResponse(6, 4, 0x0012)));
  image.Observe(
      mb::ModbusRequest(Req(mb::MaskWriteRegister(4, 0x00F2, 0x0025))),
      Resp(mb::MaskWriteRegisterResponse(4, 0x00F2, 0x0025)));
  image.Observe(
      mb::ModbusRequest(Req(mb::MaskWriteRegister(5, 0xFFFF, 0x0001))),
      Resp(mb::MaskWriteRegisterResponse(5, 0xFFFF, 0x0001)));
  EXPECT_EQ(image.Value(kHolding, 4), 0x0017);  // spec example
  EXPECT_EQ(image.Value(kHolding, 5), std::nullopt);
}

TEST(ModbusMemoryImage, ExceptionsAndInputsAreLeftAlone) {
  ModbusMemoryImage image;
  // A write answered with an exception teaches nothing.
  image.Observe(
      mb::ModbusRequest(Req(mb::WriteSingleRegister(1, 5))),
      Resp(mb::ExceptionResponse(6, mb::ExceptionCode::kIllegalDataAddress)));
  EXPECT_EQ(image.Known(kHolding).size(), 0u);
  image.Observe(mb::ModbusRequest(Req(mb::WriteSingleRegister(0, 5))),
                Resp(mb::WriteSingleResponse(6, 0, 5)));
  Bytes read = Req(mb::ReadHoldingRegisters(0, 1));
  Bytes exception =
      Resp(mb::ExceptionResponse(3, mb::ExceptionCode::kIllegalDataAddress));
  EXPECT_EQ(image.Apply(mb::ModbusRequest(read), exception), exception);
  // Input registers share addresses with holding registers but not values.
  Bytes input = Req(mb::ReadInputRegisters(0, 1));
  Bytes model = Resp(mb::ReadRegistersResponse(4, {99}));
  EXPECT_EQ(image.Apply(mb::ModbusRequest(input), model), model);
  // Read/write registers reads what it writes first.
  Bytes rw = Req(mb::ReadWriteMultipleRegisters(0, 2, 1, {77}));
  EXPECT_EQ(image.Apply(mb::ModbusRequest(rw),
                        Resp(mb::ReadRegistersResponse(23, {1, 2}))),
            Resp(mb::ReadRegistersResponse(23, {5, 77})));
}

TEST(ModbusMemoryImage, ReadsTeachValues) {
  ModbusMemoryImage image;
  image.Observe(mb::ModbusRequest(Req(mb::ReadHoldingRegisters(100, 2))),
                Resp(mb::ReadRegistersResponse(3, {0xAAAA, 0xBBBB})));
  EXPECT_EQ(image.Value(kHolding, 101), 0xBBBB);
}

}  // namespace
}  // namespace protolm::modbus

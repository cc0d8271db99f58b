// The state overlay returns what was written: Modbus coils and holding
// registers, S7 bytes and bits; unknown addresses, exceptions and other
// responses stay as the model produced them; hostile input is harmless.
#include "emu/state_overlay.h"

#include <gtest/gtest.h>

#include <random>

#include "proto/modbus/builders.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::emu {
namespace {

namespace mb = modbus;
constexpr auto kHolding = metrics::ModbusTable::kHoldingRegisters;

Bytes Req(const mb::Request& r, uint16_t t = 1) {
  return mb::BuildRequestAdu(t, 1, r).value();
}
Bytes Resp(const mb::Response& r, uint16_t t = 1) {
  return mb::BuildResponseAdu(t, 1, r).value();
}

TEST(StateOverlay, ModbusWriteThenReadReturnsTheWrittenRegisters) {
  StateOverlay overlay("modbus");
  Bytes write = Req(mb::WriteMultipleRegisters(10, {111, 222}));
  overlay.Observe(write, Resp(mb::WriteMultipleResponse(16, 10, 2)));
  overlay.Observe(Req(mb::WriteSingleRegister(13, 444)),
                  Resp(mb::WriteSingleResponse(6, 13, 444)));
  Bytes read = Req(mb::ReadHoldingRegisters(9, 5), 2);
  Bytes model = Resp(mb::ReadRegistersResponse(3, {7, 8, 9, 10, 11}), 2);
  EXPECT_EQ(overlay.Apply(read, model),
            Resp(mb::ReadRegistersResponse(3, {7, 111, 222, 10, 444}), 2));
}

TEST(StateOverlay, ModbusCoilsAndMaskWrite) {
  StateOverlay overlay("modbus");
  overlay.Observe(Req(mb::WriteMultipleCoils(3, {true, false, true})),
                  Resp(mb::WriteMultipleResponse(15, 3, 3)));
  overlay.Observe(Req(mb::WriteSingleCoil(8, true)),
                  Resp(mb::WriteSingleResponse(5, 8, 0xFF00)));
  Bytes read = Req(mb::ReadCoils(0, 10));
  Bytes model = Resp(mb::ReadBitsResponse(1, std::vector<bool>(10, false)));
  EXPECT_EQ(overlay.Apply(read, model),
            Resp(mb::ReadBitsResponse(1, {false, false, false, true, false,
                                          true, false, false, true, false})));
  // Mask write: known after a write, or when the and mask keeps nothing.
  overlay.Observe(Req(mb::WriteSingleRegister(4, 0x0012)),
                  Resp(mb::WriteSingleResponse(6, 4, 0x0012)));
  overlay.Observe(Req(mb::MaskWriteRegister(4, 0x00F2, 0x0025)),
                  Resp(mb::MaskWriteRegisterResponse(4, 0x00F2, 0x0025)));
  overlay.Observe(Req(mb::MaskWriteRegister(5, 0xFFFF, 0x0001)),
                  Resp(mb::MaskWriteRegisterResponse(5, 0xFFFF, 0x0001)));
  EXPECT_EQ(overlay.modbus().Value(kHolding, 4), 0x0017);  // spec example
  EXPECT_EQ(overlay.modbus().Value(kHolding, 5), std::nullopt);
}

TEST(StateOverlay, ModbusExceptionsAndInputsAreLeftAlone) {
  StateOverlay overlay("modbus");
  // A write answered with an exception teaches nothing.
  overlay.Observe(
      Req(mb::WriteSingleRegister(1, 5)),
      Resp(mb::ExceptionResponse(6, mb::ExceptionCode::kIllegalDataAddress)));
  EXPECT_EQ(overlay.modbus().Known(kHolding).size(), 0u);
  overlay.Observe(Req(mb::WriteSingleRegister(0, 5)),
                  Resp(mb::WriteSingleResponse(6, 0, 5)));
  Bytes read = Req(mb::ReadHoldingRegisters(0, 1));
  Bytes exception =
      Resp(mb::ExceptionResponse(3, mb::ExceptionCode::kIllegalDataAddress));
  EXPECT_EQ(overlay.Apply(read, exception), exception);
  // Input registers share addresses with holding registers but not values.
  Bytes input = Req(mb::ReadInputRegisters(0, 1));
  Bytes model = Resp(mb::ReadRegistersResponse(4, {99}));
  EXPECT_EQ(overlay.Apply(input, model), model);
  // Read/write registers reads what it writes first.
  Bytes rw = Req(mb::ReadWriteMultipleRegisters(0, 2, 1, {77}));
  EXPECT_EQ(overlay.Apply(rw, Resp(mb::ReadRegistersResponse(23, {1, 2}))),
            Resp(mb::ReadRegistersResponse(23, {5, 77})));
}

TEST(StateOverlay, ModbusReadsTeachValues) {
  StateOverlay overlay("modbus");
  overlay.Observe(Req(mb::ReadHoldingRegisters(100, 2)),
                  Resp(mb::ReadRegistersResponse(3, {0xAAAA, 0xBBBB})));
  EXPECT_EQ(overlay.modbus().Value(kHolding, 101), 0xBBBB);
}

using s7comm::AnyPointer;
using s7comm::Area;
using s7comm::ItemType;

Bytes S7(const s7comm::S7Pdu& pdu) { return s7comm::FrameS7Pdu(pdu).value(); }

TEST(StateOverlay, S7WriteThenReadReturnsTheWrittenBytesAndBits) {
  StateOverlay overlay("s7comm");
  AnyPointer db_bytes{ItemType::kByte, 2, 5, Area::kDataBlock, 10, 0};
  AnyPointer q_bit{ItemType::kBit, 1, 0, Area::kOutputs, 1, 3};
  overlay.Observe(S7(s7comm::WriteVarJob(
                      1, {db_bytes, q_bit},
                      {s7comm::ByteData({0x12, 0x34}), s7comm::BitData(true)})),
                  S7(s7comm::WriteVarAckData(1, {0xff, 0xff})));
  AnyPointer db_read{ItemType::kByte, 4, 5, Area::kDataBlock, 9, 0};
  AnyPointer other_db{ItemType::kByte, 2, 6, Area::kDataBlock, 10, 0};
  Bytes read = S7(s7comm::ReadVarJob(2, {db_read, q_bit, other_db}));
  Bytes model = S7(s7comm::ReadVarAckData(
      2, {s7comm::ByteData({1, 2, 3, 4}), s7comm::BitData(false),
          s7comm::ByteData({5, 6})}));
  EXPECT_EQ(overlay.Apply(read, model),
            S7(s7comm::ReadVarAckData(
                2, {s7comm::ByteData({1, 0x12, 0x34, 4}), s7comm::BitData(true),
                    s7comm::ByteData({5, 6})})));
  // The rest of the byte the bit lives in stays unknown.
  EXPECT_EQ(overlay.s7().Byte(Area::kOutputs, 0, 1), std::nullopt);
  // A failed item keeps its failure.
  Bytes failed = S7(s7comm::ReadVarAckData(
      2, {s7comm::ErrorData(s7comm::ReturnCode::kAddressOutOfRange),
          s7comm::BitData(false), s7comm::ByteData({5, 6})}));
  EXPECT_EQ(overlay.Apply(read, failed),
            S7(s7comm::ReadVarAckData(
                2, {s7comm::ErrorData(s7comm::ReturnCode::kAddressOutOfRange),
                    s7comm::BitData(true), s7comm::ByteData({5, 6})})));
}

TEST(StateOverlay, S7FailedWritesTeachNothing) {
  StateOverlay overlay("s7comm");
  AnyPointer m{ItemType::kByte, 1, 0, Area::kFlags, 0, 0};
  overlay.Observe(S7(s7comm::WriteVarJob(1, {m}, {s7comm::ByteData({9})})),
                  S7(s7comm::WriteVarAckData(1, {0x05})));
  EXPECT_EQ(overlay.s7().pages(), 0u);
  overlay.Observe(S7(s7comm::WriteVarJob(1, {m}, {s7comm::ByteData({9})})),
                  S7(s7comm::WriteVarAckData(1, {0xff})));
  EXPECT_EQ(overlay.s7().Byte(Area::kFlags, 0, 0), 9);
}

TEST(StateOverlay, HostileExchangesAreHarmlessAndBounded) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> byte(0, 255);
  for (const char* protocol : {"modbus", "s7comm", "other"}) {
    StateOverlay overlay(protocol);
    for (int i = 0; i < 3000; ++i) {
      Bytes a(std::uniform_int_distribution<size_t>(0, 60)(rng));
      Bytes b(std::uniform_int_distribution<size_t>(0, 60)(rng));
      for (auto& x : a) x = static_cast<uint8_t>(byte(rng));
      for (auto& x : b) x = static_cast<uint8_t>(byte(rng));
      overlay.Observe(a, b);
      EXPECT_EQ(overlay.Apply(a, b), b);  // garbage never pairs
    }
  }
  // Writes all over the S7 address space stay within the page bound.
  StateOverlay overlay("s7comm");
  for (uint32_t i = 0; i < kMaxS7ImagePages + 50; ++i) {
    AnyPointer item{
        ItemType::kByte,   1, static_cast<uint16_t>(i % 1000), Area::kDataBlock,
        (i / 1000) * 4096, 0};
    overlay.Observe(S7(s7comm::WriteVarJob(1, {item}, {s7comm::ByteData({1})})),
                    S7(s7comm::WriteVarAckData(1, {0xff})));
  }
  EXPECT_EQ(overlay.s7().pages(), kMaxS7ImagePages);
}

}  // namespace
}  // namespace protolm::emu

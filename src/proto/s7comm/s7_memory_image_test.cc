// The S7 memory image returns what was written: bytes and bits of data
// blocks, merkers, inputs and outputs; failed items keep their failure;
// memory stays within its page bound.
#include "proto/s7comm/s7_memory_image.h"

#include <gtest/gtest.h>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7_request.h"

namespace protolm::s7comm {
namespace {

Bytes S7(const S7Pdu& pdu) { return FrameS7Pdu(pdu).value(); }

TEST(S7MemoryImage, WriteThenReadReturnsTheWrittenBytesAndBits) {
  S7MemoryImage image;
  AnyPointer db_bytes{ItemType::kByte, 2, 5, Area::kDataBlock, 10, 0};
  AnyPointer q_bit{ItemType::kBit, 1, 0, Area::kOutputs, 1, 3};
  image.Observe(
      S7Request(S7(WriteVarJob(1, {db_bytes, q_bit},
                               {ByteData({0x12, 0x34}), BitData(true)}))),
      S7(WriteVarAckData(1, {0xff, 0xff})));
  AnyPointer db_read{ItemType::kByte, 4, 5, Area::kDataBlock, 9, 0};
  AnyPointer other_db{ItemType::kByte, 2, 6, Area::kDataBlock, 10, 0};
  Bytes read = S7(ReadVarJob(2, {db_read, q_bit, other_db}));
  Bytes model = S7(ReadVarAckData(
      2, {ByteData({1, 2, 3, 4}), BitData(false), ByteData({5, 6})}));
  EXPECT_EQ(image.Apply(S7Request(read), model),
            S7(ReadVarAckData(2, {ByteData({1, 0x12, 0x34, 4}), BitData(true),
                                  ByteData({5, 6})})));
  // The rest of the byte the bit lives in stays unknown.
  EXPECT_EQ(image.Byte(Area::kOutputs, 0, 1), std::nullopt);
  // A failed item keeps its failure.
  Bytes failed =
      S7(ReadVarAckData(2, {ErrorData(ReturnCode::kAddressOutOfRange),
                            BitData(false), ByteData({5, 6})}));
  EXPECT_EQ(image.Apply(S7Request(read), failed),
            S7(ReadVarAckData(2, {ErrorData(ReturnCode::kAddressOutOfRange),
                                  BitData(true), ByteData({5, 6})})));
}

TEST(S7MemoryImage, FailedWritesTeachNothing) {
  S7MemoryImage image;
  AnyPointer m{ItemType::kByte, 1, 0, Area::kFlags, 0, 0};
  image.Observe(S7Request(S7(WriteVarJob(1, {m}, {ByteData({9})}))),
                S7(WriteVarAckData(1, {0x05})));
  EXPECT_EQ(image.pages(), 0u);
  image.Observe(S7Request(S7(WriteVarJob(1, {m}, {ByteData({9})}))),
                S7(WriteVarAckData(1, {0xff})));
  EXPECT_EQ(image.Byte(Area::kFlags, 0, 0), 9);
}

TEST(S7MemoryImage, WritesAllOverTheAddressSpaceStayWithinThePageBound) {
  S7MemoryImage image;
  for (uint32_t i = 0; i < kMaxS7ImagePages + 50; ++i) {
    AnyPointer item{
        ItemType::kByte,   1, static_cast<uint16_t>(i % 1000), Area::kDataBlock,
        (i / 1000) * 4096, 0};
    image.Observe(S7Request(S7(WriteVarJob(1, {item}, {ByteData({1})}))),
                  S7(WriteVarAckData(1, {0xff})));
  }
  EXPECT_EQ(image.pages(), kMaxS7ImagePages);
}

}  // namespace
}  // namespace protolm::s7comm

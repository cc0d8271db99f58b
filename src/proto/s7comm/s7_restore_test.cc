// Restoring S7 writes: the read var job before a write var job of one item,
// and the write of what that read showed (bytes, words, bits); answers that
// refuse the item, hold the wrong length or do not decode restore nothing.
#include "proto/s7comm/s7_restore.h"

#include <gtest/gtest.h>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::s7comm {
namespace {

AnyPointer Item(ItemType type, uint16_t length, uint8_t bit = 0) {
  return AnyPointer{type, length, 2, Area::kDataBlock, 16, bit};
}

Bytes Answer(std::vector<DataItem> items) {
  return FrameS7Pdu(ReadVarAckData(5, std::move(items))).value();
}

TEST(S7Restore, ReadsTheItemAWriteChanges) {
  const AnyPointer bytes = Item(ItemType::kByte, 3);
  EXPECT_EQ(ReadBefore(WriteVarJob(0, {bytes}, {ByteData({1, 2, 3})})),
            ReadVarJob(0, {bytes}));
  EXPECT_EQ(ReadBefore(ReadVarJob(0, {bytes})), std::nullopt);
  EXPECT_EQ(ReadBefore(SzlReadRequest(0, 0x0011, 0)), std::nullopt);
  EXPECT_EQ(ReadBefore(WriteVarJob(0, {bytes, bytes},
                                   {ByteData({1, 2, 3}), ByteData({4, 5, 6})})),
            std::nullopt);
}

TEST(S7Restore, WritesBackWhatTheReadShowed) {
  const AnyPointer bytes = Item(ItemType::kByte, 3);
  EXPECT_EQ(RestoreWrite(WriteVarJob(0, {bytes}, {ByteData({1, 2, 3})}),
                         Answer({ByteData({9, 8, 7})})),
            WriteVarJob(0, {bytes}, {ByteData({9, 8, 7})}));
  const AnyPointer words = Item(ItemType::kWord, 2);
  EXPECT_EQ(RestoreWrite(WriteVarJob(0, {words}, {ByteData({1, 2, 3, 4})}),
                         Answer({ByteData({0, 0, 0xab, 0xcd})})),
            WriteVarJob(0, {words}, {ByteData({0, 0, 0xab, 0xcd})}));
  const AnyPointer bit = Item(ItemType::kBit, 1, 5);
  EXPECT_EQ(RestoreWrite(WriteVarJob(0, {bit}, {BitData(true)}),
                         Answer({BitData(false)})),
            WriteVarJob(0, {bit}, {BitData(false)}));
}

TEST(S7Restore, AnswersWithoutTheWholeItemRestoreNothing) {
  const AnyPointer bytes = Item(ItemType::kByte, 3);
  const S7Pdu write = WriteVarJob(0, {bytes}, {ByteData({1, 2, 3})});
  EXPECT_EQ(
      RestoreWrite(write, Answer({ErrorData(ReturnCode::kAddressOutOfRange)})),
      std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer({ByteData({9, 8})})), std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Answer({ByteData({9, 8, 7}), ByteData({1})})),
            std::nullopt);
  EXPECT_EQ(
      RestoreWrite(write, FrameS7Pdu(ErrorAckData(5, 0x81, 0x04)).value()),
      std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Bytes{3, 0, 0, 7, 2, 0xf0, 0x80}),
            std::nullopt);
  EXPECT_EQ(RestoreWrite(write, Bytes{}), std::nullopt);
}

}  // namespace
}  // namespace protolm::s7comm

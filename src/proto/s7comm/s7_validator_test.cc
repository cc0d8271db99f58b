// The S7 validator accepts genuine PLC answers and rejects answers with
// wrong lengths, item counts, references and echoes.
#include "proto/s7comm/s7_validator.h"

#include <gtest/gtest.h>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT

Bytes Wire(const S7Pdu& pdu) { return FrameS7Pdu(pdu).value(); }

AnyPointer Db(uint16_t db, uint32_t offset, uint16_t length,
              ItemType type = ItemType::kByte) {
  AnyPointer p;
  p.type = type;
  p.length = length;
  p.db = db;
  p.area = Area::kDataBlock;
  p.byte_offset = offset;
  return p;
}

TEST(S7Validator, ReadVarItemsMustMatchTheRequest) {
  Bytes req = Wire(ReadVarJob(5, {Db(1, 10, 4), Db(1, 0, 1, ItemType::kWord)}));
  EXPECT_TRUE(ValidateS7Response(
                  req, Wire(ReadVarAckData(
                           5, {ByteData({1, 2, 3, 4}), ByteData({0, 9})})))
                  .ok());
  EXPECT_TRUE(ValidateS7Response(
                  req, Wire(ReadVarAckData(
                           5, {ByteData({1, 2, 3, 4}),
                               ErrorData(ReturnCode::kAddressOutOfRange)})))
                  .ok());
  Status fewer = ValidateS7Response(
      req, Wire(ReadVarAckData(5, {ByteData({1, 2, 3, 4})})));
  EXPECT_FALSE(fewer.ok());
  EXPECT_NE(fewer.message().find("items"), std::string::npos);
  EXPECT_FALSE(
      ValidateS7Response(
          req, Wire(ReadVarAckData(5, {ByteData({1, 2, 3}), ByteData({0, 9})})))
          .ok());
  EXPECT_FALSE(ValidateS7Response(
                   req, Wire(ReadVarAckData(
                            6, {ByteData({1, 2, 3, 4}), ByteData({0, 9})})))
                   .ok());
}

TEST(S7Validator, BitReadsAnswerWithBitItems) {
  AnyPointer bit = Db(1, 3, 1, ItemType::kBit);
  bit.bit_offset = 5;
  Bytes req = Wire(ReadVarJob(1, {bit}));
  EXPECT_TRUE(
      ValidateS7Response(req, Wire(ReadVarAckData(1, {BitData(true)}))).ok());
  EXPECT_FALSE(
      ValidateS7Response(req, Wire(ReadVarAckData(1, {ByteData({1})}))).ok());
}

TEST(S7Validator, WriteVarReturnsOneCodePerItem) {
  Bytes req = Wire(WriteVarJob(2, {Db(1, 0, 2)}, {ByteData({1, 2})}));
  EXPECT_TRUE(ValidateS7Response(req, Wire(WriteVarAckData(2, {0xff}))).ok());
  EXPECT_FALSE(
      ValidateS7Response(req, Wire(WriteVarAckData(2, {0xff, 0xff}))).ok());
  EXPECT_FALSE(ValidateS7Response(req, Wire(WriteVarAckData(2, {0x42}))).ok());
}

TEST(S7Validator, SetupCommunicationNegotiatesDown) {
  Bytes req = Wire(SetupCommunicationJob(0, 1, 1, 480));
  EXPECT_TRUE(
      ValidateS7Response(req, Wire(SetupCommunicationAckData(0, 1, 1, 240)))
          .ok());
  EXPECT_FALSE(
      ValidateS7Response(req, Wire(SetupCommunicationAckData(0, 1, 1, 960)))
          .ok());
}

TEST(S7Validator, SzlReadEchoesIdAndIndex) {
  Bytes req = Wire(SzlReadRequest(3, 0x0011, 0x0000));
  Bytes record(28, 0x20);
  EXPECT_TRUE(ValidateS7Response(req, Wire(SzlReadResponse(3, 1, 0x0011, 0x0000,
                                                           28, {record})))
                  .ok());
  EXPECT_FALSE(ValidateS7Response(req, Wire(SzlReadResponse(
                                           3, 1, 0x001c, 0x0000, 28, {record})))
                   .ok());
  EXPECT_TRUE(ValidateS7Response(req, Wire(SzlReadError(3, 1, 0xd401))).ok());
  EXPECT_FALSE(ValidateS7Response(req, Wire(SzlReadError(3, 1, 0))).ok());
}

TEST(S7Validator, ErrorAckDataIsAnAnswer) {
  Bytes req = Wire(ReadVarJob(9, {Db(1, 0, 1)}));
  EXPECT_TRUE(ValidateS7Response(req, Wire(ErrorAckData(9, 0x85, 0x00))).ok());
}

TEST(S7Validator, RejectsWrongTpktLength) {
  Bytes req = Wire(ReadVarJob(5, {Db(1, 0, 1)}));
  Bytes resp = Wire(ReadVarAckData(5, {ByteData({7})}));
  resp[3] += 1;
  EXPECT_FALSE(ValidateS7Response(req, resp).ok());
  EXPECT_FALSE(ValidateS7Response(req, {}).ok());
}

TEST(S7Validator, ConnectConfirmAnswersItsRequest) {
  Bytes cr =
      FrameTpdu(CotpConnectRequest(0x0001, 0x0100, 0x0102, 0x0a)).value();
  Bytes cc = FrameTpdu(CotpConnectConfirm(0x0001, 0x4431, 0x0100, 0x0102, 0x0a))
                 .value();
  EXPECT_TRUE(ValidateS7Response(cr, cc).ok());
  Bytes wrong =
      FrameTpdu(CotpConnectConfirm(0x0002, 0x4431, 0x0100, 0x0102, 0x0a))
          .value();
  EXPECT_FALSE(ValidateS7Response(cr, wrong).ok());
}

TEST(S7Validator, WithTheDeviceAreasChecksTheReturnCodeDue) {
  S7Rules rules;
  rules.device_known = true;
  rules.areas = {{Area::kDataBlock, 1, 16}, {Area::kFlags, 0, 8}};
  Bytes inside = Wire(ReadVarJob(1, {Db(1, 12, 4)}));
  Bytes past_end = Wire(ReadVarJob(1, {Db(1, 13, 4)}));
  Bytes missing_db = Wire(ReadVarJob(1, {Db(7, 0, 1)}));
  Bytes ok = Wire(ReadVarAckData(1, {ByteData({1, 2, 3, 4})}));
  Bytes out_of_range =
      Wire(ReadVarAckData(1, {ErrorData(ReturnCode::kAddressOutOfRange)}));
  Bytes no_object =
      Wire(ReadVarAckData(1, {ErrorData(ReturnCode::kObjectDoesNotExist)}));
  EXPECT_TRUE(ValidateS7Response(inside, ok, rules).ok());
  EXPECT_FALSE(ValidateS7Response(inside, out_of_range, rules).ok());
  EXPECT_TRUE(ValidateS7Response(past_end, out_of_range, rules).ok());
  Status wrong = ValidateS7Response(past_end, no_object, rules);
  EXPECT_FALSE(wrong.ok());
  EXPECT_NE(wrong.message().find("was due"), std::string::npos);
  EXPECT_TRUE(ValidateS7Response(missing_db, no_object, rules).ok());
  // Without the areas, any known code passes.
  EXPECT_TRUE(ValidateS7Response(inside, out_of_range).ok());

  Bytes write_past = Wire(WriteVarJob(2, {Db(1, 15, 2)}, {ByteData({1, 2})}));
  EXPECT_TRUE(
      ValidateS7Response(write_past, Wire(WriteVarAckData(2, {0x05})), rules)
          .ok());
  EXPECT_FALSE(
      ValidateS7Response(write_past, Wire(WriteVarAckData(2, {0xff})), rules)
          .ok());
}

}  // namespace
}  // namespace protolm::s7comm

// The Modbus validator accepts genuine answers and rejects the broken ones
// LLMPot's validator let through: wrong response length fields, wrong byte
// counts, exceptions where none was due, wrong exception codes, wrong
// transaction ids.
#include "proto/modbus/modbus_validator.h"

#include <gtest/gtest.h>

#include "proto/modbus/builders.h"

namespace protolm::modbus {
namespace {

using modbus::ExceptionCode;

ModbusRules DeviceRules() {
  ModbusRules rules;
  rules.device_known = true;
  rules.supported_functions = {1, 2, 3, 4, 5, 6, 15, 16, 17, 43};
  rules.coils = {0, 64};
  rules.discrete_inputs = {0, 64};
  rules.holding_registers = {0, 100};
  rules.input_registers = {0, 100};
  rules.unit_ids = {1};
  rules.unknown_unit = UnknownUnitPolicy::kIgnore;
  rules.device_id_objects = {0, 1, 2};
  return rules;
}

Bytes Req(const modbus::Request& r, uint16_t tid = 7, uint8_t unit = 1) {
  return modbus::BuildRequestAdu(tid, unit, r).value();
}
Bytes Resp(const modbus::Response& r, uint16_t tid = 7, uint8_t unit = 1) {
  return modbus::BuildResponseAdu(tid, unit, r).value();
}

Status Check(const Bytes& req, const Bytes& resp) {
  return ValidateModbusResponse(req, resp, DeviceRules());
}

TEST(ModbusValidator, GenuineReadPasses) {
  Bytes req = Req(modbus::ReadHoldingRegisters(10, 3));
  EXPECT_TRUE(
      Check(req, Resp(modbus::ReadRegistersResponse(3, {1, 2, 3}))).ok());
  Bytes coils = Req(modbus::ReadCoils(0, 10));
  EXPECT_TRUE(Check(coils, Resp(modbus::ReadBitsResponse(
                               1, std::vector<bool>(10, true))))
                  .ok());
}

TEST(ModbusValidator, RejectsWrongTransactionId) {
  Bytes req = Req(modbus::ReadHoldingRegisters(10, 1));
  Status s = Check(req, Resp(modbus::ReadRegistersResponse(3, {1}), 8));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("transaction id"), std::string::npos)
      << s.message();
}

TEST(ModbusValidator, RejectsWrongResponseLengthField) {
  Bytes req = Req(modbus::ReadHoldingRegisters(10, 1));
  Bytes resp = Resp(modbus::ReadRegistersResponse(3, {1}));
  resp[5] += 1;  // MBAP length one more than the bytes that follow
  EXPECT_FALSE(Check(req, resp).ok());
  resp[5] -= 2;
  EXPECT_FALSE(Check(req, resp).ok());
}

TEST(ModbusValidator, RejectsLengthFieldCopiedFromTheRequest) {
  // LLMPot compared the request's length field; a 3-register answer to a
  // request of the same length must still carry its own length.
  Bytes req = Req(modbus::ReadHoldingRegisters(10, 3));
  Bytes resp = Resp(modbus::ReadRegistersResponse(3, {1, 2, 3}));
  resp[4] = req[4];
  resp[5] = req[5];
  EXPECT_FALSE(Check(req, resp).ok());
}

TEST(ModbusValidator, RejectsWrongByteCount) {
  Bytes req = Req(modbus::ReadHoldingRegisters(10, 3));
  // Consistent in itself, but two registers for a request of three.
  Status fewer = Check(req, Resp(modbus::ReadRegistersResponse(3, {1, 2})));
  EXPECT_FALSE(fewer.ok());
  EXPECT_NE(fewer.message().find("register count"), std::string::npos);
  // Byte count field disagreeing with the data that follows.
  Bytes resp = Resp(modbus::ReadRegistersResponse(3, {1, 2, 3}));
  resp[8] = 4;
  EXPECT_FALSE(Check(req, resp).ok());
  // Coils: one byte for 10 coils.
  Bytes coils = Req(modbus::ReadCoils(0, 10));
  EXPECT_FALSE(Check(coils, Resp(modbus::ReadBitsResponse(
                                1, std::vector<bool>(8, true))))
                   .ok());
}

TEST(ModbusValidator, RejectsNonZeroPaddingBits) {
  Bytes req = Req(modbus::ReadCoils(0, 3));
  Bytes resp = Resp(modbus::ReadBitsResponse(1, {true, false, true}));
  resp.back() |= 0x80;
  EXPECT_FALSE(Check(req, resp).ok());
}

TEST(ModbusValidator, RejectsExceptionWhereNoneWasDue) {
  Bytes req = Req(modbus::ReadHoldingRegisters(10, 3));
  Status s = Check(req, Resp(modbus::ExceptionResponse(
                            3, ExceptionCode::kIllegalDataAddress)));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("where none was due"), std::string::npos);
}

TEST(ModbusValidator, ChecksTheExceptionCodeThatIsDue) {
  Bytes out_of_table = Req(modbus::ReadHoldingRegisters(99, 2));
  EXPECT_TRUE(Check(out_of_table, Resp(modbus::ExceptionResponse(
                                      3, ExceptionCode::kIllegalDataAddress)))
                  .ok());
  Status wrong = Check(out_of_table, Resp(modbus::ExceptionResponse(
                                         3, ExceptionCode::kIllegalDataValue)));
  EXPECT_FALSE(wrong.ok());
  EXPECT_NE(wrong.message().find("was due"), std::string::npos);
  EXPECT_FALSE(
      Check(out_of_table, Resp(modbus::ReadRegistersResponse(3, {1, 2}))).ok());

  Bytes too_many = Req(modbus::ReadHoldingRegisters(0, 126));
  EXPECT_TRUE(Check(too_many, Resp(modbus::ExceptionResponse(
                                  3, ExceptionCode::kIllegalDataValue)))
                  .ok());
  EXPECT_FALSE(Check(too_many, Resp(modbus::ExceptionResponse(
                                   3, ExceptionCode::kIllegalDataAddress)))
                   .ok());

  Bytes unsupported = Req(modbus::ReadFifoQueue(0));
  EXPECT_TRUE(Check(unsupported, Resp(modbus::ExceptionResponse(
                                     24, ExceptionCode::kIllegalFunction)))
                  .ok());
  Bytes unknown_fc = Req(modbus::RawRequest(0x41, {1, 2}));
  EXPECT_TRUE(Check(unknown_fc, Resp(modbus::ExceptionResponse(
                                    0x41, ExceptionCode::kIllegalFunction)))
                  .ok());
}

TEST(ModbusValidator, WriteMultipleCoilsExceptions) {
  Bytes past_table =
      Req(modbus::WriteMultipleCoils(60, std::vector<bool>(8, true)));
  EXPECT_TRUE(Check(past_table, Resp(modbus::ExceptionResponse(
                                    15, ExceptionCode::kIllegalDataAddress)))
                  .ok());
  EXPECT_FALSE(
      Check(past_table, Resp(modbus::WriteMultipleResponse(15, 60, 8))).ok());
  Bytes fine = Req(modbus::WriteMultipleCoils(0, std::vector<bool>(8, true)));
  EXPECT_TRUE(Check(fine, Resp(modbus::WriteMultipleResponse(15, 0, 8))).ok());
  EXPECT_FALSE(Check(fine, Resp(modbus::WriteMultipleResponse(15, 0, 9))).ok());
}

TEST(ModbusValidator, WriteEchoes) {
  Bytes req = Req(modbus::WriteSingleRegister(5, 1234));
  EXPECT_TRUE(Check(req, Resp(modbus::WriteSingleResponse(6, 5, 1234))).ok());
  EXPECT_FALSE(Check(req, Resp(modbus::WriteSingleResponse(6, 5, 1235))).ok());
}

TEST(ModbusValidator, UnitIdsTheDeviceIgnores) {
  Bytes req = Req(modbus::ReadHoldingRegisters(0, 1), 7, 9);
  EXPECT_TRUE(Check(req, {}).ok());
  EXPECT_FALSE(
      Check(req, Resp(modbus::ReadRegistersResponse(3, {0}), 7, 9)).ok());
  EXPECT_FALSE(Check(Req(modbus::ReadHoldingRegisters(0, 1)), {}).ok());
}

TEST(ModbusValidator, DeviceIdentification) {
  modbus::DeviceIdResponse body;
  body.read_code = 1;
  body.conformity_level = 0x81;
  body.objects = {{0, {'W'}}, {1, {'7'}}, {2, {'1'}}};
  Bytes req = Req(modbus::ReadDeviceIdentification(1, 0));
  EXPECT_TRUE(
      Check(req, Resp(modbus::ReadDeviceIdentificationResponse(body))).ok());
  body.read_code = 2;
  EXPECT_FALSE(
      Check(req, Resp(modbus::ReadDeviceIdentificationResponse(body))).ok());

  Bytes unknown_object = Req(modbus::ReadDeviceIdentification(4, 0x50));
  EXPECT_TRUE(
      Check(unknown_object, Resp(modbus::ExceptionResponse(
                                43, ExceptionCode::kIllegalDataAddress)))
          .ok());
}

TEST(ModbusValidator, MalformedRequestDeservesIllegalDataValue) {
  Bytes req = Req(modbus::WriteMultipleCoils(0, std::vector<bool>(8, true)));
  req[12] = 2;  // byte count 2 for one data byte
  EXPECT_TRUE(Check(req, Resp(modbus::ExceptionResponse(
                             15, ExceptionCode::kIllegalDataValue)))
                  .ok());
  EXPECT_FALSE(Check(req, Resp(modbus::WriteMultipleResponse(15, 0, 8))).ok());
  EXPECT_TRUE(Check(req, {}).ok());  // closing the connection is fine too
}

TEST(ModbusValidator, WithoutDeviceKnowledgeAcceptsDeviceDependentExceptions) {
  Bytes req = Req(modbus::ReadHoldingRegisters(5000, 1));
  Bytes resp =
      Resp(modbus::ExceptionResponse(3, ExceptionCode::kIllegalDataAddress));
  EXPECT_TRUE(ValidateModbusResponse(req, resp, ModbusRules{}).ok());
  Bytes too_many = Req(modbus::ReadHoldingRegisters(0, 200));
  EXPECT_FALSE(ValidateModbusResponse(too_many, resp, ModbusRules{}).ok());
}

}  // namespace
}  // namespace protolm::modbus

// Tests of the Modbus device logic: every exception class where the spec and
// the profile call for it, unit id policies, device identification per spec
// 6.21, writes read back, and processes reacting to writes.
#include "device/modbus_device.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"

namespace protolm::device {
namespace {

using modbus::ExceptionCode;
using modbus::Request;
using modbus::Response;

DeviceProfile Wago() {
  auto p = BuiltinProfile("wago-750-881");
  EXPECT_TRUE(p.ok()) << p.status().message();
  return std::move(p).value();
}

class ModbusDeviceTest : public ::testing::Test {
 protected:
  void Use(const DeviceProfile& profile) {
    auto s = DeviceState::Create(profile);
    ASSERT_TRUE(s.ok()) << s.status().message();
    state_ = std::move(s).value();
    device_ = std::make_unique<ModbusDevice>(*state_);
  }
  void SetUp() override { Use(Wago()); }

  Response Ask(const Request& r) { return device_->Execute(r); }
  std::optional<ExceptionCode> ExceptionOf(const Request& r) {
    Response resp = Ask(r);
    if (!resp.is_exception()) return std::nullopt;
    return std::get<modbus::ExceptionBody>(resp.body).code;
  }
  /// The decoded response to an ADU sent with `unit`, or nullopt (no answer).
  std::optional<modbus::ResponseAdu> AskAdu(uint8_t unit, const Request& r) {
    auto adu = modbus::BuildRequestAdu(0x1234, unit, r);
    EXPECT_TRUE(adu.ok());
    ModbusOutcome out = device_->HandleAdu(*adu);
    EXPECT_FALSE(out.close_connection);
    if (!out.response) return std::nullopt;
    auto decoded = modbus::DecodeResponseAdu(*out.response);
    EXPECT_TRUE(decoded.ok()) << decoded.status().message();
    return std::move(decoded).value();
  }

  std::unique_ptr<DeviceState> state_;
  std::unique_ptr<ModbusDevice> device_;
};

TEST_F(ModbusDeviceTest, ReadsInitialValues) {
  Response r = Ask(modbus::ReadHoldingRegisters(0, 2));
  EXPECT_EQ(r, modbus::ReadRegistersResponse(3, {750, 881}));
  r = Ask(modbus::ReadCoils(0, 8));
  EXPECT_EQ(r, modbus::ReadBitsResponse(1, {1, 0, 1, 1, 0, 0, 1, 0}));
}

TEST_F(ModbusDeviceTest, WritesAreReadBack) {
  EXPECT_FALSE(Ask(modbus::WriteSingleRegister(10, 0xBEEF)).is_exception());
  EXPECT_FALSE(
      Ask(modbus::WriteMultipleRegisters(11, {1, 2, 3})).is_exception());
  EXPECT_EQ(Ask(modbus::ReadHoldingRegisters(10, 4)),
            modbus::ReadRegistersResponse(3, {0xBEEF, 1, 2, 3}));
  EXPECT_FALSE(
      Ask(modbus::WriteMultipleCoils(20, {1, 1, 0, 1})).is_exception());
  EXPECT_FALSE(Ask(modbus::WriteSingleCoil(24, true)).is_exception());
  EXPECT_EQ(Ask(modbus::ReadCoils(20, 5)),
            modbus::ReadBitsResponse(1, {1, 1, 0, 1, 1}));
  EXPECT_FALSE(
      Ask(modbus::MaskWriteRegister(10, 0x00FF, 0x1200)).is_exception());
  EXPECT_EQ(Ask(modbus::ReadHoldingRegisters(10, 1)),
            modbus::ReadRegistersResponse(3, {0x12EF}));
  EXPECT_EQ(Ask(modbus::ReadWriteMultipleRegisters(30, 2, 30, {7, 8})),
            modbus::ReadRegistersResponse(23, {7, 8}));
}

TEST_F(ModbusDeviceTest, IllegalFunction) {
  EXPECT_EQ(ExceptionOf(modbus::RawRequest(0x63, {})),
            ExceptionCode::kIllegalFunction);
  EXPECT_EQ(ExceptionOf(modbus::Diagnostics(0x04, {0, 0})),
            ExceptionCode::kIllegalFunction);  // listen only: serial line
  DeviceProfile p = Wago();
  p.modbus.supported_functions = {1, 3};
  Use(p);
  EXPECT_EQ(ExceptionOf(modbus::ReadInputRegisters(0, 1)),
            ExceptionCode::kIllegalFunction);
  EXPECT_EQ(ExceptionOf(modbus::WriteMultipleCoils(0, {1})),
            ExceptionCode::kIllegalFunction);
}

TEST_F(ModbusDeviceTest, IllegalAddressOutsideTheProfileTables) {
  for (const Request& r :
       {modbus::ReadCoils(1020, 5), modbus::ReadDiscreteInputs(1024, 1),
        modbus::ReadHoldingRegisters(1000, 25),
        modbus::ReadInputRegisters(5000, 1),
        modbus::WriteSingleCoil(1024, true),
        modbus::WriteSingleRegister(1024, 1),
        modbus::WriteMultipleCoils(1023, {1, 0}),
        modbus::WriteMultipleRegisters(1023, {1, 2}),
        modbus::MaskWriteRegister(2000, 0, 0),
        modbus::ReadWriteMultipleRegisters(0, 1, 1024, {1}),
        modbus::ReadFileRecord({{6, 9, 0, 1}}), modbus::ReadFifoQueue(1024)}) {
    EXPECT_EQ(ExceptionOf(r), ExceptionCode::kIllegalDataAddress)
        << modbus::FunctionNameOf(r);
  }
}

TEST_F(ModbusDeviceTest, IllegalValueOutsideTheSpecRanges) {
  Request coils_0 = modbus::WriteMultipleCoils(0, {});
  Request coils_too_many =
      modbus::WriteMultipleCoils(0, std::vector<bool>(1969));
  for (const Request& r :
       {modbus::ReadCoils(0, 0), modbus::ReadCoils(0, 2001),
        modbus::ReadHoldingRegisters(0, 126), modbus::ReadInputRegisters(0, 0),
        modbus::RawRequest(5, {0, 1, 0x12, 0x34}), coils_0, coils_too_many,
        modbus::WriteMultipleRegisters(0, std::vector<uint16_t>(124)),
        modbus::ReadDeviceIdentification(7, 0)}) {
    EXPECT_EQ(ExceptionOf(r), ExceptionCode::kIllegalDataValue)
        << modbus::FunctionNameOf(r);
  }
}

TEST_F(ModbusDeviceTest, UndecodableRequestGetsIllegalValue) {
  // Read holding registers with a stray fifth byte.
  auto adu = FromHex("000100000007 01 03 0000 0001 ff");
  ASSERT_TRUE(adu.ok());
  ModbusOutcome out = device_->HandleAdu(*adu);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ToHex(*out.response),
            "00010000000301"
            "8303");
}

TEST_F(ModbusDeviceTest, NonModbusProtocolIdClosesTheConnection) {
  auto adu = FromHex("0001 0007 0006 01 03 0000 0001");
  ModbusOutcome out = device_->HandleAdu(*adu);
  EXPECT_TRUE(out.close_connection);
  EXPECT_FALSE(out.response);
}

TEST_F(ModbusDeviceTest, UnknownUnitPolicies) {
  auto gateway = AskAdu(7, modbus::ReadHoldingRegisters(0, 1));
  ASSERT_TRUE(gateway);
  EXPECT_EQ(gateway->pdu, modbus::ExceptionResponse(
                              3, ExceptionCode::kGatewayTargetFailedToRespond));
  EXPECT_EQ(gateway->mbap.transaction_id, 0x1234);
  EXPECT_EQ(gateway->mbap.unit_id, 7);
  DeviceProfile p = Wago();
  p.modbus.unknown_unit = UnknownUnitPolicy::kIgnore;
  Use(p);
  EXPECT_FALSE(AskAdu(7, modbus::ReadHoldingRegisters(0, 1)));
  EXPECT_TRUE(AskAdu(255, modbus::ReadHoldingRegisters(0, 1)));
  p.modbus.unknown_unit = UnknownUnitPolicy::kAnswer;
  Use(p);
  auto answered = AskAdu(7, modbus::ReadHoldingRegisters(0, 1));
  ASSERT_TRUE(answered);
  EXPECT_FALSE(answered->pdu.is_exception());
}

modbus::DeviceIdResponse DeviceId(const Response& r) {
  const auto* body = std::get_if<modbus::DeviceIdResponse>(&r.body);
  EXPECT_NE(body, nullptr);
  return body ? *body : modbus::DeviceIdResponse{};
}

std::vector<uint8_t> Ids(const modbus::DeviceIdResponse& r) {
  std::vector<uint8_t> ids;
  for (const auto& o : r.objects) ids.push_back(o.id);
  return ids;
}

TEST_F(ModbusDeviceTest, DeviceIdentificationStreams) {
  auto basic = DeviceId(Ask(modbus::ReadDeviceIdentification(1, 0)));
  EXPECT_EQ(basic.conformity_level,
            0x82);  // regular objects, individual access
  EXPECT_EQ(Ids(basic), (std::vector<uint8_t>{0, 1, 2}));
  EXPECT_EQ(basic.more_follows, 0);
  EXPECT_EQ(
      std::string(basic.objects[0].value.begin(), basic.objects[0].value.end()),
      "WAGO");
  auto regular = DeviceId(Ask(modbus::ReadDeviceIdentification(2, 0)));
  EXPECT_EQ(Ids(regular), (std::vector<uint8_t>{0, 1, 2, 3, 4, 5, 6}));
  auto from_two = DeviceId(Ask(modbus::ReadDeviceIdentification(1, 2)));
  EXPECT_EQ(Ids(from_two), (std::vector<uint8_t>{2}));
  // An object id outside the stream restarts it at object 0.
  auto restart = DeviceId(Ask(modbus::ReadDeviceIdentification(1, 0x55)));
  EXPECT_EQ(Ids(restart), (std::vector<uint8_t>{0, 1, 2}));
}

TEST_F(ModbusDeviceTest, DeviceIdentificationIndividualAccess) {
  auto one = DeviceId(Ask(modbus::ReadDeviceIdentification(4, 1)));
  EXPECT_EQ(Ids(one), (std::vector<uint8_t>{1}));
  EXPECT_EQ(ExceptionOf(modbus::ReadDeviceIdentification(4, 0x90)),
            ExceptionCode::kIllegalDataAddress);
}

TEST_F(ModbusDeviceTest, DeviceIdentificationMoreFollows) {
  DeviceProfile p = Wago();
  for (uint8_t id = 0x80; id < 0x84; ++id) {
    p.modbus.identity.extended[id] = Bytes(100, 'x');
  }
  Use(p);
  auto first = DeviceId(Ask(modbus::ReadDeviceIdentification(3, 0)));
  EXPECT_EQ(first.conformity_level, 0x83);
  EXPECT_EQ(first.more_follows, 0xFF);
  ASSERT_FALSE(first.objects.empty());
  EXPECT_EQ(first.next_object_id, 0x81);
  auto rest =
      DeviceId(Ask(modbus::ReadDeviceIdentification(3, first.next_object_id)));
  EXPECT_EQ(rest.objects.front().id, 0x81);
  auto last = DeviceId(Ask(modbus::ReadDeviceIdentification(3, 0x83)));
  EXPECT_EQ(Ids(last), (std::vector<uint8_t>{0x83}));
  EXPECT_EQ(last.more_follows, 0);
  // Every response fits the 253-byte PDU.
  auto bytes = modbus::EncodePdu(Ask(modbus::ReadDeviceIdentification(3, 0)));
  ASSERT_TRUE(bytes.ok());
  EXPECT_LE(bytes->size(), 253u);
}

TEST_F(ModbusDeviceTest, ServerIdAndExceptionStatus) {
  Response id = Ask(modbus::ReportServerId());
  const auto* body = std::get_if<modbus::ServerIdResponse>(&id.body);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(std::string(body->data.begin(), body->data.end() - 1),
            "WAGO750-881");
  EXPECT_EQ(body->data.back(), 0xFF);
  EXPECT_EQ(Ask(modbus::ReadExceptionStatus()),
            modbus::ReadExceptionStatusResponse(0b01001101));
}

TEST_F(ModbusDeviceTest, DiagnosticsEchoAndCount) {
  EXPECT_EQ(Ask(modbus::Diagnostics(0, {1, 2, 3})),
            modbus::DiagnosticsResponse(0, {1, 2, 3}));
  AskAdu(1, modbus::ReadCoils(0, 1));
  AskAdu(1, modbus::ReadCoils(0, 0));
  Response count = Ask(modbus::Diagnostics(0x0D, {0, 0}));  // exception count
  EXPECT_EQ(count, modbus::DiagnosticsResponse(0x0D, {0, 1}));
}

TEST_F(ModbusDeviceTest, FileRecordsAreWrittenAndRead) {
  EXPECT_FALSE(
      Ask(modbus::WriteFileRecord({{6, 1, 5, {9, 8}}})).is_exception());
  Response r = Ask(modbus::ReadFileRecord({{6, 1, 5, 2}}));
  EXPECT_EQ(r, modbus::ReadFileRecordResponse({{6, {9, 8}}}));
}

TEST_F(ModbusDeviceTest, ProcessesReactToWrites) {
  // signum: x in holding register 100, y in input register 100.
  Ask(modbus::WriteSingleRegister(100, static_cast<uint16_t>(-5)));
  state_->AdvanceTo(0.5);
  EXPECT_EQ(Ask(modbus::ReadInputRegisters(100, 1)),
            modbus::ReadRegistersResponse(4, {0xFFFF}));
  // tank: pump coil 100 on raises the level in input register 200.
  uint16_t before = std::get<modbus::RegistersResponse>(
                        Ask(modbus::ReadInputRegisters(200, 1)).body)
                        .registers[0];
  Ask(modbus::WriteSingleCoil(100, true));
  state_->AdvanceTo(30);
  uint16_t after = std::get<modbus::RegistersResponse>(
                       Ask(modbus::ReadInputRegisters(200, 1)).body)
                       .registers[0];
  EXPECT_GT(after, before);
  EXPECT_NEAR(*state_->variable("tank", "level"), after / 1000.0, 1e-3);
}

}  // namespace
}  // namespace protolm::device

// The Modbus response grammar: random walks through it give responses the
// spec-only validator accepts, for requests of every function, malformed and
// out-of-range requests; simulator answers are admitted; hostile input is
// harmless.
#include "proto/modbus/modbus_response_constraint.h"

#include <gtest/gtest.h>

#include <random>

#include "device/device_state.h"
#include "device/modbus_device.h"
#include "device/profile.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_validator.h"
#include "testing/grammar_walk.h"

namespace protolm::modbus {
namespace {

using testing::Admits;
using testing::RandomWalk;
namespace mb = modbus;

Bytes Adu(const mb::Request& r, uint16_t transaction = 0x1234,
          uint8_t unit = 1) {
  Result<Bytes> adu = mb::BuildRequestAdu(transaction, unit, r);
  EXPECT_TRUE(adu.ok()) << adu.status().message();
  return adu.ok() ? *adu : Bytes{};
}

/// Requests of every function, in and out of the specification's ranges.
std::vector<Bytes> SampleRequests() {
  std::vector<Bytes> out;
  std::vector<mb::Request> rs = {
      mb::ReadCoils(0, 1),
      mb::ReadCoils(3, 13),
      mb::ReadCoils(0, 2000),
      mb::ReadCoils(0, 0),
      mb::ReadCoils(65535, 2),
      mb::ReadDiscreteInputs(10, 8),
      mb::ReadHoldingRegisters(0, 1),
      mb::ReadHoldingRegisters(100, 125),
      mb::ReadHoldingRegisters(0, 126),
      mb::ReadInputRegisters(7, 3),
      mb::WriteSingleCoil(5, true),
      mb::WriteSingleCoil(6, false),
      mb::WriteSingleRegister(9, 0xBEEF),
      mb::ReadExceptionStatus(),
      mb::Diagnostics(0, {1, 2, 3}),
      mb::Diagnostics(1, {0xFF, 0x00}),
      mb::Diagnostics(0x0B, {0, 0}),
      mb::Diagnostics(0x0A, {0, 0}),
      mb::Diagnostics(0x99, {0, 0}),
      mb::Diagnostics(0x0C, {1, 0}),
      mb::GetCommEventCounter(),
      mb::GetCommEventLog(),
      mb::WriteMultipleCoils(
          20, {true, false, true, true, false, true, true, false, true}),
      mb::WriteMultipleRegisters(40, {1, 2, 3}),
      mb::WriteMultipleRegisters(40, {}),
      mb::ReportServerId(),
      mb::ReadFileRecord({{6, 1, 0, 2}, {6, 2, 10, 3}}),
      mb::ReadFileRecord({{6, 1, 0, 120}, {6, 1, 0, 120}}),
      mb::ReadFileRecord({{5, 1, 0, 2}}),
      mb::WriteFileRecord({{6, 1, 4, {1, 2, 3}}}),
      mb::MaskWriteRegister(4, 0xF2F2, 0x2525),
      mb::ReadWriteMultipleRegisters(0, 5, 10, {9, 8, 7}),
      mb::ReadFifoQueue(30),
      mb::ReadDeviceIdentification(1, 0),
      mb::ReadDeviceIdentification(2, 5),
      mb::ReadDeviceIdentification(3, 0x80),
      mb::ReadDeviceIdentification(4, 1),
      mb::ReadDeviceIdentification(4, 0x90),
      mb::ReadDeviceIdentification(7, 0),
      mb::EncapsulatedInterfaceTransport(13, {1, 2}),
      mb::EncapsulatedInterfaceTransport(99, {}),
      mb::RawRequest(0x41, {1, 2, 3}),
      mb::RawRequest(0x83, {0, 0, 0, 1}),
  };
  for (const mb::Request& r : rs) out.push_back(Adu(r));
  out.push_back(Adu(mb::ReadCoils(0, 4), 7, 0));
  out.push_back(Adu(mb::ReadCoils(0, 4), 7, 255));
  // Malformed: a truncated read, a length that lies, a body too long.
  out.push_back({0, 1, 0, 0, 0, 4, 1, 3, 0, 0});
  out.push_back({0, 2, 0, 0, 0, 9, 1, 3, 0, 0, 0, 1});
  out.push_back({0, 3, 0, 0, 0, 7, 1, 5, 0, 1, 0xFF, 0, 0});
  out.push_back({0, 4, 0, 0, 0, 3, 1, 0x99, 7});
  return out;
}

TEST(ModbusResponseConstraint, RandomWalksValidateWithSpecOnlyRules) {
  std::mt19937 rng(42);
  for (const Bytes& request : SampleRequests()) {
    ModbusResponseConstraint c(request);
    for (int i = 0; i < 20; ++i) {
      auto walk = RandomWalk(c, rng);
      ASSERT_FALSE(walk.stuck)
          << ToHex(request) << " after " << ToHex(walk.response);
      // A decodable function >= 0x80 has no valid answer: the simulator's
      // exception is admitted instead (AdmitsWhatTheSimulatorAnswers).
      if (request[7] >= 0x80) continue;
      Status valid = modbus::ValidateModbusResponse(request, walk.response,
                                                    modbus::ModbusRules{});
      ASSERT_TRUE(valid.ok())
          << ToHex(request) << " -> " << ToHex(walk.response) << ": "
          << valid.message();
    }
  }
}

TEST(ModbusResponseConstraint, WalksReachNormalAnswersAndExceptions) {
  std::mt19937 rng(7);
  ModbusResponseConstraint c(Adu(mb::ReadHoldingRegisters(0, 2)));
  bool normal = false, exception = false;
  for (int i = 0; i < 200; ++i) {
    auto walk = RandomWalk(c, rng);
    ASSERT_GE(walk.response.size(), 9u);
    (walk.response[7] & 0x80 ? exception : normal) = true;
  }
  EXPECT_TRUE(normal);
  EXPECT_TRUE(exception);
}

TEST(ModbusResponseConstraint, ForcesTheDueExceptionOfABrokenRange) {
  Bytes request = Adu(mb::ReadCoils(0, 2001));
  ModbusResponseConstraint c(request);
  std::mt19937 rng(1);
  auto walk = RandomWalk(c, rng);
  EXPECT_EQ(ToHex(walk.response),
            "12340000000301"
            "8103");
}

TEST(ModbusResponseConstraint, AdmitsWhatTheSimulatorAnswers) {
  auto profile = device::BuiltinProfile("wago-750-881");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  auto state = device::DeviceState::Create(*profile);
  ASSERT_TRUE(state.ok()) << state.status().message();
  device::ModbusDevice dev(**state);
  for (const Bytes& request : SampleRequests()) {
    device::ModbusOutcome outcome = dev.HandleAdu(request);
    Bytes response = outcome.response.value_or(Bytes{});
    ModbusResponseConstraint c(request);
    size_t where = 0;
    EXPECT_TRUE(Admits(c, response, &where))
        << ToHex(request) << " -> " << ToHex(response) << " refused at "
        << where;
  }
}

TEST(ModbusResponseConstraint, RequestsWithoutAValidAnswerGetTheEmptyOne) {
  for (Bytes request :
       {Bytes{}, Bytes{0, 1, 0, 0, 0, 1, 1}, Bytes{0, 1, 0, 7, 0, 2, 1, 3}}) {
    ModbusResponseConstraint c(request);
    AllowedTokens allowed;
    c.Allowed({}, &allowed);
    EXPECT_TRUE(allowed.end);
    EXPECT_TRUE(allowed.bytes.none());
  }
}

TEST(ModbusResponseConstraint, CapsTheResponseLength) {
  Bytes request = Adu(mb::ReadHoldingRegisters(0, 100));  // 209-byte answer
  ModbusResponseConstraint c(request, 20);
  std::mt19937 rng(3);
  for (int i = 0; i < 20; ++i) {
    auto walk = RandomWalk(c, rng);
    ASSERT_FALSE(walk.stuck);
    EXPECT_EQ(walk.response.size(), 9u);  // only an exception fits
  }
}

TEST(ModbusResponseConstraint, HostileRequestsAndPrefixesAreHarmless) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 3000; ++i) {
    Bytes request(std::uniform_int_distribution<size_t>(0, 40)(rng));
    for (auto& b : request) b = static_cast<uint8_t>(byte(rng));
    if (i % 2 == 0 && request.size() >= 8) {  // plausible MBAP headers
      request[2] = request[3] = 0;
      request[4] = 0;
      request[5] = static_cast<uint8_t>(request.size() - 6);
      request[7] = static_cast<uint8_t>(byte(rng) % 50);
    }
    ModbusResponseConstraint c(request);
    auto walk = RandomWalk(c, rng);
    ASSERT_FALSE(walk.stuck) << ToHex(request);
    Status valid = modbus::ValidateModbusResponse(request, walk.response,
                                                  modbus::ModbusRules{});
    // A decodable request with function >= 0x80 has no valid answer; the
    // simulator's exception is admitted instead.
    if (request.size() < 8 || request[7] < 0x80) {
      EXPECT_TRUE(valid.ok())
          << ToHex(request) << " -> " << ToHex(walk.response) << ": "
          << valid.message();
    }
    Bytes noise(std::uniform_int_distribution<size_t>(0, 30)(rng));
    for (auto& b : noise) b = static_cast<uint8_t>(byte(rng));
    AllowedTokens allowed;
    c.Allowed(noise, &allowed);
  }
}

}  // namespace
}  // namespace protolm::modbus

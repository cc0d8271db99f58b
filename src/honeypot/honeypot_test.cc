// The honeypot on loopback with untrained models: persistent connections,
// state across connections, the validity guard, S7 sessions, refusals.
#include "honeypot/honeypot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "device/profile.h"
#include "device/profile_rules.h"
#include "proto/modbus/modbus_knowledge.h"
#include "testing/device/honeypot_model.h"
#include "proto/modbus/modbus_validator.h"
#include "proto/s7comm/s7_validator.h"
#include "proto/modbus/builders.h"
#include "testing/loopback_client.h"
#include "testing/scratch_dir.h"

namespace protolm::honeypot {
namespace {

using protolm::testing::LoopbackClient;

Bytes Adu(uint16_t tid, const modbus::Request& request) {
  return *modbus::BuildRequestAdu(tid, 1, request);
}
Bytes Answer(uint16_t tid, const modbus::Response& response) {
  return *modbus::BuildResponseAdu(tid, 1, response);
}

/// Counts exchanges and guard actions the server reports.
class Tally : public net::ServerObserver {
 public:
  void Opened(const net::ConnectionInfo&) override {}
  void Exchanged(const net::ConnectionInfo&, uint64_t, ByteView,
                 const net::Reply& reply, std::chrono::nanoseconds) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++exchanges_;
    if (!reply.guard_action.empty()) ++guarded_;
  }
  void Closed(const net::ConnectionInfo&, const std::string&,
              uint64_t) override {}
  size_t exchanges() {
    std::lock_guard<std::mutex> lock(mutex_);
    return exchanges_;
  }
  size_t guarded() {
    std::lock_guard<std::mutex> lock(mutex_);
    return guarded_;
  }

 private:
  std::mutex mutex_;
  size_t exchanges_ = 0;
  size_t guarded_ = 0;
};

class HoneypotTest : public ::testing::Test {
 protected:
  /// Serves an untrained model of `protocol` on an ephemeral port.
  void Serve(const std::string& protocol, const std::string& profile,
             CloneHandlerOptions clone = {},
             const DeviceKnowledge* known = nullptr) {
    std::string path = dir_.Path(protocol + ".plm");
    ASSERT_TRUE(
        testing::WriteUntrainedModel(path, protocol, profile, 1, known));
    HoneypotOptions options;
    options.listeners.push_back({path, "127.0.0.1", 0});
    options.clone = clone;
    options.observer = &tally_;
    auto honeypot = StartHoneypot(options);
    ASSERT_TRUE(honeypot.ok()) << honeypot.status().message();
    honeypot_ = std::move(*honeypot);
    port_ = honeypot_->listeners().front().port;
  }
  protolm::testing::ScratchDir dir_;
  Tally tally_;
  std::unique_ptr<Honeypot> honeypot_;
  uint16_t port_ = 0;
};

TEST_F(HoneypotTest, AValueWrittenIsReadBackOnAnotherConnection) {
  Serve("modbus", "wago-750-881");
  EXPECT_EQ(honeypot_->listeners().front().protocol, "modbus");
  {
    LoopbackClient writer(port_);
    ASSERT_TRUE(writer.Send(Adu(1, modbus::WriteSingleRegister(7, 0x1234))));
    auto echo = writer.ReceiveModbusAdu();
    ASSERT_TRUE(echo);
    EXPECT_EQ(*echo, Adu(1, modbus::WriteSingleRegister(7, 0x1234)));
  }
  LoopbackClient reader(port_);
  Bytes read = Adu(2, modbus::ReadHoldingRegisters(6, 3));
  for (int i = 0; i < 3; ++i) {  // a persistent connection, many requests
    ASSERT_TRUE(reader.Send(read));
    auto answer = reader.ReceiveModbusAdu();
    ASSERT_TRUE(answer);
    EXPECT_TRUE(modbus::ValidateModbusResponse(read, *answer, {}).ok());
    ASSERT_EQ(answer->size(), 9u + 6u);
    EXPECT_EQ((*answer)[11], 0x12);  // register 7, the second of the three
    EXPECT_EQ((*answer)[12], 0x34);
  }
  EXPECT_EQ(tally_.exchanges(), 4u);
}

TEST_F(HoneypotTest, TheGuardReplacesInvalidAnswers) {
  // Unconstrained, an untrained model babbles; nothing invalid goes out.
  Serve("modbus", "wago-750-881", CloneHandlerOptions{false, true});
  LoopbackClient c(port_);
  for (uint16_t tid = 1; tid <= 5; ++tid) {
    Bytes read = Adu(tid, modbus::ReadHoldingRegisters(tid, 2));
    ASSERT_TRUE(c.Send(read));
    auto answer = c.ReceiveModbusAdu();
    ASSERT_TRUE(answer);
    EXPECT_TRUE(modbus::ValidateModbusResponse(read, *answer, {}).ok())
        << ToHex(*answer);
  }
  EXPECT_GT(tally_.guarded(), 0u);
}

TEST_F(HoneypotTest, TheModelDecodesUnderTheRulesItLearned) {
  // Learned rules in the checkpoint make the grammar admit only the outcome
  // they make due: even an untrained model answers in and out of the tables
  // as the device does, and the guard has nothing to replace.
  modbus::ModbusRules rules;
  rules.device_known = true;
  rules.supported_functions = {3, 6};
  rules.holding_registers = {0, 100};
  const modbus::ModbusKnowledge learned(rules, {});
  Serve("modbus", "", {}, &learned);
  LoopbackClient c(port_);
  for (uint16_t tid = 1; tid <= 8; ++tid) {
    const uint16_t address = tid % 2 ? 10 : 99 + tid;  // in, then past the end
    Bytes read = Adu(tid, modbus::ReadHoldingRegisters(address, 2));
    ASSERT_TRUE(c.Send(read));
    auto answer = c.ReceiveModbusAdu();
    ASSERT_TRUE(answer);
    EXPECT_TRUE(modbus::ValidateModbusResponse(read, *answer, rules).ok())
        << ToHex(*answer);
  }
  Bytes coils = Adu(9, modbus::ReadCoils(0, 1));  // an unsupported function
  ASSERT_TRUE(c.Send(coils));
  auto refused = c.ReceiveModbusAdu();
  ASSERT_TRUE(refused);
  EXPECT_EQ(ToHex(*refused), "000900000003018101");
  EXPECT_EQ(tally_.guarded(), 0u);
  EXPECT_EQ(tally_.exchanges(), 9u);
}

TEST_F(HoneypotTest, TheCloneStartsFromTheMemoryItsProbeShowed) {
  // The starting memory in the checkpoint answers reads of input registers
  // and coils even from an untrained model; a write still wins.
  modbus::ModbusKnowledge learned(
      device::ModbusRulesFromProfile(
          device::BuiltinProfile("wago-750-881").value()),
      {});
  learned.starting_memory.Seed({modbus::ModbusTable::kInputRegisters, 0, 1234});
  learned.starting_memory.Seed({modbus::ModbusTable::kInputRegisters, 1, 5678});
  learned.starting_memory.Seed({modbus::ModbusTable::kCoils, 2, 1});
  Serve("modbus", "wago-750-881", {}, &learned);
  LoopbackClient c(port_);
  ASSERT_TRUE(c.Send(Adu(1, modbus::ReadInputRegisters(0, 2))));
  auto inputs = c.ReceiveModbusAdu();
  ASSERT_TRUE(inputs);
  EXPECT_EQ(*inputs, Answer(1, modbus::ReadRegistersResponse(4, {1234, 5678})));
  ASSERT_TRUE(c.Send(Adu(2, modbus::WriteSingleCoil(2, false))));
  ASSERT_TRUE(c.ReceiveModbusAdu());
  ASSERT_TRUE(c.Send(Adu(3, modbus::ReadCoils(2, 1))));
  auto coil = c.ReceiveModbusAdu();
  ASSERT_TRUE(coil);
  EXPECT_EQ(*coil, Answer(3, modbus::ReadBitsResponse(1, {false})));
}

TEST_F(HoneypotTest, AnS7SessionConnectsAndAnswersValidly) {
  Serve("s7comm", "s7-315-2pn");
  EXPECT_EQ(honeypot_->listeners().front().protocol, "s7comm");
  LoopbackClient c(port_);
  Bytes connect = *FromHex("0300001611e00000001400c1020100c2020102c0010a");
  ASSERT_TRUE(c.Send(connect));
  auto answer = c.ReceiveTpktUnit();
  ASSERT_TRUE(answer);
  EXPECT_TRUE(s7comm::ValidateS7Response(connect, *answer).ok())
      << ToHex(*answer);
}

TEST_F(HoneypotTest, GarbageClosesTheConnectionNotTheServer) {
  Serve("modbus", "wago-750-881");
  {
    LoopbackClient bad(port_);
    ASSERT_TRUE(bad.Send(*FromHex("474554202f20485454502f312e310d0a0d0a")));
    EXPECT_TRUE(bad.ClosedByPeer());
  }
  LoopbackClient good(port_);
  Bytes read = Adu(9, modbus::ReadHoldingRegisters(0, 1));
  ASSERT_TRUE(good.Send(read));
  EXPECT_TRUE(good.ReceiveModbusAdu());
}

TEST(HoneypotStartTest, ModelsThatCannotBeServedAreClearErrors) {
  protolm::testing::ScratchDir dir;
  HoneypotOptions none;
  EXPECT_FALSE(StartHoneypot(none).ok());

  HoneypotOptions missing;
  missing.listeners.push_back({dir.Path("nope.plm"), "127.0.0.1", 0});
  auto result = StartHoneypot(missing);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), ::testing::HasSubstr("nope.plm"));

  std::string tls = dir.Path("tls.plm");
  ASSERT_TRUE(testing::WriteUntrainedModel(tls, "tls", ""));
  HoneypotOptions other;
  other.listeners.push_back({tls, "127.0.0.1", 0});
  result = StartHoneypot(other);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), ::testing::HasSubstr("cannot be served"));
}

}  // namespace
}  // namespace protolm::honeypot

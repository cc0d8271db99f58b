// Tests of the device server on loopback: pipelined and split requests,
// several connections, and hostile clients (garbage, absurd lengths, half
// frames then silence, slow clients, a thousand idle connections), which
// get protocol-correct answers or a closed connection, never a crash.
#include "device/device_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <thread>

#include "testing/loopback_client.h"
#include "proto/modbus/builders.h"

namespace protolm::device {
namespace {

using protolm::testing::LoopbackClient;

class DeviceServerTest : public ::testing::Test {
 protected:
  void Start(ServeOptions options = {}) {
    auto profile = BuiltinProfile("wago-750-881");
    ASSERT_TRUE(profile.ok()) << profile.status().message();
    options.s7_port = std::nullopt;
    auto server = StartDeviceServer(*profile, options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server).value();
    ASSERT_NE(server_->modbus_port(), 0);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  static Bytes Adu(uint16_t tid, const modbus::Request& r, uint8_t unit = 1) {
    auto adu = modbus::BuildRequestAdu(tid, unit, r);
    EXPECT_TRUE(adu.ok());
    return adu.ok() ? *adu : Bytes{};
  }
  static Bytes Expected(uint16_t tid, const modbus::Response& r) {
    auto adu = modbus::BuildResponseAdu(tid, 1, r);
    EXPECT_TRUE(adu.ok());
    return adu.ok() ? *adu : Bytes{};
  }
  /// Waits (up to 5 s) until the server counts `n` open connections.
  bool WaitForConnections(size_t n) {
    for (int i = 0; i < 500; ++i) {
      if (server_->connection_count() == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  std::unique_ptr<DeviceServer> server_;
};

TEST_F(DeviceServerTest, AnswersPipelinedRequestsInOrder) {
  Start();
  LoopbackClient c(server_->modbus_port());
  ASSERT_TRUE(c.connected());
  Bytes batch;
  for (uint16_t tid = 1; tid <= 3; ++tid) {
    Bytes a = Adu(tid, modbus::ReadHoldingRegisters(0, tid));
    batch.insert(batch.end(), a.begin(), a.end());
  }
  ASSERT_TRUE(c.Send(batch));
  std::vector<uint16_t> values = {750, 881, 1};
  for (uint16_t tid = 1; tid <= 3; ++tid) {
    auto resp = c.ReceiveModbusAdu();
    ASSERT_TRUE(resp);
    EXPECT_EQ(*resp,
              Expected(tid, modbus::ReadRegistersResponse(
                                3, std::vector<uint16_t>(
                                       values.begin(), values.begin() + tid))));
  }
}

TEST_F(DeviceServerTest, WritesAreSeenFromANewConnection) {
  Start();
  {
    LoopbackClient c(server_->modbus_port());
    ASSERT_TRUE(c.Send(Adu(1, modbus::WriteSingleRegister(50, 4242))));
    ASSERT_TRUE(c.ReceiveModbusAdu());
  }
  LoopbackClient d(server_->modbus_port());
  ASSERT_TRUE(d.Send(Adu(2, modbus::ReadHoldingRegisters(50, 1))));
  auto resp = d.ReceiveModbusAdu();
  ASSERT_TRUE(resp);
  EXPECT_EQ(*resp, Expected(2, modbus::ReadRegistersResponse(3, {4242})));
}

TEST_F(DeviceServerTest, SlowClientIsServedAndDoesNotBlockOthers) {
  Start();
  LoopbackClient slow(server_->modbus_port());
  LoopbackClient fast(server_->modbus_port());
  Bytes request = Adu(7, modbus::ReadCoils(0, 3));
  // One byte at a time (every 20 ms: the one-byte-per-second client, faster).
  for (size_t i = 0; i + 1 < request.size(); ++i) {
    ASSERT_TRUE(slow.Send(ByteView(request).subspan(i, 1)));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(fast.Send(Adu(8, modbus::ReadCoils(0, 1))));
  auto fast_resp = fast.ReceiveModbusAdu();
  ASSERT_TRUE(fast_resp);
  EXPECT_EQ(*fast_resp, Expected(8, modbus::ReadBitsResponse(1, {1})));
  ASSERT_TRUE(slow.Send(ByteView(request).last(1)));
  auto slow_resp = slow.ReceiveModbusAdu();
  ASSERT_TRUE(slow_resp);
  EXPECT_EQ(*slow_resp, Expected(7, modbus::ReadBitsResponse(1, {1, 0, 1})));
}

TEST_F(DeviceServerTest, GarbageClosesTheConnection) {
  Start();
  LoopbackClient c(server_->modbus_port());
  std::string http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(c.Send(
      ByteView(reinterpret_cast<const uint8_t*>(http.data()), http.size())));
  EXPECT_TRUE(c.ClosedByPeer());
  // The server is still there.
  LoopbackClient d(server_->modbus_port());
  ASSERT_TRUE(d.Send(Adu(1, modbus::ReadCoils(0, 1))));
  EXPECT_TRUE(d.ReceiveModbusAdu());
}

TEST_F(DeviceServerTest, AbsurdMbapLengthClosesTheConnection) {
  Start();
  LoopbackClient c(server_->modbus_port());
  auto adu = FromHex("0001 0000 ffff 01 03 0000 0001");
  ASSERT_TRUE(c.Send(*adu));
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(DeviceServerTest, TooShortMbapLengthClosesTheConnection) {
  Start();
  LoopbackClient c(server_->modbus_port());
  auto adu = FromHex("0001 0000 0000 01");
  ASSERT_TRUE(c.Send(*adu));
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(DeviceServerTest, UnknownFunctionGetsAnExceptionNotAClose) {
  Start();
  LoopbackClient c(server_->modbus_port());
  ASSERT_TRUE(c.Send(*FromHex("0009 0000 0004 01 63 0102")));
  auto resp = c.ReceiveModbusAdu();
  ASSERT_TRUE(resp);
  EXPECT_EQ(ToHex(*resp),
            "000900000003"
            "01e301");
}

TEST_F(DeviceServerTest, HalfFrameThenSilenceIsClosedAtTheIdleTimeout) {
  ServeOptions options;
  options.limits.idle_timeout = std::chrono::milliseconds(300);
  Start(options);
  LoopbackClient c(server_->modbus_port());
  ASSERT_TRUE(c.Send(*FromHex("0001 0000 0006 01 03")));
  EXPECT_TRUE(c.ClosedByPeer());
  EXPECT_TRUE(WaitForConnections(0));
}

TEST_F(DeviceServerTest, ConnectionsOverTheLimitAreRefused) {
  ServeOptions options;
  options.limits.max_connections = 5;
  Start(options);
  std::vector<LoopbackClient> clients;
  for (int i = 0; i < 5; ++i) clients.emplace_back(server_->modbus_port());
  ASSERT_TRUE(WaitForConnections(5));
  LoopbackClient extra(server_->modbus_port());
  EXPECT_TRUE(extra.ClosedByPeer());
  ASSERT_TRUE(clients[0].Send(Adu(1, modbus::ReadCoils(0, 1))));
  EXPECT_TRUE(clients[0].ReceiveModbusAdu());
}

TEST_F(DeviceServerTest, AThousandIdleConnectionsDoNotStopService) {
  constexpr size_t kIdle = 1000;
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  rlim_t needed = 2 * kIdle + 64;  // both ends live in this process
  if (limit.rlim_cur < needed) {
    ASSERT_GE(limit.rlim_max, needed)
        << "raise the hard descriptor limit (ulimit -Hn) to run this test";
    limit.rlim_cur = needed;
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  }
  Start();
  std::vector<LoopbackClient> idle;
  idle.reserve(kIdle);
  for (size_t i = 0; i < kIdle; ++i) {
    idle.emplace_back(server_->modbus_port());
    ASSERT_TRUE(idle.back().connected()) << "connection " << i;
  }
  ASSERT_TRUE(WaitForConnections(kIdle));
  LoopbackClient c(server_->modbus_port());
  ASSERT_TRUE(c.Send(Adu(3, modbus::ReadHoldingRegisters(1, 1))));
  auto resp = c.ReceiveModbusAdu();
  ASSERT_TRUE(resp);
  EXPECT_EQ(*resp, Expected(3, modbus::ReadRegistersResponse(3, {881})));
  idle.clear();
  EXPECT_TRUE(WaitForConnections(1));
}

TEST_F(DeviceServerTest, BindFailureIsOneClearLine) {
  Start();
  auto profile = BuiltinProfile("wago-750-881");
  ServeOptions options;
  options.modbus_port = server_->modbus_port();  // taken
  options.s7_port = std::nullopt;
  auto second = StartDeviceServer(*profile, options);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(),
              ::testing::HasSubstr("bind 127.0.0.1:" +
                                   std::to_string(server_->modbus_port())));
}

TEST_F(DeviceServerTest, LogsConnections) {
  std::vector<std::string> lines;
  std::mutex mutex;
  ServeOptions options;
  options.log = [&](const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex);
    lines.push_back(line);
  };
  Start(options);
  {
    LoopbackClient c(server_->modbus_port());
    ASSERT_TRUE(c.Send(Adu(1, modbus::ReadCoils(0, 1))));
    ASSERT_TRUE(c.ReceiveModbusAdu());
  }
  ASSERT_TRUE(WaitForConnections(0));
  server_->Stop();
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_THAT(lines, ::testing::Contains(::testing::HasSubstr(
                         "modbus: connection from 127.0.0.1:")));
  EXPECT_THAT(lines, ::testing::Contains(::testing::HasSubstr(
                         "closed after 1 requests: peer closed")));
}

}  // namespace
}  // namespace protolm::device

// Hostile input against the honeypot (Modbus and S7 clones on loopback, the
// real event recorder writing into a SQLite event store): garbage bytes,
// oversized length fields, half frames then silence, a client dripping
// bytes, thousands of idle connections, and a load while the abuse goes on.
// After each abuse the server still answers a normal client validly, its
// memory stays bounded, and the event store holds exactly one exchange per
// request that got a complete answer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "events/event_log.h"
#include "events/event_store.h"
#include "honeypot/event_recorder.h"
#include "honeypot/honeypot.h"
#include "testing/device/honeypot_model.h"
#include "loadgen/load_run.h"
#include "proto/modbus/modbus_validator.h"
#include "proto/s7comm/s7_validator.h"
#include "net/framed_server.h"
#include "probe/probe_config.h"
#include "proto/modbus/builders.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/loopback_client.h"
#include "testing/scratch_dir.h"
#include "util/bytes.h"

namespace protolm::honeypot {
namespace {

using protolm::testing::LoopbackClient;

/// Short enough that the slow-client tests take a fraction of a second; the
/// idle timeout stays at its default (60 s), so a close within the test is
/// never the idle timeout.
constexpr std::chrono::milliseconds kFrameTimeout{300};
/// A slow client sends one byte per second against the default frame
/// timeout of 10 s, so ten bytes of a request arrive before it is closed.
/// The tests scale that down by 33 to stay short: one byte per 30 ms
/// against 300 ms.
constexpr std::chrono::milliseconds kDripCadence{30};
/// Idle connections held at once (two descriptors each in this process: the
/// client's end and the server's).
constexpr size_t kIdleConnections = 2000;
/// Requests of the load generator run during the abuse.
constexpr size_t kLoadRequests = 400;
constexpr uint64_t kDescriptorMargin = 256;  // listeners, store, pcap, ...
/// Generous: a few kB per idle connection (socket, strand, timers, session).
constexpr uint64_t kIdleMemoryBound = 64ull << 20;

/// The process's resident set (VmRSS of /proc/self/status) in bytes; 0 when
/// it cannot be read.
uint64_t ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      uint64_t kb = 0;
      status >> kb;
      return kb * 1024;
    }
    status.ignore(1 << 16, '\n');
  }
  return 0;
}

/// Polls `done` until it holds or 10 s pass (the server logs a close just
/// after the client sees it); returns its last value.
bool WaitFor(const std::function<bool()>& done) {
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

Bytes RandomBytes(uint32_t seed, size_t size) {
  std::mt19937 random(seed);
  Bytes bytes(size);
  for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
  return bytes;
}

Bytes Text(std::string_view text) { return Bytes(text.begin(), text.end()); }

/// A TLS 1.2 ClientHello record (one cipher suite, no extensions), what a
/// scanner sends to any open port.
Bytes TlsClientHello() {
  ByteWriter hello;
  hello.U8(0x16);       // record: handshake
  hello.U16Be(0x0301);  // record version
  const size_t record_length = hello.size();
  hello.U16Be(0);
  hello.U8(0x01);  // ClientHello
  const size_t hello_length = hello.size();
  hello.U24Be(0);
  hello.U16Be(0x0303);  // TLS 1.2
  hello.Append(RandomBytes(7, 32));
  hello.U8(0);          // no session id
  hello.U16Be(2);       // one cipher suite:
  hello.U16Be(0xc02f);  // ECDHE-RSA-AES128-GCM-SHA256
  hello.U8(1);          // one compression method:
  hello.U8(0);          // null
  hello.U16Be(0);       // no extensions
  const size_t end = hello.size();
  hello.PatchU16Be(record_length,
                   static_cast<uint16_t>(end - record_length - 2));
  // The handshake length is 24 bits; its high byte stays 0.
  hello.PatchU16Be(hello_length + 1,
                   static_cast<uint16_t>(end - hello_length - 3));
  return hello.Take();
}

Bytes ModbusRead(uint16_t tid, uint16_t address) {
  return *modbus::BuildRequestAdu(tid, 1,
                                  modbus::ReadHoldingRegisters(address, 2));
}

/// The longest Modbus request, a write of 123 registers (259 bytes, 7.8 s
/// at the drip cadence), and a long S7 write (242 bytes): dripped, the
/// frame timeout closes them long before they are complete, even on a
/// server so busy that it reads the bytes late and many at once.
Bytes LongModbusWrite() {
  return *modbus::BuildRequestAdu(
      1, 1, modbus::WriteMultipleRegisters(0, std::vector<uint16_t>(123, 7)));
}

Bytes LongS7Write() {
  s7comm::AnyPointer item;
  item.area = s7comm::Area::kFlags;
  item.length = 200;
  return *s7comm::FrameS7Pdu(
      s7comm::WriteVarJob(1, {item}, {s7comm::ByteData(Bytes(200, 0x5a))}));
}

Bytes S7ReadFlags(uint16_t ref) {
  s7comm::AnyPointer item;
  item.area = s7comm::Area::kFlags;
  item.length = 4;
  return *s7comm::FrameS7Pdu(s7comm::ReadVarJob(ref, {item}));
}

/// Sends `bytes` on a fresh connection; true when the server then closes it
/// without having answered a single byte. The server may close (and reset)
/// before everything is sent, so a failed send is no failure here.
bool ClosedUnanswered(uint16_t port, ByteView bytes) {
  LoopbackClient client(port);
  if (!client.connected()) return false;
  (void)client.Send(bytes);
  if (client.Receive(1)) return false;  // an answer
  return client.ClosedByPeer();
}

/// Sends `bytes` one at a time, kDripCadence apart, until the server closes
/// the connection; returns how many were sent by then (bytes.size() when it
/// never closed).
size_t DripUntilClosed(uint16_t port, ByteView bytes) {
  // The receive timeout is the cadence: waiting for the close is the pause.
  LoopbackClient client(port, kDripCadence);
  if (!client.connected()) return 0;
  for (size_t sent = 0; sent < bytes.size(); ++sent) {
    if (!client.Send(bytes.subspan(sent, 1)) || client.ClosedByPeer())
      return sent + 1;
  }
  return bytes.size();
}

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string modbus_model = dir_.Path("wago.plm");
    const std::string s7_model = dir_.Path("s7.plm");
    ASSERT_TRUE(
        testing::WriteUntrainedModel(modbus_model, "modbus", "wago-750-881"));
    ASSERT_TRUE(testing::WriteUntrainedModel(s7_model, "s7comm", "s7-315-2pn"));

    auto store = events::OpenEventStore(store_path_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto log = events::EventLog::Start(std::move(*store));
    ASSERT_TRUE(log.ok()) << log.status().message();
    log_ = std::move(*log);
    auto recorder = EventRecorder::Create(log_.get(), {});
    ASSERT_TRUE(recorder.ok()) << recorder.status().message();
    recorder_ = std::move(*recorder);

    HoneypotOptions options;
    options.listeners.push_back({modbus_model, "127.0.0.1", 0});
    options.listeners.push_back({s7_model, "127.0.0.1", 0});
    options.limits.frame_timeout = kFrameTimeout;
    options.threads = 2;
    options.observer = recorder_.get();
    options.log = [this](const std::string& line) { Tally(line); };
    auto honeypot = StartHoneypot(options);
    ASSERT_TRUE(honeypot.ok()) << honeypot.status().message();
    honeypot_ = std::move(*honeypot);
    modbus_port_ = honeypot_->listeners()[0].port;
    s7_port_ = honeypot_->listeners()[1].port;
  }

  /// Counts the server's closes by reason, from its log lines.
  void Tally(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (line.find("(slow client)") != std::string::npos) ++frame_timeouts_;
    if (line.find(": idle timeout") != std::string::npos) ++idle_timeouts_;
    if (line.find("over the limit of") != std::string::npos) ++oversized_;
  }
  size_t frame_timeouts() {
    std::lock_guard<std::mutex> lock(mutex_);
    return frame_timeouts_;
  }
  size_t idle_timeouts() {
    std::lock_guard<std::mutex> lock(mutex_);
    return idle_timeouts_;
  }
  size_t oversized() {
    std::lock_guard<std::mutex> lock(mutex_);
    return oversized_;
  }

  /// A normal Modbus client: three reads on one connection, each answered
  /// validly.
  void ExpectModbusServed() {
    LoopbackClient client(modbus_port_);
    ASSERT_TRUE(client.connected());
    for (uint16_t tid = 1; tid <= 3; ++tid) {
      const Bytes read = ModbusRead(tid, tid * 10);
      ASSERT_TRUE(client.Send(read));
      auto answer = client.ReceiveModbusAdu();
      ASSERT_TRUE(answer) << "no answer to a normal Modbus read";
      ++answered_;
      EXPECT_TRUE(modbus::ValidateModbusResponse(read, *answer, {}).ok())
          << ToHex(*answer);
    }
  }

  /// A normal S7 client: COTP connect, setup communication and a read of
  /// flags, each answered validly.
  void ExpectS7Served() {
    auto opening =
        probe::DefaultProbeConfig("s7comm")->settings->Opening(1, [] { return uint16_t{0xffff}; });
    ASSERT_TRUE(opening.ok());
    LoopbackClient client(s7_port_);
    ASSERT_TRUE(client.connected());
    for (const Bytes& request : {(*opening)->requests()[0],
                                 (*opening)->requests()[1], S7ReadFlags(1)}) {
      ASSERT_TRUE(client.Send(request));
      auto answer = client.ReceiveTpktUnit();
      ASSERT_TRUE(answer) << "no answer to " << ToHex(request);
      ++answered_;
      EXPECT_TRUE(s7comm::ValidateS7Response(request, *answer).ok())
          << ToHex(*answer);
    }
  }

  /// Stops the honeypot, closes the recorder and the log, and checks that
  /// the store holds one exchange per answered request and nothing else.
  void ExpectEveryAnsweredRequestStored() {
    honeypot_->Stop();
    EXPECT_TRUE(recorder_->Close().ok());
    Status closed = log_->Close();
    ASSERT_TRUE(closed.ok()) << closed.message();
    const events::EventLogCounters counters = log_->counters();
    EXPECT_EQ(counters.dropped, 0u);
    EXPECT_EQ(counters.failed_events, 0u);
    log_.reset();
    auto store = events::OpenEventStore(store_path_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto stored = (*store)->CountExchanges();
    ASSERT_TRUE(stored.ok()) << stored.status().message();
    EXPECT_EQ(*stored, answered_.load());
  }

  protolm::testing::ScratchDir dir_;
  const std::string store_path_ = dir_.Path("events.sqlite");
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<EventRecorder> recorder_;
  std::unique_ptr<Honeypot> honeypot_;
  uint16_t modbus_port_ = 0;
  uint16_t s7_port_ = 0;
  std::atomic<uint64_t> answered_{0};  // requests that got a whole answer

 private:
  std::mutex mutex_;
  size_t frame_timeouts_ = 0;
  size_t idle_timeouts_ = 0;
  size_t oversized_ = 0;
};

TEST_F(HostileInputTest, GarbageClosesTheConnectionNotTheServer) {
  const Bytes http = Text("GET / HTTP/1.1\r\nHost: plc\r\n\r\n");
  for (uint16_t port : {modbus_port_, s7_port_}) {
    SCOPED_TRACE(port == modbus_port_ ? "modbus" : "s7comm");
    for (uint32_t seed = 1; seed <= 3; ++seed)
      EXPECT_TRUE(ClosedUnanswered(port, RandomBytes(seed, 4096)));
    EXPECT_TRUE(ClosedUnanswered(port, http));
    EXPECT_TRUE(ClosedUnanswered(port, TlsClientHello()));
  }
  ExpectModbusServed();
  ExpectS7Served();
  ExpectEveryAnsweredRequestStored();
}

TEST_F(HostileInputTest, OversizedLengthFieldsAreRefusedAtOnce) {
  // An MBAP header announcing 0xFFFF bytes, a TPKT header announcing 0xFFFF:
  // over the frame size limit, so closed on arrival, not after waiting for
  // the rest.
  EXPECT_TRUE(
      ClosedUnanswered(modbus_port_, *FromHex("00010000ffff0103000000010000")));
  EXPECT_TRUE(ClosedUnanswered(s7_port_, *FromHex("0300ffff02f080320100")));
  EXPECT_TRUE(WaitFor([this] { return oversized() == 2; }));
  EXPECT_EQ(frame_timeouts(), 0u);
  ExpectModbusServed();
  ExpectS7Served();
  ExpectEveryAnsweredRequestStored();
}

TEST_F(HostileInputTest, HalfFramesThenSilenceAreClosedByTheFrameTimeout) {
  const Bytes modbus = ModbusRead(1, 0);
  auto opening =
      probe::DefaultProbeConfig("s7comm")->settings->Opening(1, [] { return uint16_t{0xffff}; });
  ASSERT_TRUE(opening.ok());
  const Bytes& connect = (*opening)->requests()[0];
  LoopbackClient modbus_half(modbus_port_);
  LoopbackClient s7_half(s7_port_);
  ASSERT_TRUE(modbus_half.Send(ByteView(modbus).first(modbus.size() / 2)));
  ASSERT_TRUE(s7_half.Send(ByteView(connect).first(connect.size() / 2)));
  EXPECT_FALSE(modbus_half.Receive(1));
  EXPECT_TRUE(modbus_half.ClosedByPeer());
  EXPECT_FALSE(s7_half.Receive(1));
  EXPECT_TRUE(s7_half.ClosedByPeer());
  EXPECT_TRUE(WaitFor([this] { return frame_timeouts() == 2; }));
  EXPECT_EQ(idle_timeouts(), 0u);
  ExpectModbusServed();
  ExpectS7Served();
  ExpectEveryAnsweredRequestStored();
}

TEST_F(HostileInputTest,
       AClientDrippingBytesIsClosedBeforeItsRequestCompletes) {
  const Bytes write = LongModbusWrite();
  const Bytes s7_write = LongS7Write();
  EXPECT_LT(DripUntilClosed(modbus_port_, write), write.size());
  EXPECT_LT(DripUntilClosed(s7_port_, s7_write), s7_write.size());
  EXPECT_TRUE(WaitFor([this] { return frame_timeouts() == 2; }));
  EXPECT_EQ(idle_timeouts(), 0u);
  ExpectModbusServed();
  ExpectS7Served();
  ExpectEveryAnsweredRequestStored();
}

TEST_F(HostileInputTest,
       ThousandsOfIdleConnectionsLeaveItServingInBoundedMemory) {
  const uint64_t limit =
      net::RaiseDescriptorLimit(2 * kIdleConnections + kDescriptorMargin);
  const size_t count = static_cast<size_t>(std::min<uint64_t>(
      kIdleConnections,
      limit > kDescriptorMargin ? (limit - kDescriptorMargin) / 2 : 0));
  ASSERT_GE(count, 1000u) << "the descriptor limit is " << limit
                          << "; raise the hard limit (ulimit -Hn)";
  const uint64_t resident_before = ResidentBytes();
  ASSERT_GT(resident_before, 0u);
  {
    std::vector<LoopbackClient> idle;
    idle.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      idle.emplace_back(i % 2 == 0 ? modbus_port_ : s7_port_);
      ASSERT_TRUE(idle.back().connected()) << "connection " << i;
    }
    EXPECT_TRUE(WaitFor([&] { return honeypot_->connection_count() == count; }))
        << honeypot_->connection_count() << " of " << count << " accepted";
    ExpectModbusServed();
    ExpectS7Served();
    const int64_t growth_kb = (static_cast<int64_t>(ResidentBytes()) -
                               static_cast<int64_t>(resident_before)) /
                              1024;
    RecordProperty("resident_growth_kb", std::to_string(growth_kb));
    EXPECT_LT(growth_kb, static_cast<int64_t>(kIdleMemoryBound / 1024))
        << "kB more resident for " << count << " idle connections";
    // The normal clients' connections close; the idle ones stay open.
    EXPECT_TRUE(WaitFor([&] { return honeypot_->connection_count() == count; }))
        << honeypot_->connection_count();
  }
  EXPECT_TRUE(WaitFor([this] { return honeypot_->connection_count() == 0; }));
  EXPECT_EQ(idle_timeouts(), 0u);
  ExpectModbusServed();
  ExpectEveryAnsweredRequestStored();
}

TEST_F(HostileInputTest, EveryRequestOfALoadUnderAbuseIsStored) {
  // Abusive clients run beside the load, each opening a connection every
  // 10 ms at most (the frame-timeout cases take 300 ms each anyway), so
  // they compete with the load without running out of ephemeral ports.
  std::atomic<bool> stop{false};
  std::vector<std::thread> abusers;
  auto abuse = [&](std::function<void(uint32_t)> once) {
    abusers.emplace_back([&stop, once] {
      for (uint32_t round = 1; !stop; ++round) {
        once(round);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
  };
  abuse([this](uint32_t round) {
    EXPECT_TRUE(ClosedUnanswered(modbus_port_, RandomBytes(round, 512)));
    EXPECT_TRUE(ClosedUnanswered(s7_port_, TlsClientHello()));
  });
  abuse([this](uint32_t) {  // half a read, then silence
    EXPECT_TRUE(
        ClosedUnanswered(modbus_port_, ByteView(ModbusRead(1, 0)).first(7)));
  });
  abuse([this](uint32_t) {  // a TPKT header announcing 0xFFFF bytes
    EXPECT_TRUE(ClosedUnanswered(s7_port_, *FromHex("0300ffff")));
  });
  abuse([this](uint32_t) {
    const Bytes write = LongModbusWrite();
    EXPECT_LT(DripUntilClosed(modbus_port_, write), write.size());
  });

  loadgen::LoadOptions load;
  load.port = modbus_port_;
  load.protocol = "modbus";
  load.connections = 8;
  // 400 requests keep the sanitizer build (tens of milliseconds a request
  // at -O0) within seconds; the property does not depend on the count.
  load.requests = kLoadRequests;
  // Generous: every request must complete, on a server also busy with the
  // abuse.
  load.timeout = std::chrono::seconds(60);
  auto report = loadgen::RunLoad(load);
  stop = true;
  for (std::thread& t : abusers) t.join();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->completed, kLoadRequests) << loadgen::RenderReportText(*report);
  answered_ += report->completed;

  ExpectModbusServed();
  ExpectS7Served();
  ExpectEveryAnsweredRequestStored();
}

}  // namespace
}  // namespace protolm::honeypot

// The framed server on loopback with an echoing Modbus handler: pipelining,
// the observer, the frame timeout, unread replies, per-source caps, rate
// limiting and the graceful stop.
#include "net/framed_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "proto/registry/codec_registry.h"
#include "testing/loopback_client.h"

namespace protolm::net {
namespace {

using protolm::testing::LoopbackClient;
using std::chrono::milliseconds;

/// Answers every framed request with the request itself.
class EchoHandler : public ProtocolHandler {
 public:
  const Codec& codec() const override { return *FindCodec("modbus"); }
  std::unique_ptr<ProtocolSession> NewSession(const std::string&) override {
    struct Echo : ProtocolSession {
      Reply Handle(ByteView request) override {
        return Reply(Bytes(request.begin(), request.end()), false);
      }
    };
    return std::make_unique<Echo>();
  }
};

/// Keeps what the server reports.
class Recorder : public ServerObserver {
 public:
  void Opened(const ConnectionInfo&) override { ++opened; }
  void Exchanged(const ConnectionInfo& c, uint64_t sequence, ByteView request,
                 const Reply&, std::chrono::nanoseconds) override {
    std::lock_guard<std::mutex> lock(mutex);
    exchanges.push_back({c.id, sequence, Bytes(request.begin(), request.end())});
  }
  void Closed(const ConnectionInfo&, const std::string& reason,
              uint64_t) override {
    std::lock_guard<std::mutex> lock(mutex);
    reasons.push_back(reason);
  }
  struct Exchange {
    uint64_t connection, sequence;
    Bytes request;
  };
  size_t exchange_count() {
    std::lock_guard<std::mutex> lock(mutex);
    return exchanges.size();
  }
  std::vector<std::string> close_reasons() {
    std::lock_guard<std::mutex> lock(mutex);
    return reasons;
  }
  std::atomic<int> opened{0};
  std::mutex mutex;
  std::vector<Exchange> exchanges;
  std::vector<std::string> reasons;
};

/// A Modbus read-holding-registers ADU with transaction id `tid`.
Bytes Read(uint16_t tid) {
  return Bytes{static_cast<uint8_t>(tid >> 8), static_cast<uint8_t>(tid), 0, 0,
               0, 6, 1, 3, 0, 0, 0, 1};
}

bool WaitFor(const std::function<bool()>& condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

class FramedServerTest : public ::testing::Test {
 protected:
  void Start(ServerLimits limits, size_t threads = 2) {
    ServerOptions options;
    options.limits = limits;
    options.threads = threads;
    options.observer = &recorder_;
    server_ = std::make_unique<FramedServer>(options);
    auto port = server_->Listen("modbus", "127.0.0.1", 0,
                                std::make_unique<EchoHandler>());
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    server_->Start();
  }
  Recorder recorder_;
  std::unique_ptr<FramedServer> server_;
  uint16_t port_ = 0;
};

TEST_F(FramedServerTest, PipelinedRequestsAreAnsweredInOrderAndObserved) {
  Start({});
  LoopbackClient c(port_);
  Bytes burst;
  for (uint16_t tid = 1; tid <= 20; ++tid) {
    Bytes r = Read(tid);
    burst.insert(burst.end(), r.begin(), r.end());
  }
  ASSERT_TRUE(c.Send(burst));
  for (uint16_t tid = 1; tid <= 20; ++tid) {
    auto answer = c.ReceiveModbusAdu();
    ASSERT_TRUE(answer);
    EXPECT_EQ(*answer, Read(tid));
  }
  ASSERT_TRUE(WaitFor([&] { return recorder_.exchange_count() == 20; }));
  EXPECT_EQ(recorder_.exchanges.front().sequence, 1u);
  EXPECT_EQ(recorder_.exchanges.back().sequence, 20u);
  EXPECT_EQ(recorder_.opened, 1);
}

TEST_F(FramedServerTest, AStartedFrameMustCompleteInTime) {
  ServerLimits limits;
  limits.frame_timeout = milliseconds(200);
  Start(limits);
  LoopbackClient c(port_);
  Bytes request = Read(1);
  // One byte at a time, slower than the frame timeout allows: each byte
  // resets the idle timer but not the frame's deadline.
  for (size_t i = 0; i + 1 < request.size(); ++i) {
    if (!c.Send(ByteView(request).subspan(i, 1))) break;
    std::this_thread::sleep_for(milliseconds(40));
  }
  EXPECT_TRUE(c.ClosedByPeer());
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() == 0; }));
  EXPECT_THAT(recorder_.close_reasons(),
              ::testing::Contains(::testing::HasSubstr("slow client")));
  EXPECT_EQ(recorder_.exchange_count(), 0u);
}

TEST_F(FramedServerTest, ConnectionsPerSourceAreCapped) {
  ServerLimits limits;
  limits.max_connections_per_source = 3;
  Start(limits);
  std::vector<LoopbackClient> clients;
  for (int i = 0; i < 3; ++i) clients.emplace_back(port_);
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() == 3; }));
  LoopbackClient extra(port_);
  EXPECT_TRUE(extra.ClosedByPeer());
  ASSERT_TRUE(clients[2].Send(Read(7)));
  EXPECT_EQ(clients[2].ReceiveModbusAdu(), Read(7));
}

TEST_F(FramedServerTest, RateLimitedRequestsAreDelayedNotDropped) {
  ServerLimits limits;
  limits.requests_per_second = 50;
  limits.request_burst = 2;
  Start(limits);
  LoopbackClient c(port_);
  Bytes burst;
  for (uint16_t tid = 1; tid <= 10; ++tid) {
    Bytes r = Read(tid);
    burst.insert(burst.end(), r.begin(), r.end());
  }
  ASSERT_TRUE(c.Send(burst));
  for (uint16_t tid = 1; tid <= 10; ++tid) EXPECT_EQ(c.ReceiveModbusAdu(), Read(tid));
  EXPECT_EQ(recorder_.exchange_count(), 10u);
}

TEST_F(FramedServerTest, AClientThatDoesNotReadIsClosed) {
  ServerLimits limits;
  limits.max_unsent_bytes = 64 * 1024;
  Start(limits, 1);
  LoopbackClient c(port_);
  // Never read: the kernel buffers fill, then the server's queue does.
  Bytes burst;
  for (int i = 0; i < 2000; ++i) {
    Bytes r = Read(static_cast<uint16_t>(i));
    burst.insert(burst.end(), r.begin(), r.end());
  }
  bool closed = false;
  for (int round = 0; round < 200 && !closed; ++round) closed = !c.Send(burst);
  EXPECT_TRUE(closed);
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() == 0; }));
  EXPECT_THAT(recorder_.close_reasons(),
              ::testing::Contains(::testing::HasSubstr("does not read")));
}

TEST_F(FramedServerTest, StopAnswersWhatWasReceivedThenCloses) {
  Start({});
  LoopbackClient c(port_);
  ASSERT_TRUE(c.Send(Read(1)));
  EXPECT_EQ(c.ReceiveModbusAdu(), Read(1));
  // A second request, then the stop: it is answered before the close.
  ASSERT_TRUE(c.Send(Read(2)));
  ASSERT_TRUE(WaitFor([&] { return recorder_.exchange_count() == 2; }));
  server_->Stop();
  EXPECT_EQ(c.ReceiveModbusAdu(), Read(2));
  EXPECT_TRUE(c.ClosedByPeer());
  EXPECT_EQ(server_->connection_count(), 0u);
  EXPECT_THAT(recorder_.close_reasons(),
              ::testing::ElementsAre(::testing::HasSubstr("server stopping")));
}

TEST_F(FramedServerTest, BadBindAddressesAreClearErrors) {
  FramedServer server(ServerOptions{});
  auto bad = server.Listen("modbus", "not-an-ip", 0,
                           std::make_unique<EchoHandler>());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), ::testing::HasSubstr("not an IP address"));
}

TEST(DescriptorLimitTest, RaisesTowardsWhatIsWanted) {
  uint64_t now = RaiseDescriptorLimit(0);
  EXPECT_GT(now, 0u);
  EXPECT_GE(RaiseDescriptorLimit(now), now);
}

}  // namespace
}  // namespace protolm::net

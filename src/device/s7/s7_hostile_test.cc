// Hostile input against the S7 side of the device server: garbage, data
// before connect, absurd and tiny TPKT lengths, half frames, requests
// larger than the negotiated PDU, pipelined requests and many clients at
// once. Every case ends in a protocol-correct answer or a closed
// connection, and the server keeps serving new clients.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "device/s7/s7_test_support.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::device::s7 {
namespace {

using namespace protolm::s7comm;
using testing::DecodeReply;
using testing::Hex;
using testing::LoopbackClient;
using testing::S7Device;
using testing::StartS7Server;

class S7HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartS7Server(S7Device::Builtin());
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (server_ == nullptr) return;
    ExpectStillServing();
    server_->Stop();
  }

  /// A new client gets through connect and setup communication.
  void ExpectStillServing() {
    LoopbackClient c(server_->s7_port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.Send(Hex(testing::kNmapConnect)));
    ASSERT_TRUE(c.ReceiveTpktUnit().has_value());
    ASSERT_TRUE(c.Send(Hex(testing::kNmapSetup)));
    std::optional<Bytes> setup = c.ReceiveTpktUnit();
    ASSERT_TRUE(setup.has_value());
    EXPECT_EQ(DecodeReply(*setup).rosctr, Rosctr::kAckData);
  }

  void ExpectClosedAfter(const Bytes& bytes) {
    LoopbackClient c(server_->s7_port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.Send(bytes));
    EXPECT_TRUE(c.ClosedByPeer()) << ToHex(bytes);
  }

  std::unique_ptr<DeviceServer> server_;
};

TEST_F(S7HostileTest, GarbageClosesTheConnection) {
  ExpectClosedAfter(Hex("474554202f20485454502f312e310d0a0d0a"));
  ExpectClosedAfter(Bytes(64, 0xff));
}

TEST_F(S7HostileTest, DataBeforeConnectRequestCloses) {
  ExpectClosedAfter(Hex(testing::kNmapSetup));
}

TEST_F(S7HostileTest, AbsurdTpktLengthsClose) {
  ExpectClosedAfter(Hex("0300ffff02f080"));  // 65535 bytes announced
  ExpectClosedAfter(Hex("0300000302f080"));  // shorter than its header
  ExpectClosedAfter(Hex("0300000702f080"));  // an empty DT, not connected
}

TEST_F(S7HostileTest, WrongTsapGetsDisconnectRequest) {
  LoopbackClient c(server_->s7_port());
  ASSERT_TRUE(c.Send(Hex("0300001611e00000001400c1020100c2020109c0010a")));
  std::optional<Bytes> dr = c.ReceiveTpktUnit();
  ASSERT_TRUE(dr.has_value());
  EXPECT_EQ((*dr)[5], 0x80);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(S7HostileTest, HalfFramesAreJoined) {
  LoopbackClient c(server_->s7_port());
  Bytes cr = Hex(testing::kNmapConnect);
  ASSERT_TRUE(c.Send(Bytes(cr.begin(), cr.begin() + 3)));
  ASSERT_TRUE(c.Send(Bytes(cr.begin() + 3, cr.begin() + 11)));
  ASSERT_TRUE(c.Send(Bytes(cr.begin() + 11, cr.end())));
  std::optional<Bytes> cc = c.ReceiveTpktUnit();
  ASSERT_TRUE(cc.has_value());
  EXPECT_EQ((*cc)[5], 0xd0);
}

TEST_F(S7HostileTest, HalfFrameThenHangUpLeavesTheServerServing) {
  for (int i = 0; i < 20; ++i) {
    LoopbackClient c(server_->s7_port());
    ASSERT_TRUE(c.Send(Hex("0300001902f0803201")));
  }
}

TEST_F(S7HostileTest, PipelinedRequestsAreAllAnswered) {
  LoopbackClient c(server_->s7_port());
  Bytes all = Hex(testing::kNmapConnect);
  Bytes setup = Hex(testing::kNmapSetup);
  Bytes szl = Hex(testing::kNmapSzl0011);
  all.insert(all.end(), setup.begin(), setup.end());
  all.insert(all.end(), szl.begin(), szl.end());
  ASSERT_TRUE(c.Send(all));
  ASSERT_TRUE(c.ReceiveTpktUnit().has_value());
  ASSERT_TRUE(c.ReceiveTpktUnit().has_value());
  std::optional<Bytes> answer = c.ReceiveTpktUnit();
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(DecodeReply(*answer).rosctr, Rosctr::kUserdata);
}

TEST_F(S7HostileTest, RequestLargerThanThePduGetsAnError) {
  LoopbackClient c(server_->s7_port());
  ASSERT_TRUE(c.Send(Hex(testing::kNmapConnect)));
  ASSERT_TRUE(c.ReceiveTpktUnit().has_value());
  ASSERT_TRUE(c.Send(Hex(testing::kNmapSetup)));
  ASSERT_TRUE(c.ReceiveTpktUnit().has_value());
  std::vector<VarItem> items(
      40, AnyPointer{ItemType::kByte, 1, 0, Area::kFlags, 0, 0});
  Result<Bytes> big = FrameS7Pdu(ReadVarJob(0x1234, items));  // 492 bytes
  ASSERT_TRUE(big.ok());
  ASSERT_TRUE(c.Send(*big));
  std::optional<Bytes> answer = c.ReceiveTpktUnit();
  ASSERT_TRUE(answer.has_value());
  S7Pdu error = DecodeReply(*answer);
  EXPECT_EQ(error.pdu_ref, 0x1234);
  EXPECT_EQ(error.error_class, 0x85);
}

TEST_F(S7HostileTest, ManyClientsAtOnce) {
  std::vector<std::unique_ptr<LoopbackClient>> clients;
  for (int i = 0; i < 200; ++i) {
    clients.push_back(std::make_unique<LoopbackClient>(server_->s7_port()));
    ASSERT_TRUE(clients.back()->connected());
    ASSERT_TRUE(clients.back()->Send(Hex(testing::kNmapConnect)));
  }
  for (auto& c : clients) {
    std::optional<Bytes> cc = c->ReceiveTpktUnit();
    ASSERT_TRUE(cc.has_value());
    EXPECT_EQ((*cc)[5], 0xd0);
  }
}

}  // namespace
}  // namespace protolm::device::s7

// Interop: a conversation made only of builder output, written to a pcap
// with Ethernet/IPv4/TCP headers, dissects in tshark as COTP and S7COMM with
// no malformed packet and no expert warning or error. Fails where tshark is
// missing (scripts/setup.sh installs it).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capture/tcp_conversation_writer.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::s7comm {
namespace {

using ::protolm::testing::ScratchDir;
using ::protolm::testing::ShellOutput;
using ::protolm::testing::ToolInstalled;

struct Packet {
  bool from_client;
  Bytes payload;
};

/// Writes `packets` as one TCP connection 10.0.0.1:49152 -> 10.0.0.2:102,
/// one segment each (each acknowledged by the peer), with handshake and
/// teardown.
void WritePcap(const std::string& path, const std::vector<Packet>& packets) {
  Result<TcpConversationWriter> writer = TcpConversationWriter::Create(
      path, {"10.0.0.1", 49152}, {"10.0.0.2", 102});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  int64_t ts_us = 1000000;
  for (const Packet& p : packets) {
    Direction dir =
        p.from_client ? Direction::kClientToServer : Direction::kServerToClient;
    ASSERT_TRUE(writer->Send(dir, ts_us, p.payload).ok());
    ts_us += 1000000;
  }
  ASSERT_TRUE(writer->Close(ts_us).ok());
}

Bytes Wire(const Result<Bytes>& b) {
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bytes{};
}

TEST(S7commTshark, BuilderOutputDissectsCleanly) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  AnyPointer db_word{ItemType::kWord, 2, 1, Area::kDataBlock, 4, 0};
  AnyPointer m_bit{ItemType::kBit, 1, 0, Area::kFlags, 10, 3};
  AnyPointer input{ItemType::kByte, 1, 0, Area::kInputs, 0, 0};
  Bytes ident(28, 0x20);
  std::vector<Packet> packets = {
      {true, Wire(FrameTpdu(CotpConnectRequest(0x0001, 0x0100, 0x0102, 0x0a)))},
      {false, Wire(FrameTpdu(
                  CotpConnectConfirm(0x0001, 0x0044, 0x0100, 0x0102, 0x0a)))},
      {true, Wire(FrameS7Pdu(SetupCommunicationJob(0x0100, 1, 1, 480)))},
      {false, Wire(FrameS7Pdu(SetupCommunicationAckData(0x0100, 1, 1, 240)))},
      {true, Wire(FrameS7Pdu(ReadVarJob(0x0200, {db_word, m_bit, input})))},
      {false, Wire(FrameS7Pdu(ReadVarAckData(
                  0x0200, {ByteData({0x12, 0x34, 0x56, 0x78}), BitData(true),
                           ErrorData(ReturnCode::kAddressOutOfRange)})))},
      {true,
       Wire(FrameS7Pdu(WriteVarJob(0x0300, {db_word, m_bit},
                                   {ByteData({1, 2, 3, 4}), BitData(false)})))},
      {false, Wire(FrameS7Pdu(WriteVarAckData(0x0300, {0xff, 0x05})))},
      {true, Wire(FrameTpdu(CotpData({}, false)))},
      {true, Wire(FrameS7Pdu(SzlReadRequest(0x0400, 0x0011, 0x0000)))},
      {false, Wire(FrameS7Pdu(SzlReadResponse(0x0400, 1, 0x0011, 0x0000, 28,
                                              {ident, ident})))},
      {true, Wire(FrameS7Pdu(SzlReadRequest(0x0500, 0x0c91, 0x7fff)))},
      {false, Wire(FrameS7Pdu(SzlReadError(0x0500, 2, 0xd402)))},
      {true, Wire(FrameS7Pdu(ReadVarJob(0x0600, {db_word, input}), 12))},
      {false, Wire(FrameS7Pdu(ErrorAckData(0x0600, 0x85, 0x00)))},
  };
  ScratchDir scratch;
  std::string path = scratch.Path("s7comm_builders.pcap");
  WritePcap(path, packets);
  ASSERT_FALSE(HasFatalFailure());

  std::string verbose = ShellOutput("tshark -r '" + path + "' -V 2>&1");
  EXPECT_EQ(verbose.find("Malformed"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Expert Info (Error"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Expert Info (Warning"), std::string::npos) << verbose;

  // The frames that carry data (not the handshake, ACKs and teardown).
  std::string columns = ShellOutput(
      "tshark -r '" + path +
      "' -Y 'tcp.len > 0' -T fields -e _ws.col.Protocol 2>/dev/null");
  EXPECT_EQ(columns,
            "COTP\nCOTP\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\n"
            "COTP\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\nS7COMM\n")
      << verbose;
  std::string szl = ShellOutput("tshark -r '" + path +
                                "' -Y s7comm.data.userdata.szl_id -T fields "
                                "-e s7comm.data.userdata.szl_id 2>/dev/null");
  EXPECT_EQ(szl, "0x0011\n0x0011\n0x0c91\n");
}

}  // namespace
}  // namespace protolm::s7comm

// nmap's s7-info and tshark on 127.0.0.1 against the S7 simulator
// (`StartDeviceServer`) and against the honeypot serving a clone of it
// (`StartHoneypot`), with the same expectations: the script prints the PLC's
// whole identity block, and tshark dissects a session (connect, setup, write
// and read var, SZL reads) without a malformed packet or expert warning. The
// clone is an untrained model with the device rules learned from a
// boundaries probe of the simulator (what `protolm clone` saves before any
// training): its connection confirm, setup and SZL answers are the
// simulator's, sent back with nmap's own references. The tools are real; a
// missing one fails the test (scripts/setup.sh installs them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "capture/tcp_conversation_writer.h"
#include "testing/device/served_device.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/loopback_client.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::device {
namespace {

using protolm::testing::ShellOutput;
using protolm::testing::ToolInstalled;
using ::testing::HasSubstr;

using protolm::testing::Served;

class S7InteropTest : public ::testing::TestWithParam<Served> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(device_.Start(GetParam(), "s7-315-2pn", "s7comm", 400));
    port_ = device_.port();
  }
  protolm::testing::ServedDevice device_;
  uint16_t port_ = 0;
};

INSTANTIATE_TEST_SUITE_P(SimulatorAndClone, S7InteropTest,
                         ::testing::Values(Served::kSimulator, Served::kClone),
                         protolm::testing::ServedName);

TEST_P(S7InteropTest, NmapS7InfoPrintsThePlcsIdentity) {
  ASSERT_TRUE(ToolInstalled("nmap"));
  // "+" runs the script although the port is not 102.
  std::string out = ShellOutput("nmap -n -Pn -sT -p " + std::to_string(port_) +
                                " --script +s7-info 127.0.0.1 2>&1");
  // nmap 7.93's whole script block, as the simulator answers it.
  EXPECT_THAT(out, HasSubstr("| s7-info: \n"
                             "|   Module: 6ES7 315-2EH14-0AB0 \n"
                             "|   Basic Hardware: 6ES7 315-2EH14-0AB0 \n"
                             "|   Version: 3.2.7\n"
                             "|   System Name: S7300/ET200M station_1\n"
                             "|   Module Type: PLC_1\n"
                             "|   Serial Number: S C-B1U393142011\n"
                             "|   Plant Identification: Plant 1 / pump station\n"
                             "|_  Copyright: Original Siemens Equipment\n"))
      << out;
}

TEST_P(S7InteropTest, TsharkDissectsASessionWithoutWarnings) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  using namespace s7comm;
  auto frame = [](const S7Pdu& pdu) { return FrameS7Pdu(pdu).value(); };
  const AnyPointer db_word{ItemType::kWord, 2, 1, Area::kDataBlock, 4, 0};
  const AnyPointer m_bit{ItemType::kBit, 1, 0, Area::kFlags, 10, 3};
  const AnyPointer past_end{ItemType::kByte, 4, 1, Area::kDataBlock, 255, 0};
  const std::vector<Bytes> requests = {
      FromHex("0300001611e00000001400c1020100c2020102c0010a").value(),  // nmap
      FromHex("0300001902f08032010000000000080000f0000001000101e0").value(),
      frame(WriteVarJob(0x0200, {db_word, m_bit},
                        {ByteData({1, 2, 3, 4}), BitData(true)})),
      frame(ReadVarJob(0x0300, {db_word, m_bit, past_end})),
      frame(SzlReadRequest(0x0400, 0x0011, 0x0001)),
      frame(SzlReadRequest(0x0500, 0x0131, 0x0001)),
  };
  protolm::testing::ScratchDir scratch;
  const std::string path = scratch.Path("s7.pcap");
  auto writer = TcpConversationWriter::Create(path, {"10.0.0.1", 49152},
                                              {"10.0.0.2", 102});
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  protolm::testing::LoopbackClient client(port_);
  int64_t ts = 1'700'000'000'000'000;
  for (const Bytes& request : requests) {
    ASSERT_TRUE(client.Send(request));
    std::optional<Bytes> answer = client.ReceiveTpktUnit();
    ASSERT_TRUE(answer) << "no answer to " << ToHex(request);
    ASSERT_TRUE(writer->Send(Direction::kClientToServer, ts += 1000, request).ok());
    ASSERT_TRUE(writer->Send(Direction::kServerToClient, ts += 1000, *answer).ok());
  }
  ASSERT_TRUE(writer->Close(ts += 1000).ok());
  const std::string verbose = ShellOutput("tshark -r " + path + " -V 2>&1");
  EXPECT_THAT(verbose, HasSubstr("S7 Communication"));
  EXPECT_THAT(verbose, HasSubstr("6ES7 315-2EH14-0AB0"));  // SZL 0x0011
  EXPECT_EQ(verbose.find("Malformed"), std::string::npos) << verbose;
  const std::string expert =
      ShellOutput("tshark -r " + path + " -q -z expert,warn 2>&1");
  EXPECT_EQ(expert.find("Warning"), std::string::npos) << expert;
  EXPECT_EQ(expert.find("Error"), std::string::npos) << expert;
}

}  // namespace
}  // namespace protolm::device

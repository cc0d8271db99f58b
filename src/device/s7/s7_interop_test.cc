// Third-party peers against the S7 side of `protolm device serve` on
// loopback: nmap's s7-info script reports the profile's identity, and
// tshark dissects the simulator's traffic (recorded as pcap) without a
// malformed packet or expert warning. Fail where nmap or tshark is missing
// (scripts/setup.sh installs them).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capture/tcp_conversation_writer.h"
#include "device/s7/s7_test_support.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::device::s7 {
namespace {

using namespace protolm::s7comm;
using protolm::testing::ScratchDir;
using protolm::testing::ShellOutput;
using protolm::testing::ToolInstalled;
using testing::Hex;
using testing::LoopbackClient;
using testing::S7Device;
using testing::StartS7Server;

TEST(S7InteropTest, NmapS7InfoReportsTheProfileIdentity) {
  ASSERT_TRUE(ToolInstalled("nmap"));
  DeviceProfile profile = S7Device::Builtin();
  auto server = StartS7Server(profile);
  ASSERT_NE(server, nullptr);
  // "+s7-info" runs the script on this port although it is not 102.
  std::string out =
      ShellOutput("nmap -n -Pn -sT -p " + std::to_string(server->s7_port()) +
                  " --script +s7-info 127.0.0.1 2>&1");
  const S7Identity& id = profile.s7.identity;
  EXPECT_NE(out.find("Module: " + id.order_number), std::string::npos) << out;
  EXPECT_NE(out.find("Basic Hardware: " + id.order_number), std::string::npos)
      << out;
  EXPECT_NE(out.find("Version: 3.2.7"), std::string::npos) << out;
  EXPECT_NE(out.find("System Name: " + id.system_name), std::string::npos)
      << out;
  EXPECT_NE(out.find("Module Type: " + id.module_name), std::string::npos)
      << out;
  EXPECT_NE(out.find("Serial Number: " + id.serial_number), std::string::npos)
      << out;
  EXPECT_NE(out.find("Plant Identification: " + id.plant_id), std::string::npos)
      << out;
  EXPECT_NE(out.find("Copyright: " + id.copyright), std::string::npos) << out;
  server->Stop();
}

TEST(S7InteropTest, TsharkDissectsTheSimulatorsTrafficCleanly) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  auto server = StartS7Server(S7Device::Builtin());
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->s7_port());
  ASSERT_TRUE(client.connected());

  AnyPointer db_word{ItemType::kWord, 2, 1, Area::kDataBlock, 4, 0};
  AnyPointer m_bit{ItemType::kBit, 1, 0, Area::kFlags, 10, 3};
  AnyPointer timers{ItemType::kTimer, 3, 0, Area::kTimer, 0, 0};
  AnyPointer missing{ItemType::kByte, 1, 9, Area::kDataBlock, 0, 0};
  auto frame = [](const S7Pdu& p) {
    Result<Bytes> b = FrameS7Pdu(p);
    return b.ok() ? *b : Bytes{};
  };
  UserdataParam more;
  more.method = kUserdataMethodResponse;
  more.sequence = 2;
  more.continuation = UserdataParam::Continuation{0, 0, 0};
  UserdataData empty;
  empty.return_code = 0x0a;
  empty.type = DataType::kNull;
  empty.payload = Bytes{};
  S7Pdu next_part;
  next_part.rosctr = Rosctr::kUserdata;
  next_part.pdu_ref = 0x0700;
  next_part.body = Userdata{more, empty};
  const std::vector<Bytes> requests = {
      Hex(testing::kNmapConnect),
      Hex(testing::kNmapSetup),
      frame(WriteVarJob(0x0200, {db_word, m_bit},
                        {ByteData({1, 2, 3, 4}), BitData(true)})),
      frame(ReadVarJob(0x0300, {db_word, m_bit, timers, missing})),
      frame(SzlReadRequest(0x0400, 0x0011, 0x0000)),
      frame(SzlReadRequest(0x0500, 0x0c91, 0x7fff)),
      frame(SzlReadRequest(0x0600, 0x001c, 0x0000)),  // two parts at 240
      frame(next_part),
      frame(SzlReadRequest(0x0800, 0x0424, 0x0000)),
      frame(SzlReadRequest(0x0900, 0x0131, 0x0001)),
  };
  ScratchDir scratch;
  std::string path = scratch.Path("s7_device.pcap");
  Result<TcpConversationWriter> writer = TcpConversationWriter::Create(
      path, {"10.0.0.1", 49152}, {"10.0.0.2", 102});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  int64_t ts_us = 1000000;
  for (const Bytes& request : requests) {
    ASSERT_TRUE(client.Send(request));
    std::optional<Bytes> answer = client.ReceiveTpktUnit();
    ASSERT_TRUE(answer.has_value()) << "no answer to " << ToHex(request);
    ASSERT_TRUE(writer->Send(Direction::kClientToServer, ts_us, request).ok());
    ASSERT_TRUE(
        writer->Send(Direction::kServerToClient, ts_us + 1000, *answer).ok());
    ts_us += 1000000;
  }
  ASSERT_TRUE(writer->Close(ts_us).ok());
  server->Stop();

  std::string verbose = ShellOutput("tshark -r '" + path + "' -V 2>&1");
  EXPECT_EQ(verbose.find("Malformed"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Expert Info (Error"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Expert Info (Warning"), std::string::npos) << verbose;
  std::string szl = ShellOutput("tshark -r '" + path +
                                "' -Y s7comm.data.userdata.szl_id -T fields "
                                "-e s7comm.data.userdata.szl_id 2>/dev/null");
  // Requests and answers; the 0x001C answer is reassembled from two parts.
  EXPECT_EQ(szl,
            "0x0011\n0x0011\n0x0c91\n0x001c\n0x001c\n0x0424\n0x0424\n"
            "0x0131\n0x0131\n")
      << verbose;
  std::string serial =
      ShellOutput("tshark -r '" + path +
                  "' -T fields -e s7comm.szl.001c.0005.serialn 2>/dev/null");
  EXPECT_NE(serial.find("S C-B1U393142011"), std::string::npos) << verbose;
}

}  // namespace
}  // namespace protolm::device::s7

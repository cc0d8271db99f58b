// Tests of TcpConversationWriter: the capture reads back as the same
// conversation, and tshark (with checksum validation on) finds nothing to
// warn about.
#include "capture/tcp_conversation_writer.h"

#include <string>

#include "capture/capture_reader.h"
#include "capture/capture_test_support.h"
#include "gtest/gtest.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm {
namespace {

using testing::RecordingSink;
using testing::ScratchDir;
using testing::ShellOutput;
using testing::Text;
using testing::ToolInstalled;

std::string WriteConversation(const ScratchDir& scratch,
                              const std::string& name) {
  std::string path = scratch.Path(name);
  Result<TcpConversationWriter> writer = TcpConversationWriter::Create(
      path, {"192.168.1.10", 51000}, {"192.168.1.20", 502},
      TcpConversationOptions{.mss = 100});
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return path;
  int64_t ts = 1700000000000000;
  EXPECT_TRUE(
      writer->Send(Direction::kClientToServer, ts, Text("request")).ok());
  std::string big(250, 'z');  // three segments at MSS 100
  EXPECT_TRUE(
      writer->Send(Direction::kServerToClient, ts + 10, Text(big)).ok());
  EXPECT_TRUE(writer->Close(ts + 20).ok());
  return path;
}

TEST(TcpConversationWriter, ReadsBackAsTheSameConversation) {
  ScratchDir scratch;
  std::string path = WriteConversation(scratch, "conversation.pcap");
  RecordingSink sink;
  Result<CaptureStats> stats = ReadCapture(path, {}, sink);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(sink.flows.size(), 1u);
  EXPECT_TRUE(sink.flows[0].saw_handshake);
  EXPECT_EQ(sink.flows[0].client_ip, "192.168.1.10");
  EXPECT_EQ(sink.flows[0].server_port, 502);
  EXPECT_EQ(sink.Stream(1, Direction::kClientToServer), "request");
  EXPECT_EQ(sink.Stream(1, Direction::kServerToClient), std::string(250, 'z'));
  EXPECT_EQ(sink.events, (std::vector<std::string>{"start 1", "end 1"}));
  // 3 handshake + 1 data + 1 ACK + 3 data + 1 ACK + 3 teardown.
  EXPECT_EQ(stats->packets, 12u);
  EXPECT_EQ(stats->warnings, 0u);
}

TEST(TcpConversationWriter, TsharkFindsNoProblem) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  ScratchDir scratch;
  std::string path = WriteConversation(scratch, "tshark.pcap");
  std::string verbose = ShellOutput(
      "tshark -r " + path +
      " -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE -V 2>&1");
  EXPECT_NE(verbose.find("Frame 12:"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Malformed"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("Bad checksum"), std::string::npos);
  EXPECT_EQ(verbose.find("incorrect"), std::string::npos);
  EXPECT_NE(verbose.find("[Checksum Status: Good]"), std::string::npos);
  // Expert infos of severity Warning and above (Chat and Note items such as
  // "connection establish request" describe a normal connection).
  std::string expert =
      ShellOutput("tshark -r " + path +
                  " -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE -q -z "
                  "expert,warn 2>&1");
  EXPECT_EQ(expert.find("Warning"), std::string::npos) << expert;
  EXPECT_EQ(expert.find("Error"), std::string::npos) << expert;
}

TEST(TcpConversationWriter, RejectsBadEndpoints) {
  ScratchDir scratch;
  Result<TcpConversationWriter> v6 = TcpConversationWriter::Create(
      scratch.Path("v6.pcap"), {"fe80::1", 1}, {"10.0.0.1", 2});
  ASSERT_FALSE(v6.ok());
  EXPECT_EQ(v6.status().message(),
            scratch.Path("v6.pcap") +
                ": fe80::1 is not an IPv4 address; the conversation writer "
                "records IPv4 only");
  Result<TcpConversationWriter> junk = TcpConversationWriter::Create(
      scratch.Path("junk.pcap"), {"not-an-ip", 1}, {"10.0.0.1", 2});
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.status().code(), StatusCode::kInvalidArgument);
}

TEST(PcapWriter, ReportsUnwritablePath) {
  Result<PcapWriter> writer = PcapWriter::Create("/nonexistent/dir/x.pcap");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().message(),
            "/nonexistent/dir/x.pcap: cannot create: No such file or "
            "directory; check the folder exists and is writable");
}

}  // namespace
}  // namespace protolm

// Auto mode finds the protocol by content when a flow is on an unusual port,
// and an explicit --protocol leaves other traffic alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capture/tcp_conversation_writer.h"
#include "ingest/ingest.h"
#include "proto/http/http_codec.h"
#include "proto/modbus/builders.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "testing/scratch_dir.h"

namespace protolm {
namespace {

struct Recorded {
  std::vector<std::string> protocols;
  std::vector<std::string> functions;
};

class IngestDetectionTest : public ::testing::Test {
 protected:
  /// A capture of one conversation on `port` carrying `request`/`response`.
  std::string Conversation(const std::string& name, uint16_t port,
                           const Bytes& request, const Bytes& response) {
    std::string path = scratch_.Path(name);
    auto w = TcpConversationWriter::Create(path, {"10.1.0.2", 40001},
                                           {"10.1.0.1", port});
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    int64_t t = 1'700'000'000'000'000;
    EXPECT_TRUE(w->Send(Direction::kClientToServer, t, request).ok());
    EXPECT_TRUE(w->Send(Direction::kServerToClient, t + 500, response).ok());
    EXPECT_TRUE(w->Close(t + 1000).ok());
    return path;
  }

  Recorded Ingest(const std::string& path, const std::string& protocol) {
    Recorded r;
    IngestOptions options;
    options.protocol = protocol;
    auto summary = IngestCapture(path, options,
                                 [&](const Exchange& e, const Session& s) {
                                   r.protocols.push_back(s.protocol);
                                   r.functions.push_back(e.function);
                                   return Status::Ok();
                                 });
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return r;
  }

  testing::ScratchDir scratch_;
};

TEST_F(IngestDetectionTest, ModbusOnAnUnusualPort) {
  Bytes req = modbus::BuildRequestAdu(1, 1, modbus::ReadCoils(0, 8)).value();
  Bytes resp = modbus::BuildResponseAdu(
                   1, 1, modbus::ReadBitsResponse(1, std::vector<bool>(8, true)))
                   .value();
  std::string path = Conversation("modbus5020.pcap", 5020, req, resp);
  Recorded r = Ingest(path, "auto");
  ASSERT_EQ(r.protocols.size(), 1u);
  EXPECT_EQ(r.protocols[0], "modbus");
  EXPECT_EQ(r.functions[0], "read_coils");
  EXPECT_TRUE(Ingest(path, "s7comm").protocols.empty());
}

TEST_F(IngestDetectionTest, S7commOnAnUnusualPort) {
  Bytes req =
      s7comm::FrameS7Pdu(s7comm::SetupCommunicationJob(0x100, 1, 1, 480)).value();
  Bytes resp =
      s7comm::FrameS7Pdu(s7comm::SetupCommunicationAckData(0x100, 1, 1, 240))
          .value();
  std::string path = Conversation("s7-10102.pcap", 10102, req, resp);
  Recorded r = Ingest(path, "auto");
  ASSERT_EQ(r.protocols.size(), 1u);
  EXPECT_EQ(r.protocols[0], "s7comm");
  EXPECT_EQ(r.functions[0], "setup_communication");
  EXPECT_EQ(Ingest(path, "s7comm").protocols.size(), 1u);
  EXPECT_TRUE(Ingest(path, "modbus").protocols.empty());
}

TEST_F(IngestDetectionTest, HttpOnAnotherPortIsFoundByContent) {
  const std::string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string response = "HTTP/1.1 204 No Content\r\n\r\n";
  std::string path = Conversation(
      "http-8081.pcap", 8081, Bytes(request.begin(), request.end()),
      Bytes(response.begin(), response.end()));
  Recorded r = Ingest(path, "auto");
  ASSERT_EQ(r.protocols.size(), 1u);
  EXPECT_EQ(r.protocols[0], http::kProtocolName);
  EXPECT_EQ(r.functions[0], "GET");
}

TEST_F(IngestDetectionTest, TrafficNoCodecClaimsIsSkipped) {
  const std::string text = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
  Bytes banner(text.begin(), text.end());
  std::string path = Conversation("ssh.pcap", 2222, banner, banner);
  EXPECT_TRUE(Ingest(path, "auto").protocols.empty());
}

}  // namespace
}  // namespace protolm

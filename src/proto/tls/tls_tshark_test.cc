// Cross-check with tshark: for the captures in testdata/ (README.md there)
// and a selection of Zeek's TLS test traces in shared/data (one connection
// each, on port 443: TLS 1.0-1.3, drafts 16 and 23, Google's experiment
// version, client certificates, OCSP stapling, SCTs, PSK, ECH, X25519Kyber),
// the record content types, handshake message types and extension types our
// dissection finds in each direction, in order, are the ones tshark finds
// (tls.record.content_type, or tls.record.opaque_type for TLS 1.3's
// encrypted records; tls.handshake.type; tls.handshake.extension.type).
// tshark also extracts the TCP payloads. Fails where tshark is missing
// (scripts/setup.sh installs it), as the other tshark tests do.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "proto/tls/tls_codec.h"
#include "proto/tls/tls_test_util.h"
#include "testing/shell.h"
#include "testing/tshark_capture.h"

namespace protolm::tls {
namespace {

using ::protolm::testing::ShellOutput;
using ::protolm::testing::ToolInstalled;

/// The sequences one direction of a connection shows.
struct Sequences {
  std::vector<int64_t> content_types;
  std::vector<int64_t> handshake_types;
  std::vector<int64_t> extension_types;
};

using Capture = ::protolm::testing::TsharkCapture;
using ::protolm::testing::CaptureTestName;

std::string Path(const Capture& c) {
  if (c.shared) return std::string(PROTOLM_SHARED_DATA_DIR) + "/" + c.file;
  return std::string(PROTOLM_SOURCE_DIR) + "/src/proto/tls/testdata/" + c.file;
}

std::string Tshark(const Capture& c, const std::string& args) {
  return ShellOutput("tshark -r '" + Path(c) + "' -d tcp.port==" +
                     std::to_string(c.server_port) + ",tls " + args +
                     " 2>/dev/null");
}

/// Splits a tab-separated line into its columns.
std::vector<std::string> Columns(const std::string& line) {
  std::vector<std::string> out;
  std::string column;
  std::istringstream in(line);
  while (std::getline(in, column, '\t')) out.push_back(column);
  return out;
}

/// Appends the comma-separated numbers of `text`.
void AppendNumbers(const std::string& text, std::vector<int64_t>* out) {
  std::istringstream in(text);
  std::string number;
  while (std::getline(in, number, ','))
    if (!number.empty()) out->push_back(std::stoll(number));
}

std::map<Direction, Sequences> TsharkSequences(const Capture& c) {
  std::map<Direction, Sequences> out;
  std::istringstream lines(Tshark(
      c, "-Y tls -T fields -e tcp.srcport -e tls.record.content_type "
         "-e tls.record.opaque_type -e tls.handshake.type "
         "-e tls.handshake.extension.type"));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> col = Columns(line);
    col.resize(5);
    const Direction dir = std::stoi(col[0]) == c.server_port
                              ? Direction::kServerToClient
                              : Direction::kClientToServer;
    Sequences& s = out[dir];
    AppendNumbers(col[1], &s.content_types);
    AppendNumbers(col[2], &s.content_types);
    AppendNumbers(col[3], &s.handshake_types);
    AppendNumbers(col[4], &s.extension_types);
  }
  return out;
}

std::map<Direction, Sequences> OurSequences(const Capture& c) {
  std::map<Direction, Bytes> streams;
  std::istringstream lines(Tshark(
      c, "-Y 'tcp.len > 0 && !tcp.analysis.retransmission' -T fields "
         "-e tcp.srcport -e tcp.payload"));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> col = Columns(line);
    if (col.size() < 2) continue;
    const Direction dir = std::stoi(col[0]) == c.server_port
                              ? Direction::kServerToClient
                              : Direction::kClientToServer;
    Bytes payload = testing::Hex(col[1]);
    streams[dir].insert(streams[dir].end(), payload.begin(), payload.end());
  }
  std::map<Direction, Sequences> out;
  for (const auto& [dir, stream] : streams) {
    Sequences& s = out[dir];
    ByteView rest(stream);
    while (!rest.empty()) {
      FrameResult f = TlsCodec().Frame(rest);
      EXPECT_EQ(f.kind, FrameResult::Kind::kFrame)
          << DirectionName(dir) << " at " << stream.size() - rest.size();
      if (f.kind != FrameResult::Kind::kFrame) break;
      Dissection d = testing::DissectChecked(rest.first(f.length), dir);
      EXPECT_TRUE(d.status.ok()) << d.status.ToString();
      for (const Field& child : d.tree.children)
        if (child.name == "record")
          s.content_types.push_back(*child.NumberAt("content_type"));
      testing::CollectNumbers(d.tree, "msg_type", &s.handshake_types);
      testing::CollectNumbers(d.tree, "extension_type", &s.extension_types);
      rest = rest.subspan(f.length);
    }
  }
  return out;
}

class TlsTshark : public ::testing::TestWithParam<Capture> {};

TEST_P(TlsTshark, SameRecordsMessagesAndExtensions) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  std::map<Direction, Sequences> expected = TsharkSequences(GetParam());
  std::map<Direction, Sequences> ours = OurSequences(GetParam());
  ASSERT_EQ(expected.size(), 2u);
  for (Direction dir : {Direction::kClientToServer, Direction::kServerToClient}) {
    SCOPED_TRACE(DirectionName(dir));
    EXPECT_FALSE(expected[dir].content_types.empty());
    EXPECT_EQ(ours[dir].content_types, expected[dir].content_types);
    EXPECT_EQ(ours[dir].handshake_types, expected[dir].handshake_types);
    EXPECT_EQ(ours[dir].extension_types, expected[dir].extension_types);
  }
}

INSTANTIATE_TEST_SUITE_P(
    RecordedSessions, TlsTshark,
    ::testing::Values(Capture{"t12.pcap", 4432}, Capture{"ghrr.pcap", 4453},
                      Capture{"noclicert.pcap", 4436},
                      Capture{"vermis.pcap", 4434}),
    CaptureTestName);

Capture Zeek(const char* file) {
  return Capture{file, 443, true};
}

INSTANTIATE_TEST_SUITE_P(
    ZeekTraces, TlsTshark,
    ::testing::Values(
        Zeek("pcaps/tls/zeek/chrome-1250-tls-x25519-kyber.pcap"),
        Zeek("pcaps/tls/zeek/chrome-63.0.3211.0-canary-tls_experiment.pcap"),
        Zeek("pcaps/tls/zeek/client-certificate.pcap"),
        Zeek("pcaps/tls/zeek/dhe.pcap"), Zeek("pcaps/tls/zeek/ecdhe.pcap"),
        Zeek("pcaps/tls/zeek/ocsp-stapling.pcap"),
        Zeek("pcaps/tls/zeek/signed_certificate_timestamp_tls1_0.pcap"),
        Zeek("pcaps/tls/zeek/tls-conn-with-extensions.pcap"),
        Zeek("pcaps/tls/zeek/tls12-decryption.pcap"),
        Zeek("pcaps/tls/zeek/tls13-ech.pcap"),
        Zeek("pcaps/tls/zeek/tls13_psk_succesfull.pcap"),
        Zeek("pcaps/tls/zeek/tls13draft16-ff52.a01.pcap"),
        Zeek("pcaps/tls/zeek/tls13draft23-chrome67.0.3368.0-canary.pcap"),
        Zeek("pcaps/tls/zeek/tls1_1.pcap")),
    CaptureTestName);

}  // namespace
}  // namespace protolm::tls

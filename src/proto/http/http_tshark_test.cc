// Cross-check with tshark: for the captures in testdata/ (README.md there)
// and a selection of Zeek's HTTP test traces in shared/data, each TCP
// connection's requests (method and request-target) and responses (status
// code) that our framing and dissection find, in order, are the ones
// tshark finds (http.request.method, http.request.uri, http.response.code).
// tshark also extracts the TCP payloads. The captures left out, and why,
// are listed in testdata/README.md. Fails where tshark is missing
// (scripts/setup.sh installs it), as the other tshark tests do.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "proto/http/http_codec.h"
#include "proto/http/http_test_util.h"
#include "testing/shell.h"
#include "testing/tshark_capture.h"

namespace protolm::http {
namespace {

using ::protolm::testing::ShellOutput;
using ::protolm::testing::ToolInstalled;

/// What one connection carried, in order.
struct Messages {
  std::vector<std::string> requests;   // "METHOD TARGET"
  std::vector<std::string> responses;  // "200"
  bool operator==(const Messages&) const = default;
};

void PrintTo(const Messages& m, std::ostream* os) {
  *os << "requests:";
  for (const std::string& r : m.requests) *os << " [" << r << "]";
  *os << " responses:";
  for (const std::string& r : m.responses) *os << " " << r;
}

using Capture = ::protolm::testing::TsharkCapture;
using ::protolm::testing::CaptureTestName;

std::string Path(const Capture& c) {
  if (c.shared) return std::string(PROTOLM_SHARED_DATA_DIR) + "/" + c.file;
  return std::string(PROTOLM_SOURCE_DIR) + "/src/proto/http/testdata/" + c.file;
}

std::string Tshark(const Capture& c, const std::string& args) {
  return ShellOutput("tshark -r '" + Path(c) +
                     "' -d tcp.port==" + std::to_string(c.server_port) +
                     ",http " + args + " 2>/dev/null");
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) out.push_back(part);
  return out;
}

/// tshark's messages per TCP stream; several in one frame are joined by
/// spaces (no method, target or code holds one).
std::map<int, Messages> TsharkMessages(const Capture& c) {
  std::map<int, Messages> out;
  std::istringstream lines(
      Tshark(c,
             "-Y http -T fields -E aggregator=/s -e tcp.stream "
             "-e http.request.method -e http.request.uri "
             "-e http.response.code"));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> col = Split(line, '\t');
    col.resize(4);
    Messages& m = out[std::stoi(col[0])];
    const std::vector<std::string> methods = Split(col[1], ' ');
    const std::vector<std::string> targets = Split(col[2], ' ');
    for (size_t i = 0; i < methods.size(); ++i)
      m.requests.push_back(methods[i] + " " +
                           (i < targets.size() ? targets[i] : ""));
    for (const std::string& code : Split(col[3], ' '))
      m.responses.push_back(code);
  }
  return out;
}

std::map<int, Messages> OurMessages(const Capture& c) {
  std::map<int, std::map<Direction, Bytes>> streams;
  std::istringstream lines(
      Tshark(c,
             "-Y 'tcp.len > 0 && !tcp.analysis.retransmission' -T fields "
             "-e tcp.stream -e tcp.srcport -e tcp.payload"));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> col = Split(line, '\t');
    if (col.size() < 3) continue;
    const Direction dir = std::stoi(col[1]) == c.server_port
                              ? Direction::kServerToClient
                              : Direction::kClientToServer;
    Result<Bytes> payload = FromHex(col[2]);
    EXPECT_TRUE(payload.ok()) << payload.status().ToString();
    if (!payload.ok()) continue;
    Bytes& stream = streams[std::stoi(col[0])][dir];
    stream.insert(stream.end(), payload->begin(), payload->end());
  }
  std::map<int, Messages> out;
  for (const auto& [number, directions] : streams) {
    for (const auto& [dir, stream] : directions) {
      Messages& m = out[number];
      ByteView rest(stream);
      while (!rest.empty()) {
        const FrameResult f = HttpCodec().Frame(rest);
        EXPECT_EQ(f.kind, FrameResult::Kind::kFrame)
            << "stream " << number << " " << DirectionName(dir) << " at "
            << stream.size() - rest.size();
        if (f.kind != FrameResult::Kind::kFrame) break;
        Dissection d = testing::DissectChecked(rest.first(f.length), dir);
        const Field* method = d.tree.Find("start_line.method");
        const Field* target = d.tree.Find("start_line.request_target");
        const Field* code = d.tree.Find("start_line.status_code");
        if (d.tree.name == "http.req" && method != nullptr)
          m.requests.push_back(method->value + " " +
                               (target ? target->value : ""));
        if (code != nullptr) m.responses.push_back(code->value);
        rest = rest.subspan(f.length);
      }
    }
  }
  return out;
}

class HttpTshark : public ::testing::TestWithParam<Capture> {};

TEST_P(HttpTshark, SameRequestsAndResponses) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  std::map<int, Messages> expected = TsharkMessages(GetParam());
  std::map<int, Messages> ours = OurMessages(GetParam());
  ASSERT_FALSE(expected.empty());
  for (const auto& [number, messages] : ours) {
    SCOPED_TRACE("tcp.stream " + std::to_string(number));
    const Messages& theirs = expected[number];
    // tshark shows no request whose method it does not know (HAE, G@T,
    // get): on such a connection only the responses are compared.
    if (theirs.requests.empty() && !messages.requests.empty()) {
      EXPECT_EQ(messages.responses, theirs.responses);
      continue;
    }
    EXPECT_EQ(messages, theirs);
  }
  for (const auto& [number, messages] : expected)
    EXPECT_TRUE(ours.count(number)) << "tcp.stream " << number;
}

INSTANTIATE_TEST_SUITE_P(RecordedSessions, HttpTshark,
                         ::testing::Values(Capture{"apache.pcap", 8081}),
                         CaptureTestName);

Capture Zeek(const char* file) { return Capture{file, 80, true}; }

INSTANTIATE_TEST_SUITE_P(
    ZeekTraces, HttpTshark,
    ::testing::Values(Zeek("pcaps/http/zeek/get.pcap"),
                      Zeek("pcaps/http/zeek/pipelined-requests.pcap"),
                      Zeek("pcaps/http/zeek/post.pcap"),
                      Zeek("pcaps/http/zeek/100-continue.pcap"),
                      Zeek("pcaps/http/zeek/multipart.pcap"),
                      Zeek("pcaps/http/zeek/testmyids.pcap"),
                      Zeek("pcaps/http/zeek/byteranges.pcap"),
                      Zeek("pcaps/http/zeek/get-gzip.pcap"),
                      Zeek("pcaps/http/zeek/x-gzip.pcap"),
                      Zeek("pcaps/http/zeek/fake-content-length.pcap")),
    CaptureTestName);

}  // namespace
}  // namespace protolm::http

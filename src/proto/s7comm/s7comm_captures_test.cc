// Every TCP stream of every capture in /work/shared/data/pcaps/s7comm frames
// without loss, dissects without a fault (and Inspect says what Dissect
// says), re-encodes to its bytes, and pairs
// each response with a request of its stream (userdata responses carry the
// PDU reference of their request; their sequence numbers do not match: a
// request has 0, its response the PLC's own counter). tshark extracts the TCP
// payloads; the test fails where tshark is missing (scripts/setup.sh installs
// it).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "proto/s7comm/s7comm_codec.h"
#include "proto/s7comm/s7comm_test_util.h"
#include "testing/shell.h"

namespace protolm::s7comm {
namespace {

namespace fs = std::filesystem;

struct Stream {
  Direction dir;
  Bytes bytes;
};

/// TCP payloads of `file`, joined per (stream, direction), via tshark.
std::map<std::string, Stream> ReadStreams(const fs::path& file) {
  std::string cmd = "tshark -r '" + file.string() +
                    "' -Y 'tcp.len > 0 && !tcp.analysis.retransmission' "
                    "-T fields -e tcp.stream -e tcp.srcport -e tcp.payload "
                    "2>/dev/null";
  std::istringstream lines(::protolm::testing::ShellOutput(cmd));
  std::map<std::string, Stream> streams;
  std::string text;
  while (std::getline(lines, text)) {
    size_t tab1 = text.find('\t');
    size_t tab2 = text.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
    std::string port = text.substr(tab1 + 1, tab2 - tab1 - 1);
    Direction dir =
        port == "102" ? Direction::kServerToClient : Direction::kClientToServer;
    std::string key = text.substr(0, tab1) + "/" + DirectionName(dir);
    Bytes payload = testing::Hex(text.substr(tab2 + 1));
    Stream& s = streams.try_emplace(key, Stream{dir, {}}).first->second;
    s.bytes.insert(s.bytes.end(), payload.begin(), payload.end());
  }
  return streams;
}

TEST(S7commCaptures, AllStreamsFrameDissectAndReencode) {
  ASSERT_TRUE(::protolm::testing::ToolInstalled("tshark"));
  fs::path dir = fs::path(PROTOLM_SHARED_DATA_DIR) / "pcaps" / "s7comm";
  ASSERT_TRUE(fs::exists(dir)) << dir << " does not exist";
  const Codec& codec = S7commCodec();
  size_t files = 0;
  size_t pdus = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    ++files;
    // Keys are "<tcp stream>/c2s" and "<tcp stream>/s2c": each stream's
    // requests are read before its responses.
    std::map<std::string, std::set<uint64_t>> request_keys;
    for (const auto& [key, stream] : ReadStreams(entry.path())) {
      std::string tcp_stream = key.substr(0, key.find('/'));
      SCOPED_TRACE(entry.path().filename().string() + " " + key);
      EXPECT_GE(codec.DetectScore(stream.bytes), 90);
      ByteView rest(stream.bytes);
      while (!rest.empty()) {
        FrameResult f = codec.Frame(rest);
        ASSERT_EQ(f.kind, FrameResult::Kind::kFrame)
            << "at stream offset " << stream.bytes.size() - rest.size();
        ByteView unit = rest.first(f.length);
        Dissection d = testing::DissectChecked(unit, stream.dir);
        EXPECT_TRUE(d.status.ok()) << d.status.ToString();
        EXPECT_NE(d.info.role, PduRole::kUnknown) << d.tree.name;
        bool opens =
            d.info.role == PduRole::kRequest || d.tree.name == "cotp.cr";
        bool answers =
            d.info.role == PduRole::kResponse || d.tree.name == "cotp.cc";
        if (opens && d.info.pair_key)
          request_keys[tcp_stream].insert(*d.info.pair_key);
        if (answers) {
          ASSERT_TRUE(d.info.pair_key.has_value()) << d.tree.name;
          EXPECT_TRUE(request_keys[tcp_stream].contains(*d.info.pair_key))
              << d.tree.name << " " << d.info.function << " has no request";
        }
        testing::ExpectRoundTrip(Bytes(unit.begin(), unit.end()));
        rest = rest.subspan(f.length);
        ++pdus;
      }
    }
  }
  EXPECT_EQ(files, 6u);
  EXPECT_GT(pdus, 300u);
}

}  // namespace
}  // namespace protolm::s7comm

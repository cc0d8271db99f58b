// TLS decryption through the capture source, checked against tshark: for
// every capture that has a key log (the recordings of
// src/proto/tls/testdata/, shared/data's recorded OpenSSL and GnuTLS
// sessions and the two illustrated handshakes), the handshake message types
// and the alert descriptions of each direction of each session, in order,
// are those tshark shows with the same key log (-o tls.keylog_file), every
// unit is well-formed and no bytes are skipped. Then what decryption keeps
// and what it leaves: application data as zeros of its length, sessions
// without keys as their cleartext, hostile key logs as one warning. Fails
// where tshark is missing (scripts/setup.sh installs it).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "ingest/capture_source.h"
#include "proto/tls/tls_codec.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"
#include "trace/trace_test_support.h"

namespace protolm {
namespace {

namespace fs = std::filesystem;
using testing::CollectingSink;

const fs::path kTestdata =
    fs::path(PROTOLM_SOURCE_DIR) / "src" / "proto" / "tls" / "testdata";
const fs::path kShared = fs::path(PROTOLM_SHARED_DATA_DIR) / "pcaps" / "tls";

struct Capture {
  std::string name;
  fs::path pcap;
  fs::path keys;
  int server_port;
};

void PrintTo(const Capture& c, std::ostream* os) { *os << c.name; }

Capture Committed(const std::string& name, int port) {
  return {name, kTestdata / (name + ".pcap"), kTestdata / (name + ".keys"),
          port};
}

Capture Recorded(const std::string& name, int port) {
  const fs::path dir = kShared / "recorded";
  return {name, dir / (name + ".pcap"), dir / (name + ".keys"), port};
}

Capture Illustrated(const std::string& name, int port) {
  const fs::path dir = kShared / "illustrated" / ("illustrated-" + name);
  return {name, dir / "capture.pcap", dir / "keylog.txt", port};
}

/// What one direction of one session shows.
struct Messages {
  std::vector<int64_t> handshake_types;
  std::vector<int64_t> alerts;

  bool operator==(const Messages&) const = default;
};

/// Sessions by client port, then directions.
using Sessions = std::map<int, std::map<Direction, Messages>>;

std::ostream& operator<<(std::ostream& os, const Messages& m) {
  os << "handshake [";
  for (int64_t t : m.handshake_types) os << " " << t;
  os << " ] alerts [";
  for (int64_t a : m.alerts) os << " " << a;
  return os << " ]";
}

void AppendNumbers(const std::string& text, std::vector<int64_t>* out) {
  std::istringstream in(text);
  for (std::string number; std::getline(in, number, ',');)
    if (!number.empty()) out->push_back(std::stoll(number));
}

Sessions TsharkSessions(const Capture& c) {
  std::istringstream lines(testing::ShellOutput(
      "tshark -r '" + c.pcap.string() + "' -o 'tls.keylog_file:" +
      c.keys.string() + "' -d tcp.port==" + std::to_string(c.server_port) +
      ",tls -Y tls -T fields -e tcp.srcport -e tcp.dstport "
      "-e tls.handshake.type -e tls.alert_message.desc 2>/dev/null"));
  Sessions out;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> columns;
    std::istringstream in(line);
    for (std::string column; std::getline(in, column, '\t');)
      columns.push_back(column);
    columns.resize(4);
    const int source = std::stoi(columns[0]);
    const bool from_server = source == c.server_port;
    Messages& m = out[from_server ? std::stoi(columns[1]) : source]
                     [from_server ? Direction::kServerToClient
                                  : Direction::kClientToServer];
    AppendNumbers(columns[2], &m.handshake_types);
    AppendNumbers(columns[3], &m.alerts);
  }
  return out;
}

/// The numbers of every field called `name`, depth first.
void CollectNumbers(const Field& tree, std::string_view name,
                    std::vector<int64_t>* out) {
  if (tree.name == name && tree.number) out->push_back(*tree.number);
  for (const Field& child : tree.children) CollectNumbers(child, name, out);
}

struct Ingested {
  CollectingSink sink;
  CaptureSourceStats stats;
};

/// The capture through the capture source, with `key_logs` (may be empty).
void Ingest(const fs::path& pcap, const std::vector<std::string>& key_logs,
            Ingested* out) {
  CaptureSourceOptions options;
  options.protocol = "tls";
  options.token_depth = 2;
  if (!key_logs.empty()) {
    auto logs = KeyLogs::Read(key_logs, "tls", [&](const std::string& w) {
      out->sink.OnWarning(Malformed(w));
    });
    ASSERT_TRUE(logs.ok()) << logs.status().message();
    options.key_logs = *logs;
  }
  CaptureSource source(pcap.string(), options);
  Status status = source.Run(out->sink);
  ASSERT_TRUE(status.ok()) << status.message();
  out->stats = source.stats();
}

Sessions OurSessions(const Ingested& in) {
  Sessions out;
  for (const testing::CollectedTrace& trace : in.sink.traces) {
    const int client_port = trace.info.network->client.port;
    for (const TraceEvent& e : trace.events) {
      const Direction dir = std::get<Direction>(e.actor);
      Dissection d = tls::TlsCodec().Dissect(e.bytes, dir);
      EXPECT_TRUE(d.status.ok()) << trace.info.id << ": " << d.status.message()
                                 << " (" << e.token << ")";
      Messages& m = out[client_port][dir];
      CollectNumbers(d.tree, "msg_type", &m.handshake_types);
      CollectNumbers(d.tree, "description", &m.alerts);
    }
  }
  return out;
}

class TlsDecryption : public ::testing::TestWithParam<Capture> {};

TEST_P(TlsDecryption, SameHandshakeMessagesAndAlertsAsTshark) {
  ASSERT_TRUE(testing::ToolInstalled("tshark"));
  const Capture& c = GetParam();
  Ingested in;
  Ingest(c.pcap, {c.keys.string()}, &in);
  EXPECT_TRUE(in.sink.warnings.empty()) << in.sink.warnings.front().message();
  EXPECT_EQ(in.stats.skipped_bytes, 0u);
  EXPECT_EQ(in.stats.decrypted_sessions, in.sink.traces.size());
  const Sessions expected = TsharkSessions(c);
  const Sessions ours = OurSessions(in);
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(ours.size(), expected.size());
  size_t messages = 0;
  for (const auto& [port, directions] : expected) {
    for (const auto& [dir, want] : directions) {
      SCOPED_TRACE("client port " + std::to_string(port) + " " +
                   DirectionName(dir));
      const auto session = ours.find(port);
      ASSERT_NE(session, ours.end());
      const auto got = session->second.find(dir);
      ASSERT_NE(got, session->second.end());
      EXPECT_EQ(got->second, want);
      messages += want.handshake_types.size();
    }
  }
  EXPECT_GT(messages, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Captures, TlsDecryption,
    ::testing::Values(Committed("c12chacha", 4461),
                      Committed("c12cbc256", 4462),
                      Committed("c12cbc384", 4463), Committed("c12reneg", 4466),
                      Committed("c13ku", 4464), Committed("c13early", 4465),
                      Committed("ghrr", 4453), Recorded("g12", 4452),
                      Recorded("g13", 4451), Recorded("gcauth", 4454),
                      Recorded("gres", 4455), Recorded("o0rtt", 4503),
                      Recorded("o10", 4501), Recorded("o13", 4441),
                      Recorded("ocauth", 4442), Recorded("onocert13", 4443),
                      Recorded("ores", 4444), Illustrated("tls12", 8443),
                      Illustrated("tls13", 8400)),
    [](const ::testing::TestParamInfo<Capture>& info) {
      return info.param.name;
    });

TEST(TlsDecryptionOutput, ApplicationDataKeepsOnlyItsLength) {
  Ingested in;
  Ingest(kTestdata / "c13ku.pcap", {(kTestdata / "c13ku.keys").string()}, &in);
  ASSERT_EQ(in.sink.traces.size(), 1u);
  // The lines each side sent (record.sh): "server-data\n", "hello\n",
  // "after-update\n", "server-after\n", "again\n"; the bodies are zeros.
  std::vector<std::pair<Direction, size_t>> lengths;
  for (const TraceEvent& e : in.sink.traces[0].events) {
    if (e.token != "tls content_type=application_data") continue;
    ASSERT_GE(e.bytes.size(), 5u);
    EXPECT_EQ(e.bytes[3] << 8 | e.bytes[4], e.bytes.size() - 5);
    for (size_t i = 5; i < e.bytes.size(); ++i) EXPECT_EQ(e.bytes[i], 0);
    lengths.emplace_back(std::get<Direction>(e.actor), e.bytes.size() - 5);
  }
  const Direction c = Direction::kClientToServer;
  const Direction s = Direction::kServerToClient;
  EXPECT_EQ(lengths, (std::vector<std::pair<Direction, size_t>>{
                         {s, 12}, {c, 6}, {c, 13}, {s, 13}, {c, 6}}));
}

TEST(TlsDecryptionOutput, WithoutKeysTheCleartextAsBefore) {
  Ingested plain;
  Ingest(kTestdata / "c13ku.pcap", {}, &plain);
  // A key log that names no session of the capture changes nothing.
  Ingested foreign;
  Ingest(kTestdata / "c13ku.pcap", {(kTestdata / "c12chacha.keys").string()},
         &foreign);
  ASSERT_EQ(plain.sink.traces.size(), 1u);
  ASSERT_EQ(foreign.sink.traces.size(), 1u);
  EXPECT_EQ(foreign.stats.decrypted_sessions, 0u);
  std::vector<std::string> tokens;
  for (const TraceEvent& e : plain.sink.traces[0].events)
    tokens.push_back(e.token);
  std::vector<std::string> foreign_tokens;
  for (const TraceEvent& e : foreign.sink.traces[0].events)
    foreign_tokens.push_back(e.token);
  EXPECT_EQ(foreign_tokens, tokens);
  ASSERT_GE(tokens.size(), 3u);
  EXPECT_EQ(tokens[0], "tls content_type=handshake msg_type=client_hello");
  EXPECT_EQ(tokens[1], "tls content_type=handshake msg_type=server_hello");
  EXPECT_EQ(tokens[2], "tls content_type=change_cipher_spec");
  EXPECT_EQ(tokens[3], "tls content_type=application_data");
}

TEST(TlsDecryptionOutput, WrongSecretsGiveOneWarningPerDirection) {
  // The key log of c13ku with every secret's last digit changed.
  testing::ScratchDir scratch;
  std::ifstream in(kTestdata / "c13ku.keys");
  std::ostringstream damaged;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#')
      line.back() = line.back() == '0' ? '1' : '0';
    damaged << line << "\n";
  }
  const std::string keys = scratch.Path("wrong.keys");
  testing::WriteFile(keys, damaged.str());
  Ingested ingested;
  Ingest(kTestdata / "c13ku.pcap", {keys}, &ingested);
  EXPECT_EQ(ingested.stats.decrypted_sessions, 0u);
  ASSERT_EQ(ingested.sink.warnings.size(), 2u);
  for (const Status& w : ingested.sink.warnings) {
    EXPECT_NE(w.message().find("does not decrypt with the key log's secrets"),
              std::string::npos)
        << w.message();
  }
}

TEST(TlsDecryptionOutput, AHostileKeyLogIsOneWarning) {
  testing::ScratchDir scratch;
  const std::string keys = scratch.Path("hostile.keys");
  testing::WriteFile(keys, std::string("CLIENT_RANDOM zz 00\n\x01\x02\xff "
                                       "binary\n") +
                               std::string(5000, 'A') + "\nlabel lower case\n");
  Ingested ingested;
  Ingest(kTestdata / "c12chacha.pcap", {keys}, &ingested);
  ASSERT_EQ(ingested.sink.warnings.size(), 1u);
  EXPECT_EQ(ingested.sink.warnings[0].message(),
            keys +
                ":1: CLIENT_RANDOM: the client random is not 64 hex digits; "
                "skipped with 3 more lines that do not parse");
  EXPECT_EQ(ingested.stats.decrypted_sessions, 0u);
}

}  // namespace
}  // namespace protolm

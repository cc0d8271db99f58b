// The NSS key log reader: what it keeps, what it skips quietly, and that
// lines that do not parse (hostile ones included) give one warning per
// file, naming the first by file:line.
#include "proto/tls/crypto/nss_key_log.h"

#include <gtest/gtest.h>

#include <sstream>

#include "testing/file_contents.h"
#include "testing/hex_bytes.h"
#include "testing/scratch_dir.h"

namespace protolm::tls {
namespace {

using testing::HexBytes;

const std::string kRandom =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string k32 = std::string(64, 'a');
const std::string k48 = std::string(96, 'b');

struct Read {
  NssKeyLog log;
  std::vector<std::string> warnings;
};

void ReadText(const std::string& text, Read* out) {
  std::istringstream in(text);
  out->log.Read(in, "keys.log", [out](const std::string& warning) {
    out->warnings.push_back(warning);
  });
}

TEST(NssKeyLog, KeepsTheSecretsOfEachSession) {
  Read r;
  ReadText(
      "# SSL/TLS secrets log file\n\n"
      "CLIENT_RANDOM " +
          kRandom + " " + k48 +
          "\r\n"
          "CLIENT_EARLY_TRAFFIC_SECRET " +
          kRandom + " " + k32 +
          "\n"
          "CLIENT_HANDSHAKE_TRAFFIC_SECRET " +
          kRandom + " " + k48 +
          "\n"
          "SERVER_HANDSHAKE_TRAFFIC_SECRET\t" +
          kRandom + "\t" + k48 +
          "\n"
          "CLIENT_TRAFFIC_SECRET_0 " +
          kRandom + " " + k32 +
          "\n"
          "SERVER_TRAFFIC_SECRET_0 " +
          kRandom + " " + k32 +
          "\n"
          "EXPORTER_SECRET " +
          kRandom + " " + k32,  // no final newline
      &r);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.log.sessions(), 1u);
  const SessionSecrets* s = r.log.Find(HexBytes(kRandom));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->master_secret, HexBytes(k48));
  EXPECT_EQ(s->client_early_traffic, HexBytes(k32));
  EXPECT_EQ(s->client_handshake_traffic, HexBytes(k48));
  EXPECT_EQ(s->server_handshake_traffic, HexBytes(k48));
  EXPECT_EQ(s->client_traffic_0, HexBytes(k32));
  EXPECT_EQ(s->server_traffic_0, HexBytes(k32));
  EXPECT_EQ(r.log.Find(Bytes(32, 0)), nullptr);
  EXPECT_EQ(r.log.Find(HexBytes(kRandom.substr(2))), nullptr);  // 31 bytes
}

TEST(NssKeyLog, HexInCapitalsAndALaterLineWins) {
  Read r;
  std::string upper = kRandom;
  for (char& c : upper) c = static_cast<char>(toupper(c));
  ReadText("CLIENT_RANDOM " + kRandom + " " + k48 + "\n" + "CLIENT_RANDOM " +
               upper + " " + std::string(96, 'C') + "\n",
           &r);
  EXPECT_TRUE(r.warnings.empty());
  const SessionSecrets* s = r.log.Find(HexBytes(kRandom));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->master_secret, Bytes(48, 0xcc));
}

TEST(NssKeyLog, LabelsItDoesNotUseAreSkippedQuietly) {
  Read r;
  ReadText("CLIENT_TRAFFIC_SECRET_N " + kRandom + " " + k32 + "\n" +
               "ECH_SECRET " + kRandom + " " + k32 + "\n" + "CLIENT_RANDOM " +
               kRandom + " " + k48 + "\n",
           &r);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.log.sessions(), 1u);
}

TEST(NssKeyLog, EachFaultNamed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"CLIENT_RANDOM " + kRandom,
       "expected LABEL CLIENT_RANDOM SECRET, found 2 fields"},
      {"CLIENT_RANDOM " + kRandom + " " + k48 + " # trailing",
       "expected LABEL CLIENT_RANDOM SECRET, found 5 fields"},
      {"CLIENT_RANDOM zz" + kRandom.substr(2) + " " + k48,
       "CLIENT_RANDOM: the client random is not 64 hex digits"},
      {"CLIENT_RANDOM 0x" + kRandom.substr(2) + " " + k48,
       "CLIENT_RANDOM: the client random is not 64 hex digits"},
      {"CLIENT_RANDOM " + kRandom + "00 " + k48,
       "CLIENT_RANDOM: the client random is not 64 hex digits"},
      {"CLIENT_RANDOM " + kRandom + " " + k32,
       "CLIENT_RANDOM: the secret is not 96 hex digits"},
      {"CLIENT_TRAFFIC_SECRET_0 " + kRandom + " " + k32 + "a",
       "CLIENT_TRAFFIC_SECRET_0: the secret is not 64 or 96 hex digits"},
      {"SERVER_TRAFFIC_SECRET_0 " + kRandom + " " + std::string(80, 'a'),
       "SERVER_TRAFFIC_SECRET_0: the secret is not 64 or 96 hex digits"},
      {"client_random " + kRandom + " " + k48,
       "unknown label \"client_random\""},
      {std::string("CLIENT_RANDOM\x01 x y"), "binary data, not a key log line"},
      {std::string(2000, 'A'), "a line over 1024 bytes"},
  };
  for (const auto& [line, fault] : cases) {
    Read r;
    ReadText("# comment\n" + line + "\n", &r);
    ASSERT_EQ(r.warnings.size(), 1u) << line;
    EXPECT_EQ(r.warnings[0], "keys.log:2: " + fault + "; line skipped");
    EXPECT_EQ(r.log.sessions(), 0u);
  }
}

TEST(NssKeyLog, AHostileFileIsOneWarning) {
  std::string text = "CLIENT_RANDOM " + kRandom + " " + k48 + "\n";
  for (int i = 0; i < 1000; ++i)
    text += "garbage line " + std::to_string(i) + "\n";
  text +=
      std::string("\0\xff\xfe binary", 10) + "\n" + std::string(100000, 'x');
  Read r;
  ReadText(text, &r);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0],
            "keys.log:2: unknown label \"garbage\"; skipped with 1001 more "
            "lines that do not parse");
  EXPECT_EQ(r.log.sessions(), 1u);  // the good line is kept
}

TEST(NssKeyLog, AFileWithoutSecretsIsOneWarning) {
  Read r;
  ReadText("# only a comment\n\n", &r);
  EXPECT_EQ(r.warnings, std::vector<std::string>{"keys.log: no key log lines"});
}

TEST(NssKeyLog, ReadsFiles) {
  testing::ScratchDir scratch;
  const std::string path = scratch.Path("keys.log");
  testing::WriteFile(path, "CLIENT_RANDOM " + kRandom + " " + k48 + "\n");
  NssKeyLog log;
  ASSERT_TRUE(log.ReadFile(path, nullptr).ok());
  EXPECT_NE(log.Find(HexBytes(kRandom)), nullptr);
  Status missing = log.ReadFile(scratch.Path("none.log"), nullptr);
  EXPECT_EQ(missing.code(), StatusCode::kIoError);
  EXPECT_EQ(missing.message(),
            "cannot read key log " + scratch.Path("none.log"));
}

}  // namespace
}  // namespace protolm::tls

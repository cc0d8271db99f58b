// --keylog end to end: `protolm ingest --protocol tls --keylog` on the
// recordings of src/proto/tls/testdata (decrypted handshake messages as
// records, application data as its length, the summary's count of
// decrypted sessions, the flag repeated), its one-line errors and
// warnings, and `detect train`/`score` reading captures with key logs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::string Testdata(const std::string& name) {
  return std::string(PROTOLM_SOURCE_DIR) + "/src/proto/tls/testdata/" + name;
}

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> records;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    records.push_back(nlohmann::json::parse(line));
  return records;
}

/// The functions of the records, in order.
std::vector<std::string> Functions(const std::vector<nlohmann::json>& records) {
  std::vector<std::string> out;
  for (const nlohmann::json& r : records) out.push_back(r["function"]);
  return out;
}

TEST(TlsKeylogCli, IngestWritesTheDecryptedMessages) {
  ScratchDir dir;
  CommandResult r = RunProtolm({"ingest", Testdata("c13ku.pcap"), "--protocol",
                                "tls", "--keylog", Testdata("c13ku.keys"), "-o",
                                dir.Path("x.jsonl"), "--summary", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  nlohmann::json summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["sessions"], 1);
  EXPECT_EQ(summary["decrypted_sessions"], 1);
  EXPECT_EQ(summary["malformed"], 0);
  std::vector<nlohmann::json> records =
      JsonLines(ReadFile(dir.Path("x.jsonl")));
  std::vector<std::string> functions = Functions(records);
  for (const char* function :
       {"encrypted_extensions", "certificate", "certificate_verify", "finished",
        "new_session_ticket", "key_update", "application_data", "alert"}) {
    EXPECT_THAT(functions, ::testing::Contains(function));
  }
  // Application data records hold zeros of the plaintext's length.
  for (const nlohmann::json& rec : records) {
    if (rec["function"] != "application_data") continue;
    for (const char* side : {"request", "response"}) {
      if (!rec[side].is_string()) continue;
      const std::string hex = rec[side];
      EXPECT_THAT(hex, MatchesRegex("17030300[0-9a-f]{2}(00)*")) << hex;
    }
  }
}

TEST(TlsKeylogCli, WithoutTheKeyLogTheCleartextOnly) {
  CommandResult r =
      RunProtolm({"ingest", Testdata("c13ku.pcap"), "--protocol", "tls"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> functions = Functions(JsonLines(r.out));
  EXPECT_THAT(functions, ::testing::Contains("server_hello"));
  EXPECT_THAT(functions, ::testing::Not(::testing::Contains("key_update")));
  EXPECT_THAT(functions,
              ::testing::Not(::testing::Contains("encrypted_extensions")));
}

TEST(TlsKeylogCli, TheFlagRepeatsAndTheTextSummarySaysWhatWasDecrypted) {
  ScratchDir dir;
  CommandResult r = RunProtolm(
      {"ingest", Testdata("c13early.pcap"), "--protocol", "tls", "--keylog",
       Testdata("c13ku.keys"), "--keylog", Testdata("c13early.keys"), "-o",
       dir.Path("x.jsonl"), "--summary", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("protolm: info: 2 of 2 sessions decrypted\n"));
  EXPECT_THAT(Functions(JsonLines(ReadFile(dir.Path("x.jsonl")))),
              ::testing::Contains("end_of_early_data"));
}

TEST(TlsKeylogCli, OneLineErrorsAndWarnings) {
  CommandResult missing = RunProtolm(
      {"ingest", Testdata("c13ku.pcap"), "--keylog", "no/such.keys"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "protolm: error: cannot read key log no/such.keys\n");
  CommandResult modbus =
      RunProtolm({"ingest", Testdata("c13ku.pcap"), "--protocol", "modbus",
                  "--keylog", Testdata("c13ku.keys")});
  EXPECT_EQ(modbus.exit_code, 2);
  EXPECT_EQ(modbus.err,
            "protolm: error: --keylog: protocol modbus reads no key logs "
            "(nothing of it is encrypted)\n");
  ScratchDir dir;
  WriteFile(dir.Path("hostile.keys"), std::string("CLIENT_RANDOM\0\xff", 15) +
                                          "\n" + std::string(4096, 'Z') +
                                          "\nx y z\n");
  CommandResult hostile =
      RunProtolm({"ingest", Testdata("c13ku.pcap"), "--protocol", "tls",
                  "--keylog", dir.Path("hostile.keys"), "--summary", "json"});
  EXPECT_EQ(hostile.exit_code, 0);
  EXPECT_EQ(hostile.err, "protolm: warning: " + dir.Path("hostile.keys") +
                             ":1: binary data, not a key log line; skipped "
                             "with 2 more lines that do not parse\n");
  EXPECT_EQ(nlohmann::json::parse(hostile.out)["decrypted_sessions"], 0);
}

TEST(TlsKeylogCli, DetectReadsCapturesWithKeyLogs) {
  ScratchDir dir;
  const std::string model = dir.Path("m.json");
  const std::string capture = Testdata("c13early.pcap");
  const std::string keys = Testdata("c13early.keys");
  CommandResult train = RunProtolm({"-q", "detect", "train", "--source", "pcap",
                                    "--protocol", "tls", "--keylog", keys,
                                    capture, "--val", capture, "-o", model});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  // The model learned the decrypted messages: the same sessions read
  // without the key log look stranger than with it.
  CommandResult with = RunProtolm({"-q", "detect", "score", "--model", model,
                                   "--keylog", keys, capture, "--json"});
  CommandResult without = RunProtolm(
      {"-q", "detect", "score", "--model", model, capture, "--json"});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  ASSERT_EQ(without.exit_code, 0) << without.err;
  std::vector<nlohmann::json> decrypted = JsonLines(with.out);
  std::vector<nlohmann::json> encrypted = JsonLines(without.out);
  ASSERT_EQ(decrypted.size(), 2u);
  ASSERT_EQ(encrypted.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(decrypted[i]["trace"], encrypted[i]["trace"]);
    EXPECT_LT(decrypted[i]["score"].get<double>(),
              encrypted[i]["score"].get<double>());
  }
  for (const char* command : {"score", "eval", "report"}) {
    CommandResult help = RunProtolm({"detect", command, "--help"});
    EXPECT_THAT(help.out, HasSubstr("--keylog")) << command;
  }
  CommandResult sequences =
      RunProtolm({"detect", "train", "--source", "sequences", "--keylog", keys,
                  capture, "-o", model});
  EXPECT_NE(sequences.exit_code, 0);
  EXPECT_EQ(sequences.err,
            "protolm: error: --keylog decrypts captures; these inputs are "
            "sequences\n");
}

}  // namespace
}  // namespace protolm::testing

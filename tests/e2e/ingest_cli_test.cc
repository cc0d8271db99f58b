// `protolm ingest` end to end: the binary on real and broken captures, its
// records, its summary, and the exact error line for each kind of bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Shared(const std::string& rel) {
  return std::string(PROTOLM_SHARED_DATA_DIR) + "/pcaps/" + rel;
}

/// A classic little-endian pcap header for `link_type`.
std::string PcapHeader(uint32_t link_type) {
  std::string h;
  auto put32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) h.push_back(static_cast<char>(v >> (8 * i)));
  };
  put32(0xa1b2c3d4);
  h += std::string("\x02\x00\x04\x00", 4);
  put32(0);
  put32(0);
  put32(65535);
  put32(link_type);
  return h;
}

std::string RecordHeader(uint32_t caplen, uint32_t len) {
  std::string h(8, '\0');
  for (uint32_t v : {caplen, len})
    for (int i = 0; i < 4; ++i) h.push_back(static_cast<char>(v >> (8 * i)));
  return h;
}

nlohmann::json Summary(const CommandResult& r) {
  return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
}

TEST(IngestCli, WritesOneJsonRecordPerExchange) {
  ScratchDir scratch;
  CommandResult r =
      RunProtolm({"ingest", Shared("modbus/modbusSmall.pcap"), "-o",
                  scratch.Path("x.jsonl"), "--summary", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json s = Summary(r);
  ASSERT_TRUE(s.is_object()) << r.out;
  for (const char* key :
       {"packets", "tcp_flows", "pdus", "requests", "responses", "exchanges",
        "malformed", "unanswered"}) {
    EXPECT_TRUE(s[key].is_number_integer()) << key;
  }
  EXPECT_EQ(s["packets"], 166);
  EXPECT_EQ(s["pdus"], 32);
  EXPECT_EQ(s["exchanges"], 16);
  std::istringstream lines(ReadFile(scratch.Path("x.jsonl")));
  std::string line;
  int records = 0;
  while (std::getline(lines, line)) {
    nlohmann::json rec = nlohmann::json::parse(line);
    EXPECT_EQ(rec["protocol"], "modbus");
    EXPECT_EQ(rec["status"], "normal");
    EXPECT_TRUE(rec["request"].is_string());
    EXPECT_TRUE(rec["response"].is_string());
    // The request's MBAP transaction id is echoed by the response.
    EXPECT_EQ(rec["request"].get<std::string>().substr(0, 4),
              rec["response"].get<std::string>().substr(0, 4));
    ++records;
  }
  EXPECT_EQ(records, 16);
}

TEST(IngestCli, WritesLlmpotCsvColumns) {
  ScratchDir scratch;
  CommandResult r =
      RunProtolm({"ingest", Shared("s7comm/snap7_s300_everything.pcapng"),
                  "--format", "csv", "-o", scratch.Path("x.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string csv = ReadFile(scratch.Path("x.csv"));
  EXPECT_THAT(csv, StartsWith("request,response,session,index,protocol,"
                              "function,status\n"));
  EXPECT_THAT(csv, HasSubstr(",s7comm,setup_communication,normal\n"));
  EXPECT_THAT(r.err, HasSubstr("64 PDUs (32 requests, 32 responses)"));
}

TEST(IngestCli, RecordsGoToStdoutByDefault) {
  CommandResult r =
      RunProtolm({"ingest", Shared("s7comm/snap7_s300_readVar.pcapng")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json rec = nlohmann::json::parse(r.out);
  EXPECT_EQ(rec["function"], "read_var");
  EXPECT_EQ(rec["client"], "134.249.62.206:52446");
  EXPECT_EQ(rec["server"], "134.249.61.163:102");
}

TEST(IngestCli, MissingFileIsOneErrorLine) {
  CommandResult r = RunProtolm({"ingest", "no/such.pcap"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "protolm: error: no/such.pcap: cannot open: No such file or "
            "directory; check the path\n");
}

TEST(IngestCli, NotACaptureNamesTheOffset) {
  ScratchDir scratch;
  std::string path = scratch.Path("notes.pcap");
  WriteFile(path, "this is a text file, not a capture\n");
  CommandResult r = RunProtolm({"ingest", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "protolm: error: " + path +
                       ": offset 0: not a pcap or pcapng capture (unknown file "
                       "format); give a file written by tcpdump, tshark or "
                       "Wireshark\n");
}

TEST(IngestCli, TruncatedFileKeepsWhatCameBefore) {
  std::string full = ReadFile(Shared("modbus/modbusSmall.pcap"));
  ScratchDir scratch;
  std::string path = scratch.Path("cut.pcap");
  WriteFile(path, full.substr(0, 5000));
  CommandResult r = RunProtolm({"ingest", path, "--summary", "json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "protolm: warning: " + path +
                       ": offset 4938: file ends inside packet 58 (truncated "
                       "dump file; tried to read 66 captured bytes, only got "
                       "46); the packets before it are kept\n");
  nlohmann::json s = Summary(r);
  EXPECT_EQ(s["packets"], 57);
  EXPECT_EQ(s["pdus"], 12);
  EXPECT_EQ(s["truncated_file"], true);
}

TEST(IngestCli, GarbageAfterAValidHeader) {
  ScratchDir scratch;
  std::string path = scratch.Path("garbage.pcap");
  std::string garbage(3000, '\xe7');
  WriteFile(path, PcapHeader(1) + garbage);
  CommandResult r = RunProtolm({"ingest", path, "--summary", "json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(path + ": offset 24: damaged record for packet "
                                      "1 (invalid packet capture length"));
  EXPECT_THAT(r.err, HasSubstr("the rest of the file is skipped"));
  EXPECT_EQ(Summary(r)["packets"], 0);
}

TEST(IngestCli, AbsurdRecordLengthIsRefusedWithoutAllocating) {
  ScratchDir scratch;
  std::string path = scratch.Path("absurd.pcap");
  WriteFile(path, PcapHeader(1) + RecordHeader(0x7fffffff, 0x7fffffff) +
                      std::string(100, 'x'));
  CommandResult r = RunProtolm({"ingest", path, "--summary", "json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "protolm: warning: " + path +
                       ": offset 24: damaged record for packet 1 (invalid "
                       "packet capture length 2147483647, bigger than snaplen "
                       "of 65535); the rest of the file is skipped\n");
}

TEST(IngestCli, UnsupportedLinkTypeListsTheSupportedOnes) {
  ScratchDir scratch;
  std::string path = scratch.Path("usb.pcap");
  WriteFile(path, PcapHeader(147) + RecordHeader(4, 4) + "abcd");
  CommandResult r = RunProtolm({"ingest", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "protolm: error: " + path +
                       ": link type 147 is not supported; supported: Ethernet "
                       "(1), Linux cooked v1 (113) and v2 (276), raw IP (12, "
                       "14, 101, 228, 229), BSD loopback (0, 108)\n");
}

TEST(IngestCli, EmptyFile) {
  ScratchDir scratch;
  std::string path = scratch.Path("empty.pcap");
  WriteFile(path, "");
  CommandResult r = RunProtolm({"ingest", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err,
              HasSubstr(path + ": offset 0: not a pcap or pcapng capture"));
}

TEST(IngestCli, FuzzedCapturesGivePartialResultsNotCrashes) {
  for (const char* file : {"modbus/fuzz-1011.pcap", "modbus/fuzz-72.pcap"}) {
    CommandResult r = RunProtolm({"ingest", Shared(file), "--summary", "json"});
    EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
    EXPECT_TRUE(Summary(r).is_object()) << file;
  }
}

TEST(IngestCli, UnknownProtocolIsAUsageError) {
  CommandResult r = RunProtolm(
      {"ingest", Shared("modbus/modbusSmall.pcap"), "--protocol", "dns"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "protolm: error: unknown protocol 'dns' (use auto, modbus, "
            "s7comm, tls, http)\n");
}

TEST(IngestCli, UnwritableOutput) {
  CommandResult r = RunProtolm({"ingest", Shared("modbus/modbusSmall.pcap"),
                                "-o", "/nonexistent-dir/x.jsonl"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "protolm: error: /nonexistent-dir/x.jsonl: cannot open for "
            "writing: No such file or directory\n");
}

TEST(Cli, HelpListsCommandsAndBadFlagsAreUsageErrors) {
  CommandResult help = RunProtolm({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("ingest"));
  CommandResult sub = RunProtolm({"ingest", "--help"});
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_THAT(sub.out, HasSubstr("--protocol"));
  CommandResult bad = RunProtolm({"ingest", "x.pcap", "--frobnicate"});
  EXPECT_EQ(bad.exit_code, 2);
  CommandResult none = RunProtolm({});
  EXPECT_EQ(none.exit_code, 2);
}

}  // namespace
}  // namespace protolm::testing

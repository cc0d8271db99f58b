// `protolm detect` end to end on small real data: DeepLog's HDFS sessions
// (train on a slice, score and evaluate normal and abnormal dev sessions,
// write a report, watch a file as it grows), strace output of vsftpd and sshd under a brute force,
// a Modbus capture, and the one-line errors of bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
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

const std::string kData = PROTOLM_SHARED_DATA_DIR;

// The first `lines` lines of `from`, written to `to`.
void Head(const std::string& from, const std::string& to, size_t lines) {
  std::ifstream in(from);
  std::ofstream out(to);
  std::string line;
  for (size_t i = 0; i < lines && std::getline(in, line); ++i) out << line << '\n';
}

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> records;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

// The stderr of a failed command: exactly one line, the error.
void ExpectOneLineError(const CommandResult& r, const std::string& part) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, MatchesRegex("protolm: error: [^\n]*\n"));
  EXPECT_THAT(r.err, HasSubstr(part));
}

class DetectCliHdfs : public ::testing::Test {
 protected:
  void SetUp() override {
    Head(kData + "/logs/hdfs/hdfs_train", dir_.Path("train"), 1000);
    Head(kData + "/logs/hdfs/hdfs_dev_normal_1k", dir_.Path("normal"), 100);
    Head(kData + "/logs/hdfs/hdfs_dev_abnormal_1k", dir_.Path("abnormal"), 100);
  }
  std::string Train(const std::string& arch) {
    const std::string model = dir_.Path(arch + ".json");
    CommandResult r =
        RunProtolm({"detect", "train", "--source", "sequences", "--arch", arch,
                    dir_.Path("train"), "-o", model});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return model;
  }
  ScratchDir dir_;
};

TEST_F(DetectCliHdfs, TrainScoreFlagsAbnormalSessionsWithEvidence) {
  const std::string model = Train("ngram");
  CommandResult r = RunProtolm({"-q", "detect", "score", "--model", model,
                                dir_.Path("abnormal"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<nlohmann::json> records = JsonLines(r.out);
  ASSERT_EQ(records.size(), 100u);
  size_t alerts = 0;
  for (const nlohmann::json& record : records) {
    EXPECT_THAT(record["trace"].get<std::string>(), MatchesRegex("abnormal:[0-9]+"));
    EXPECT_TRUE(record["score"].is_number());
    EXPECT_TRUE(record["events"].is_number_unsigned());
    if (!record["anomalous"].get<bool>()) {
      EXPECT_FALSE(record.contains("first_anomaly"));
      continue;
    }
    ++alerts;
    const nlohmann::json& first = record["first_anomaly"];
    EXPECT_LE(first["index"].get<size_t>(), record["events"].get<size_t>());
    EXPECT_TRUE(first["observed"].is_string());
    ASSERT_FALSE(first["expected"].empty());
    EXPECT_TRUE(first["expected"][0]["event"].is_string());
    EXPECT_GT(first["expected"][0]["p"].get<double>(), 0.0);
    EXPECT_TRUE(first["context"].is_array());
  }
  // Measured: 24 of 100 at the default FAR 0.001, which 100 held-out traces
  // cannot resolve (the threshold is the largest held-out score).
  EXPECT_GE(alerts, 20u);

  CommandResult normal = RunProtolm({"-q", "detect", "score", "--model", model,
                                     dir_.Path("normal"), "--json"});
  ASSERT_EQ(normal.exit_code, 0) << normal.err;
  size_t false_alarms = 0;
  for (const nlohmann::json& record : JsonLines(normal.out)) {
    false_alarms += record["anomalous"].get<bool>();
  }
  EXPECT_LE(false_alarms, 3u);

  CommandResult table = RunProtolm(
      {"-q", "detect", "score", "--model", model, dir_.Path("abnormal")});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("ALERT"));
  EXPECT_THAT(table.out, HasSubstr("expected"));
}

TEST_F(DetectCliHdfs, EvalComparesWithTheBaselineAndReportWritesThreeFiles) {
  const std::string model = Train("count");
  CommandResult r = RunProtolm(
      {"-q", "detect", "eval", "--model", model, "--normal", dir_.Path("normal"),
       "--anomalous", dir_.Path("abnormal"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json eval = nlohmann::json::parse(r.out);
  EXPECT_EQ(eval["normal_traces"], 100);
  EXPECT_EQ(eval["model"]["detector"], "counts");
  EXPECT_EQ(eval["baseline"]["detector"], "ngram");
  EXPECT_GT(eval["model"]["auc"].get<double>(), 0.95);
  EXPECT_GT(eval["baseline"]["auc"].get<double>(), 0.95);
  EXPECT_TRUE(eval["model"]["detection_at_far"].contains("0.05"));

  CommandResult next = RunProtolm(
      {"-q", "detect", "eval", "--model", model, "--normal", dir_.Path("normal"),
       "--task", "next-event", "--json"});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  nlohmann::json task = nlohmann::json::parse(next.out);
  EXPECT_GT(task["baseline"]["accuracy"].get<double>(), 0.5);

  CommandResult report =
      RunProtolm({"-q", "detect", "report", "--model", model,
                  dir_.Path("normal"), dir_.Path("abnormal"), "-o",
                  dir_.Path("report")});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  nlohmann::json json =
      nlohmann::json::parse(ReadFile(dir_.Path("report/report.json")));
  EXPECT_EQ(json["traces"], 200);
  ASSERT_GT(json["alerts"].get<int>(), 0);
  const nlohmann::json& alerts = json["alert_records"];
  for (size_t i = 1; i < alerts.size(); ++i) {
    EXPECT_GE(alerts[i - 1]["score"].get<double>(),
              alerts[i]["score"].get<double>());
  }
  EXPECT_THAT(ReadFile(dir_.Path("report/report.html")), HasSubstr("<svg"));
  EXPECT_THAT(ReadFile(dir_.Path("report/report.md")),
              HasSubstr("traces: 200"));
}

// `detect watch` follows a file another process appends to and is stopped
// with SIGTERM right after the last append: every event written before the
// stop is scored, and the flagged traces are exactly those `detect score`
// flags in the finished file, with the same records.
TEST_F(DetectCliHdfs, WatchScoresEveryEventWrittenBeforeSigterm) {
  const std::string model = Train("ngram");
  const std::string live = dir_.Path("live");
  const std::string out = dir_.Path("watch.jsonl");
  const std::string log = dir_.Path("watch.log");
  { std::ofstream create(live); }
  const std::string script =
      std::string(PROTOLM_BINARY) + " detect watch --model " + model +
      " --follow " + live + " --poll-ms 10 >" + out + " 2>" + log +
      " & pid=$!\n"
      "for i in $(seq 300); do grep -q 'watching' " + log +
      " && break; sleep 0.1; done\n"
      "cat " + dir_.Path("normal") + " >>" + live + "\n"
      "cat " + dir_.Path("abnormal") + " >>" + live + "\n"
      "kill -TERM $pid; wait $pid; echo watch-exit=$?\n";
  CommandResult r = RunCommand({"/bin/sh", "-c", script});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string watch_log = ReadFile(log);
  EXPECT_THAT(r.out, HasSubstr("watch-exit=0")) << watch_log;
  EXPECT_THAT(watch_log, HasSubstr("received signal 15"));

  size_t written_events = 0;
  {
    std::ifstream in(live);
    for (std::string word; in >> word;) ++written_events;
  }
  EXPECT_THAT(watch_log, HasSubstr(std::to_string(written_events) +
                                   " events read, each scored on arrival; "
                                   "200 traces ended"));

  CommandResult score = RunProtolm(
      {"-q", "detect", "score", "--model", model, live, "--json"});
  ASSERT_EQ(score.exit_code, 0) << score.err;
  std::vector<nlohmann::json> flagged;
  for (nlohmann::json& record : JsonLines(score.out)) {
    if (record["anomalous"].get<bool>()) flagged.push_back(std::move(record));
  }
  ASSERT_GT(flagged.size(), 10u);  // 24 of the 100 abnormal sessions
  std::vector<nlohmann::json> watched;
  for (nlohmann::json& record : JsonLines(ReadFile(out))) {
    ASSERT_TRUE(record["type"] == "trace" || record["type"] == "alert");
    if (record["type"] != "trace") continue;
    record.erase("type");
    record.erase("alerted_at");
    watched.push_back(std::move(record));
  }
  EXPECT_EQ(watched, flagged);
}

TEST_F(DetectCliHdfs, WatchOfAMissingFileIsOneLineError) {
  const std::string model = Train("ngram");
  ExpectOneLineError(RunProtolm({"detect", "watch", "--model", model,
                                 "--follow", dir_.Path("absent")}),
                     "absent: cannot open");
}

// The learned LSTM (trainer plugin, seed 002's shape) on a small slice:
// trained, then judged beside the n-gram baseline by `detect eval`.
TEST_F(DetectCliHdfs, LearnedLstmTrainsAndSeparatesAbnormalSessions) {
  Head(kData + "/logs/hdfs/hdfs_train", dir_.Path("train"), 300);
  const std::string model = Train("lstm");
  CommandResult r = RunProtolm({"-q", "detect", "eval", "--model", model,
                                "--normal", dir_.Path("normal"), "--anomalous",
                                dir_.Path("abnormal"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json eval = nlohmann::json::parse(r.out);
  EXPECT_EQ(eval["model"]["detector"], "learned");
  EXPECT_EQ(eval["baseline"]["detector"], "ngram");
  // 300 training sessions, 4 epochs: AUC 0.92 on the 100 + 100 dev sessions
  // when this test was written (the n-gram: 0.997).
  EXPECT_GT(eval["model"]["auc"].get<double>(), 0.8);
  EXPECT_EQ(eval["anomalous_traces"], 100);
}

TEST(DetectCli, StraceOfVsftpdFlagsSshdProcesses) {
  ScratchDir dir;
  const std::string model = dir.Path("m.json");
  const std::string vsftpd = kData + "/traces/attack/vsftpd.strace";
  const std::string sshd = kData + "/traces/attack/sshd.strace";
  CommandResult train =
      RunProtolm({"detect", "train", "--source", "strace", "--arch", "stide",
                  vsftpd, "--val", vsftpd, "-o", model});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  CommandResult r = RunProtolm(
      {"-q", "detect", "score", "--model", model, sshd, vsftpd, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t sshd_alerts = 0, vsftpd_alerts = 0, sshd_traces = 0;
  for (const nlohmann::json& record : JsonLines(r.out)) {
    const std::string id = record["trace"];
    const bool alert = record["anomalous"];
    if (id.starts_with("sshd.strace:")) {
      ++sshd_traces;
      sshd_alerts += alert;
    } else {
      EXPECT_THAT(id, MatchesRegex("vsftpd.strace:[0-9]+"));
      vsftpd_alerts += alert;
    }
  }
  ASSERT_GT(sshd_traces, 0u);
  EXPECT_EQ(sshd_alerts, sshd_traces);  // another program altogether
  EXPECT_EQ(vsftpd_alerts, 0u);         // calibrated on these very traces
}

TEST(DetectCli, ModbusCaptureTracesAreConnections) {
  ScratchDir dir;
  const std::string model = dir.Path("m.json");
  const std::string capture = kData + "/pcaps/modbus/modbus_test_data_part1.pcap";
  CommandResult train =
      RunProtolm({"detect", "train", "--source", "pcap", "--protocol", "modbus",
                  capture, "--val", capture, "-o", model});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  CommandResult r = RunProtolm({"-q", "detect", "score", "--model", model,
                                capture, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> records = JsonLines(r.out);
  ASSERT_FALSE(records.empty());
  for (const nlohmann::json& record : records) {
    // Client first; a connection seen without its handshake may name the
    // server first (the capture's first packet decides).
    EXPECT_THAT(record["trace"].get<std::string>(),
                MatchesRegex("[0-9.]+:[0-9]+-[0-9.]+:[0-9]+"));
    EXPECT_THAT(record["trace"].get<std::string>(), HasSubstr(":502"));
    EXPECT_GE(record["first_record"].get<int>(), 1);
    EXPECT_FALSE(record["anomalous"].get<bool>());
  }
  nlohmann::json saved = nlohmann::json::parse(ReadFile(model));
  EXPECT_EQ(saved["source"]["kind"], "pcap");
  EXPECT_EQ(saved["source"]["protocol"], "modbus");
  EXPECT_EQ(saved["source"]["depth"], 2);
}

TEST(DetectCli, BadInputIsOneLineError) {
  ScratchDir dir;
  const std::string out = dir.Path("m.json");
  WriteFile(dir.Path("garbage"), std::string("\x00\x01\xff\xfe binary\n", 12));
  WriteFile(dir.Path("seq"), "1 2 3\n");
  ExpectOneLineError(RunProtolm({"detect", "train", "--source", "tape",
                                 dir.Path("seq"), "-o", out}),
                     "unknown source \"tape\"");
  ExpectOneLineError(RunProtolm({"detect", "train", "--source", "sequences",
                                 dir.Path("missing"), "-o", out}),
                     "missing");
  ExpectOneLineError(RunProtolm({"detect", "train", "--source", "sequences",
                                 dir.Path("garbage"), "-o", out}),
                     "garbage");
  ExpectOneLineError(RunProtolm({"detect", "score", "--model",
                                 dir.Path("garbage"), dir.Path("seq")}),
                     "not JSON");
  CommandResult help = RunProtolm({"detect", "train", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--source", "--val", "--far", "--arch", "--depth",
                           "--protocol", "--session", "--header", "-o"}) {
    EXPECT_THAT(help.out, HasSubstr(flag));
  }
}

}  // namespace
}  // namespace protolm::testing

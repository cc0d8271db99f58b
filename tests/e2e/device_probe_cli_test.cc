// `protolm device`, `probe` and `eval` end to end, as a user runs them: a
// simulator served on an ephemeral loopback port, probed over the network,
// stopped with SIGTERM, and its dataset scored; plus the errors a user meets.
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

size_t LineCount(const std::string& text) {
  size_t lines = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines += !line.empty();
  return lines;
}

TEST(DeviceCli, ListNamesTheBuiltInProfiles) {
  CommandResult r = RunProtolm({"device", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("wago-750-881"));
  EXPECT_THAT(r.out, HasSubstr("s7-315-2pn"));
}

TEST(DeviceCli, ServeProbeStopAndEval) {
  ScratchDir dir;
  const std::string log = dir.Path("serve.log");
  const std::string dataset = dir.Path("probe.jsonl");
  // The server runs in the background of one shell; the shell waits for its
  // port in the log, probes it, stops it with SIGTERM and reports its exit.
  const std::string script =
      std::string(PROTOLM_BINARY) +
      " device serve --profile wago-750-881 --modbus-port 0 --s7-port -1 2>" +
      log + " & pid=$!\n" +
      "for i in $(seq 100); do grep -q 'modbus port' " + log +
      " && break; sleep 0.1; done\n"
      "port=$(sed -n 's/.*modbus port \\([0-9]*\\).*/\\1/p' " + log + ")\n" +
      PROTOLM_BINARY + " probe --target 127.0.0.1:$port --protocol modbus " +
      "--size 40 -o " + dataset + " || echo probe-failed\n" +
      "kill -TERM $pid; wait $pid; echo serve-exit=$?\n";
  CommandResult r = RunCommand({"/bin/sh", "-c", script});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("serve-exit=0"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("probe-failed"))) << r.err;
  EXPECT_THAT(r.err, HasSubstr("40 exchanges"));
  const std::string served = ReadFile(log);
  EXPECT_THAT(served, HasSubstr("serving profile wago-750-881"));
  EXPECT_THAT(served, HasSubstr("127.0.0.1"));  // the connection was logged
  EXPECT_EQ(LineCount(ReadFile(dataset)), 40u);

  // The device's own answers, scored as predictions, are perfect.
  CommandResult eval =
      RunProtolm({"eval", "--dataset", dataset, "--predictions", dataset,
                  "--profile", "wago-750-881", "--epsilon", "0.01", "--json"});
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  nlohmann::json scores = nlohmann::json::parse(eval.out);
  EXPECT_EQ(scores["n"], 40);
  EXPECT_EQ(scores["bca"], 1.0);
  EXPECT_EQ(scores["rva"], 1.0) << eval.out;
  EXPECT_EQ(scores["rva_epsilon"], 1.0);
}

TEST(ProbeCli, UnreachableDeviceIsOneLineAndExitOne) {
  ScratchDir dir;
  // Port 1 on loopback: nothing listens there.
  CommandResult r = RunProtolm({"probe", "--target", "127.0.0.1:1",
                                "--protocol", "modbus", "--size", "5", "-o",
                                dir.Path("d.jsonl")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(r.err, HasSubstr("is the device running?"));
}

TEST(ProbeCli, BadTargetIsAUsageError) {
  CommandResult r = RunProtolm(
      {"probe", "--target", "127.0.0.1:99999", "--protocol", "modbus", "-o",
       "/dev/null"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("expected HOST:PORT with a port 1..65535"));
}

TEST(EvalCli, PredictionCountMismatchNamesBothFiles) {
  ScratchDir dir;
  const std::string dataset = dir.Path("d.jsonl");
  const std::string predictions = dir.Path("p.jsonl");
  WriteFile(dataset,
            "{\"protocol\":\"modbus\",\"request\":\"000100000006010300000001\","
            "\"response\":\"00010000000501030200ff\"}\n");
  WriteFile(predictions, "");
  CommandResult r = RunProtolm(
      {"eval", "--dataset", dataset, "--predictions", predictions});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("0 predictions for 1 dataset records"));
}

}  // namespace
}  // namespace protolm::testing

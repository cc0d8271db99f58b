// `protolm loadgen` end to end: the simulator served by `protolm device
// serve` on an ephemeral loopback port, loaded over the network; every
// request completes. Plus the errors a user meets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "run_protolm.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;

/// Serves `profile` in the background of one shell, waits for its port in
/// the log, runs `commands` (which find the port in $port), stops the server
/// and prints "serve-exit=N".
CommandResult ServeAndRun(const ScratchDir& dir, const std::string& profile,
                          const std::string& protocol,
                          const std::string& commands) {
  const std::string log = dir.Path("serve.log");
  const bool s7 = protocol == "s7comm";
  const std::string ports =
      s7 ? " --modbus-port -1 --s7-port 0" : " --modbus-port 0 --s7-port -1";
  const std::string key = s7 ? "s7 port" : "modbus port";
  const std::string script =
      std::string(PROTOLM_BINARY) + " device serve --profile " + profile +
      ports + " 2>" + log + " & pid=$!\n" +
      "for i in $(seq 100); do grep -q '" + key + " [1-9]' " + log +
      " && break; sleep 0.1; done\n"
      "port=$(sed -n 's/.*" +
      key + " \\([0-9]*\\).*/\\1/p' " + log + ")\n" + commands +
      "\nkill -TERM $pid; wait $pid; echo serve-exit=$?\n";
  return RunCommand({"/bin/sh", "-c", script});
}

/// `protolm loadgen` against the served port, then "loadgen-exit=N".
std::string Loadgen(const std::string& protocol, const std::string& flags) {
  return std::string(PROTOLM_BINARY) +
         " loadgen --target 127.0.0.1:$port --protocol " + protocol + " " +
         flags + "; echo loadgen-exit=$?";
}

nlohmann::json ReportIn(const std::string& out) {
  const size_t start = out.find('{');
  const size_t end = out.rfind('}');
  if (start == std::string::npos || end == std::string::npos) return {};
  return nlohmann::json::parse(out.substr(start, end - start + 1));
}

TEST(LoadgenCli, EveryModbusRequestCompletes) {
  ScratchDir dir;
  CommandResult r = ServeAndRun(
      dir, "wago-750-881", "modbus",
      Loadgen("modbus", "--connections 8 --requests 2000 --pipeline 2 --json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("loadgen-exit=0")) << r.err;
  EXPECT_THAT(r.out, HasSubstr("serve-exit=0"));
  nlohmann::json report = ReportIn(r.out);
  ASSERT_TRUE(report.is_object()) << r.out;
  EXPECT_EQ(report["completed"], 2000);
  EXPECT_EQ(report["failed"]["total"], 0);
  EXPECT_EQ(report["connections"], 8);
  EXPECT_GT(report["responses_per_s"].get<double>(), 0);
}

TEST(LoadgenCli, EveryS7RequestOfAProbedDatasetCompletes) {
  ScratchDir dir;
  // The prober's dataset starts with its COTP connect and setup; the load
  // replays only the 30 jobs after them, each connection opening itself.
  const std::string dataset = dir.Path("s7.jsonl");
  CommandResult r = ServeAndRun(
      dir, "s7-315-2pn", "s7comm",
      std::string(PROTOLM_BINARY) +
          " probe --target 127.0.0.1:$port --protocol s7comm --size 30 -o " +
          dataset + " || echo probe-failed\n" +
          Loadgen("s7comm",
                  "--connections 4 --requests 300 --json "
                  "--dataset " +
                      dataset));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("probe-failed"))) << r.err;
  EXPECT_THAT(r.out, HasSubstr("loadgen-exit=0")) << r.err;
  nlohmann::json report = ReportIn(r.out);
  ASSERT_TRUE(report.is_object()) << r.out;
  EXPECT_EQ(report["completed"], 300);
  EXPECT_EQ(report["failed"]["total"], 0);
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("left out")));
}

TEST(LoadgenCli, NoServerIsOneLineAndExitOne) {
  CommandResult r = RunProtolm({"loadgen", "--target", "127.0.0.1:1",
                                "--protocol", "modbus", "--requests", "10"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(r.err, HasSubstr("is the server running?"));
}

TEST(LoadgenCli, PipelineOutOfRangeIsAUsageError) {
  CommandResult r = RunProtolm({"loadgen", "--target", "127.0.0.1:502",
                                "--protocol", "modbus", "--pipeline", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--pipeline"));
}

}  // namespace
}  // namespace protolm::testing

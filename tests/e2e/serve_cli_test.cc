// `protolm serve` end to end: a clone made by `protolm clone` served on an
// ephemeral loopback port, loaded by `protolm loadgen`, stopped with SIGTERM
// in the middle of the load; every request the load generator completed is
// in the event store, and tshark reads the honeypot's pcap cleanly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;

/// A one-epoch clone of the built-in WAGO profile (seconds).
std::string MakeClone(const ScratchDir& dir) {
  const std::string out = dir.Path("clone");
  CommandResult r = RunProtolm({"clone", "--device", "wago-750-881",
                                "--start-size", "40", "--max-size", "40",
                                "--preset", "tiny", "--epochs", "1", "-o",
                                out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return out + "/model.plm";
}

/// Shell lines that start `protolm serve ARGS` in the background with its
/// log in LOG, wait for its port and set $port and $pid.
std::string StartServe(const std::string& args, const std::string& log) {
  return std::string(PROTOLM_BINARY) + " serve " + args + " 2>" + log +
         " & pid=$!\n"
         "for i in $(seq 300); do grep -q 'serving .* on ' " + log +
         " && break; sleep 0.1; done\n"
         "port=$(sed -n 's/.*serving .* on [0-9.]*:\\([0-9]*\\).*/\\1/p' " +
         log + " | head -1)\n";
}

TEST(ServeCli, SigtermDuringLoadLosesNoCompletedRequest) {
  ScratchDir dir;
  const std::string model = MakeClone(dir);
  const std::string log = dir.Path("serve.log");
  const std::string store = dir.Path("events.sqlite");
  const std::string pcap = dir.Path("honeypot.pcap");
  const std::string report = dir.Path("load.json");
  const std::string script =
      StartServe("--model " + model + " --listen 127.0.0.1:0 --events " +
                     store + " --pcap " + pcap,
                 log) +
      PROTOLM_BINARY + " loadgen --target 127.0.0.1:$port --protocol modbus " +
      "--connections 8 --requests 200000 --timeout 5000 --json >" + report +
      " 2>/dev/null & load=$!\n"
      // Stop once traffic flows (the pcap grows), however slow the machine
      // (sanitizers, a loaded CI host) makes the start of the load.
      "for i in $(seq 300); do [ $(stat -c %s " + pcap +
      " 2>/dev/null || echo 0) -gt 100000 ] && break; sleep 0.1; done\n"
      "sleep 0.5; kill -TERM $pid; wait $pid; echo serve-exit=$?\n"
      "echo port=$port\n"
      "wait $load; echo load-exit=$?\n";
  CommandResult r = RunCommand({"/bin/sh", "-c", script});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("serve-exit=0")) << ReadFile(log);
  EXPECT_THAT(ReadFile(log), HasSubstr("received signal 15"));

  nlohmann::json load = nlohmann::json::parse(ReadFile(report));
  const uint64_t completed = load["completed"].get<uint64_t>();
  EXPECT_GT(completed, 0u);
  EXPECT_LT(completed, 200000u) << "the stop came after the load";

  CommandResult summary =
      RunProtolm({"events", "--events", store, "--summary", "--json"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  nlohmann::json s = nlohmann::json::parse(summary.out);
  EXPECT_EQ(s["requests"].get<uint64_t>(), completed);
  EXPECT_EQ(s["sessions"]["count"], 8);

  // tshark dissects the recorded traffic without malformed packets.
  const size_t at = r.out.find("port=");
  ASSERT_NE(at, std::string::npos);
  const std::string port = r.out.substr(at + 5, r.out.find('\n', at) - at - 5);
  const std::string server_port = "mbtcp.tcp.port:" + port;
  CommandResult tshark = RunCommand(
      {"tshark", "-r", pcap, "-o", server_port, "-Y",
       "_ws.malformed || _ws.expert.severity >= warning"});
  ASSERT_EQ(tshark.exit_code, 0) << tshark.err;
  EXPECT_EQ(tshark.out.substr(0, 1000), "");
  CommandResult frames = RunCommand(
      {"tshark", "-r", pcap, "-o", server_port, "-Y", "mbtcp", "-T", "fields",
       "-e", "frame.number"});
  EXPECT_GT(frames.out.size(), 0u);
}

TEST(ServeCli, UnloadableModelIsOneLineAndExitTwo) {
  ScratchDir dir;
  CommandResult r = RunProtolm({"serve", "--model", dir.Path("none.plm"),
                                "--listen", "127.0.0.1:0", "--events",
                                dir.Path("e.sqlite")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("none.plm"));
}

}  // namespace
}  // namespace protolm::testing

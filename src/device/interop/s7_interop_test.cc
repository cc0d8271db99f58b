// nmap's s7-info on 127.0.0.1 against the S7 simulator (`StartDeviceServer`)
// and against the honeypot serving a clone of it (`StartHoneypot`), with the
// same expectation: the script prints the PLC's whole identity block. The
// clone is an untrained model with the device rules learned from a
// boundaries probe of the simulator (what `protolm clone` saves before any
// training): its connection confirm, setup and SZL answers are the
// simulator's, sent back with nmap's own references. nmap is real; a
// missing one fails the test (scripts/setup.sh installs it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "device/device_server.h"
#include "device/interop/learned_clone_test_support.h"
#include "device/s7/s7_handler.h"
#include "honeypot/honeypot.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::device {
namespace {

using protolm::testing::ShellOutput;
using protolm::testing::ToolInstalled;
using ::testing::HasSubstr;

enum class Served { kSimulator, kClone };

class S7InteropTest : public ::testing::TestWithParam<Served> {
 protected:
  void SetUp() override {
    if (GetParam() == Served::kClone) {
      clone_ = protolm::testing::ServeLearnedClone(
          "s7-315-2pn", "s7comm", 400, scratch_.Path("s7.plm"));
      ASSERT_NE(clone_, nullptr);
      port_ = clone_->listeners().front().port;
    } else {
      auto profile = BuiltinProfile("s7-315-2pn");
      ASSERT_TRUE(profile.ok()) << profile.status().message();
      auto server = StartDeviceServer(*profile, s7::ServeOnly("s7comm"));
      ASSERT_TRUE(server.ok()) << server.status().message();
      server_ = std::move(server).value();
      port_ = server_->s7_port();
    }
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (clone_) clone_->Stop();
  }
  protolm::testing::ScratchDir scratch_;
  std::unique_ptr<DeviceServer> server_;
  std::unique_ptr<honeypot::Honeypot> clone_;
  uint16_t port_ = 0;
};

INSTANTIATE_TEST_SUITE_P(
    SimulatorAndClone, S7InteropTest,
    ::testing::Values(Served::kSimulator, Served::kClone),
    [](const ::testing::TestParamInfo<Served>& info) {
      return info.param == Served::kSimulator ? "Simulator" : "Clone";
    });

TEST_P(S7InteropTest, NmapS7InfoPrintsThePlcsIdentity) {
  ASSERT_TRUE(ToolInstalled("nmap"));
  // "+" runs the script although the port is not 102.
  std::string out = ShellOutput("nmap -n -Pn -sT -p " + std::to_string(port_) +
                                " --script +s7-info 127.0.0.1 2>&1");
  // nmap 7.93's whole script block, as the simulator answers it.
  EXPECT_THAT(out, HasSubstr("| s7-info: \n"
                             "|   Module: 6ES7 315-2EH14-0AB0 \n"
                             "|   Basic Hardware: 6ES7 315-2EH14-0AB0 \n"
                             "|   Version: 3.2.7\n"
                             "|   System Name: S7300/ET200M station_1\n"
                             "|   Module Type: PLC_1\n"
                             "|   Serial Number: S C-B1U393142011\n"
                             "|   Plant Identification: Plant 1 / pump station\n"
                             "|_  Copyright: Original Siemens Equipment\n"))
      << out;
}

}  // namespace
}  // namespace protolm::device

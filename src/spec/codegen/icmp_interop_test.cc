// The generated ICMP code against real tools: `make test` in the generated
// directory (runtime/icmp_interop_test.sh) runs icmp_node as a router with a
// generated host behind it in a fresh network namespace, then ping, traceroute,
// hping3 --icmp-ts and tcpdump -vv. Skipped, saying so, only where the
// machine forbids network namespaces.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spec/codegen/codegen_test_support.h"
#include "testing/run_program.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::spec::codegen {
namespace {

using ::testing::HasSubstr;

TEST(IcmpInterop, PingTracerouteTimestampAndTcpdumpAgainstGeneratedCode) {
  for (const char* tool :
       {"make", "cc", "ip", "ping", "traceroute", "hping3", "tcpdump"}) {
    ASSERT_TRUE(protolm::testing::ToolInstalled(tool));
  }
  testing::Generated generated = testing::GenerateIcmp(
      testing::RevisedRfc792(), "rfc792-revised-codegen.txt");
  ASSERT_TRUE(generated.result.ok()) << generated.result.status().message();
  protolm::testing::ScratchDir dir;
  std::string out = dir.Path("icmp");
  Status written = WriteGeneratedFiles(*generated.result, out);
  ASSERT_TRUE(written.ok()) << written.message();
  protolm::testing::CommandResult test =
      protolm::testing::RunCommand({"make", "-s", "-C", out, "test"});
  if (test.out.rfind("SKIP:", 0) == 0) GTEST_SKIP() << test.out;
  EXPECT_EQ(test.exit_code, 0) << test.out << test.err;
  EXPECT_THAT(
      test.out,
      HasSubstr("PASS: ping -c 3 10.201.1.1: 3 generated echo replies"));
  EXPECT_THAT(
      test.out,
      HasSubstr("PASS: ping -c 3 10.201.2.5: 3 generated echo replies"));
  EXPECT_THAT(
      test.out,
      HasSubstr("PASS: traceroute: hop 1 from a generated time exceeded"));
  EXPECT_THAT(test.out,
              HasSubstr("PASS: hping3 --icmp-ts: generated timestamp reply"));
  EXPECT_THAT(test.out, HasSubstr("PASS: tcpdump -vv reads"));
  EXPECT_THAT(test.out, HasSubstr("interop: all checks passed"));
}

}  // namespace
}  // namespace protolm::spec::codegen

// `protolm spec codegen` end to end: the refusal listing the sentences that
// are not ok, the files written for the revised RFC 792 and the build of
// icmp_node from them with make, and the usage error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SpecCodegenCli, RefusesWhileSentencesAreNotOkAndListsThem) {
  ScratchDir dir;
  CommandResult r =
      RunProtolm({"spec", "codegen",
                  std::string(PROTOLM_SHARED_DATA_DIR) + "/rfcs/rfc792.txt",
                  "--protocol", "ICMP", "-o", dir.Path("icmp")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err,
              StartsWith("protolm: error: 18 actionable sentences are not ok "
                         "in "));
  EXPECT_THAT(
      r.err,
      HasSubstr("\n  line 791: [underspecified] If code = 0, an identifier to "
                "aid in matching echos and replies, may be zero."));
  EXPECT_FALSE(std::filesystem::exists(dir.Path("icmp")));
}

TEST(SpecCodegenCli, WritesSourcesThatMakeBuildsIntoIcmpNode) {
  ASSERT_TRUE(ToolInstalled("make"));
  ScratchDir dir;
  std::string out = dir.Path("icmp");
  CommandResult r = RunProtolm({"spec", "codegen",
                                std::string(PROTOLM_SOURCE_DIR) +
                                    "/data/spec/rfc792-revised-codegen.txt",
                                "--protocol", "ICMP", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("wrote 11 files to " + out +
                                ": 16 functions for 8 messages"));
  EXPECT_THAT(
      ReadFile(out + "/SENTENCES.md"),
      HasSubstr(
          "- line 761 [ok] The receiver must swap the IP source address"));
  CommandResult make = RunCommand({"make", "-s", "-C", out});
  EXPECT_EQ(make.exit_code, 0) << make.out << make.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/icmp_node"));
  CommandResult usage =
      RunCommand({out + "/icmp_node", "--addr", "10.0.0.1/24"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.err,
              StartsWith("icmp_node: --tun and --addr are required"));
}

TEST(SpecCodegenCli, OutputDirectoryIsRequired) {
  CommandResult r =
      RunProtolm({"spec", "codegen", "rfc792.txt", "--protocol", "ICMP"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--output is required"));
}

}  // namespace
}  // namespace protolm::testing

// Tests for choosing the runtime files that go with generated code: the
// library always, a program when the code defines what it calls, a test
// script with the programs it runs.
#include "spec/codegen/runtime_files.h"

#include <gtest/gtest.h>

#include "spec/codegen/c_calls.h"

namespace protolm::spec::codegen {
namespace {

using Role = RuntimeFile::Role;

std::vector<std::string> Names(const std::vector<RuntimeFile>& files) {
  std::vector<std::string> names;
  for (const RuntimeFile& f : files) names.push_back(f.name);
  return names;
}

// Every icmp_ function the ICMP programs call, as ICMP code defines them.
std::set<std::string> IcmpFunctions() {
  std::set<std::string> out;
  for (const auto& [stem, text] : EmbeddedRuntimeFiles()) {
    for (const std::string& f : CalledFunctions(text)) {
      if (f.starts_with("icmp_")) out.insert(f);
    }
  }
  return out;
}

TEST(RuntimeFilesTest, ProgramsAndTheirTestGoWithCodeDefiningTheirCalls) {
  std::vector<RuntimeFile> files = RuntimeFilesFor("icmp", IcmpFunctions());
  EXPECT_EQ(Names(files),
            (std::vector<std::string>{"plm_runtime.h", "plm_net.c", "plm_tun.c",
                                      "icmp_node.c", "icmp_samples.c",
                                      "icmp_interop_test.sh"}));
  ASSERT_EQ(files.size(), 6u);
  EXPECT_EQ(files[1].role, Role::kLibrary);
  EXPECT_EQ(files[3].role, Role::kProgram);
  EXPECT_EQ(files[3].stem(), "icmp_node");
  EXPECT_EQ(files[5].role, Role::kTest);
  EXPECT_FALSE(files[5].text.empty());
}

TEST(RuntimeFilesTest, AProgramCallingAMissingFunctionStaysOutWithItsTest) {
  std::set<std::string> functions = IcmpFunctions();
  functions.erase("icmp_echo_sender");  // icmp_samples calls it
  EXPECT_EQ(Names(RuntimeFilesFor("icmp", functions)),
            (std::vector<std::string>{"plm_runtime.h", "plm_net.c", "plm_tun.c",
                                      "icmp_node.c"}));
}

TEST(RuntimeFilesTest, OtherCodeGetsTheLibraryOnly) {
  EXPECT_EQ(
      Names(RuntimeFilesFor("igmp", {"igmp_receive"})),
      (std::vector<std::string>{"plm_runtime.h", "plm_net.c", "plm_tun.c"}));
}

}  // namespace
}  // namespace protolm::spec::codegen

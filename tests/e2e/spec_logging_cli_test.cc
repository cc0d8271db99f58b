// The `protolm spec` commands log through the shared logger like every other
// command: warnings and errors carry the "protolm: warning:" / "protolm:
// error:" prefix on stderr, -q keeps only the errors, and the report stays on
// stdout.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "run_protolm.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SpecLoggingCli, WarningsAreLoggedAndQuietDropsThem) {
  std::string rfc = std::string(PROTOLM_SHARED_DATA_DIR) + "/rfcs/rfc791.txt";
  CommandResult loud = RunProtolm({"spec", "headers", rfc, "--emit", "c"});
  ASSERT_EQ(loud.exit_code, 0) << loud.err;
  EXPECT_THAT(loud.err, StartsWith("protolm: warning: " + rfc +
                                   ": skipped diagram \"Flags\""));
  EXPECT_THAT(loud.out, HasSubstr("struct"));
  CommandResult quiet =
      RunProtolm({"-q", "spec", "headers", rfc, "--emit", "c"});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out, loud.out);
}

TEST(SpecLoggingCli, ErrorsAreLoggedEvenWhenQuiet) {
  CommandResult r = RunProtolm({"-q", "spec", "analyze", "no-such-rfc.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "protolm: error: cannot read RFC no-such-rfc.txt; check the path "
            "and permissions\n");
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace protolm::testing

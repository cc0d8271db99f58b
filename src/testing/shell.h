// Shell commands for tests that talk to third-party tools (tshark, cc,
// python3): run a command line through /bin/sh and keep what it printed,
// and check that a tool the test needs is installed.
//
// For a program with arguments that need no shell, and when the exit code or
// stderr matters, use RunCommand (testing/run_program.h) instead.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace protolm::testing {

/// Runs `command` with /bin/sh and returns everything it wrote to stdout
/// (stderr goes where the test's stderr goes unless the command redirects
/// it, e.g. "2>&1"). The exit status is not reported; "" when the shell
/// cannot be started. Blocks until the command ends.
std::string ShellOutput(const std::string& command);

/// Succeeds when `tool` is on PATH; otherwise fails with "`tool` is not
/// installed (scripts/setup.sh installs it)". Use as
/// ASSERT_TRUE(ToolInstalled("tshark")): a test that needs a tool fails
/// where it is missing, it does not skip.
::testing::AssertionResult ToolInstalled(const std::string& tool);

}  // namespace protolm::testing

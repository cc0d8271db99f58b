// RunCommand: runs a program the way a user's shell would and collects what
// it printed.
//
// Arguments are passed as-is (no shell, no quoting), the program is found on
// PATH when argv[0] has no slash, stdin is /dev/null, stdout and stderr are
// captured separately, and the exit code (or 128 + signal number for a
// crash) is reported. Used by the end-to-end tests to run `protolm` and by
// tests that drive third-party tools (cc, tshark).
#pragma once

#include <string>
#include <vector>

namespace protolm::testing {

struct CommandResult {
  int exit_code = -1;  // -1: the program could not be started
  std::string out;
  std::string err;
};

/// Runs argv[0] with the arguments argv[1..] in the test's working
/// directory and blocks until it exits. When it cannot be started the current
/// test fails naming the program, and exit_code is -1. Output is buffered in a
/// ScratchDir that is removed before returning.
CommandResult RunCommand(const std::vector<std::string>& argv);

}  // namespace protolm::testing

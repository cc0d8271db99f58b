// Runs a program the way a user's shell would and collects what it printed.
//
// Used by the end-to-end tests to run the `protolm` binary: arguments are
// passed as-is (no shell), stdout and stderr are captured separately, and the
// exit code (or 128 + signal number for a crash) is reported.
#pragma once

#include <string>
#include <vector>

namespace protolm::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs argv[0] with the given arguments; the test's working directory.
CommandResult RunCommand(const std::vector<std::string>& argv);

/// Runs the protolm binary under test with `args`.
CommandResult RunProtolm(const std::vector<std::string>& args);

/// A fresh empty directory for one test's files (removed by the OS's tmp policy).
std::string MakeTempDir();

/// Writes `bytes` to `path`; fails the current test if it cannot.
void WriteFile(const std::string& path, const std::string& bytes);

/// The whole content of `path` ("" if unreadable).
std::string ReadFile(const std::string& path);

}  // namespace protolm::testing

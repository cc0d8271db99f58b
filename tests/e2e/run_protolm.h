// RunProtolm: runs the `protolm` binary under test (its path is compiled in
// as PROTOLM_BINARY by tests/CMakeLists.txt) and collects what it printed.
#pragma once

#include <string>
#include <vector>

#include "testing/run_program.h"

namespace protolm::testing {

/// Runs the protolm binary under test with `args` (see RunCommand).
CommandResult RunProtolm(const std::vector<std::string>& args);

}  // namespace protolm::testing

// Whole-file reads and writes for tests: put bytes in a file a program under
// test reads, and read back what it wrote.
#pragma once

#include <string>

namespace protolm::testing {

/// Writes `bytes` to `path`, replacing it; fails the current test naming
/// the path if it cannot.
void WriteFile(const std::string& path, const std::string& bytes);

/// The whole content of `path` ("" if it cannot be read).
std::string ReadFile(const std::string& path);

}  // namespace protolm::testing

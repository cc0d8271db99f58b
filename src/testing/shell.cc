// ShellOutput and ToolInstalled over popen (see shell.h).
#include "testing/shell.h"

#include <array>
#include <cstdio>
#include <memory>

namespace protolm::testing {

std::string ShellOutput(const std::string& command) {
  std::string output;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"),
                                             pclose);
  if (pipe == nullptr) return output;
  std::array<char, 4096> chunk;
  size_t n;
  while ((n = fread(chunk.data(), 1, chunk.size(), pipe.get())) > 0) {
    output.append(chunk.data(), n);
  }
  return output;
}

::testing::AssertionResult ToolInstalled(const std::string& tool) {
  if (!ShellOutput("command -v '" + tool + "'").empty()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << tool << " is not installed (scripts/setup.sh installs it)";
}

}  // namespace protolm::testing

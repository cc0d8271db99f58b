// ReadFile and WriteFile over binary streams (see file_contents.h).
#include "testing/file_contents.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace protolm::testing {

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(f.good()) << "cannot write " << path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace protolm::testing

// ScratchDir: a fresh directory for the files one test writes, removed with
// everything in it when the test is done.
//
// Tests that need files (captures to read, output to check, C code to
// compile) put them in a ScratchDir instead of a fixed or per-process path,
// so concurrent test processes never share a file and nothing is left
// behind in the temp folder. Not copyable or movable; use from one thread.
#pragma once

#include <string>
#include <string_view>

namespace protolm::testing {

class ScratchDir {
 public:
  /// Creates a new, empty, uniquely named directory under
  /// ::testing::TempDir() (honours TEST_TMPDIR). When it cannot, the current
  /// test fails with the reason, and paths point into a directory that does
  /// not exist, so writes there fail instead of landing elsewhere.
  ScratchDir();
  /// Removes the directory and everything in it (only one it created);
  /// failures are ignored.
  ~ScratchDir();

  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  /// `name` inside the directory (the file is not created).
  std::string Path(std::string_view name) const;

 private:
  std::string path_;
  bool created_ = false;
};

}  // namespace protolm::testing

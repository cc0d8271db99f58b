// ScratchDir: mkdtemp under the test temp folder, remove_all at the end (see
// scratch_dir.h).
#include "testing/scratch_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace protolm::testing {

ScratchDir::ScratchDir()
    : path_((std::filesystem::path(::testing::TempDir()) /
             "protolm-scratch-XXXXXX")
                .string()) {
  created_ = mkdtemp(path_.data()) != nullptr;
  if (!created_) {
    ADD_FAILURE() << "cannot create a scratch directory " << path_ << ": "
                  << std::strerror(errno)
                  << "; check that TEST_TMPDIR (or /tmp) is writable";
  }
}

ScratchDir::~ScratchDir() {
  if (!created_) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ScratchDir::Path(std::string_view name) const {
  std::string path = path_;
  path += '/';
  path += name;
  return path;
}

}  // namespace protolm::testing

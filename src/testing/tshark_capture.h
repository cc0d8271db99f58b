// A capture that a tshark cross-check test reads (the codecs' *_tshark_test):
// its file (in the protocol's testdata/, or under shared/data), the server's
// port tshark is told to decode, how gtest prints it and names its instance.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <string>

namespace protolm::testing {

struct TsharkCapture {
  const char* file;  // in testdata/, or under shared/data when `shared`
  int server_port;
  bool shared = false;
};

inline void PrintTo(const TsharkCapture& c, std::ostream* os) { *os << c.file; }

/// The instance name: the file's base name without its extension, every
/// character gtest does not allow made '_'.
inline std::string CaptureTestName(
    const ::testing::TestParamInfo<TsharkCapture>& info) {
  std::string name = info.param.file;
  name = name.substr(name.rfind('/') + 1);
  name = name.substr(0, name.rfind('.'));
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

}  // namespace protolm::testing

// libFuzzer target for the NSS key log reader: arbitrary bytes read as one
// key log file. Asserts (abort) that the file gives at most one warning, on
// one line, and that every session kept can be found by its random.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "proto/tls/crypto/nss_key_log.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  std::istringstream in(
      std::string(reinterpret_cast<const char*>(data), size));
  tls::NssKeyLog log;
  int warnings = 0;
  log.Read(in, "fuzz.keys", [&](const std::string& warning) {
    ++warnings;
    Require(warning.find('\n') == std::string::npos);
    Require(warning.rfind("fuzz.keys", 0) == 0);
  });
  Require(warnings <= 1);
  Require(log.sessions() <= size / 64);  // a random takes 64 hex digits
  // The first 32 bytes as a random, and a random of the wrong size.
  if (size >= 32) (void)log.Find(ByteView(data, 32));
  Require(log.Find(ByteView(data, size < 31 ? size : 31)) == nullptr);
  return 0;
}

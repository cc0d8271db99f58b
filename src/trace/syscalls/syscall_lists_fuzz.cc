// libFuzzer target for the numbered system-call readers: the first input
// byte picks ADFA-LD or UNM (and whether numbers get i386 names), the rest
// is the file. Aborts when a reader breaks the TraceSink contract or floods
// warnings.
#include <cstdint>
#include <sstream>
#include <string>

#include "trace/sink_order_test_util.h"
#include "trace/syscalls/adfa_source.h"
#include "trace/syscalls/unm_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  if (size < 1) return 0;
  SyscallListOptions options;
  options.token_depth = 0;
  if (data[0] & 2) options.arch = SyscallArch::kI386;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1,
                                    size - 1));
  testing::OrderCheckingSink sink;
  if (data[0] & 1) {
    (void)UnmSource("fuzz.int", options).Read(in, "fuzz.int", sink);
  } else {
    (void)AdfaSource("fuzz.txt", options).ReadTrace(in, "fuzz.txt", sink);
  }
  sink.RequireAllEnded();
  return 0;
}

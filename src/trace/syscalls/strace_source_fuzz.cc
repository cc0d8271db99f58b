// libFuzzer target for the strace source: the first input byte picks the
// grouping and token depth, the rest is strace output. Aborts when the
// source breaks the TraceSink contract or floods warnings.
#include <cstdint>
#include <sstream>
#include <string>

#include "trace/sink_order_test_util.h"
#include "trace/syscalls/strace_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  if (size < 1) return 0;
  StraceSourceOptions options;
  options.grouping = data[0] & 1 ? StraceGrouping::kTask
                                 : StraceGrouping::kThreadGroup;
  options.token_depth = data[0] & 2 ? 1 : 0;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1,
                                    size - 1));
  testing::OrderCheckingSink sink;
  (void)StraceSource("fuzz.strace", options).Read(in, "fuzz.strace", sink);
  sink.RequireAllEnded();
  return 0;
}

// libFuzzer target: arbitrary bytes as a capture file through ReadCapture.
// The input is written to a temporary file (libpcap reads files), then read
// with a sink that touches every byte it is handed, so the sanitizers see
// any view that outlives its buffer or runs past it.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "capture/capture_reader.h"

namespace {

class TouchingSink : public protolm::CaptureSink {
 public:
  void OnFlowStart(const protolm::FlowInfo& flow) override {
    sum_ += flow.client_ip.size() + flow.server_ip.size();
  }
  void OnStreamData(const protolm::FlowInfo&, protolm::Direction, int64_t,
                    protolm::ByteView data) override {
    Touch(data);
  }
  void OnStreamGap(const protolm::FlowInfo&, protolm::Direction, int64_t,
                   uint64_t missing) override {
    sum_ += missing;
  }
  void OnDatagram(const protolm::FlowInfo&, protolm::Direction, int64_t,
                  protolm::ByteView payload) override {
    Touch(payload);
  }
  void OnWarning(const protolm::CaptureWarning& w) override {
    sum_ += w.text.size();
  }
  uint64_t sum() const { return sum_; }

 private:
  void Touch(protolm::ByteView bytes) {
    for (uint8_t b : bytes) sum_ += b;
  }
  uint64_t sum_ = 0;
};

// Written after each input so the touched bytes stay observable and the
// reads are not optimised away.
volatile uint64_t g_observed = 0;

// The temporary input file, created once and removed at exit.
char g_input_path[] = "/tmp/protolm_capture_fuzz_XXXXXX";

const char* InputPath() {
  static const bool created = [] {
    int fd = mkstemp(g_input_path);
    if (fd < 0) std::abort();
    close(fd);
    std::atexit([] { unlink(g_input_path); });
    return true;
  }();
  (void)created;
  return g_input_path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* path = InputPath();
  FILE* file = std::fopen(path, "wb");
  if (file == nullptr) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  protolm::CaptureOptions options;
  options.max_flows = 64;
  options.is_server_port = [](uint16_t port) { return port == 502; };
  TouchingSink sink;
  protolm::Result<protolm::CaptureStats> stats =
      protolm::ReadCapture(path, options, sink);
  g_observed = sink.sum() + (stats.ok() ? stats->packets : 0);
  return 0;
}

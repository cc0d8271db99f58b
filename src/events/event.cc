// NewRunId and NowMicros (see event.h).
#include "events/event.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "events/time_text.h"

namespace protolm::events {

std::string NewRunId() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0')
    std::snprintf(host, sizeof(host), "host");
  std::random_device random;
  std::uniform_int_distribution<uint32_t> draw;
  char suffix[16];
  std::snprintf(suffix, sizeof(suffix), "%08x", draw(random));
  return std::string(host) + "-" + std::to_string(getpid()) + "-" +
         CompactUtcTime(NowMicros()) + "-" + suffix;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace protolm::events

// Raising the descriptor limit for serving commands (descriptor_limit.h).
#include "cli/descriptor_limit.h"

#include <spdlog/spdlog.h>

#include <cstdint>

#include "net/framed_server.h"

namespace protolm::cli {

/// Descriptors a server needs besides its connections (listeners, log and
/// event files, the database).
constexpr uint64_t kSpareDescriptors = 64;

void WarnIfDescriptorsShort(size_t max_connections) {
  const uint64_t wanted = max_connections + kSpareDescriptors;
  const uint64_t limit = net::RaiseDescriptorLimit(wanted);
  if (limit < wanted) {
    spdlog::warn(
        "descriptor limit {} is below --max-connections {}; raise it "
        "(ulimit -n) to serve that many",
        limit, max_connections);
  }
}

}  // namespace protolm::cli

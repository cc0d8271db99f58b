// The descriptor limit a serving command needs: `device serve` and `serve`
// hold up to --max-connections sockets, more than the usual soft limit of
// 1024 open files.
#pragma once

#include <cstddef>

namespace protolm::cli {

/// Raises the soft descriptor limit to hold `max_connections` sockets (plus
/// files and listeners) where the hard limit allows, and logs a warning
/// naming `ulimit -n` when it does not.
void WarnIfDescriptorsShort(size_t max_connections);

}  // namespace protolm::cli

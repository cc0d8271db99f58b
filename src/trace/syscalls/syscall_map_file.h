// A data set's own system-call map: the UNM sets come with `syscallMap.txt`,
// one `NUMBER NAME` line per call ("2 read"), because their numbers are
// those of the machines that recorded them (SunOS, old kernels), not
// Linux's. Read it and pass it as SyscallListOptions::names to name the
// calls of such a set. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "util/status.h"

namespace protolm {

/// The map at `path` as a table (index = number, "" for numbers it skips).
/// Errors: IoError (cannot be opened); Malformed ("map.txt:3: ...") for a
/// line that is not `NUMBER NAME` or a number over 65535.
Result<std::vector<std::string>> ReadSyscallMap(const std::string& path);

}  // namespace protolm

// The event of one system call recorded as a number (ADFA-LD, UNM), and the
// options the readers of such traces share.
//
// Fields: `nr` = the number as written; with a map of names (a data set's
// own, syscall_map_file.h) or an architecture, also `syscall` = its name
// ("read", or "sys_<n>" when the map or table has none). Token, at any
// depth: the name when there is one, else the number. UNM's numbers are not
// Linux's (SunOS and older kernels): name them with the set's own map, if
// any, never with an architecture.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trace/syscalls/syscall_table.h"
#include "trace/trace_event.h"

namespace protolm {

struct SyscallListOptions {
  /// Token depth; nullopt: no tokens. Every depth gives the same token.
  std::optional<int> token_depth;
  /// The table that names the numbers; nullopt: numbers stay numbers.
  std::optional<SyscallArch> arch;
  /// A data set's own names (index = number); when not empty, used instead
  /// of `arch`.
  std::vector<std::string> names;
};

/// Sets every member of `event` for the call `number` made by `actor`.
void FillSyscallNumberEvent(int64_t number, Actor actor,
                            const SyscallListOptions& options,
                            TraceEvent& event);

}  // namespace protolm

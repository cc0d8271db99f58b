// The event of one system call recorded as a number (ADFA-LD, UNM), and the
// options the readers of such traces share.
//
// Fields: `nr` = the number as written; with an architecture, also `syscall`
// = its name from the table (syscall_table.h: "read", or "sys_<n>"). Token,
// at any depth: the name with an architecture, else the number. The readers
// of UNM data leave the architecture unset: UNM's numbers are not Linux's
// (SunOS and older kernels, each set with its own map).
#pragma once

#include <cstdint>
#include <optional>

#include "trace/syscalls/syscall_table.h"
#include "trace/trace_event.h"

namespace protolm {

struct SyscallListOptions {
  /// Token depth; nullopt: no tokens. Every depth gives the same token.
  std::optional<int> token_depth;
  /// The table that names the numbers; nullopt: numbers stay numbers.
  std::optional<SyscallArch> arch;
};

/// Sets every member of `event` for the call `number` made by `actor`.
void FillSyscallNumberEvent(int64_t number, Actor actor,
                            const SyscallListOptions& options,
                            TraceEvent& event);

}  // namespace protolm

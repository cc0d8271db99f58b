// One line of strace output, taken apart: who (PID prefix), when (-t, -tt or
// -ttt), and what (a whole call, the start or the end of an interrupted call,
// a signal, a process's exit).
//
// Lines look like `6201  16:39:54.515563 openat(AT_FDCWD, "/etc/x", ...) = 3`
// (strace -f -tt -o FILE); `[pid  6201] ...` (-f to a terminal); no PID at
// all (no -f, or -ff's FILE.PID files); `read(5,  <unfinished ...>` and
// `<... read resumed>"abc", 4) = 3` for a call other threads interrupted;
// `--- SIGCHLD {...} ---`; `+++ exited with 0 +++` / `+++ killed by SIGKILL
// +++`. Lines strace writes about itself (`strace: Process 6201 attached`)
// are notes. Pure functions; the views point into the line.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "util/status.h"

namespace protolm {

struct StraceLine {
  enum class Kind {
    kCall,        // text: `name(args) = ret ...`
    kUnfinished,  // text: `name(args so far` (without `<unfinished ...>`)
    kResumed,     // name; text: what follows `resumed>`: `rest) = ret ...`
    kSignal,      // name: the signal ("SIGCHLD")
    kExit,        // text: "exited with 0", "killed by SIGKILL"
    kNote,        // strace speaking of itself; nothing to read
  };
  Kind kind = Kind::kNote;
  std::optional<int64_t> pid;
  /// -t/-tt: microseconds since midnight (strace prints no date);
  /// -ttt: microseconds since the epoch.
  std::optional<int64_t> time_us;
  std::string_view name;
  std::string_view text;
  /// kResumed only: the resumed part was itself interrupted again.
  bool still_unfinished = false;
};

/// Malformed (one line, no location) when `line` is not strace output.
Result<StraceLine> ParseStraceLine(std::string_view line);

}  // namespace protolm

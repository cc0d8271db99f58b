// UnmSource: the University of New Mexico system-call sets (trace_source.h).
//
// Each line is `PID NUMBER` (decimal, whitespace-separated; trailing blanks
// allowed): the processes' calls interleaved in the order they were made.
// One trace per PID, started at that PID's first line (first_record = its
// line number, id = the PID as written), all ending at the end of the file
// (the data does not say when a process ended). Events: actor =
// ProcessActor{pid}, no time; fields and token as syscall_number_event.h.
// The numbers are not Linux's: leave the options' architecture unset, and
// name them with the set's own map (syscall_map_file.h) where it has one.
//
// Damage: a file whose first non-blank line is not `PID NUMBER` is not UNM
// data (the error of Run()); a later such line, or one over 1 MiB, is a
// warning naming file and line (at most 10, then a count), and reading goes
// on. Memory: one line plus one TraceInfo per PID. Single-threaded; one Run.
#pragma once

#include <istream>
#include <string>

#include "trace/syscalls/syscall_number_event.h"
#include "trace/trace_source.h"

namespace protolm {

class UnmSource : public TraceSource {
 public:
  explicit UnmSource(std::string path, SyscallListOptions options = {});

  /// Errors: IoError (cannot be opened), Malformed (not UNM data).
  Status Run(TraceSink& sink) override;

  /// Reads `in`, named `name` in messages: what Run() does with the file.
  Status Read(std::istream& in, const std::string& name, TraceSink& sink);

 private:
  std::string path_;
  SyscallListOptions options_;
};

}  // namespace protolm

// AdfaSource: ADFA-LD system-call traces (trace_source.h).
//
// ADFA-LD keeps one trace per file: system-call numbers (Linux i386) as
// space-separated decimal words, on one line or several. The input is a file
// or a directory; a directory means every regular file under it, at any
// depth, in sorted path order. A trace's id is the file's path relative to
// the directory (its name when the input is a file), first_record 1; its
// events carry no actor and no time (syscall_number_event.h for fields and
// tokens; ADFA-LD wants SyscallArch::kI386).
//
// Damage: a file whose first word is not a number is not an ADFA-LD trace:
// the error of Run() for a file input, a warning (and the file skipped) in a
// directory. A later word that is no number, or a line over 1 MiB, is a
// warning naming file and line, and reading goes on. Memory: one line.
// Single-threaded; one Run.
#pragma once

#include <istream>
#include <string>

#include "trace/syscalls/syscall_number_event.h"
#include "trace/trace_source.h"

namespace protolm {

class AdfaSource : public TraceSource {
 public:
  explicit AdfaSource(std::string path, SyscallListOptions options = {});

  /// Errors: NotFound (no such path), IoError (cannot be opened or listed),
  /// Malformed (a file input that is not a list of numbers).
  Status Run(TraceSink& sink) override;

  /// Reads `in` as one trace with id `id`: what Run() does with each file.
  Status ReadTrace(std::istream& in, const std::string& id, TraceSink& sink);

 private:
  Status ReadFile(const std::string& file, const std::string& id,
                  TraceSink& sink);

  std::string path_;
  SyscallListOptions options_;
  uint64_t traces_started_ = 0;
  TraceEvent event_;
};

}  // namespace protolm

// StraceSource: the output of `strace -f -tt [-yy] [-s N] -o FILE` as
// traces (trace_source.h).
//
// One trace per process: a thread that clone() made with CLONE_THREAD joins
// its creator's trace (grouping kThreadGroup, the default), or one trace per
// PID strace names, threads apart (kTask). A trace's id is its PID (the
// thread-group leader's), first_record the line of its first call; it ends
// at the `+++ exited` / `+++ killed` line of its last live thread, else at
// the end of the input (a PID used again later starts a new trace). Lines
// without a PID (no -f; -ff's FILE.PID files) belong to the PID at the end
// of the file's name, else to a trace named after the file.
//
// Events, one per call, in the order calls complete: a call strace cut in
// two (`<unfinished ...>` ... `<... name resumed>`) is joined, with the time
// of its start; one never resumed ends with its process (or the input) with
// return "?". Actor: ProcessActor{leader PID, thread id in kThreadGroup}.
// time_us: -tt/-t give microseconds since midnight (strace prints no date),
// -ttt since the epoch. Fields: `syscall` (name), `args` (abstracted, comma-
// separated: strace_abstraction.h), `ret` (as printed, "-1", "3</etc/x>"),
// `result` ("ok", "err ENOENT", "?"). A signal is an event too: field
// `signal` = its name, token "signal:SIGCHLD" at every depth. Tokens: depth 0
// the call's name; depth 1 and more `name(abstracted args)=RESULT`
// ("openat(AT_FDCWD,/etc/*,O_RDONLY|O_CLOEXEC)=ok", "=ENOENT" on failure).
//
// Thread groups: a thread's first line may come before the clone() that made
// it returns in its creator; while a CLONE_THREAD clone() is unfinished, a PID
// not seen before joins the group of the thread that called it.
//
// Damage: input whose first line is not strace output is an error of Run();
// later lines that are not (garbage, a call cut short, lines over 1 MiB) are
// warnings naming file and line (at most 10, then a count). Memory: one line
// per thread with an unfinished call plus one TraceInfo per live process.
// Single-threaded; one Run.
#pragma once

#include <istream>
#include <optional>
#include <string>

#include "trace/trace_source.h"

namespace protolm {

enum class StraceGrouping {
  kThreadGroup,  // one trace per process: threads join their group
  kTask,         // one trace per PID/TID strace prints
};

struct StraceSourceOptions {
  /// Token depth (0: call name; 1+: abstracted call); nullopt: no tokens.
  std::optional<int> token_depth;
  StraceGrouping grouping = StraceGrouping::kThreadGroup;
};

class StraceSource : public TraceSource {
 public:
  explicit StraceSource(std::string path, StraceSourceOptions options = {});

  /// Errors: IoError (cannot be opened), Malformed (not strace output).
  Status Run(TraceSink& sink) override;

  /// Reads `in`, named `name` (its PID suffix, messages): what Run() does.
  Status Read(std::istream& in, const std::string& name, TraceSink& sink);

 private:
  std::string path_;
  StraceSourceOptions options_;
};

}  // namespace protolm

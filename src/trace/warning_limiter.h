// WarningLimiter: the warnings one text input gives a TraceSink, capped.
//
// A reader of lines warns about each line it cannot use ("auth.log:12: ...")
// and goes on (trace_source.h). A hostile or wrong input (a binary file, a
// log given to the strace reader) would otherwise give a warning per line:
// the limiter passes on the first `limit` of them and, at Finish(), one more
// saying how many it held back; and a text input that starts with binary
// data is no text at all (NotText). Borrows the sink; one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "trace/trace_source.h"

namespace protolm {

/// The error of an input whose first line holds control bytes: a binary
/// file given to a reader of text ("NAME:LINE: control bytes: ...").
Status NotText(const std::string& input_name, uint64_t line);

class WarningLimiter {
 public:
  WarningLimiter(std::string input_name, TraceSink& sink, size_t limit = 10)
      : input_name_(std::move(input_name)), sink_(sink), limit_(limit) {}

  /// Warns "NAME:LINE: what" (the line left out when 0).
  void Warn(uint64_t line, const std::string& what);
  /// The warning for a line LineReader skipped as too long.
  void WarnLineTooLong(uint64_t line) { Warn(line, "line over 1 MiB skipped"); }
  /// Reports the warnings held back, if any; call once, at the end.
  void Finish();

 private:
  std::string input_name_;
  TraceSink& sink_;
  size_t limit_;
  uint64_t count_ = 0;
};

}  // namespace protolm

// SequenceSource: key sequences, one trace per line (trace_source.h): the
// format of DeepLog's HDFS data (`5 5 5 22 11 9 ...`, one session's log keys
// per line).
//
// Each non-blank line is a trace: id = its line number, first_record the
// same; its events are its whitespace-separated words in order, with no
// actor or time, the field `key` = the word and, with any token depth, the
// token = the word. Damage: input whose first line has control bytes is not
// text (the error of Run()); a later line with control bytes or over
// 1 MiB is a warning naming file and line (at most 10, then a count) and is
// skipped. Memory: one line. Single-threaded; one Run.
#pragma once

#include <istream>
#include <optional>
#include <string>

#include "trace/trace_source.h"

namespace protolm {

struct SequenceSourceOptions {
  /// Any depth gives the key itself; nullopt: no tokens.
  std::optional<int> token_depth;
};

class SequenceSource : public TraceSource {
 public:
  explicit SequenceSource(std::string path, SequenceSourceOptions options = {});

  /// Errors: IoError (cannot be opened), Malformed (a binary file).
  Status Run(TraceSink& sink) override;

  /// Reads `in`, named `name` in messages: what Run() does.
  Status Read(std::istream& in, const std::string& name, TraceSink& sink);

 private:
  std::string path_;
  SequenceSourceOptions options_;
};

}  // namespace protolm

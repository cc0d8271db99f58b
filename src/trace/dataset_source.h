// DatasetSource: a JSONL dataset (docs/dataset-format.md) as traces
// (trace_source.h).
//
// One trace per `session` value, in order of each session's first record;
// records without a session form one trace of their own. A trace's id is
// its session number ("3"; the file's path for the records without one),
// its protocol that of its first record, its network the record's `client`
// and `server` when both parse, first_record its first line. Each record
// gives up to two events: its request (actor client → server) and its
// response (server → client), each with its time when the record has one,
// its bytes, the fields `id` (when the record has one) and `function`,
// `pdu` = the inspection of the record's protocol's codec (absent when no
// codec has that name) and, with a token depth, the token of the codec's
// field tree.
//
// A dataset does not say where a session ends, and ingest interleaves
// sessions that overlap in time, so every trace ends at the end of the
// file; memory is one line plus one TraceInfo per session. A line that is
// not a record (garbage, a line cut short, bad hex) is a warning naming
// file and line, and reading goes on. Single-threaded; one Run.
#pragma once

#include <optional>
#include <string>

#include "trace/trace_source.h"

namespace protolm {

struct DatasetSourceOptions {
  /// Abstract() depth of the events' tokens; nullopt: no tokens.
  std::optional<int> token_depth;
};

class DatasetSource : public TraceSource {
 public:
  explicit DatasetSource(std::string path, DatasetSourceOptions options = {});

  /// Errors: IoError when the file cannot be opened.
  Status Run(TraceSink& sink) override;

 private:
  std::string path_;
  DatasetSourceOptions options_;
};

}  // namespace protolm

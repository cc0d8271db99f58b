// LogSource: text log lines as traces of templated events (trace_source.h).
//
// Each line loses its header when the options give one (log_header.h: its
// named groups become fields) and the rest, the message, goes through the
// template miner (log_template_miner.h) the caller owns: Learn() while
// training (templates grow), Match() when scoring with a trained miner
// (`learn` false: the miner is not changed; a message no template fits gets
// template 0).
//
// Traces: with a session expression, a trace per value it finds in a line
// (the first capture group, else the whole match; HDFS: `blk_-?[0-9]+`), in
// order of first sight; a line naming two sessions is an event of each. A
// trace's id is that value, first_record the line it was first seen on;
// sessions end at the end of the input (a log does not say when one ends);
// lines naming none are left out and counted in one warning at the end.
// Without one, fixed windows of `window_lines` lines: id "NAME:FIRST_LINE".
// The expression sees a line's first 4 KiB (libstdc++'s matcher recurses per
// character).
//
// Events: no actor, no time (header fields keep the line's own time text);
// fields = the header's, then `template` (the id), then `p1`, `p2`, ... the
// template's parameters. Tokens: depth 0 "E<id>" ("E0": no template); depth
// 1+ the template's text ("PacketResponder <*> for block blk_<*>
// terminating"), for a message without template its masked words.
//
// Damage: input whose first line has control bytes is not text (the error
// of Run()); later lines with control bytes, over 1 MiB or without
// the header are warnings naming file and line (at most 10, then a count);
// a line without header is still read, whole, as the message. Memory: one
// line, the miner, one TraceInfo per session. Single-threaded; one Run.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>

#include "trace/logs/log_header.h"
#include "trace/logs/log_template_miner.h"
#include "trace/trace_source.h"

namespace protolm {

struct LogSourceOptions {
  /// 0: template id; 1+: template text; nullopt: no tokens.
  std::optional<int> token_depth;
  /// ECMAScript expression naming a line's session(s); nullopt: windows.
  std::optional<std::string> session_regex;
  size_t window_lines = 20;
  std::optional<LogHeader> header;
  /// True: the miner learns from the lines; false: it only matches them.
  bool learn = true;
};

class LogSource : public TraceSource {
 public:
  LogSource(std::string path, LogTemplateMiner& miner,
            LogSourceOptions options = {});

  /// Errors: IoError (cannot be opened), InvalidArgument (a session
  /// expression that does not compile, zero window lines), Malformed (a
  /// binary file).
  Status Run(TraceSink& sink) override;

  /// Reads `in`, named `name` in ids and messages: what Run() does.
  Status Read(std::istream& in, const std::string& name, TraceSink& sink);

 private:
  std::string path_;
  LogTemplateMiner& miner_;
  LogSourceOptions options_;
};

}  // namespace protolm

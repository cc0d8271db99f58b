// ReadTraces: `detect`'s inputs as token sequences, each input through the
// trace source its settings name (source_settings.h), into a TraceCollector.
//
// Inputs are read in the order given and their traces kept in the order
// they end. A trace id that is a bare number (a DeepLog line, a UNM or
// strace PID) gets its file's name in front, "hdfs_train:12", so that ids
// from several inputs stay apart; other ids (a connection
// "10.0.0.2:40001-10.0.0.1:502", an ADFA-LD path, an HDFS block) are kept.
// For logs, `learn` makes the template miner learn from the inputs (first
// pass) and then tokenises them with the finished miner (second pass), so
// a template that generalised late gives the same token to every line, and
// stores the miner in the settings; without `learn` lines are only matched
// against the stored miner, as when scoring. Captures are decrypted with
// the key logs of the options (--keylog). Errors: the first input that
// cannot be read (one line naming it), key logs for inputs that are not
// captures; damage inside an input is passed to `on_warning` and reading
// goes on.
#pragma once

#include <functional>
#include <istream>
#include <span>
#include <string>
#include <vector>

#include "detect/pipeline/source_settings.h"
#include "detect/trace_collector.h"
#include "ingest/key_logs.h"

namespace protolm::detect {

struct ReadOptions {
  /// log: learn templates into `settings.miner` (training).
  bool learn = false;
  /// Keep each event's fields (for reports' evidence).
  bool keep_fields = false;
  /// pcap: secrets to decrypt sessions with; nullptr: none.
  std::shared_ptr<const KeyLogs> key_logs;
  std::function<void(const Status&)> on_warning;
  /// Called after each input with how many are done and the events so far.
  std::function<void(size_t inputs_done, uint64_t events)> on_input_done;
};

/// The id a trace of `input` goes by: `id` itself, or "FILE:id" when it is
/// a bare number (FILE: the input's file name).
std::string QualifiedTraceId(const std::string& id, const std::string& input);

Result<std::vector<TraceSequence>> ReadTraces(SourceSettings& settings,
                                              std::span<const std::string> inputs,
                                              const ReadOptions& options = {});

/// Reads a text stream (a followed file: `detect watch`) into `sink`
/// through the source the settings name, with no learning: log lines
/// (matched against the stored templates), DeepLog sequences, strace output,
/// or `PID syscall` lines (the syscalls source reads a stream as UNM's
/// format; ADFA-LD's is one trace per file). `name` names the stream in ids
/// and warnings. Errors: Unsupported for a capture, else as the source's.
Status ReadStream(const SourceSettings& settings, std::istream& in,
                  const std::string& name, TraceSink& sink);

}  // namespace protolm::detect

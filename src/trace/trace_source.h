// TraceSource: the one way traces of any kind enter protolm.
//
// A source reads one input and reports its traces (trace_info.h) and their
// events (trace_event.h) to a TraceSink. Implementations:
//   ingest/capture_source.h  a pcap/pcapng file: one trace per TCP connection
//                            a codec claims, one event per framed PDU
//   trace/dataset_source.h   a JSONL dataset (docs/dataset-format.md): one
//                            trace per session, request and response events
//   trace/syscalls/          AdfaSource (a trace per ADFA-LD file), UnmSource
//                            (UNM `PID syscall` lines, a trace per PID),
//                            StraceSource (strace -f -tt output, a trace per
//                            process; fields syscall, args, ret, result)
//   trace/logs/              LogSource (log lines → templates, a trace per
//                            session the regex names, or windows),
//                            SequenceSource (DeepLog: a trace per line)
// (docs/trace-sources.md describes each one's format, ids, fields, tokens).
// Tokens: each source takes an optional depth (nullopt = no tokens). For
// codec-read bytes it is an Abstract() depth (proto/field_tree.h); a reader
// of another kind documents its own levels (say a syscall name at 0, name
// and flags at 1).
//
// Push, not pull: Run() reads the whole input on the calling thread and
// calls the sink as it goes. Traces interleave in most inputs (a capture's
// connections, UNM's PIDs, a log's sessions), and the capture layer itself
// pushes (capture/capture_sink.h). A pull Next() returning whole traces
// would have to hold every open trace until its end, so memory would grow
// with the longest session; pushed events hold nothing. Memory stays bounded
// by what a source keeps per open trace (a capture source: the flow's
// reassembly and framing buffers) plus whatever the sink chooses to keep.
//
// Errors: Run() fails only when the input cannot be read at all (cannot be
// opened, not of the format, an unknown protocol asked for). Damage inside
// it (a truncated capture, a malformed packet, a line that is not a record)
// is a warning to the sink, and the source goes on with what follows.
#pragma once

#include "trace/trace_event.h"
#include "trace/trace_info.h"
#include "util/status.h"

namespace protolm {

/// Receives a source's traces. Calls come on the thread running the source,
/// in input order. For each trace: OnTraceStart, its events, OnTraceEnd
/// (every started trace ends, at the latest when the input does); the events
/// of different traces may interleave. A trace may end without events.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  /// `trace` stays valid, unchanged, until its OnTraceEnd returns.
  virtual void OnTraceStart(const TraceInfo& /*trace*/) {}
  /// The next event of `trace`. The sink may move or swap the event's
  /// members out: the source reuses the object and sets every member again
  /// before the next call (a byte buffer swapped in keeps its capacity, so a
  /// sink that returns spent buffers spares the source an allocation).
  virtual void OnEvent(const TraceInfo& trace, TraceEvent& event) = 0;
  virtual void OnTraceEnd(const TraceInfo& /*trace*/) {}
  /// Damage the source stepped over, as a located one-line error value
  /// ("capture.pcap: offset 96: packet 3: ...", "data.jsonl:12: ...").
  virtual void OnWarning(const Status& /*warning*/) {}
};

class TraceSource {
 public:
  virtual ~TraceSource() = default;
  /// Reads the whole input into `sink` (synchronously). Errors as above;
  /// what reached the sink before a fatal error stays valid. Call once.
  virtual Status Run(TraceSink& sink) = 0;
};

}  // namespace protolm

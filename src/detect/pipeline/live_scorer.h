// LiveScorer: a TraceSink that scores each event as a source pushes it —
// what `detect watch` runs over a followed file.
//
// Two kinds of record, each handed to `emit` the moment it is known:
//   {"type": "alert", "trace", "first_record", "index", "score",
//    "observed", "expected": [{"event", "p"}], "context"}
//       the first event after which the trace's score so far
//       (TraceDetector::PrefixScore) is above the trace threshold: the whole
//       trace will be flagged, so the alert need not wait for its end. At
//       most one per trace; detectors without a prefix score (the count
//       vector, STIDE's mismatch rate, `mean` scoring) raise none and alert
//       at the trace's end only. The prefix score is kept up to date by the
//       detector's PrefixMonitor where it has one (n-gram, STIDE: constant
//       cost per event over the whole trace); otherwise it is recomputed
//       over the kept events.
//   {"type": "trace", ...ScoreRecord (alert_explanation.h)}
//       when a trace ends (a window fills, the input stops): the record
//       `detect score` gives for the same trace; only flagged traces unless
//       `every_trace`. "alerted_at" names the event of its early alert.
// Every event pushed is scored before OnEvent returns, so at any moment
// counts().events is both what arrived and what was scored.
//
// Memory: per open trace its last `max_kept_events` tokens and ids (and its
// prefix monitor's bounded state). A trace longer than that is scored at
// its end over its last events only (scores then start
// from the boundary as if the trace began there; indices still count from
// the trace's real start, and "events" counts all of them).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "detect/alert_explanation.h"
#include "detect/pipeline/trace_reading.h"
#include "detect/trace_collector.h"
#include "trace/trace_source.h"

namespace protolm::detect {

struct LiveOptions {
  /// The input's path: bare-number trace ids become "FILE:id", as
  /// `detect score` names them (QualifiedTraceId).
  std::string input{};
  size_t max_kept_events = 4096;
  ExplainOptions explain{};
  bool every_trace = false;  // also emit unflagged traces' records
};

struct LiveCounts {
  uint64_t events = 0;          // arrived and scored
  uint64_t traces_ended = 0;
  uint64_t early_alerts = 0;    // "alert" records
  uint64_t flagged_traces = 0;  // traces whose end record is anomalous
  uint64_t warnings = 0;
};

class LiveScorer final : public TraceSink {
 public:
  using Emit = std::function<void(const nlohmann::json&)>;
  using Warn = std::function<void(const Status&)>;

  LiveScorer(const DetectorModel& model, Thresholds thresholds,
             LiveOptions options, Emit emit, Warn warn = {});

  void OnTraceStart(const TraceInfo& trace) override;
  void OnEvent(const TraceInfo& trace, TraceEvent& event) override;
  void OnTraceEnd(const TraceInfo& trace) override;
  void OnWarning(const Status& warning) override;

  const LiveCounts& counts() const { return counts_; }
  /// Traces started and not yet ended.
  size_t open_traces() const { return open_.size(); }

 private:
  struct OpenTrace {
    TraceSequence kept;        // the last events' tokens
    std::vector<TokenId> ids;  // their ids
    uint64_t events = 0;       // all events so far
    std::optional<uint64_t> alerted_at;
    /// The prefix score over every event so far; null: recomputed over the
    /// kept events (the detector has no monitor) or alerted already.
    std::unique_ptr<PrefixMonitor> monitor;

    /// Events no longer kept: the trace index of kept event i is i + this.
    uint64_t dropped() const { return events - ids.size(); }
  };

  OpenTrace& Open(const TraceInfo& trace);
  /// Drops the older half of what `open` keeps once it is full.
  void Trim(OpenTrace& open) const;
  /// The early alert when the prefix score crosses the threshold.
  void CheckPrefix(OpenTrace& open);

  const DetectorModel& model_;
  Thresholds thresholds_;
  LiveOptions options_;
  Emit emit_;
  Warn warn_;
  std::map<uint64_t, OpenTrace> open_;  // by TraceInfo::number
  LiveCounts counts_;
};

}  // namespace protolm::detect

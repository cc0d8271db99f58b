// The JSON record of one scored trace, with the evidence of an alert — the
// line `detect score` prints per trace.
//
//   {"trace": id, "first_record": n, "score": s, "anomalous": bool,
//    "events": n,
//    "first_anomaly": {"index": i, "observed": token,
//                      "expected": [{"event": token, "p": p}, ...],
//                      "context": [the up to N tokens before it]}}
// `first_anomaly` is present only when the trace is flagged (score above the
// trace threshold). It is the detector's first anomalous event
// (TraceDetector::FirstAnomaly with the event threshold: the first event
// whose surprisal passes it, or the first unseen window for STIDE); when no
// single event passes (a windowed mean can rise without one), it is the
// most surprising event. The record holds the trace's own id and tokens,
// which need not be UTF-8: dump it with error_handler_t::replace.
// `observed` is the token as the trace had it, even
// when the vocabulary calls it `<unk>`; `index` counts from 0, and equals
// `events` (observed "<end>") when the anomaly is that the trace ended there
// (a detector that models the end, like the n-gram).
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>

#include "detect/detector_model.h"

namespace protolm::detect {

struct Thresholds {
  double trace = 0;  // flag when the trace score is above
  double event = 0;  // an event is anomalous when its surprisal is above
};

struct ExplainOptions {
  size_t top_k = 5;
  size_t context = 10;
};

/// The evidence of the event at `index` of `trace` (`ids` its encoding;
/// index = its length: the trace ended there): {"index", "observed",
/// "expected": [{"event", "p"}] (the detector's top-k there), "context"
/// (the tokens before it)}.
nlohmann::json AlertEvidence(const DetectorModel& model,
                             const TraceSequence& trace,
                             std::span<const TokenId> ids, size_t index,
                             const ExplainOptions& options);

nlohmann::json ScoreRecord(const DetectorModel& model,
                           const TraceSequence& trace,
                           const Thresholds& thresholds,
                           const ExplainOptions& options = {});

}  // namespace protolm::detect

// TraceCollector: a TraceSink that turns any source's events into one token
// sequence per trace, the input of every detector.
//
// A trace's sequence keeps what the detector and its explanations need: the
// trace's id, number and first record, each event's token (the text the
// source made at its abstraction depth; an event without one keeps the empty
// token, so indices always match the source's events) and, when asked, each
// event's named fields for an alert's evidence. Traces are handed over in the
// order they end; the source's warnings are kept in order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "trace/trace_source.h"

namespace protolm::detect {

struct TraceSequence {
  std::string id;
  uint64_t number = 0;
  uint64_t first_record = 0;
  std::vector<std::string> tokens;
  /// Per event its fields, parallel to `tokens`; empty unless kept.
  std::vector<std::vector<EventField>> fields;
};

class TraceCollector final : public TraceSink {
 public:
  explicit TraceCollector(bool keep_fields = false)
      : keep_fields_(keep_fields) {}

  void OnTraceStart(const TraceInfo& trace) override;
  void OnEvent(const TraceInfo& trace, TraceEvent& event) override;
  void OnTraceEnd(const TraceInfo& trace) override;
  void OnWarning(const Status& warning) override;

  /// The traces ended so far, in the order they ended; moves them out.
  std::vector<TraceSequence> TakeTraces();
  const std::vector<Status>& warnings() const { return warnings_; }

 private:
  TraceSequence& Open(const TraceInfo& trace);

  bool keep_fields_;
  std::map<uint64_t, TraceSequence> open_;  // by TraceInfo::number
  std::vector<TraceSequence> ended_;
  std::vector<Status> warnings_;
};

}  // namespace protolm::detect

// TraceCollector: see trace_collector.h.
#include "detect/trace_collector.h"

#include <utility>

namespace protolm::detect {

TraceSequence& TraceCollector::Open(const TraceInfo& trace) {
  auto [it, inserted] = open_.try_emplace(trace.number);
  if (inserted) {
    it->second.id = trace.id;
    it->second.number = trace.number;
    it->second.first_record = trace.first_record;
  }
  return it->second;
}

void TraceCollector::OnTraceStart(const TraceInfo& trace) { Open(trace); }

void TraceCollector::OnEvent(const TraceInfo& trace, TraceEvent& event) {
  TraceSequence& sequence = Open(trace);
  sequence.tokens.push_back(std::move(event.token));
  if (keep_fields_) sequence.fields.push_back(std::move(event.fields));
}

void TraceCollector::OnTraceEnd(const TraceInfo& trace) {
  auto it = open_.find(trace.number);
  if (it == open_.end()) return;
  ended_.push_back(std::move(it->second));
  open_.erase(it);
}

void TraceCollector::OnWarning(const Status& warning) {
  warnings_.push_back(warning);
}

std::vector<TraceSequence> TraceCollector::TakeTraces() {
  return std::exchange(ended_, {});
}

}  // namespace protolm::detect

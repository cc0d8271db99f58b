// Scoring events as they arrive: see live_scorer.h.
#include "detect/pipeline/live_scorer.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace protolm::detect {

LiveScorer::LiveScorer(const DetectorModel& model, Thresholds thresholds,
                       LiveOptions options, Emit emit, Warn warn)
    : model_(model),
      thresholds_(thresholds),
      options_(options),
      emit_(std::move(emit)),
      warn_(std::move(warn)) {
  if (options_.max_kept_events < 2) options_.max_kept_events = 2;
}

LiveScorer::OpenTrace& LiveScorer::Open(const TraceInfo& trace) {
  auto [it, inserted] = open_.try_emplace(trace.number);
  if (inserted) {
    it->second.kept.id = QualifiedTraceId(trace.id, options_.input);
    it->second.kept.number = trace.number;
    it->second.kept.first_record = trace.first_record;
    it->second.monitor = model_.detector->NewPrefixMonitor();
  }
  return it->second;
}

void LiveScorer::OnTraceStart(const TraceInfo& trace) { Open(trace); }

void LiveScorer::Trim(OpenTrace& open) const {
  if (open.ids.size() < options_.max_kept_events) return;
  const size_t drop = open.ids.size() / 2;
  open.ids.erase(open.ids.begin(), open.ids.begin() + drop);
  open.kept.tokens.erase(open.kept.tokens.begin(),
                         open.kept.tokens.begin() + drop);
}

void LiveScorer::OnEvent(const TraceInfo& trace, TraceEvent& event) {
  OpenTrace& open = Open(trace);
  Trim(open);
  open.ids.push_back(model_.vocabulary.Find(event.token));
  open.kept.tokens.push_back(std::move(event.token));
  ++open.events;
  ++counts_.events;
  if (!open.alerted_at) CheckPrefix(open);
}

void LiveScorer::CheckPrefix(OpenTrace& open) {
  std::optional<double> score =
      open.monitor != nullptr ? open.monitor->Push(open.ids.back())
                              : model_.detector->PrefixScore(open.ids);
  if (!score || *score <= thresholds_.trace) return;
  open.monitor.reset();  // one alert per trace: no more prefix scores
  const size_t last = open.ids.size() - 1;
  open.alerted_at = open.dropped() + last;
  ++counts_.early_alerts;
  nlohmann::json alert{{"type", "alert"},
                       {"trace", open.kept.id},
                       {"first_record", open.kept.first_record},
                       {"score", *score}};
  alert.update(
      AlertEvidence(model_, open.kept, open.ids, last, options_.explain));
  alert["index"] = *open.alerted_at;  // in the trace, not in what is kept
  emit_(alert);
}

void LiveScorer::OnTraceEnd(const TraceInfo& trace) {
  auto it = open_.find(trace.number);
  if (it == open_.end()) return;
  OpenTrace open = std::move(it->second);
  open_.erase(it);
  ++counts_.traces_ended;
  nlohmann::json record =
      ScoreRecord(model_, open.kept, thresholds_, options_.explain);
  const bool anomalous = record["anomalous"].get<bool>();
  counts_.flagged_traces += anomalous;
  if (!anomalous && !options_.every_trace) return;
  record["events"] = open.events;
  if (open.dropped() > 0 && record.contains("first_anomaly")) {
    record["first_anomaly"]["index"] =
        record["first_anomaly"]["index"].get<uint64_t>() + open.dropped();
  }
  if (open.alerted_at) record["alerted_at"] = *open.alerted_at;
  nlohmann::json typed{{"type", "trace"}};
  typed.update(record);
  emit_(typed);
}

void LiveScorer::OnWarning(const Status& warning) {
  ++counts_.warnings;
  if (warn_) warn_(warning);
}

}  // namespace protolm::detect

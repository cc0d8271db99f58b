// The summary `protolm events --summary` prints: what happened on a
// honeypot (or a fleet), from its event store.
//
// Plain values; Summarize reads the store (one thread, see event_store.h),
// the renderers are pure.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events/event_store.h"

namespace protolm::events {

struct SourceActivity {
  std::string address;
  uint64_t connections = 0;
  uint64_t requests = 0;
  uint64_t writes = 0;  // requests that try to change the device
};

struct EventSummary {
  std::optional<int64_t> since_us;
  uint64_t requests = 0;
  /// By requests, then connections (most active first).
  std::vector<SourceActivity> sources;
  uint64_t sessions = 0;
  uint64_t sessions_closed = 0;
  int64_t session_total_us = 0;  // summed over closed sessions
  int64_t session_mean_us = 0;   // over closed sessions; 0 if none
  /// protocol -> function -> requests.
  std::map<std::string, std::map<std::string, uint64_t>> functions;
  uint64_t writes = 0;
  /// signature -> source addresses.
  std::map<std::string, std::set<std::string>> scans;
  /// guard action -> exchanges.
  std::map<std::string, uint64_t> guard_actions;
  uint64_t invalid_responses = 0;
};

/// Reads the summary of events at or after `since_us` (all when absent).
Result<EventSummary> Summarize(EventStore& store,
                               std::optional<int64_t> since_us);

/// Aligned tables, one section per topic, for people.
std::string RenderSummaryText(const EventSummary& summary);

/// The same numbers as one JSON object (keys: since, requests, sources[],
/// sessions{count,closed,total_us,mean_us}, functions{protocol:{fn:n}},
/// writes{count,by_source{}}, scans{signature:[sources]}, guard_actions{},
/// invalid_responses).
nlohmann::json SummaryToJson(const EventSummary& summary);

}  // namespace protolm::events

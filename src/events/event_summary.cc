// Summarize and its renderers (see event_summary.h).
#include "events/event_summary.h"

#include <fmt/format.h>

#include <algorithm>

#include "events/time_text.h"

namespace protolm::events {

namespace {

/// Rows of cells as columns padded to their widest cell; the first row is
/// the header. Numbers (cells starting with a digit) align right.
std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line = "  ";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& cell = rows[r][c];
      bool number = r > 0 && !cell.empty() && cell[0] >= '0' && cell[0] <= '9';
      line += number ? fmt::format("{:>{}}", cell, widths[c])
                     : fmt::format("{:<{}}", cell, widths[c]);
      if (c + 1 < rows[r].size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string Seconds(int64_t us) {
  return fmt::format("{:.3f} s", static_cast<double>(us) / 1e6);
}

}  // namespace

Result<EventSummary> Summarize(EventStore& store,
                               std::optional<int64_t> since_us) {
  EventSummary s;
  s.since_us = since_us;
  std::map<std::string, SourceActivity> sources;
  auto source = [&](const std::string& address) -> SourceActivity& {
    SourceActivity& a = sources[address];
    a.address = address;
    return a;
  };
  ASSIGN_OR_RETURN(auto connections,
                   store.Count(Tally::kConnectionsBySource, since_us));
  for (const TallyRow& row : connections)
    source(row.key).connections = row.count;
  ASSIGN_OR_RETURN(auto requests,
                   store.Count(Tally::kRequestsBySource, since_us));
  for (const TallyRow& row : requests) {
    source(row.key).requests = row.count;
    s.requests += row.count;
  }
  ASSIGN_OR_RETURN(auto writes, store.Count(Tally::kWritesBySource, since_us));
  for (const TallyRow& row : writes) {
    source(row.key).writes = row.count;
    s.writes += row.count;
  }
  for (auto& [address, activity] : sources) s.sources.push_back(activity);
  std::stable_sort(s.sources.begin(), s.sources.end(),
                   [](const SourceActivity& a, const SourceActivity& b) {
                     if (a.requests != b.requests)
                       return a.requests > b.requests;
                     return a.connections > b.connections;
                   });

  ASSIGN_OR_RETURN(SessionTotals sessions, store.Sessions(since_us));
  s.sessions = sessions.sessions;
  s.sessions_closed = sessions.closed;
  s.session_total_us = sessions.closed_duration_us;
  if (sessions.closed > 0)
    s.session_mean_us =
        sessions.closed_duration_us / static_cast<int64_t>(sessions.closed);

  ASSIGN_OR_RETURN(auto functions,
                   store.Count(Tally::kRequestsByFunction, since_us));
  for (const TallyRow& row : functions)
    s.functions[row.key][row.subkey] = row.count;
  ASSIGN_OR_RETURN(auto scans, store.Count(Tally::kScansBySignature, since_us));
  for (const TallyRow& row : scans) s.scans[row.key].insert(row.subkey);
  ASSIGN_OR_RETURN(auto guards, store.Count(Tally::kGuardActions, since_us));
  for (const TallyRow& row : guards) s.guard_actions[row.key] = row.count;
  ASSIGN_OR_RETURN(auto invalid,
                   store.Count(Tally::kInvalidResponses, since_us));
  for (const TallyRow& row : invalid) s.invalid_responses += row.count;
  return s;
}

std::string RenderSummaryText(const EventSummary& s) {
  std::string out;
  out += fmt::format("Events{}: {} requests from {} sources\n",
                     s.since_us ? " since " + IsoUtcTime(*s.since_us) : "",
                     s.requests, s.sources.size());
  out += "\nSources\n";
  std::vector<std::vector<std::string>> rows = {
      {"address", "connections", "requests", "writes"}};
  for (const SourceActivity& a : s.sources)
    rows.push_back({a.address.empty() ? "(unknown)" : a.address,
                    std::to_string(a.connections), std::to_string(a.requests),
                    std::to_string(a.writes)});
  out += Table(rows);

  out += fmt::format("\nSessions\n  {} opened, {} closed, total {}, mean {}\n",
                     s.sessions, s.sessions_closed, Seconds(s.session_total_us),
                     Seconds(s.session_mean_us));

  out += "\nFunctions\n";
  rows = {{"protocol", "function", "requests"}};
  for (const auto& [protocol, functions] : s.functions) {
    std::vector<std::pair<std::string, uint64_t>> sorted(functions.begin(),
                                                         functions.end());
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [function, count] : sorted)
      rows.push_back({protocol, function.empty() ? "(unreadable)" : function,
                      std::to_string(count)});
  }
  out += Table(rows);

  out += fmt::format("\nWrites attempted: {}\n", s.writes);
  out += "\nScans recognised\n";
  if (s.scans.empty()) out += "  none\n";
  rows = {{"signature", "sources"}};
  for (const auto& [signature, sources] : s.scans)
    rows.push_back({signature, fmt::format("{}", fmt::join(sources, ", "))});
  if (!s.scans.empty()) out += Table(rows);

  out += "\nGuard actions\n";
  if (s.guard_actions.empty()) out += "  none\n";
  rows = {{"action", "exchanges"}};
  for (const auto& [action, count] : s.guard_actions)
    rows.push_back({action, std::to_string(count)});
  if (!s.guard_actions.empty()) out += Table(rows);

  out += fmt::format("\nInvalid responses: {}\n", s.invalid_responses);
  return out;
}

nlohmann::json SummaryToJson(const EventSummary& s) {
  nlohmann::json j;
  j["since"] = s.since_us ? nlohmann::json(IsoUtcTime(*s.since_us)) : nullptr;
  j["requests"] = s.requests;
  j["sources"] = nlohmann::json::array();
  nlohmann::json writes_by_source = nlohmann::json::object();
  for (const SourceActivity& a : s.sources) {
    j["sources"].push_back({{"address", a.address},
                            {"connections", a.connections},
                            {"requests", a.requests},
                            {"writes", a.writes}});
    if (a.writes > 0) writes_by_source[a.address] = a.writes;
  }
  j["sessions"] = {{"count", s.sessions},
                   {"closed", s.sessions_closed},
                   {"total_us", s.session_total_us},
                   {"mean_us", s.session_mean_us}};
  j["functions"] = nlohmann::json::object();
  for (const auto& [protocol, functions] : s.functions)
    for (const auto& [function, count] : functions)
      j["functions"][protocol][function] = count;
  j["writes"] = {{"count", s.writes}, {"by_source", writes_by_source}};
  j["scans"] = nlohmann::json::object();
  for (const auto& [signature, sources] : s.scans)
    j["scans"][signature] = sources;
  j["guard_actions"] = s.guard_actions;
  j["invalid_responses"] = s.invalid_responses;
  return j;
}

}  // namespace protolm::events

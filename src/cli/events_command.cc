// `protolm events`: what happened on a honeypot (or a fleet), read from its
// event store: one line per exchange, or a summary (sources, sessions,
// function codes, writes attempted, scans recognised, guard actions).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/event_store_flag.h"
#include "events/event_json.h"
#include "events/event_store.h"
#include "events/event_summary.h"
#include "events/time_text.h"

namespace protolm::cli {

namespace {

struct EventsFlags {
  std::string events;
  bool summary = false;
  std::string since;
  bool json = false;
};

void Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// "time  source  connection  summary  guard action", aligned enough to scan.
std::string ExchangeLine(const events::ExchangeRow& row) {
  const events::ExchangeDone& e = row.exchange;
  std::string source =
      row.peer_address.empty()
          ? "(unknown)"
          : row.peer_address + ":" + std::to_string(row.peer_port);
  std::string line = events::IsoUtcTime(e.time_us) + "  " + source;
  line.resize(std::max(line.size(), size_t{52}), ' ');
  line += "  conn " + std::to_string(e.connection) + "  " + e.summary;
  if (!e.guard_action.empty()) line += "  guard=" + e.guard_action;
  return line + "\n";
}

int RunEventsCommand(const EventsFlags& flags) {
  std::optional<int64_t> since;
  if (!flags.since.empty()) {
    Result<int64_t> parsed =
        events::ParseSince(flags.since, events::NowMicros());
    if (!parsed.ok()) {
      spdlog::error("{}", parsed.status().message());
      return kExitUsage;
    }
    since = *parsed;
  }
  // Reading never creates a store: a mistyped path is an error, not a new
  // empty database.
  if (!events::IsPostgresUrl(flags.events) &&
      !std::filesystem::exists(flags.events)) {
    spdlog::error(
        "open {}: no such file; give the --events file or URL the "
        "honeypot writes to",
        flags.events);
    return kExitFailure;
  }
  auto store = events::OpenEventStore(flags.events);
  if (!store.ok()) {
    spdlog::error("{}", store.status().message());
    return kExitFailure;
  }
  if (flags.summary) {
    auto summary = events::Summarize(**store, since);
    if (!summary.ok()) {
      spdlog::error("{}", summary.status().message());
      return kExitFailure;
    }
    Print(flags.json ? Dump(events::SummaryToJson(*summary)) + "\n"
                     : events::RenderSummaryText(*summary));
    return kExitOk;
  }
  Status listed =
      (*store)->ListExchanges(since, [&](const events::ExchangeRow& row) {
        if (flags.json) {
          nlohmann::json j = events::EventToJson(row.exchange);
          j["peer_address"] = row.peer_address;
          j["peer_port"] = row.peer_port;
          Print(Dump(j) + "\n");
        } else {
          Print(ExchangeLine(row));
        }
        return Status::Ok();
      });
  if (!listed.ok()) {
    spdlog::error("{}", listed.message());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachEvents(CLI::App& parent) {
  auto flags = std::make_shared<EventsFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "events",
      "Show what happened on a honeypot: its exchanges, or a summary of "
      "sources, sessions, functions, writes, scans and guard actions");
  AddEventStoreFlag(*cmd, flags->events)->required();
  cmd->add_flag("--summary", flags->summary,
                "Print the summary instead of one line per exchange");
  cmd->add_option("--since", flags->since,
                  "Only events since a UTC time (2026-11-21T13:00:00Z) or "
                  "an age (10m, 2h, 1d)");
  cmd->add_flag("--json", flags->json,
                "JSON: one object per exchange (JSON lines), or the summary "
                "as one object");
  return [flags] { return RunEventsCommand(*flags); };
}

}  // namespace protolm::cli

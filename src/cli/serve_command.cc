// `protolm serve`: the honeypot. Serves cloned devices (.plm models) on real
// sockets until SIGINT/SIGTERM, logging every interaction to the event store
// (SQLite by default, PostgreSQL by URL), optionally a JSONL stream and a
// pcap.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "cli/descriptor_limit.h"
#include "cli/event_store_flag.h"
#include "events/event_log.h"
#include "events/event_store.h"
#include "honeypot/event_recorder.h"
#include "honeypot/honeypot.h"

namespace protolm::cli {
namespace {

struct ServeFlags {
  std::vector<std::string> models;
  std::vector<std::string> listens;
  std::string events = "events.sqlite";
  std::string events_jsonl;
  std::string pcap;
  int threads = 2;
  int max_connections = 4096;
  int max_per_source = 0;
  int idle_timeout_s = 60;
  int frame_timeout_s = 10;
  double rate = 0;
  double burst = 100;
  bool unconstrained = false;
  bool no_state = false;
};

/// "ADDR:PORT", ":PORT" or "ADDR" (the model's well-known port).
Status ParseListen(const std::string& text, honeypot::ListenerSpec& spec) {
  const size_t colon = text.rfind(':');
  std::string address = colon == std::string::npos ? text : text.substr(0, colon);
  if (!address.empty()) spec.address = address;
  if (colon == std::string::npos) return Status::Ok();
  const std::string port = text.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || value < 0 || value > 65535) {
    return InvalidArgument("--listen " + text +
                           ": the port must be a number in 0..65535 (0: any "
                           "free port)");
  }
  spec.port = static_cast<uint16_t>(value);
  return Status::Ok();
}

int RunServe(const ServeFlags& flags) {
  if (flags.listens.size() > flags.models.size()) {
    spdlog::error("{} --listen flags for {} --model flags; each --listen "
                  "belongs to the --model before it",
                  flags.listens.size(), flags.models.size());
    return kExitUsage;
  }
  honeypot::HoneypotOptions options;
  for (size_t i = 0; i < flags.models.size(); ++i) {
    honeypot::ListenerSpec spec;
    spec.model_path = flags.models[i];
    if (i < flags.listens.size()) {
      Status parsed = ParseListen(flags.listens[i], spec);
      if (!parsed.ok()) {
        spdlog::error("{}", parsed.message());
        return kExitUsage;
      }
    }
    options.listeners.push_back(spec);
  }
  options.threads = static_cast<size_t>(flags.threads);
  options.limits.max_connections = static_cast<size_t>(flags.max_connections);
  options.limits.max_connections_per_source =
      static_cast<size_t>(flags.max_per_source);
  options.limits.idle_timeout = std::chrono::seconds(flags.idle_timeout_s);
  options.limits.frame_timeout = std::chrono::seconds(flags.frame_timeout_s);
  options.limits.requests_per_second = flags.rate;
  options.limits.request_burst = flags.burst;
  options.clone.constrained = !flags.unconstrained;
  options.clone.use_state = !flags.no_state;
  options.log = [](const std::string& line) { spdlog::info("{}", line); };

  auto store = events::OpenEventStore(flags.events);
  if (!store.ok()) {
    spdlog::error("{}", store.status().message());
    return kExitFailure;
  }
  events::EventLogOptions log_options;
  log_options.jsonl_path = flags.events_jsonl;
  auto log = events::EventLog::Start(std::move(*store), log_options);
  if (!log.ok()) {
    spdlog::error("{}", log.status().message());
    return kExitFailure;
  }
  honeypot::EventRecorderOptions recording;
  recording.pcap_path = flags.pcap;
  auto recorder = honeypot::EventRecorder::Create(log->get(), recording);
  if (!recorder.ok()) {
    spdlog::error("{}", recorder.status().message());
    return kExitFailure;
  }
  options.observer = recorder->get();

  WarnIfDescriptorsShort(options.limits.max_connections);
  auto served = honeypot::StartHoneypot(options);
  if (!served.ok()) {
    spdlog::error("{}", served.status().message());
    return served.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  for (const honeypot::ServedListener& l : (*served)->listeners()) {
    spdlog::info("serving {} ({}{}) on {}:{}", l.model_path, l.protocol,
                 l.profile.empty() ? "" : ", clone of " + l.profile, l.address,
                 l.port);
  }
  spdlog::info("events: {} (run {}); Ctrl-C stops", flags.events,
               (*recorder)->run_id());
  (*served)->RunUntilSignal();

  int exit_code = kExitOk;
  Status pcap = (*recorder)->Close();
  if (!pcap.ok()) {
    spdlog::error("{}", pcap.message());
    exit_code = kExitFailure;
  }
  Status closed = (*log)->Close();
  const events::EventLogCounters counters = (*log)->counters();
  spdlog::info("stopped: {} exchanges; {} events stored, {} dropped, {} lost "
               "in failed writes",
               (*recorder)->exchanges(), counters.stored, counters.dropped,
               counters.failed_events);
  if (!closed.ok()) {
    spdlog::error("{}", closed.message());
    exit_code = kExitFailure;
  }
  return exit_code;
}

}  // namespace

CommandMain AttachServe(CLI::App& parent) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "serve",
      "Serve cloned devices (models from `protolm clone`) as a honeypot until "
      "SIGINT/SIGTERM, logging every interaction");
  cmd->add_option("--model", flags->models,
                  "A .plm model to serve; repeat for several devices")
      ->required();
  cmd->add_option("--listen", flags->listens,
                  "ADDR:PORT for the --model before it (default 0.0.0.0 on "
                  "the protocol's port: 502 Modbus/TCP, 102 S7comm; port 0: "
                  "any free port)");
  AddEventStoreFlag(*cmd, flags->events)->capture_default_str();
  cmd->add_option("--events-jsonl", flags->events_jsonl,
                  "Also stream every event as JSON lines to FILE (- for "
                  "stdout)");
  cmd->add_option("--pcap", flags->pcap,
                  "Record all traffic (IPv4) in this pcap file");
  cmd->add_option("--threads", flags->threads, "Server threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--max-connections", flags->max_connections,
                  "Connections open at once; more are refused")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-per-source", flags->max_per_source,
                  "Connections open at once from one address (0: no cap)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--idle-timeout", flags->idle_timeout_s,
                  "Seconds before an idle connection is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--frame-timeout", flags->frame_timeout_s,
                  "Seconds a started request may take to arrive whole")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--rate", flags->rate,
                  "Requests per second one address may send (0: unlimited); "
                  "faster sources are slowed down, not refused")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--burst", flags->burst,
                  "Requests an address may send at once under --rate")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e9));
  cmd->add_flag("--unconstrained", flags->unconstrained,
                "Decode without the protocol's response grammar (the "
                "validity guard still applies)");
  cmd->add_flag("--no-state", flags->no_state,
                "Do not keep the device's memory (values written are not "
                "read back)");
  return [flags]() { return RunServe(*flags); };
}

}  // namespace protolm::cli

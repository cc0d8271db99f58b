// `protolm ingest`: a capture in, one record per exchange out (JSONL or CSV),
// and a summary of what was seen.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/keylog_flag.h"
#include "ingest/ingest.h"
#include "proto/registry/codec_registry.h"
#include "proto/registry/protocol_table.h"
#include "trace/exchange_writer.h"
#include "util/progress.h"

namespace protolm::cli {

namespace {

struct IngestFlags {
  std::string capture;
  std::string protocol = "auto";
  std::string format = "jsonl";
  std::string output;
  std::string summary;
  int max_warnings = 20;
  std::vector<std::string> keylogs;
};

void PrintTextSummary(const IngestSummary& s, bool decrypting) {
  spdlog::info(
      "{} packets, {} TCP flows, {} sessions, {} PDUs ({} requests, {} "
      "responses), {} exchanges, {} malformed, {} unanswered",
      s.capture.packets, s.capture.tcp_flows, s.sessions, s.pdus, s.requests,
      s.responses, s.exchanges, s.malformed, s.unanswered);
  if (decrypting)
    spdlog::info("{} of {} sessions decrypted", s.decrypted_sessions,
                 s.sessions);
}

int RunIngest(const IngestFlags& flags) {
  auto format = ParseDatasetFormat(flags.format);
  if (!format.ok()) {
    spdlog::error("{}", format.status().message());
    return kExitUsage;
  }
  auto key_logs = ReadKeylogFlag(flags.keylogs, flags.protocol);
  if (!key_logs.ok()) {
    spdlog::error("{}", key_logs.status().message());
    return key_logs.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  // Records go to -o, or to stdout unless stdout carries the JSON summary.
  std::string out_path = flags.output;
  if (out_path.empty() && flags.summary != "json") out_path = "-";
  std::unique_ptr<ExchangeWriter> writer;
  if (!out_path.empty()) {
    auto opened = OpenExchangeWriter(*format, out_path);
    if (!opened.ok()) {
      spdlog::error("{}", opened.status().message());
      return kExitFailure;
    }
    writer = std::move(opened).value();
  }

  std::error_code size_error;
  uint64_t file_size = std::filesystem::file_size(flags.capture, size_error);
  ProgressReporter progress("ingest " + flags.capture,
                            size_error ? 0 : file_size / 1000000, "MB");
  int warnings = 0;
  IngestOptions options;
  options.on_progress = [&](int64_t offset) {
    if (offset >= 0) progress.Update(static_cast<uint64_t>(offset) / 1000000);
  };
  options.protocol = flags.protocol;
  options.key_logs = *key_logs;
  options.on_warning = [&](const std::string& text) {
    if (++warnings <= flags.max_warnings) spdlog::warn("{}", text);
  };
  auto summary = IngestCapture(
      flags.capture, options,
      [&](const Exchange& e, const Session& s) -> Status {
        return writer ? writer->Write(e, s) : Status::Ok();
      });
  Status closed = writer ? writer->Close() : Status::Ok();
  if (!summary.ok()) {
    spdlog::error("{}", summary.status().message());
    return summary.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  if (!closed.ok()) {
    spdlog::error("{}", closed.message());
    return kExitFailure;
  }
  if (warnings > flags.max_warnings)
    spdlog::warn("{} more warnings not shown (--max-warnings)",
                 warnings - flags.max_warnings);
  if (flags.summary == "json") {
    std::printf("%s\n", summary->ToJson().dump().c_str());
  } else if (flags.summary == "text" || out_path != "-") {
    PrintTextSummary(*summary, *key_logs != nullptr);
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachIngest(CLI::App& parent) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "ingest",
      "Read a pcap/pcapng capture; write one record per request/response "
      "exchange (JSONL or CSV) and summarise what was seen");
  cmd->add_option("capture", flags->capture, "Capture file (pcap or pcapng)")
      ->required();
  cmd->add_option("--protocol", flags->protocol,
                   "auto (by port, then content) or one of: " + ProtocolNames())
      ->capture_default_str();
  AddKeylogFlag(*cmd, flags->keylogs);
  cmd->add_option("--format", flags->format, "Record format: jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output,
                  "Write records here (default: stdout, unless --summary json)");
  cmd->add_option("--summary", flags->summary,
                  "Print a summary: json (one object on stdout) or text "
                  "(stderr)")
      ->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--max-warnings", flags->max_warnings,
                  "Show at most this many capture warnings")
      ->capture_default_str();
  return [flags] { return RunIngest(*flags); };
}

}  // namespace protolm::cli

// `protolm loadgen`: load a Modbus/TCP or S7comm server with many
// connections replaying requests (from a dataset or generated) and report
// throughput, latency percentiles and failures by kind.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "probe/probe_config.h"
#include "loadgen/load_run.h"
#include "net/target_address.h"
#include "util/progress.h"

namespace protolm::cli {

namespace {

struct LoadgenFlags {
  std::string target;
  std::string protocol;
  size_t connections = 1;
  uint64_t requests = 1000;
  std::string dataset;
  std::string strategy = "boundaries";
  uint64_t seed = 1;
  size_t pipeline = 1;
  int timeout_ms = 2000;
  bool json = false;
};

int RunLoadgenCommand(const LoadgenFlags& flags) {
  loadgen::LoadOptions options;
  Status target = net::ParseTarget(flags.target, flags.protocol, options.host,
                                   options.port);
  if (!target.ok()) {
    spdlog::error("{}", target.message());
    return kExitUsage;
  }
  options.protocol = flags.protocol;
  options.connections = flags.connections;
  options.requests = flags.requests;
  options.pipeline = flags.pipeline;
  options.timeout = std::chrono::milliseconds(flags.timeout_ms);
  options.dataset_path = flags.dataset;
  options.strategy = flags.strategy;
  options.seed = flags.seed;

  auto requests = loadgen::LoadRequests(options);
  if (!requests.ok()) {
    spdlog::error("{}", requests.status().message());
    return requests.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  if (requests->unusable > 0)
    spdlog::warn(
        "left out {} dataset records that are not requests to "
        "replay (first: {})",
        requests->unusable, requests->first_unusable);

  ProgressReporter progress("loadgen " + flags.target, flags.requests,
                            "requests");
  auto report =
      loadgen::RunLoad(options, *requests, [&](const loadgen::LoadProgress& p) {
        progress.SetDetail(fmt::format(
            "{:.0f} responses/s, {} failed",
            p.seconds > 0 ? static_cast<double>(p.completed) / p.seconds : 0.0,
            p.failed));
        progress.Update(p.completed + p.failed);
      });
  if (!report.ok()) {
    spdlog::error("{}", report.status().message());
    return report.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  const std::string text = flags.json ? loadgen::RenderReportJson(*report)
                                      : loadgen::RenderReportText(*report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (report->failed.total() > 0) {
    spdlog::error("{} of {} requests failed (see the report)",
                  report->failed.total(), report->requests);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachLoadgen(CLI::App& parent) {
  auto flags = std::make_shared<LoadgenFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "loadgen",
      "Load a Modbus/TCP or S7comm server with concurrent connections "
      "replaying requests; report responses/s, latency percentiles and "
      "failures (exit 1 when any request failed)");
  cmd->add_option("--target", flags->target, "Server as HOST:PORT")->required();
  cmd->add_option("--protocol", flags->protocol,
                  probe::ProbeableProtocolNames())
      ->required()
      ->check(CLI::IsMember(probe::ProbeableProtocols()));
  cmd->add_option("--connections", flags->connections,
                  "Connections open at once")
      ->check(CLI::Range(size_t{1}, size_t{10000}))
      ->capture_default_str();
  cmd->add_option("--requests", flags->requests,
                  "Requests in all, spread over the connections")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40))
      ->capture_default_str();
  cmd->add_option("--dataset", flags->dataset,
                  "Replay the requests of this JSONL dataset (from probe or "
                  "ingest) in order, cycling; default: generate them");
  cmd->add_option("--strategy", flags->strategy,
                  "Probe strategy generating the requests: boundaries or "
                  "random")
      ->check(CLI::IsMember({"boundaries", "random"}))
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Seed of the generated requests")
      ->capture_default_str();
  cmd->add_option("--pipeline", flags->pipeline,
                  "Requests in flight per connection (S7: at most what the "
                  "PLC grants)")
      ->check(CLI::Range(size_t{1}, loadgen::kMaxPipeline))
      ->capture_default_str();
  cmd->add_option("--timeout", flags->timeout_ms,
                  "Milliseconds to wait for each answer (and each opening)")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  return [flags] { return RunLoadgenCommand(*flags); };
}

}  // namespace protolm::cli

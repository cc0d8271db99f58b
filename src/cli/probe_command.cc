// `protolm probe`: drive a device with a probing strategy and record what it
// answers (dataset JSONL in the ingest format, optional pcap).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "probe/probe_config.h"
#include "net/target_address.h"
#include "probe/probe_run.h"
#include "util/progress.h"

namespace protolm::cli {

namespace {

struct ProbeFlags {
  std::string target;
  std::string protocol;
  std::string strategy = "boundaries";
  size_t size = 1600;
  std::string config;
  size_t context = 0;
  std::string pcap;
  std::string output;
  uint64_t seed = 1;
  int timeout_ms = 2000;
};

/// "host:port" (the port may be left out: the protocol's own).
int RunProbeCommand(const ProbeFlags& flags) {
  probe::ProbeOptions options;
  if (!flags.config.empty()) {
    auto config = probe::LoadProbeConfig(flags.config);
    if (!config.ok()) {
      spdlog::error("{}", config.status().message());
      return kExitFailure;
    }
    options.config = std::move(config).value();
    if (!flags.protocol.empty() && flags.protocol != options.config.protocol) {
      spdlog::error("--protocol {} disagrees with {}, which is for {}",
                    flags.protocol, flags.config, options.config.protocol);
      return kExitUsage;
    }
  } else {
    if (flags.protocol.empty()) {
      spdlog::error("give --protocol ({}) or a --config file",
                    probe::ProbeableProtocolNames());
      return kExitUsage;
    }
    options.config = probe::DefaultProbeConfig(flags.protocol).value();
  }
  Status target = net::ParseTarget(flags.target, options.config.protocol,
                                   options.host, options.port);
  if (!target.ok()) {
    spdlog::error("{}", target.message());
    return kExitUsage;
  }
  options.strategy = flags.strategy;
  options.size = flags.size;
  options.seed = flags.seed;
  options.context = flags.context;
  options.dataset_path = flags.output;
  options.pcap_path = flags.pcap;
  options.timeout = std::chrono::milliseconds(flags.timeout_ms);
  ProgressReporter progress("probe " + flags.target, flags.size, "requests");
  options.on_progress = [&](size_t done) { progress.Update(done); };

  auto summary = probe::RunProbe(options);
  if (!summary.ok()) {
    spdlog::error("{}", summary.status().message());
    return summary.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  const probe::ProbeTally& t = summary->tally;
  spdlog::info(
      "{} exchanges ({} exceptions, {} unanswered, {} connection setups) over "
      "{} "
      "connection(s); dataset {}{}",
      t.exchanges, t.exceptions, t.unanswered, t.control, summary->connections,
      flags.output, flags.pcap.empty() ? "" : ", pcap " + flags.pcap);
  return kExitOk;
}

}  // namespace

CommandMain AttachProbe(CLI::App& parent) {
  auto flags = std::make_shared<ProbeFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "probe",
      "Probe a PLC (Modbus/TCP or S7comm) with a strategy and record the "
      "exchanges as a dataset (and a pcap)");
  cmd->add_option("--target", flags->target, "Device as HOST:PORT")->required();
  cmd->add_option("--protocol", flags->protocol,
                  probe::ProbeableProtocolNames() + " (default: the config's)")
      ->check(CLI::IsMember(probe::ProbeableProtocols()));
  cmd->add_option("--strategy", flags->strategy,
                  "boundaries, weighted or random")
      ->check(CLI::IsMember({"boundaries", "weighted", "random"}))
      ->capture_default_str();
  cmd->add_option("--size", flags->size, "Requests to send")
      ->check(CLI::Range(size_t{1}, size_t{10000000}))
      ->capture_default_str();
  cmd->add_option(
      "--config", flags->config,
      "Probe configuration (JSON; default: the protocol's built-in one)");
  cmd->add_option("--context", flags->context,
                  "Keep the K previous exchanges with each record")
      ->capture_default_str();
  cmd->add_option("--pcap", flags->pcap, "Also record the traffic as a pcap");
  cmd->add_option("-o,--output", flags->output,
                  "Dataset file (JSONL; - = stdout)")
      ->required();
  cmd->add_option("--seed", flags->seed,
                  "Seed of the strategy's random choices")
      ->capture_default_str();
  cmd->add_option("--timeout-ms", flags->timeout_ms,
                  "Wait this long for each answer")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  return [flags] { return RunProbeCommand(*flags); };
}

}  // namespace protolm::cli

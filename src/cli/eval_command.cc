// `protolm eval`: score predicted responses against a dataset of real ones
// (BCA, byte accuracy, RVA, RVA-ε; per function).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "device/profile.h"
#include "device/profile_rules.h"
#include "metrics/eval_dataset.h"
#include "metrics/evaluation.h"
#include "proto/registry/protocol_table.h"

namespace protolm::cli {

namespace {

struct EvalFlags {
  std::string dataset;
  std::string predictions;
  std::string profile;
  double epsilon = -1;
  bool json = false;
};

void PrintText(const nlohmann::json& j) {
  auto line = [](const std::string& name, const nlohmann::json& t) {
    std::printf("%-34s n=%-6zu bca=%.4f rva=%.4f byte_accuracy=%.4f",
                name.c_str(), t["n"].get<size_t>(), t["bca"].get<double>(),
                t["rva"].get<double>(), t["byte_accuracy"].get<double>());
    if (t.contains("rva_epsilon"))
      std::printf(" rva_epsilon=%.4f", t["rva_epsilon"].get<double>());
    std::printf("\n");
  };
  line("all", j);
  for (const auto& [name, t] : j["per_function"].items()) line("  " + name, t);
  for (const auto& example : j["invalid_examples"])
    std::printf("invalid: %s\n", example.get<std::string>().c_str());
}

int RunEval(const EvalFlags& flags) {
  metrics::EvalOptions options;
  if (flags.epsilon >= 0) options.epsilon = flags.epsilon;
  auto records = metrics::LoadEvalRecords(flags.dataset, flags.predictions);
  if (!records.ok()) {
    spdlog::error("{}", records.status().message());
    return kExitFailure;
  }
  if (!flags.profile.empty()) {
    auto profile = device::LoadProfile(flags.profile);
    if (!profile.ok()) {
      spdlog::error("{}", profile.status().message());
      return kExitFailure;
    }
    // The profile's rules judge the records of every protocol it serves.
    for (const Protocol* protocol : AllProtocols())
      options.devices.push_back(
          device::KnowledgeFromProfile(*profile, *protocol));
  }
  nlohmann::json report =
      metrics::ReportToJson(metrics::Evaluate(*records, options));
  if (flags.json) {
    std::printf("%s\n", report.dump().c_str());
  } else {
    PrintText(report);
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachEval(CLI::App& parent) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "eval",
      "Score predicted responses against a dataset: BCA, byte accuracy, RVA "
      "(a validator that checks each response against its request) and "
      "RVA-epsilon");
  cmd->add_option("--dataset", flags->dataset,
                  "Dataset JSONL (protolm ingest/probe records)")
      ->required();
  cmd->add_option(
         "--predictions", flags->predictions,
         "Predictions JSONL: one {\"response\": hex} per dataset record, "
         "matched by \"id\" or by position")
      ->required();
  cmd->add_option("--profile", flags->profile,
                  "Device profile (built-in name or file) that says which "
                  "exceptions are due");
  cmd->add_option(
         "--epsilon", flags->epsilon,
         "Also compute RVA-epsilon: values within epsilon x their range")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--json", flags->json,
                "Print the scores as one JSON object on stdout");
  return [flags] { return RunEval(*flags); };
}

}  // namespace protolm::cli

// `protolm detect score`: every trace of the inputs scored by a model, as
// JSONL (--json) or a table; alerts carry their evidence.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/detect_inputs.h"
#include "cli/keylog_flag.h"
#include "detect/pipeline/scoring.h"

namespace protolm::cli {

namespace {

struct DetectScoreFlags {
  std::string model;
  std::vector<std::string> inputs;
  std::vector<std::string> keylogs;
  std::optional<double> far;
  std::optional<double> threshold;
  bool json = false;
};

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One table row: the trace, its score, the flag and the first anomaly.
void PrintRow(const nlohmann::json& record) {
  std::string anomaly;
  if (record.contains("first_anomaly")) {
    const nlohmann::json& first = record["first_anomaly"];
    std::string expected;
    for (const nlohmann::json& e : first["expected"]) {
      if (!expected.empty()) expected += ", ";
      expected += e["event"].get<std::string>();
    }
    anomaly = fmt::format("event {}: {} (expected {})", Dump(first["index"]),
                          first["observed"].get<std::string>(), expected);
  }
  std::printf("%-44s %12.4f %-5s %7s  %s\n",
              record["trace"].get<std::string>().c_str(),
              record["score"].get<double>(),
              record["anomalous"].get<bool>() ? "ALERT" : "ok",
              Dump(record["events"]).c_str(), anomaly.c_str());
}

int RunDetectScore(const DetectScoreFlags& flags) {
  auto file = detect::ModelFile::Load(flags.model);
  if (!file.ok()) return DetectError(file.status());
  auto thresholds = detect::ChooseThresholds(*file, flags.far, flags.threshold);
  if (!thresholds.ok()) return DetectError(thresholds.status());
  auto key_logs = ReadKeylogFlag(flags.keylogs, file->source.protocol);
  if (!key_logs.ok()) return DetectError(key_logs.status());
  auto traces =
      ReadDetectInputs(file->source, flags.inputs, *key_logs, "score");
  if (!traces.ok()) return DetectError(traces.status());
  size_t alerts = 0;
  if (!flags.json) {
    std::printf("%-44s %12s %-5s %7s  %s\n", "trace", "score", "flag",
                "events", "first anomaly");
  }
  for (const nlohmann::json& record :
       detect::ScoreTraces(*file, *traces, *thresholds)) {
    alerts += record["anomalous"].get<bool>();
    if (flags.json) {
      std::printf("%s\n", Dump(record).c_str());
    } else {
      PrintRow(record);
    }
  }
  spdlog::info("{} traces, {} alerts (threshold {:.6g})", traces->size(),
               alerts, thresholds->trace);
  return kExitOk;
}

}  // namespace

CommandMain AttachDetectScore(CLI::App& detect) {
  auto flags = std::make_shared<DetectScoreFlags>();
  CLI::App* cmd = detect.add_subcommand(
      "score", "Score every trace of the inputs; flag and explain anomalies");
  cmd->add_option("--model", flags->model, "Model file from `detect train`")
      ->required();
  cmd->add_option("inputs", flags->inputs,
                  "Inputs, of the kind the model was trained on")
      ->required();
  AddKeylogFlag(*cmd, flags->keylogs);
  AddThresholdFlags(*cmd, flags->far, flags->threshold);
  cmd->add_flag("--json", flags->json,
                "One JSON object per trace (JSONL) instead of a table");
  return [flags] { return RunDetectScore(*flags); };
}

}  // namespace protolm::cli

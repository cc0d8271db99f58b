// `protolm detect eval`: a model and its n-gram baseline measured side by
// side on labelled normal and anomalous inputs.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/detect_inputs.h"
#include "cli/keylog_flag.h"
#include "detect/pipeline/evaluation.h"

namespace protolm::cli {

namespace {

struct DetectEvalFlags {
  std::string model;
  std::vector<std::string> normal;
  std::vector<std::string> anomalous;
  std::vector<std::string> keylogs;
  std::string task = "detect";
  bool json = false;
};

void Print(const nlohmann::json& json, const std::string& text, bool as_json) {
  std::printf("%s\n", as_json ? json.dump().c_str() : text.c_str());
}

int RunDetectEval(const DetectEvalFlags& flags) {
  auto file = detect::ModelFile::Load(flags.model);
  if (!file.ok()) return DetectError(file.status());
  auto key_logs = ReadKeylogFlag(flags.keylogs, file->source.protocol);
  if (!key_logs.ok()) return DetectError(key_logs.status());
  auto normal =
      ReadDetectInputs(file->source, flags.normal, *key_logs, "normal");
  if (!normal.ok()) return DetectError(normal.status());
  if (flags.task == "next-event") {
    auto result = detect::EvaluateNextEventTask(*file, *normal);
    Print(detect::ToJson(result), detect::ToText(result), flags.json);
    return kExitOk;
  }
  if (flags.anomalous.empty()) {
    return DetectError(InvalidArgument("--anomalous is required"));
  }
  auto anomalous =
      ReadDetectInputs(file->source, flags.anomalous, *key_logs, "anomalous");
  if (!anomalous.ok()) return DetectError(anomalous.status());
  auto result = detect::Evaluate(*file, *normal, *anomalous);
  if (!result.ok()) return DetectError(result.status());
  Print(detect::ToJson(*result), detect::ToText(*result), flags.json);
  return kExitOk;
}

}  // namespace

CommandMain AttachDetectEval(CLI::App& detect) {
  auto flags = std::make_shared<DetectEvalFlags>();
  CLI::App* cmd = detect.add_subcommand(
      "eval",
      "Measure a model and its n-gram baseline on labelled inputs: ROC AUC, "
      "detection at FAR 1/5/10 %, P/R/F1 at the calibrated threshold");
  cmd->add_option("--model", flags->model, "Model file from `detect train`")
      ->required();
  cmd->add_option("--normal", flags->normal, "Inputs of normal traces")
      ->required();
  cmd->add_option("--anomalous", flags->anomalous,
                  "Inputs of anomalous traces (required unless --task "
                  "next-event)");
  AddKeylogFlag(*cmd, flags->keylogs);
  cmd->add_option("--task", flags->task,
                  "detect, or next-event: top-1 accuracy and macro-F1 over "
                  "random prefixes of the normal traces")
      ->check(CLI::IsMember({"detect", "next-event"}))
      ->capture_default_str();
  cmd->add_flag("--json", flags->json, "One JSON object instead of a table");
  return [flags] { return RunDetectEval(*flags); };
}

}  // namespace protolm::cli

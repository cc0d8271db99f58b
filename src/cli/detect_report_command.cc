// `protolm detect report`: the inputs scored by a model, written as
// report.md, report.json and a self-contained report.html in a directory.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "cli/detect_inputs.h"
#include "cli/keylog_flag.h"
#include "detect/pipeline/report_writer.h"
#include "detect/pipeline/scoring.h"

namespace protolm::cli {

namespace {

struct DetectReportFlags {
  std::string model;
  std::vector<std::string> inputs;
  std::vector<std::string> keylogs;
  std::optional<double> far;
  std::optional<double> threshold;
  std::string output;
};

int RunDetectReport(const DetectReportFlags& flags) {
  auto file = detect::ModelFile::Load(flags.model);
  if (!file.ok()) return DetectError(file.status());
  auto thresholds = detect::ChooseThresholds(*file, flags.far, flags.threshold);
  if (!thresholds.ok()) return DetectError(thresholds.status());
  auto key_logs = ReadKeylogFlag(flags.keylogs, file->source.protocol);
  if (!key_logs.ok()) return DetectError(key_logs.status());
  auto traces =
      ReadDetectInputs(file->source, flags.inputs, *key_logs, "report");
  if (!traces.ok()) return DetectError(traces.status());
  detect::ReportContent content{
      &*file, *thresholds, flags.inputs,
      detect::ScoreTraces(*file, *traces, *thresholds)};
  Status written = detect::WriteReport(flags.output, content);
  if (!written.ok()) return DetectError(written);
  spdlog::info("wrote report.md, report.json and report.html to {}",
               flags.output);
  return kExitOk;
}

}  // namespace

CommandMain AttachDetectReport(CLI::App& detect) {
  auto flags = std::make_shared<DetectReportFlags>();
  CLI::App* cmd = detect.add_subcommand(
      "report",
      "Score the inputs and write report.md, report.json (every alert with "
      "its evidence, worst first) and a self-contained report.html");
  cmd->add_option("--model", flags->model, "Model file from `detect train`")
      ->required();
  cmd->add_option("inputs", flags->inputs, "Inputs to score")->required();
  AddKeylogFlag(*cmd, flags->keylogs);
  AddThresholdFlags(*cmd, flags->far, flags->threshold);
  cmd->add_option("-o,--output", flags->output, "Directory to write")
      ->required();
  return [flags] { return RunDetectReport(*flags); };
}

}  // namespace protolm::cli

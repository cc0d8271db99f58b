// `protolm detect train`: normal traces in, a calibrated detector model out
// (one JSON file with the source settings and the n-gram baseline).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>

#include "cli/commands.h"
#include "cli/detect_inputs.h"
#include "cli/keylog_flag.h"
#include "detect/pipeline/training.h"
#include "proto/registry/protocol_table.h"

namespace protolm::cli {

namespace {

struct DetectTrainFlags {
  std::string source;
  std::string protocol = "auto";
  std::string session;
  std::string header;
  std::string syscall_arch;
  std::optional<int> depth;
  std::string arch = std::string(detect::kDefaultArch);
  std::optional<size_t> order;
  std::vector<std::string> inputs;
  std::vector<std::string> validation;
  std::vector<std::string> keylogs;
  double far = detect::kDefaultFar;
  std::string output;
};

Result<detect::SourceSettings> SettingsOf(const DetectTrainFlags& flags) {
  detect::SourceSettings settings;
  ASSIGN_OR_RETURN(settings.kind, detect::ParseSourceKind(flags.source));
  settings.depth = flags.depth;
  settings.protocol = flags.protocol;
  if (!flags.session.empty()) settings.session = flags.session;
  if (!flags.header.empty()) settings.header = flags.header;
  if (!flags.syscall_arch.empty()) settings.syscall_arch = flags.syscall_arch;
  RETURN_IF_ERROR(settings.Check());
  return settings;
}

int RunDetectTrain(const DetectTrainFlags& flags) {
  auto settings = SettingsOf(flags);
  if (!settings.ok()) return DetectError(settings.status());
  // Fail on a bad architecture before reading anything.
  auto probe = detect::MakeDetector(flags.arch, {flags.order});
  if (!probe.ok()) return DetectError(probe.status());

  auto key_logs = ReadKeylogFlag(flags.keylogs, settings->protocol);
  if (!key_logs.ok()) return DetectError(key_logs.status());
  auto traces =
      ReadDetectInputs(*settings, flags.inputs, *key_logs, "read", true);
  if (!traces.ok()) return DetectError(traces.status());
  std::optional<std::vector<detect::TraceSequence>> validation;
  if (!flags.validation.empty()) {
    auto read =
        ReadDetectInputs(*settings, flags.validation, *key_logs, "read --val");
    if (!read.ok()) return DetectError(read.status());
    validation = std::move(read).value();
  }
  const auto start = std::chrono::steady_clock::now();
  detect::TrainSummary summary;
  auto file = detect::TrainModelFile(
      std::move(traces).value(), std::move(validation), *settings,
      {flags.arch, {flags.order}, flags.far}, summary);
  if (!file.ok()) return DetectError(file.status());
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  Status saved = file->Save(flags.output);
  if (!saved.ok()) return DetectError(saved);

  const detect::Calibration& c = *file->model.calibration;
  spdlog::info(
      "trained {} on {} traces ({} events, {:.0f} events/s); calibrated on "
      "{} {} normal traces: threshold {:.6g} at FAR {} (validation FAR "
      "{:.4f}); wrote {}",
      flags.arch, summary.train_traces, summary.train_events,
      seconds > 0 ? summary.train_events / seconds : 0.0,
      summary.validation_traces, summary.held_out ? "held-out" : "--val",
      c.threshold, c.target_far, c.validation_far, flags.output);
  if (!c.resolvable) {
    spdlog::warn(
        "{} validation traces cannot resolve FAR {}: the threshold is the "
        "largest validation score (at least {:.0f} traces are needed)",
        c.validation_traces, c.target_far, 1 / c.target_far);
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachDetectTrain(CLI::App& detect) {
  auto flags = std::make_shared<DetectTrainFlags>();
  CLI::App* cmd = detect.add_subcommand(
      "train",
      "Learn normal behaviour from traces; calibrate an alert threshold on "
      "held-out normal traces; write the model");
  cmd->add_option("--source", flags->source,
                  "Input kind: " + detect::SourceKindChoices())
      ->required();
  cmd->add_option("inputs", flags->inputs,
                  "Training inputs (normal behaviour only)")
      ->required();
  cmd->add_option("--val", flags->validation,
                  "Normal inputs to calibrate on (default: every 10th "
                  "training trace is held out)");
  cmd->add_option("--far", flags->far,
                  "Target false-alarm rate of the stored threshold")
      ->capture_default_str();
  cmd->add_option("--arch", flags->arch, "Detector: " + detect::ArchChoices())
      ->capture_default_str();
  cmd->add_option("--order", flags->order,
                  "n-gram order or STIDE window (default 3 / 6)");
  cmd->add_option("--depth", flags->depth,
                  "Token depth: pcap field-tree depth (default 2); strace 0 "
                  "call, 1 abstracted call; log 0 template id, 1 text");
  cmd->add_option("--protocol", flags->protocol,
                  "pcap: auto or one of: " + ProtocolNames())
      ->capture_default_str();
  AddKeylogFlag(*cmd, flags->keylogs);
  cmd->add_option("--session", flags->session,
                  "log: expression naming a line's session (HDFS: "
                  "'blk_-?[0-9]+'); default windows of 20 lines");
  cmd->add_option("--header", flags->header,
                  "log: header preset (hdfs, bgl, syslog, linux, openssh) or "
                  "an expression with named groups");
  cmd->add_option("--syscall-arch", flags->syscall_arch,
                  "syscalls: name the numbers with this table (x86_64, i386)");
  cmd->add_option("-o,--output", flags->output, "Model file to write")
      ->required();
  return [flags] { return RunDetectTrain(*flags); };
}

}  // namespace protolm::cli

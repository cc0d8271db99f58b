// Shared by the `detect` subcommands: see detect_inputs.h.
#include "cli/detect_inputs.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.h"
#include "util/progress.h"

namespace protolm::cli {

namespace {

constexpr size_t kMaxWarnings = 20;

}  // namespace

void AddThresholdFlags(CLI::App& command, std::optional<double>& far,
                       std::optional<double>& threshold) {
  auto* far_option = command.add_option(
      "--far", far,
      "Flag at this false-alarm rate of the model's validation traces");
  command.add_option("--threshold", threshold, "Flag traces scoring above this")
      ->excludes(far_option);
}

int DetectError(const Status& status) {
  spdlog::error("{}", status.message());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage
                                                       : kExitFailure;
}

Result<std::vector<detect::TraceSequence>> ReadDetectInputs(
    detect::SourceSettings& settings, const std::vector<std::string>& inputs,
    std::shared_ptr<const KeyLogs> key_logs, const std::string& what,
    bool learn, bool keep_fields) {
  std::unique_ptr<ProgressReporter> progress;
  if (spdlog::should_log(spdlog::level::info)) {
    progress = std::make_unique<ProgressReporter>(
        fmt::format("{} {}", what, detect::SourceKindName(settings.kind)),
        inputs.size(), "inputs");
  }
  size_t warnings = 0;
  detect::ReadOptions options;
  options.learn = learn;
  options.keep_fields = keep_fields;
  options.key_logs = std::move(key_logs);
  options.on_warning = [&](const Status& warning) {
    if (++warnings <= kMaxWarnings) spdlog::warn("{}", warning.message());
  };
  options.on_input_done = [&](size_t done, uint64_t events) {
    if (!progress) return;
    progress->SetDetail(fmt::format("{} events", events));
    progress->Update(done);
  };
  auto traces = detect::ReadTraces(settings, inputs, options);
  progress.reset();
  if (warnings > kMaxWarnings) {
    spdlog::warn("{} more warnings not shown", warnings - kMaxWarnings);
  }
  return traces;
}

}  // namespace protolm::cli

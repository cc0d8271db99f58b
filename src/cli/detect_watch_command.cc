// `protolm detect watch`: a live file (a log, strace output, DeepLog key
// sequences, `PID syscall` lines) followed as it grows and every event
// scored as it arrives; alerts and flagged traces as JSONL on stdout, one
// flushed line each, the moment they are known (detect/pipeline/
// live_scorer.h). SIGINT/SIGTERM stop it cleanly: what the file held at the
// stop is read and scored, open traces end and are scored, and the summary
// says how many events were read (each scored before the next is read).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/detect_inputs.h"
#include "detect/pipeline/live_scorer.h"
#include "detect/pipeline/scoring.h"
#include "util/followed_file.h"

namespace protolm::cli {

namespace {

struct DetectWatchFlags {
  std::string model;
  std::string follow;
  bool from_start = false;
  int poll_ms = 50;
  std::optional<double> far;
  std::optional<double> threshold;
  bool every_trace = false;
};

std::atomic<bool> stop_requested{false};
std::atomic<int> stop_signal{0};

extern "C" void RequestStop(int signal) {
  stop_signal.store(signal);
  stop_requested.store(true);
}

// SIGINT and SIGTERM set the stop flag while it lives; the previous
// handlers come back after.
class StopOnSignals {
 public:
  StopOnSignals() {
    struct sigaction action {};
    action.sa_handler = RequestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopOnSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

void PrintLine(const nlohmann::json& record) {
  std::string line =
      record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

int RunDetectWatch(const DetectWatchFlags& flags) {
  if (flags.poll_ms < 1 || flags.poll_ms > 10000) {
    return DetectError(InvalidArgument("--poll-ms must be 1..10000"));
  }
  auto file = detect::ModelFile::Load(flags.model);
  if (!file.ok()) return DetectError(file.status());
  auto thresholds = detect::ChooseThresholds(*file, flags.far, flags.threshold);
  if (!thresholds.ok()) return DetectError(thresholds.status());

  StopOnSignals signals;
  stop_requested.store(false);
  auto followed = FollowedFile::Open(
      flags.follow, stop_requested,
      {flags.from_start, std::chrono::milliseconds(flags.poll_ms)});
  if (!followed.ok()) return DetectError(followed.status());

  size_t warnings_logged = 0;
  detect::LiveScorer scorer(
      file->model, *thresholds,
      {.input = flags.follow, .every_trace = flags.every_trace}, PrintLine,
      [&](const Status& warning) {
        if (++warnings_logged <= 20) spdlog::warn("{}", warning.message());
      });
  spdlog::info("watching {} with {} (threshold {:.6g}); SIGINT or SIGTERM "
               "stops",
               flags.follow, flags.model, thresholds->trace);
  const auto start = std::chrono::steady_clock::now();
  Status read = detect::ReadStream(file->source, (*followed)->stream(),
                                   flags.follow, scorer);
  if (!read.ok()) return DetectError(read);
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  const detect::LiveCounts& c = scorer.counts();
  if (stop_signal.load() != 0) {
    spdlog::info("received signal {}: stopped after reading what {} held",
                 stop_signal.load(), flags.follow);
  }
  spdlog::info(
      "{} events read, each scored on arrival; {} traces ended, {} flagged, "
      "{} early alerts; {} warnings; {} bytes read, {} restarts (truncation "
      "or rotation) in {:.1f} s",
      c.events, c.traces_ended, c.flagged_traces, c.early_alerts,
      c.warnings, (*followed)->bytes_read(), (*followed)->restarts(), seconds);
  return kExitOk;
}

}  // namespace

CommandMain AttachDetectWatch(CLI::App& detect) {
  auto flags = std::make_shared<DetectWatchFlags>();
  CLI::App* cmd = detect.add_subcommand(
      "watch",
      "Follow a growing file and score its events as they arrive; alerts as "
      "JSONL the moment they are known; SIGINT/SIGTERM stop cleanly");
  cmd->add_option("--model", flags->model, "Model file from `detect train`")
      ->required();
  cmd->add_option("--follow", flags->follow,
                  "File to follow (log, strace output, key sequences, PID "
                  "syscall lines: the kind the model was trained on)")
      ->required();
  cmd->add_flag("--from-start", flags->from_start,
                "Also read what the file already holds (default: new lines "
                "only)");
  cmd->add_option("--poll-ms", flags->poll_ms,
                  "How often to look for new lines at the end of the file")
      ->capture_default_str();
  AddThresholdFlags(*cmd, flags->far, flags->threshold);
  cmd->add_flag("--all", flags->every_trace,
                "Print every ended trace's record, not only flagged ones");
  return [flags] { return RunDetectWatch(*flags); };
}

}  // namespace protolm::cli

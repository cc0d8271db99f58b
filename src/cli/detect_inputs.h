// What the `detect` subcommands share on the command line: reading inputs
// through the model's or the flags' source settings with progress and
// warnings on stderr, loading the model file, and the one-line error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "detect/pipeline/model_file.h"
#include "detect/pipeline/trace_reading.h"
#include "ingest/key_logs.h"

namespace CLI {
class App;
}  // namespace CLI

namespace protolm::cli {

/// --far F | --threshold T (exclusive): how `score`, `report` and `watch`
/// move the stored threshold (detect/pipeline/scoring.h ChooseThresholds).
void AddThresholdFlags(CLI::App& command, std::optional<double>& far,
                       std::optional<double>& threshold);

/// Logs `status` as the command's one-line error; returns the exit code
/// (kExitUsage for InvalidArgument, the user's mistake, else kExitFailure).
int DetectError(const Status& status);

/// ReadTraces with a progress bar over the inputs (hidden by -q) and at
/// most 20 warnings logged, then their count; captures decrypted with
/// `key_logs` (nullable; keylog_flag.h); `what` names the inputs in the
/// progress line ("train", "score").
Result<std::vector<detect::TraceSequence>> ReadDetectInputs(
    detect::SourceSettings& settings, const std::vector<std::string>& inputs,
    std::shared_ptr<const KeyLogs> key_logs, const std::string& what,
    bool learn = false, bool keep_fields = false);

}  // namespace protolm::cli

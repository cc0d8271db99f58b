// The table of `protolm` subcommands.
//
// Each subcommand lives in its own file (ingest_command.cc, spec_command.cc, ...)
// and exposes one Attach function: it adds the subcommand, its flags and help to
// the parent CLI11 app and returns the function main() calls when that
// subcommand was chosen. That function returns the process exit code (see
// ExitCode). Commands parse flags and call the library; they hold no logic.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace protolm::cli {

/// Exit codes of every protolm command (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,       // the job completed (warnings, if any, went to stderr)
  kExitFailure = 1,  // the job failed: bad input, unreadable file, ... (one line on stderr)
  kExitUsage = 2,    // the command line is wrong
};

using CommandMain = std::function<int()>;
using AttachFn = CommandMain (*)(CLI::App& parent);

CommandMain AttachIngest(CLI::App& parent);
CommandMain AttachSpec(CLI::App& parent);
CommandMain AttachDevice(CLI::App& parent);  // device_command.cc
CommandMain AttachProbe(CLI::App& parent);   // probe_command.cc
CommandMain AttachEval(CLI::App& parent);    // eval_command.cc
CommandMain AttachTrain(CLI::App& parent);   // train_command.cc
CommandMain AttachPredict(CLI::App& parent); // predict_command.cc
CommandMain AttachClone(CLI::App& parent);   // clone_command.cc
CommandMain AttachEvents(CLI::App& parent);  // events_command.cc
CommandMain AttachLoadgen(CLI::App& parent); // loadgen_command.cc
CommandMain AttachServe(CLI::App& parent);   // serve_command.cc
CommandMain AttachDetect(CLI::App& parent);  // detect_command.cc

/// Sub-subcommands of `spec`, attached by AttachSpec under the `spec` app.
CommandMain AttachSpecHeaders(CLI::App& spec);
CommandMain AttachSpecAnalyze(CLI::App& spec);
CommandMain AttachSpecCodegen(CLI::App& spec);  // spec_codegen_command.cc

/// Sub-subcommands of `detect`, attached by AttachDetect.
CommandMain AttachDetectTrain(CLI::App& detect);   // detect_train_command.cc
CommandMain AttachDetectScore(CLI::App& detect);   // detect_score_command.cc
CommandMain AttachDetectEval(CLI::App& detect);    // detect_eval_command.cc
CommandMain AttachDetectReport(CLI::App& detect);  // detect_report_command.cc
CommandMain AttachDetectWatch(CLI::App& detect);   // detect_watch_command.cc

}  // namespace protolm::cli

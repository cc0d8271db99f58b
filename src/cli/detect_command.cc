// `protolm detect`: the parent of the anomaly-detection commands (train,
// score, eval, report, watch). It only groups them; each lives in its own file.
#include <CLI/CLI.hpp>
#include <memory>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace protolm::cli {

CommandMain AttachDetect(CLI::App& parent) {
  CLI::App* detect = parent.add_subcommand(
      "detect",
      "Learn how traces (captures, system calls, strace, logs, key "
      "sequences) normally go and flag, with evidence, those that deviate");
  detect->require_subcommand(1);
  auto table =
      std::make_shared<std::vector<std::pair<CLI::App*, CommandMain>>>();
  for (AttachFn attach : {AttachDetectTrain, AttachDetectScore,
                          AttachDetectEval, AttachDetectReport,
                          AttachDetectWatch}) {
    CommandMain run = attach(*detect);
    table->emplace_back(detect->get_subcommands({}).back(), std::move(run));
  }
  return [table] {
    for (auto& [sub, run] : *table)
      if (sub->parsed()) return run();
    return static_cast<int>(kExitUsage);
  };
}

}  // namespace protolm::cli

// `protolm spec`: the parent of the specification commands (headers, ...).
// It only groups them; each sub-subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <memory>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace protolm::cli {

CommandMain AttachSpec(CLI::App& parent) {
  CLI::App* spec = parent.add_subcommand(
      "spec", "Read RFC text: packet header layouts, logical forms, ambiguity");
  spec->require_subcommand(1);
  auto table = std::make_shared<std::vector<std::pair<CLI::App*, CommandMain>>>();
  for (AttachFn attach :
       {AttachSpecHeaders, AttachSpecAnalyze, AttachSpecCodegen}) {
    CommandMain run = attach(*spec);
    table->emplace_back(spec->get_subcommands({}).back(), std::move(run));
  }
  return [table] {
    for (auto& [sub, run] : *table)
      if (sub->parsed()) return run();
    return static_cast<int>(kExitUsage);
  };
}

}  // namespace protolm::cli

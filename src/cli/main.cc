// protolm: the command-line entry point. It builds the subcommand table from
// commands.h, parses the command line and runs the chosen command; all the
// work happens in the library.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <utility>
#include <vector>

#include "cli/commands.h"

namespace {

constexpr protolm::cli::AttachFn kCommands[] = {
    protolm::cli::AttachIngest,
    protolm::cli::AttachSpec,
    protolm::cli::AttachDevice,
    protolm::cli::AttachProbe,
    protolm::cli::AttachEval,
    protolm::cli::AttachTrain,
    protolm::cli::AttachPredict,
    protolm::cli::AttachClone,
    protolm::cli::AttachEvents,
    protolm::cli::AttachLoadgen,
    protolm::cli::AttachServe,
    protolm::cli::AttachDetect,
};

/// One logger for every thread: `serve` logs from its Asio threads and the
/// event writer at once, so the sink takes a lock (spdlog's _mt sink).
void SetUpLogging(bool verbose, bool quiet) {
  auto logger = spdlog::stderr_color_mt("protolm");
  logger->set_pattern("protolm: %^%l%$: %v");
  logger->set_level(verbose ? spdlog::level::debug
                    : quiet ? spdlog::level::err
                            : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "protolm learns how network protocols and systems behave, from packet "
      "captures, traces and specifications, and puts that to work."};
  app.set_version_flag("--version", PROTOLM_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the subcommand
  bool verbose = false;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "Log debug details to stderr");
  app.add_flag("-q,--quiet", quiet, "Log only errors to stderr");

  std::vector<std::pair<CLI::App*, protolm::cli::CommandMain>> table;
  for (protolm::cli::AttachFn attach : kCommands) {
    protolm::cli::CommandMain run = attach(app);
    table.emplace_back(app.get_subcommands({}).back(), std::move(run));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? protolm::cli::kExitOk : protolm::cli::kExitUsage;
  }
  SetUpLogging(verbose, quiet);
  for (auto& [sub, run] : table)
    if (sub->parsed()) return run();
  return protolm::cli::kExitUsage;
}

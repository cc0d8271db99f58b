// The key log command-line option (see keylog_flag.h).
#include "cli/keylog_flag.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

namespace protolm::cli {

void AddKeylogFlag(CLI::App& command, std::vector<std::string>& paths) {
  // One file per --keylog, so that the flag may sit before the inputs.
  command
      .add_option("--keylog", paths,
                  "NSS key log (SSLKEYLOGFILE) to decrypt TLS sessions with; "
                  "repeat the flag for more files")
      ->allow_extra_args(false);
}

Result<std::shared_ptr<const KeyLogs>> ReadKeylogFlag(
    const std::vector<std::string>& paths, const std::string& protocol) {
  if (paths.empty()) return std::shared_ptr<const KeyLogs>();
  return KeyLogs::Read(paths, protocol, [](const std::string& warning) {
    spdlog::warn("{}", warning);
  });
}

}  // namespace protolm::cli

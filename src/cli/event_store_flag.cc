// The event store's command-line option (see event_store_flag.h).
#include "cli/event_store_flag.h"

#include <CLI/CLI.hpp>

namespace protolm::cli {

CLI::Option* AddEventStoreFlag(CLI::App& command, std::string& where) {
  return command.add_option(
      "--events", where, "Event store: a SQLite file or a postgresql:// URL");
}

}  // namespace protolm::cli

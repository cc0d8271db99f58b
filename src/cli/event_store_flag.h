// The --events option of the commands that write or read a honeypot's event
// store (`serve` writes it, `events` reads it): one place says what the
// location may be.
#pragma once

#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace protolm::cli {

/// Adds --events (a SQLite file or a postgresql:// URL) bound to `where`.
/// The caller makes it required or shows its default.
CLI::Option* AddEventStoreFlag(CLI::App& command, std::string& where);

}  // namespace protolm::cli

// The --keylog option of every command that reads captures (`ingest`,
// `detect train|score|eval|report`): declared and read in one place.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/key_logs.h"
#include "util/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace protolm::cli {

/// Adds --keylog FILE (repeatable: NSS key logs) bound to `paths`.
void AddKeylogFlag(CLI::App& command, std::vector<std::string>& paths);

/// The key logs `paths` name, read for captures of `protocol` (a name or
/// "auto"), each warning logged; nullptr when `paths` is empty. Errors as
/// KeyLogs::Read.
Result<std::shared_ptr<const KeyLogs>> ReadKeylogFlag(
    const std::vector<std::string>& paths, const std::string& protocol);

}  // namespace protolm::cli

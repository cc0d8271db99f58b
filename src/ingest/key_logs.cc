// Key logs by protocol (see key_logs.h).
#include "ingest/key_logs.h"

#include "proto/registry/protocol_table.h"

namespace protolm {

Result<std::shared_ptr<const KeyLogs>> KeyLogs::Read(
    std::span<const std::string> paths, std::string_view protocol,
    const KeyLogWarning& on_warning) {
  std::vector<const Protocol*> readers;
  if (protocol == "auto") {
    for (const Protocol* p : AllProtocols()) readers.push_back(p);
  } else {
    ASSIGN_OR_RETURN(const Protocol* p, RequireProtocol(protocol));
    readers.push_back(p);
  }
  auto logs = std::make_shared<KeyLogs>();
  Status refused;
  for (const Protocol* p : readers) {
    Result<std::shared_ptr<const KeyLog>> log =
        p->ReadKeyLog(paths, on_warning);
    if (log.ok()) {
      logs->logs_.emplace_back(std::string(p->name()), std::move(log).value());
    } else if (log.status().code() == StatusCode::kUnsupported) {
      refused = log.status();
    } else {
      return log.status();
    }
  }
  if (logs->logs_.empty()) {
    return InvalidArgument(readers.size() == 1
                               ? "--keylog: " + refused.message()
                               : "--keylog: no protocol reads key logs");
  }
  return std::shared_ptr<const KeyLogs>(std::move(logs));
}

const KeyLog* KeyLogs::For(std::string_view protocol) const {
  for (const auto& [name, log] : logs_)
    if (name == protocol) return log.get();
  return nullptr;
}

}  // namespace protolm

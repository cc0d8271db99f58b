// The PostgreSQL back end of SqlDatabase (libpqxx), for a fleet of
// honeypots writing to one database.
#pragma once

#include <memory>
#include <string>

#include "events/sql_database.h"

namespace protolm::events {

/// Connects to `url` ("postgresql://user:password@host:port/db?...", any
/// libpq connection URI). Errors are one line with the password hidden:
/// "connect postgresql://127.0.0.1:5439/x: connection refused; is the server
/// running?".
Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(
    const std::string& url);

/// `url` with the password (if any) replaced by "***", for messages.
std::string RedactUrl(const std::string& url);

}  // namespace protolm::events

// The SQLite back end of SqlDatabase: one file, WAL journal, busy timeout.
#pragma once

#include <memory>
#include <string>

#include "events/sql_database.h"

namespace protolm::events {

/// Opens (creating if needed) the SQLite database at `path` with
/// journal_mode=WAL, synchronous=NORMAL and a 5 s busy timeout (several
/// readers and one writer may share the file). Errors are one line:
/// "open events.sqlite: unable to open database file". A file that is not a
/// SQLite database is refused here ("... file is not a database").
Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(
    const std::string& path);

}  // namespace protolm::events

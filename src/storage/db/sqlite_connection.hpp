// SQLite behind db::Connection, through the C API: one file, many connections (WAL), e.g.
//   auto db = open_sqlite("/var/lib/hms/hms.db", 8);
// Callers use Database::open("sqlite:PATH"); this header is for database.cpp.
#pragma once
#include <memory>
#include <string>

#include "storage/db/database.hpp"

namespace hms::db {

// Opens (creating the file if missing) and checks the first connection at once, so that a bad
// path fails here. Each connection: journal_mode=WAL, synchronous=FULL, foreign_keys=ON and a
// busy timeout of 5 s, so that concurrent writers wait for each other instead of failing.
std::shared_ptr<Database> open_sqlite(const std::string& path, int pool_size);

}  // namespace hms::db

// PostgreSQL behind db::Connection, through libpq, e.g.
//   auto db = open_postgres("postgresql://hms:secret@127.0.0.1:5432/hms", 8);
// Callers use Database::open(URL); this header is for database.cpp.
#pragma once
#include <memory>
#include <string>

#include "storage/db/database.hpp"

namespace hms::db {

// Connects the first connection at once, so that a bad URL or an unreachable server fails
// here, with a message that names the URL without its password.
std::shared_ptr<Database> open_postgres(const std::string& url, int pool_size);

}  // namespace hms::db

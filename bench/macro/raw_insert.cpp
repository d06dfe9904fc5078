// The floor under `hms demo`: N rows shaped like `users` inserted into a fresh SQLite file in
// one transaction with one prepared statement, under the pragmas hms uses (WAL,
// synchronous=FULL, foreign_keys=ON). region_bench.sh divides the demo's time by this one.
//
//   hms_raw_insert_bench PATH N     → {"rows": N, "seconds": 0.0123}
//
// PATH must not exist (the program refuses to overwrite a file).
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace {

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(std::string(sql) + ": " + message);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PATH ROWS\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const long rows = std::strtol(argv[2], nullptr, 10);
  if (rows < 1 || rows > 10'000'000) {
    std::fprintf(stderr, "ROWS must be between 1 and 10000000\n");
    return 2;
  }
  if (std::filesystem::exists(path)) {
    std::fprintf(stderr, "%s exists already: give a fresh path\n", path.c_str());
    return 2;
  }

  sqlite3* db = nullptr;
  try {
    const auto started = std::chrono::steady_clock::now();
    check(db, sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                              nullptr),
          "open");
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    exec(db,
         "CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
         " role TEXT NOT NULL, agency_id INTEGER, password_hash TEXT, language TEXT,"
         " disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)");

    sqlite3_stmt* stmt = nullptr;
    check(db,
          sqlite3_prepare_v3(db,
                             "INSERT INTO users (login, name, role, agency_id, password_hash, language, disabled,"
                             " created_at) VALUES ($1, $2, $3, $4, NULL, NULL, 0, $5) RETURNING id",
                             -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr),
          "prepare");
    exec(db, "BEGIN IMMEDIATE");
    long long id_sum = 0;
    for (long i = 0; i < rows; ++i) {
      const std::string login = "m.dubois.ais-bxl." + std::to_string(i);
      const std::string name = "Marie Dubois " + std::to_string(i);
      sqlite3_bind_text(stmt, 1, login.c_str(), static_cast<int>(login.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, name.c_str(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, "agency_staff", -1, SQLITE_STATIC);
      sqlite3_bind_int64(stmt, 4, 1 + i % 24);
      sqlite3_bind_int64(stmt, 5, 1'795'000'000);
      check(db, sqlite3_step(stmt), "insert");
      id_sum += sqlite3_column_int64(stmt, 0);
      check(db, sqlite3_step(stmt), "insert (done)");
      sqlite3_reset(stmt);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(stmt);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    sqlite3_close_v2(db);
    std::printf("{\"rows\": %ld, \"seconds\": %.6f, \"id_sum\": %lld}\n", rows, seconds, id_sum);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hms_raw_insert_bench: %s\n", e.what());
    if (db) sqlite3_close_v2(db);
    return 1;
  }
}

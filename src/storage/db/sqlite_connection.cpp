// SQLite behind db::Connection, through the C API.
//
// - Parameters are bound BY NAME: "$1" is looked up with sqlite3_bind_parameter_index, because
//   SQLite numbers named parameters in order of first appearance ("... $2 ... $1" gives $2 the
//   index 1). So the same SQL text as on PostgreSQL binds correctly.
// - Statements are prepared once per SQL text (SQLITE_PREPARE_PERSISTENT), kept per connection,
//   and reset after each use.
// - Values: INTEGER -> int64, TEXT -> string, NULL -> monostate, REAL -> its text rendering,
//   BLOB -> its bytes in a string.
// - Like PostgreSQL, a failed statement spoils the transaction it ran in: later statements and
//   commit() throw until rollback(). (SQLite alone would undo only the failed statement.)
// - SQLite has one writer at a time. Writers of the same Database (write transactions, and
//   writing statements outside a transaction) queue in FIFO order on a WriteGate before
//   taking SQLite's lock, instead of polling it in the busy handler, which is not fair: with
//   8 threads writing, one of them could wait past the busy timeout. The busy timeout still
//   covers other processes and other Database objects on the same file.
#include "storage/db/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <climits>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace hms::db {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kMaxCachedStatements = 512;

// A FIFO lock for the writers of one Database, with a timeout.
class WriteGate {
 public:
  // False if the gate was not free within `timeout`.
  bool enter(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    queue_.push_back(ticket);
    const bool turn = changed_.wait_for(lock, timeout,
                                        [&] { return !held_ && queue_.front() == ticket; });
    if (!turn) {
      std::erase(queue_, ticket);
      changed_.notify_all();  // the next in line may be free to go now
      return false;
    }
    queue_.pop_front();
    held_ = true;
    return true;
  }

  void leave() {
    {
      std::lock_guard lock(mutex_);
      held_ = false;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::uint64_t> queue_;  // tickets of the waiting writers, oldest first
  std::uint64_t next_ticket_ = 0;
  bool held_ = false;
};

struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

std::string shortened(std::string_view sql) {
  constexpr std::size_t kMax = 500;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "…";
}

[[noreturn]] void throw_error(int rc, const std::string& message, std::string_view sql) {
  std::string what = message + " (in: " + shortened(sql) + ")";
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintViolation(what);
  throw std::runtime_error("SQLite: " + what);
}

Value column_value(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL:
      return {};
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
      return p ? std::string(p, n) : std::string();
    }
    default: {  // TEXT, and FLOAT rendered as text by SQLite
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
      return p ? std::string(p, n) : std::string();
    }
  }
}

// A file cut short (a copy stopped half-way, a full disk, a truncated restore) is refused before
// anything reads it (issue 14.1): the main file's header counts the pages the last checkpoint
// wrote (offset 28, valid when the change counter at 24 equals the one at 92), with their size
// (offset 16; 1 means 65,536). Read through SQLite's own file handle: a second descriptor on the
// file, once closed, would drop every POSIX lock the process holds on it (regression: another
// connection's writes went unseen). Only with no WAL, or an empty one: while the WAL holds
// frames, a checkpoint may have written page 1 before the pages that lengthen the file. A damaged
// page inside the file is for `hms check`.
std::optional<std::string> cut_short(sqlite3* db, const std::string& path) {
  std::error_code no_wal;
  if (const auto wal = std::filesystem::file_size(path + "-wal", no_wal); !no_wal && wal > 0) return std::nullopt;
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods)
    return std::nullopt;
  sqlite3_int64 size = 0;
  unsigned char h[100];
  if (file->pMethods->xFileSize(file, &size) != SQLITE_OK || size < 100 ||
      file->pMethods->xRead(file, h, sizeof h, 0) != SQLITE_OK)
    return std::nullopt;  // new or empty: SQLite decides
  const auto be32 = [&](int at) {
    return (std::uint32_t{h[at]} << 24) | (std::uint32_t{h[at + 1]} << 16) | (std::uint32_t{h[at + 2]} << 8) | h[at + 3];
  };
  if (std::memcmp(h, "SQLite format 3", 16) != 0 || be32(24) != be32(92)) return std::nullopt;
  const std::uint64_t page = h[16] == 0 && h[17] == 1 ? 65536u : (std::uint64_t{h[16]} << 8 | h[17]);
  const std::uint64_t expected = page * be32(28);
  if (static_cast<std::uint64_t>(size) >= expected) return std::nullopt;
  return "the SQLite database " + path + " is cut short: " + std::to_string(size) + " bytes where its header counts " +
         std::to_string(expected) + ". Restore the last backup (hms restore)";
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::shared_ptr<WriteGate> gate)
      : gate_(std::move(gate)) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc == SQLITE_OK) {
      if (auto cut = cut_short(db_, path)) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw std::runtime_error(*cut);
      }
      sqlite3_extended_result_codes(db_, 1);
      sqlite3_busy_timeout(db_, kBusyTimeoutMs);  // first: switching to WAL may wait too
      rc = sqlite3_exec(db_,
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                        "PRAGMA foreign_keys=ON; "
                        // No memory map: when another connection has written, SQLite drops a
                        // reader's whole map of the file at its next read (sqlite3OsUnfetch), so
                        // under writes every pooled connection unmapped and remapped the 700 MB
                        // demo per request (bench/README.md, "The Region's money"). Reads copy
                        // pages from the OS cache into the connection's own cache instead.
                        "PRAGMA mmap_size=0; PRAGMA cache_size=-65536;",
                        nullptr, nullptr, nullptr);
    }
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw std::runtime_error("cannot open SQLite database " + path + ": " + message);
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);  // rolls back a transaction left open
    if (in_gate_) gate_->leave();
  }

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Backend backend() const override { return Backend::sqlite; }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    std::vector<Row> rows;
    guarded([&] {
      run(sql, params, [&](sqlite3_stmt* stmt) {
        const int n = sqlite3_column_count(stmt);
        std::vector<Value> values;
        values.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) values.push_back(column_value(stmt, i));
        rows.emplace_back(std::move(values));
      });
    });
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    std::int64_t changed = 0;
    guarded([&] {
      // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so it is read
      // only if this statement changed something (CREATE TABLE answers 0, as on PostgreSQL).
      const sqlite3_int64 before = sqlite3_total_changes64(db_);
      run(sql, params, [](sqlite3_stmt*) {});
      if (sqlite3_total_changes64(db_) != before) changed = sqlite3_changes64(db_);
    });
    return changed;
  }

  void execute_script(std::string_view sql) override {
    guarded([&] {
      const GateForStatement gate(*this, /*writes=*/true);
      const std::string text(sql);
      char* error = nullptr;
      const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
      if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw_error(rc, message, sql);
      }
    });
  }

  void begin(bool write) override {
    if (in_transaction())
      throw std::runtime_error("SQLite: cannot begin a transaction: one is open already");
    if (write) enter_gate();
    try {
      run(write ? "BEGIN IMMEDIATE" : "BEGIN", {}, [](sqlite3_stmt*) {});
    } catch (...) {
      leave_gate_if_done();
      throw;
    }
    aborted_ = false;
  }

  void commit() override {
    if (!in_transaction()) throw std::runtime_error("SQLite: commit without a transaction");
    if (aborted_) {
      rollback();
      throw std::runtime_error("SQLite: transaction rolled back: a statement in it failed");
    }
    try {
      run("COMMIT", {}, [](sqlite3_stmt*) {});
    } catch (...) {
      leave_gate_if_done();  // still open (e.g. a deferred foreign key): rollback() leaves
      throw;
    }
    leave_gate_if_done();
  }

  void rollback() override {
    aborted_ = false;
    if (in_transaction()) {  // else nothing open, or SQLite already rolled back (e.g. IOERR)
      try {
        run("ROLLBACK", {}, [](sqlite3_stmt*) {});
      } catch (...) {
        leave_gate_if_done();
        throw;
      }
    }
    leave_gate_if_done();
  }

  // For the pool: rolls back a transaction left open; false if the connection cannot be reused.
  bool recycle() {
    if (in_transaction()) {
      try {
        rollback();
      } catch (...) {
        return false;
      }
    }
    return !in_transaction();
  }

 private:
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  void enter_gate() {
    if (in_gate_) return;
    if (!gate_->enter(std::chrono::milliseconds(kBusyTimeoutMs)))
      throw std::runtime_error(
          "SQLite: database is locked (another write transaction of this process lasted "
          "longer than the busy timeout)");
    in_gate_ = true;
  }

  void leave_gate_if_done() {
    if (in_gate_ && !in_transaction()) {
      in_gate_ = false;
      gate_->leave();
    }
  }

  // Holds the gate around one statement that writes outside a transaction.
  struct GateForStatement {
    GateForStatement(SqliteConnection& c, bool writes) : c_(c) {
      if (writes && !c_.in_transaction()) c_.enter_gate();
    }
    ~GateForStatement() { c_.leave_gate_if_done(); }
    GateForStatement(const GateForStatement&) = delete;
    GateForStatement& operator=(const GateForStatement&) = delete;
    SqliteConnection& c_;
  };

  // Runs f; a failure inside a transaction spoils it (see the top of this file).
  template <class F>
  void guarded(F&& f) {
    if (aborted_ && in_transaction())
      throw std::runtime_error(
          "SQLite: current transaction is aborted, commands ignored until rollback");
    try {
      f();
    } catch (...) {
      if (in_transaction()) aborted_ = true;
      throw;
    }
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxCachedStatements) {  // SQL built at run time: start afresh
      for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
      statements_.clear();
    }
    if (sql.size() >= static_cast<std::size_t>(INT_MAX))
      throw std::runtime_error("SQLite: statement too long");
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) throw_error(rc, sqlite3_errmsg(db_), sql);
    if (stmt == nullptr) throw std::runtime_error("SQLite: empty statement");
    const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(stmt);
      throw std::runtime_error("SQLite: more than one statement, use execute_script (in: " +
                               shortened(sql) + ")");
    }
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, const Params& params, std::string_view sql) {
    const int count = sqlite3_bind_parameter_count(stmt);
    if (static_cast<std::size_t>(count) != params.size())
      throw std::runtime_error("SQLite: the statement takes " + std::to_string(count) +
                               " parameters, " + std::to_string(params.size()) +
                               " given (in: " + shortened(sql) + ")");
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string name = "$" + std::to_string(i + 1);
      const int index = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (index == 0)
        throw std::runtime_error("SQLite: " + name + " is not in the statement (in: " +
                                 shortened(sql) + ")");
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        // SQLITE_STATIC: the parameters outlive the statement's use; bindings are cleared after.
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) throw_error(rc, sqlite3_errmsg(db_), sql);
    }
  }

  template <class OnRow>
  void run(std::string_view sql, const Params& params, OnRow on_row) {
    sqlite3_stmt* stmt = prepare(sql);
    const GateForStatement gate(*this, sqlite3_stmt_readonly(stmt) == 0);
    struct Reset {
      sqlite3_stmt* stmt;
      ~Reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};
    bind(stmt, params, sql);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) {
        on_row(stmt);
      } else if (rc == SQLITE_DONE) {
        return;
      } else {
        throw_error(rc, sqlite3_errmsg(db_), sql);
      }
    }
  }

  sqlite3* db_ = nullptr;
  std::shared_ptr<WriteGate> gate_;
  bool in_gate_ = false;  // this connection holds gate_
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
  bool aborted_ = false;  // a statement failed inside the current transaction
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size) : Database(pool_size), path_(std::move(path)) {}
  Backend backend() const override { return Backend::sqlite; }

 protected:
  std::unique_ptr<Connection> connect() override {
    return std::make_unique<SqliteConnection>(path_, gate_);
  }
  bool recycle(Connection& c) override { return static_cast<SqliteConnection&>(c).recycle(); }

 private:
  std::string path_;
  std::shared_ptr<WriteGate> gate_ = std::make_shared<WriteGate>();
};

}  // namespace

std::shared_ptr<Database> open_sqlite(const std::string& path, int pool_size) {
  auto db = std::make_shared<SqliteDatabase>(path, pool_size);
  db->acquire();  // opens the first connection now and returns it to the pool
  return db;
}

}  // namespace hms::db

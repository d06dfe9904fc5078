// The one thin interface over SQLite and PostgreSQL. The same SQL text, with $1, $2…
// placeholders, runs on both: e.g.
//   auto rows = conn.query("SELECT id, name FROM agencies WHERE code = $1", {code});
// Values are NULL, 64-bit integers or text (dates as 'YYYY-MM-DD', money as cents).
// Repositories in storage/<module>/ are the only code that writes SQL.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/money.hpp"
#include "common/rate.hpp"

namespace hms::db {

enum class Backend { sqlite, postgres };

// A parameter or a column value: NULL, an integer, or text.
using Value = std::variant<std::monostate, std::int64_t, std::string>;
using Params = std::vector<Value>;

// Helpers to pass optional values as parameters.
inline Value nullable(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(); }
inline Value nullable(const std::optional<std::string>& v) { return v ? Value(*v) : Value(); }
// A rate is stored as its basis points (the *_bp columns).
inline Value nullable(const std::optional<Rate>& v) { return v ? Value(v->basis_points()) : Value(); }
// Money is stored as its cents (the *_cents columns).
inline Value nullable(const std::optional<Money>& v) { return v ? Value(v->cents()) : Value(); }
inline std::optional<Rate> rate(const std::optional<std::int64_t>& basis_points) {
  return basis_points ? std::optional(Rate::from_basis_points(*basis_points)) : std::nullopt;
}

// One row of a result. Columns are read by position, in the order of the SELECT.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;  // throws std::runtime_error on NULL or non-integer
  std::string text(std::size_t i) const;      // integers are rendered in decimal; throws on NULL
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& value(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

// The amount in column i (cents), or none when it is NULL.
inline std::optional<Money> opt_money(const Row& r, std::size_t i) {
  auto cents = r.opt_integer(i);
  return cents ? std::optional(Money::from_cents(*cents)) : std::nullopt;
}

// Thrown when a statement breaks a UNIQUE, FOREIGN KEY or CHECK constraint, on either backend.
// Repositories turn it into a DomainError (conflict) where it means something to the user.
struct ConstraintViolation : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One open connection. Not thread-safe: a connection is used by one thread at a time
// (the pool hands it out). Prepared statements are cached per connection by SQL text.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;

  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement that returns no rows; answers the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several ;-separated statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;

  // The first row, if any.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }

  // Transactions. A write transaction takes the write lock at once (SQLite: BEGIN IMMEDIATE),
  // so that two writers never deadlock half-way.
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
 public:
  Transaction(Connection& c, bool write) : c_(c) { c_.begin(write); }
  ~Transaction() {
    if (!done_) try { c_.rollback(); } catch (...) {}
  }
  void commit() { c_.commit(); done_ = true; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Connection& c_;
  bool done_ = false;
};

// A database: a URL and a pool of connections to it.
//   URL: a file path, "sqlite:PATH", or "postgresql://user:pass@host:port/dbname".
class Database {
 public:
  // Opens (for SQLite: creates the file if missing). Throws std::runtime_error with a
  // message naming the URL without its password if it cannot connect.
  static std::shared_ptr<Database> open(const std::string& url, int pool_size = 8);
  virtual ~Database() = default;
  virtual Backend backend() const = 0;

  // A connection from the pool, returned to it when the handle is destroyed.
  class Handle {
   public:
    Handle(Database* db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
    Handle(Handle&&) = default;
    ~Handle() { if (c_) db_->release(std::move(c_)); }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Database* db_;
    std::unique_ptr<Connection> c_;
  };
  Handle acquire();

 protected:
  explicit Database(int pool_size);  // pool_size < 1 counts as 1
  // Opens a new connection; called by acquire() while the pool has fewer than pool_size.
  virtual std::unique_ptr<Connection> connect() = 0;
  // Called when a connection comes back to the pool, outside any lock: ends a transaction
  // left open and answers whether the connection can be handed out again. A connection that
  // answers false (e.g. a broken PostgreSQL connection) is closed and a new one made later.
  virtual bool recycle(Connection& c) = 0;

 private:
  void release(std::unique_ptr<Connection> c);
  int pool_size_;
  struct Pool;
  std::shared_ptr<Pool> pool_;
  friend class Handle;
};

// Applies the embedded migrations (db/migrations/V####__name.sql) not yet recorded in
// schema_migrations, each in its own transaction, in order. Idempotent. Answers the
// versions applied by this call.
std::vector<int> migrate(Connection& c);

// Removes the password from a URL, for messages and logs.
std::string redact_url(const std::string& url);

// The file of a SQLite URL ("sqlite:///data/hms.db" → "/data/hms.db", "sqlite:data/hms.db" and
// "data/hms.db" → "data/hms.db"); none for PostgreSQL.
std::optional<std::string> sqlite_path(const std::string& url);

}  // namespace hms::db

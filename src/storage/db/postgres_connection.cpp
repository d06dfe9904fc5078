// PostgreSQL behind db::Connection, through libpq.
//
// - Statements are prepared once per SQL text (PQprepare, names hms_1, hms_2…) and kept per
//   connection. Parameter types are left to the server to infer from the SQL, as if the value
//   were a quoted literal there: write CAST($1 AS BIGINT) where the context does not say
//   (e.g. "$1 + 1" is taken as integer, 32 bits).
// - Parameters go as text (int64 in decimal) and results come back in text mode: every
//   non-NULL value is a std::string ("42", "t", "2.5"), which Row::integer() parses.
// - SQLSTATE class 23 (integrity constraint violation) -> ConstraintViolation. A lost connection
//   -> std::runtime_error, and the pool closes the connection instead of reusing it.
#include "storage/db/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <unordered_map>

namespace hms::db {
namespace {

constexpr std::size_t kMaxCachedStatements = 512;

struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string shortened(std::string_view sql) {
  constexpr std::size_t kMax = 500;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "…";
}

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) {
    // Later keywords override earlier ones, so the URL's own settings win over these defaults.
    const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char* values[] = {"10", "hms", url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
      if (conn_) PQfinish(conn_);
      conn_ = nullptr;
      throw std::runtime_error("cannot connect to " + redact_url(url) + ": " + message);
    }
    try {
      if (PQsetClientEncoding(conn_, "UTF8") != 0)
        throw std::runtime_error("PostgreSQL: cannot set client encoding UTF8: " +
                                 trimmed(PQerrorMessage(conn_)));
      simple("SET client_min_messages = warning");
    } catch (...) {
      PQfinish(conn_);
      throw;
    }
  }

  ~PostgresConnection() override {
    if (conn_) PQfinish(conn_);
  }

  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Backend backend() const override { return Backend::postgres; }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    Result r = run(sql, params);
    const int rows = PQntuples(r.get());
    const int columns = PQnfields(r.get());
    std::vector<Row> out;
    out.reserve(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int j = 0; j < columns; ++j) {
        if (PQgetisnull(r.get(), i, j))
          values.emplace_back();
        else
          values.emplace_back(std::string(PQgetvalue(r.get(), i, j),
                                          static_cast<std::size_t>(PQgetlength(r.get(), i, j))));
      }
      out.emplace_back(std::move(values));
    }
    return out;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    Result r = run(sql, params);
    const char* tuples = PQcmdTuples(r.get());  // "" for statements that change no rows
    std::int64_t n = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), n);
    return n;
  }

  void execute_script(std::string_view sql) override {
    const std::string text(sql);
    check(Result(PQexec(conn_, text.c_str()), &PQclear), sql);
  }

  void begin(bool /*write*/) override {
    // READ COMMITTED for both: a writer's row locks and constraint checks do the rest.
    if (status() != PQTRANS_IDLE)
      throw std::runtime_error("PostgreSQL: a transaction is already open");
    simple("BEGIN");
  }

  void commit() override {
    switch (status()) {
      case PQTRANS_IDLE:
        throw std::runtime_error("PostgreSQL: commit without a transaction");
      case PQTRANS_INERROR:
        simple("ROLLBACK");
        throw std::runtime_error(
            "PostgreSQL: transaction rolled back: a statement in it failed");
      default:
        break;
    }
    Result r = simple("COMMIT");
    if (std::strcmp(PQcmdStatus(r.get()), "ROLLBACK") == 0)
      throw std::runtime_error("PostgreSQL: transaction rolled back by the server");
  }

  void rollback() override {
    if (status() == PQTRANS_IDLE) return;
    simple("ROLLBACK");
  }

  // For the pool: rolls back a transaction left open; false if the connection cannot be reused.
  bool recycle() {
    if (broken_ || PQstatus(conn_) != CONNECTION_OK) return false;
    if (status() == PQTRANS_INTRANS || status() == PQTRANS_INERROR) {
      try {
        rollback();
      } catch (...) {
        return false;
      }
    }
    return status() == PQTRANS_IDLE;
  }

 private:
  PGTransactionStatusType status() const { return PQtransactionStatus(conn_); }

  Result simple(const char* sql) { return check(Result(PQexec(conn_, sql), &PQclear), sql); }

  Result check(Result r, std::string_view sql) {
    if (r) {
      const ExecStatusType s = PQresultStatus(r.get());
      if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return r;
    }
    if (PQstatus(conn_) != CONNECTION_OK) {
      broken_ = true;
      throw std::runtime_error("PostgreSQL: connection lost: " + trimmed(PQerrorMessage(conn_)) +
                               " (in: " + shortened(sql) + ")");
    }
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : trimmed(PQerrorMessage(conn_));
    std::string what = message + " (in: " + shortened(sql) + ")";
    if (state && std::strncmp(state, "23", 2) == 0) throw ConstraintViolation(what);
    if (state && (std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "57P", 3) == 0))
      broken_ = true;  // connection exception, operator intervention (e.g. server shut down)
    throw std::runtime_error("PostgreSQL " + std::string(state ? state : "") + ": " + what);
  }

  const std::string& prepared(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxCachedStatements && status() != PQTRANS_INERROR) {
      simple("DEALLOCATE ALL");  // SQL built at run time: start afresh
      statements_.clear();
    }
    std::string name = "hms_" + std::to_string(++statement_count_);
    const std::string text(sql);
    check(Result(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr), &PQclear), sql);
    return statements_.emplace(text, std::move(name)).first->second;
  }

  Result run(std::string_view sql, const Params& params) {
    const std::string& name = prepared(sql);
    std::vector<std::string> numbers(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
        numbers[i] = std::to_string(*n);
        values[i] = numbers[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        values[i] = s->c_str();
      }
    }
    return check(Result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                       values.data(), nullptr, nullptr, /*text results*/ 0),
                        &PQclear),
                 sql);
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string, SqlHash, std::equal_to<>> statements_;
  std::uint64_t statement_count_ = 0;
  bool broken_ = false;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int pool_size) : Database(pool_size), url_(std::move(url)) {}
  Backend backend() const override { return Backend::postgres; }

 protected:
  std::unique_ptr<Connection> connect() override {
    return std::make_unique<PostgresConnection>(url_);
  }
  bool recycle(Connection& c) override { return static_cast<PostgresConnection&>(c).recycle(); }

 private:
  std::string url_;
};

}  // namespace

std::shared_ptr<Database> open_postgres(const std::string& url, int pool_size) {
  auto db = std::make_shared<PostgresDatabase>(url, pool_size);
  db->acquire();  // connects the first connection now and returns it to the pool
  return db;
}

}  // namespace hms::db

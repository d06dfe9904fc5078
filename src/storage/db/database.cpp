// Row accessors, the connection pool, Database::open (which picks the backend from the URL)
// and redact_url. The backends live in sqlite_connection.cpp and postgres_connection.cpp.
#include "storage/db/database.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <utility>

#include "storage/db/postgres_connection.hpp"
#include "storage/db/sqlite_connection.hpp"

namespace hms::db {
namespace {

// A column value for an error message, shortened: values can be long.
std::string shown(const std::string& s) {
  constexpr std::size_t kMax = 40;
  return s.size() <= kMax ? "'" + s + "'" : "'" + s.substr(0, kMax) + "…'";
}

[[noreturn]] void null_column(std::size_t i, const char* expected) {
  throw std::runtime_error("column " + std::to_string(i) + " is NULL, expected " + expected);
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

}  // namespace

// ---- Row -----------------------------------------------------------------------------------

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::monostate>(values_.at(i));
}

// SQLite answers integers as int64; PostgreSQL (text mode) answers every value as text, so a
// text value is parsed here: the whole string must be a decimal int64 ("42", "-7").
std::int64_t Row::integer(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    const char* end = s->data() + s->size();
    auto [ptr, ec] = std::from_chars(s->data(), end, out);
    if (!s->empty() && ec == std::errc() && ptr == end) return out;
    throw std::runtime_error("column " + std::to_string(i) + " is not a 64-bit integer: " +
                             shown(*s));
  }
  null_column(i, "an integer");
}

std::string Row::text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  null_column(i, "text");
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

// ---- Pool ----------------------------------------------------------------------------------
//
// Up to pool_size connections, made on demand. acquire() hands out an idle one (the most
// recently returned, which is warm), else makes a new one while under pool_size, else waits.
// A connection that comes back is recycled (an open transaction rolled back); if that fails
// or the connection is broken, it is closed and its slot freed for a new one.

struct Database::Pool {
  std::mutex mutex;
  std::condition_variable available;
  std::vector<std::unique_ptr<Connection>> idle;
  int open = 0;  // idle + handed out + being connected
};

Database::Database(int pool_size)
    : pool_size_(std::max(pool_size, 1)), pool_(std::make_shared<Pool>()) {
  pool_->idle.reserve(static_cast<std::size_t>(pool_size_));  // release() never reallocates
}

Database::Handle Database::acquire() {
  Pool& pool = *pool_;
  {
    std::unique_lock lock(pool.mutex);
    pool.available.wait(lock, [&] { return !pool.idle.empty() || pool.open < pool_size_; });
    if (!pool.idle.empty()) {
      std::unique_ptr<Connection> c = std::move(pool.idle.back());
      pool.idle.pop_back();
      return Handle(this, std::move(c));
    }
    ++pool.open;
  }
  try {
    return Handle(this, connect());  // outside the lock: connecting can take a while
  } catch (...) {
    {
      std::lock_guard lock(pool.mutex);
      --pool.open;
    }
    pool.available.notify_one();
    throw;
  }
}

void Database::release(std::unique_ptr<Connection> c) {
  bool keep = false;
  try {
    keep = recycle(*c);
  } catch (...) {
    keep = false;
  }
  if (!keep) c.reset();  // closes it, outside the lock
  {
    std::lock_guard lock(pool_->mutex);
    if (keep)
      pool_->idle.push_back(std::move(c));
    else
      --pool_->open;
  }
  pool_->available.notify_one();
}

// ---- open, redact_url ----------------------------------------------------------------------

std::optional<std::string> sqlite_path(const std::string& url) {
  if (starts_with_icase(url, "postgresql://") || starts_with_icase(url, "postgres://")) return std::nullopt;
  std::string path = url;
  if (starts_with_icase(path, "sqlite:")) {
    path.erase(0, 7);
    if (path.starts_with("//")) path.erase(0, 2);  // sqlite:///abs/path, sqlite://rel/path
  }
  return path;
}

std::shared_ptr<Database> Database::open(const std::string& url, int pool_size) {
  const auto path = sqlite_path(url);
  if (!path) return open_postgres(url, pool_size);
  if (path->empty()) throw std::runtime_error("no database path in URL '" + url + "'");
  return open_sqlite(*path, pool_size);
}

// postgresql://user:secret@host/db        -> postgresql://user:***@host/db
// postgresql://host/db?password=secret&x  -> postgresql://host/db?password=***&x
// host=h password='a b' dbname=d          -> host=h password=*** dbname=d
std::string redact_url(const std::string& url) {
  std::string out = url;
  if (auto scheme = out.find("://"); scheme != std::string::npos) {
    const std::size_t start = scheme + 3;
    std::size_t end = out.find_first_of("/?#", start);
    if (end == std::string::npos) end = out.size();
    const std::size_t at = out.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = out.find(':', start);
      if (colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  constexpr std::string_view kKey = "password=";
  for (std::size_t pos = 0; pos < out.size(); ++pos) {
    if (!starts_with_icase(std::string_view(out).substr(pos), kKey)) continue;
    if (pos > 0 && std::string_view("?& \t").find(out[pos - 1]) == std::string_view::npos)
      continue;
    const std::size_t value = pos + kKey.size();
    std::size_t end;
    if (value < out.size() && out[value] == '\'') {  // conninfo quoting: 'it''s' or 'a\'b'
      end = value + 1;
      while (end < out.size() && out[end] != '\'') end += out[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, out.size());
    } else {
      end = out.find_first_of("& \t#", value);
      if (end == std::string::npos) end = out.size();
    }
    out.replace(value, end - value, "***");
    pos = value + 2;
  }
  return out;
}

}  // namespace hms::db

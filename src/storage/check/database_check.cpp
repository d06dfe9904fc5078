#include "storage/check/database_check.hpp"

#include <optional>

#include "storage/crypto/encrypted_fields.hpp"

namespace hms::storage {
namespace {

// Entries whose lines do not balance, or that have fewer than two.
constexpr const char* kUnbalanced =
    "SELECT e.id, e.journal, e.year, e.number FROM ledger_entries e"
    " LEFT JOIN (SELECT entry_id, COUNT(*) AS n, SUM(debit_cents) AS d, SUM(credit_cents) AS c"
    "            FROM ledger_lines GROUP BY entry_id) l ON l.entry_id = e.id"
    " WHERE l.n IS NULL OR l.n < 2 OR l.d <> l.c ORDER BY e.id";
// Numbering with a gap (or a number twice) per agency, journal and year.
constexpr const char* kGaps =
    "SELECT agency_id, journal, year, COUNT(*), MAX(number) FROM ledger_entries"
    " GROUP BY agency_id, journal, year HAVING COUNT(*) <> MAX(number) OR MIN(number) <> 1 ORDER BY 1, 2, 3";

CheckFinding integrity(db::Connection& c) {
  CheckFinding f;
  f.name = "integrity";
  if (c.backend() != db::Backend::sqlite) {
    f.applies = false;
    return f;
  }
  for (const auto& r : c.query("PRAGMA integrity_check")) {
    const auto line = r.text(0);
    if (line == "ok") continue;
    if (f.first.empty()) f.first = line;
    ++f.problems;
  }
  f.checked = c.query_one("PRAGMA page_count")->integer(0);
  return f;
}

CheckFinding foreign_keys(db::Connection& c) {
  CheckFinding f;
  f.name = "foreign_keys";
  if (c.backend() != db::Backend::sqlite) {
    f.applies = false;
    return f;
  }
  for (const auto& r : c.query("PRAGMA foreign_key_check")) {  // table, rowid, parent, fk index
    if (f.first.empty()) f.first = r.text(0) + " row " + (r.is_null(1) ? std::string("?") : r.text(1)) + " → " + r.text(2);
    ++f.problems;
  }
  f.checked = c.query_one("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'")->integer(0);
  return f;
}

CheckFinding journals(db::Connection& c) {
  CheckFinding f;
  f.name = "journals";
  f.checked = c.query_one("SELECT COUNT(*) FROM ledger_entries")->integer(0);
  for (const auto& r : c.query(kUnbalanced)) {
    if (f.first.empty())
      f.first = "ledger_entries " + r.text(0) + " (" + r.text(1) + " " + r.text(2) + "/" + r.text(3) + ")";
    ++f.problems;
  }
  for (const auto& r : c.query(kGaps)) {
    if (f.first.empty())
      f.first = "ledger_entries agency " + r.text(0) + " " + r.text(1) + " " + r.text(2) + ": " + r.text(3) + " ≠ 1.." + r.text(4);
    ++f.problems;
  }
  return f;
}

CheckFinding encrypted_fields(db::Connection& c, const FieldCipher& cipher) {
  CheckFinding f;
  f.name = "encrypted_fields";
  for (const auto& field : kEncryptedFields)
    for (const auto& r : c.query(field.values)) {
      ++f.checked;
      try {
        cipher.decrypt({field.place, r.integer(1), r.integer(0)}, r.text(2));
      } catch (const std::exception&) {  // another key, another row's value, a damaged value
        if (f.first.empty()) f.first = std::string(field.place) + " " + r.text(0);
        ++f.problems;
      }
    }
  return f;
}

// A check that stops on an error the database raises (a damaged page: "database disk image is
// malformed") reports it as its problem, and the other checks still run.
template <typename Check>
CheckFinding guarded(const char* name, Check check) {
  try {
    return check();
  } catch (const std::exception& e) {
    CheckFinding f;
    f.name = name;
    f.problems = 1;
    f.first = e.what();
    return f;
  }
}

}  // namespace

std::vector<CheckFinding> check_database(db::Database& db, const FieldCipher& cipher) {
  auto c = db.acquire();
  std::vector<CheckFinding> out;
  out.push_back(guarded("integrity", [&] { return integrity(*c); }));
  out.push_back(guarded("foreign_keys", [&] { return foreign_keys(*c); }));
  std::optional<db::Transaction> tx;  // the ledger and the fields as of one moment
  try {
    tx.emplace(*c, false);
  } catch (const std::exception&) {
  }
  out.push_back(guarded("journals", [&] { return journals(*c); }));
  out.push_back(guarded("encrypted_fields", [&] { return encrypted_fields(*c, cipher); }));
  return out;
}

}  // namespace hms::storage

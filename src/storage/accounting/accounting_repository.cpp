#include "storage/accounting/accounting_repository.hpp"

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

using std::chrono::year_month_day;

constexpr const char* kLastEntry = "SELECT COALESCE(MAX(id), 0) FROM ledger_entries WHERE agency_id = $1";
// The span's entries up to an id ($4), read by ledger_entries_agency_date; their lines by entry.
constexpr const char* kSpan =
    " FROM ledger_entries e WHERE e.agency_id = $1 AND e.posted_on >= $2 AND e.posted_on <= $3 AND e.id <= $4";
constexpr const char* kLines =
    "SELECT e.id, e.journal, e.year, e.number, e.posted_on, e.description, e.reverses, l.position, a.code,"
    " l.debit_cents, l.credit_cents, l.lease_id, l.owner_contract_id"
    " FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id"
    " WHERE e.agency_id = $1 AND e.posted_on >= $2 AND e.posted_on <= $3 AND e.id <= $4"
    " ORDER BY e.posted_on, e.journal, e.year, e.number, l.position";
constexpr const char* kReversedNames =
    "SELECT r.id, r.journal, r.year, r.number FROM ledger_entries r WHERE r.id IN (SELECT e.reverses";
constexpr const char* kTenants =
    "SELECT le.id, m.last_name, m.first_name, d.street, d.house_number, d.box, d.postcode, c.name_fr"
    " FROM leases le JOIN dwellings d ON d.id = le.dwelling_id"
    " LEFT JOIN applicant_members m ON m.applicant_id = le.applicant_id AND m.position = 0"
    " LEFT JOIN communes c ON c.postcode = d.postcode"
    " WHERE le.agency_id = $1 AND le.id IN (SELECT l.lease_id FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id"
    " WHERE e.agency_id = $1 AND e.posted_on >= $2 AND e.posted_on <= $3 AND e.id <= $4 AND l.lease_id IS NOT NULL)";
constexpr const char* kOwners =
    "SELECT oc.id, o.name, o.address FROM owner_contracts oc JOIN owners o ON o.id = oc.owner_id"
    " WHERE oc.agency_id = $1 AND oc.id IN (SELECT l.owner_contract_id FROM ledger_lines l"
    " JOIN ledger_entries e ON e.id = l.entry_id WHERE e.agency_id = $1 AND e.posted_on >= $2 AND e.posted_on <= $3"
    " AND e.id <= $4 AND l.owner_contract_id IS NOT NULL)";
constexpr const char* kInsert =
    "INSERT INTO accounting_exports (agency_id, from_date, to_date, format, last_entry_id, entries, lines, digest,"
    " exported_by, exported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr const char* kColumns =
    "SELECT x.id, x.agency_id, x.from_date, x.to_date, x.format, x.last_entry_id, x.entries, x.lines, x.digest,"
    " x.exported_by, COALESCE(u.name, ''), x.exported_at,"
    " (SELECT COUNT(*) FROM ledger_entries e WHERE e.agency_id = x.agency_id AND e.posted_on >= x.from_date"
    " AND e.posted_on <= x.to_date AND e.id > x.last_entry_id)"
    " FROM accounting_exports x LEFT JOIN users u ON u.id = x.exported_by ";

accounting::ExportRecord read_record(const db::Row& r) {
  accounting::ExportRecord x;
  x.id = r.integer(0);
  x.agency_id = r.integer(1);
  x.from = parse_date(r.text(2)).value();
  x.to = parse_date(r.text(3)).value();
  x.format = accounting::parse_format(r.text(4)).value_or(accounting::Format::csv);
  x.last_entry_id = r.integer(5);
  x.entries = r.integer(6);
  x.lines = r.integer(7);
  x.digest = r.text(8);
  x.exported_by = r.opt_integer(9);
  x.exported_by_name = r.text(10);
  x.exported_at = r.integer(11);
  x.posted_after = r.integer(12);
  return x;
}

db::Params span(std::int64_t agency_id, year_month_day from, year_month_day to, std::int64_t last_entry_id) {
  return {agency_id, to_iso(from), to_iso(to), last_entry_id};
}

std::string joined(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

}  // namespace

std::int64_t SqlAccountingRepository::last_entry_id(std::int64_t agency_id) {
  return c_.query_one(kLastEntry, {agency_id})->integer(0);
}

std::vector<accounting::ExportLine> SqlAccountingRepository::lines(std::int64_t agency_id, year_month_day from,
                                                                   year_month_day to, std::int64_t last_entry_id) {
  std::vector<accounting::ExportLine> out;
  for (const auto& r : c_.query(kLines, span(agency_id, from, to, last_entry_id))) {
    accounting::ExportLine l;
    l.entry_id = r.integer(0);
    l.journal = ledger::parse_journal(r.text(1)).value_or(ledger::Journal::misc);
    l.year = static_cast<int>(r.integer(2));
    l.number = r.integer(3);
    l.date = parse_date(r.text(4)).value();
    l.description = r.text(5);
    l.reverses = r.opt_integer(6);
    l.position = static_cast<int>(r.integer(7));
    l.account = r.text(8);
    l.debit = Money::from_cents(r.integer(9));
    l.credit = Money::from_cents(r.integer(10));
    l.lease_id = r.opt_integer(11);
    l.owner_contract_id = r.opt_integer(12);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<accounting::EntryName> SqlAccountingRepository::reversed_names(std::int64_t agency_id, year_month_day from,
                                                                           year_month_day to, std::int64_t last_entry_id) {
  std::vector<accounting::EntryName> out;
  for (const auto& r : c_.query(std::string(kReversedNames) + kSpan + " AND e.reverses IS NOT NULL)",
                                span(agency_id, from, to, last_entry_id)))
    out.push_back({r.integer(0), r.text(1) + "/" + r.text(2) + "/" + r.text(3)});
  return out;
}

std::vector<accounting::Party> SqlAccountingRepository::parties(std::int64_t agency_id, year_month_day from,
                                                                year_month_day to, std::int64_t last_entry_id) {
  std::vector<accounting::Party> out;
  for (const auto& r : c_.query(kTenants, span(agency_id, from, to, last_entry_id))) {
    accounting::Party p;
    p.kind = accounting::Party::Kind::tenant;
    p.id = r.integer(0);
    p.name = joined({r.opt_text(1).value_or(""), r.opt_text(2).value_or("")});
    p.street = joined({r.text(3), r.text(4), r.text(5).empty() ? "" : "bte " + r.text(5)});
    p.postcode = r.text(6);
    p.city = r.opt_text(7).value_or("");
    out.push_back(std::move(p));
  }
  for (const auto& r : c_.query(kOwners, span(agency_id, from, to, last_entry_id))) {
    accounting::Party p;
    p.kind = accounting::Party::Kind::owner;
    p.id = r.integer(0);
    p.name = r.text(1);
    p.street = r.text(2);
    out.push_back(std::move(p));
  }
  return out;
}

std::int64_t SqlAccountingRepository::insert(accounting::ExportRecord& x) {
  x.id = c_.query_one(kInsert, {x.agency_id, to_iso(x.from), to_iso(x.to), std::string(accounting::to_string(x.format)),
                                x.last_entry_id, x.entries, x.lines, x.digest, db::nullable(x.exported_by),
                                x.exported_at})
             ->integer(0);
  return x.id;
}

std::optional<accounting::ExportRecord> SqlAccountingRepository::find(std::int64_t id) {
  auto r = c_.query_one(std::string(kColumns) + "WHERE x.id = $1", {id});
  if (!r) return std::nullopt;
  return read_record(*r);
}

std::vector<accounting::ExportRecord> SqlAccountingRepository::list(std::int64_t agency_id, int limit) {
  std::vector<accounting::ExportRecord> out;
  for (const auto& r : c_.query(std::string(kColumns) + "WHERE x.agency_id = $1 ORDER BY x.id DESC LIMIT $2",
                                {agency_id, std::int64_t{limit}}))
    out.push_back(read_record(r));
  return out;
}

}  // namespace hms::storage

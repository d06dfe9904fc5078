#include "storage/leases/lease_repository.hpp"

#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "storage/db/dates.hpp"
#include "storage/db/where.hpp"
#include "storage/stock/dwelling_repository.hpp"  // like_pattern

namespace hms::storage {
namespace {

using db::opt_date;
using db::Where;
using std::chrono::year_month_day;

constexpr const char* kLeaseColumns =
    "SELECT l.id, l.agency_id, a.code, l.dwelling_id, d.reference, l.applicant_id, p.number,"
    " m.first_name, m.last_name, l.kind, l.start_date, l.end_date, l.tenant_rent_cents, l.tenant_rent_cap_cents,"
    " l.charges_cents, l.deposit_cents, l.deposit_form, l.deposit_held_by, l.deposit_returned_on,"
    " l.deposit_returned_cents, l.payment_reference, l.band, l.income_year, l.extended, l.notice_given_by,"
    " l.notice_received_on, l.end_reason, l.created_at, l.updated_at"
    " FROM leases l JOIN agencies a ON a.id = l.agency_id JOIN dwellings d ON d.id = l.dwelling_id"
    " JOIN applicants p ON p.id = l.applicant_id"
    " LEFT JOIN applicant_members m ON m.applicant_id = l.applicant_id AND m.position = 0 ";
constexpr const char* kInsertLease =
    "INSERT INTO leases (agency_id, dwelling_id, applicant_id, kind, start_date, end_date, tenant_rent_cents,"
    " tenant_rent_cap_cents, charges_cents, deposit_cents, deposit_form, deposit_held_by, deposit_returned_on,"
    " deposit_returned_cents, band, income_year, extended, notice_given_by, notice_received_on, end_reason,"
    " created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21)"
    " RETURNING id";
// The structured communication is made from the new id (unique in the database by construction).
constexpr const char* kSetReference = "UPDATE leases SET payment_reference = $2 WHERE id = $1";
constexpr const char* kUpdateLease =
    "UPDATE leases SET end_date = $2, charges_cents = $3, deposit_cents = $4, deposit_form = $5,"
    " deposit_held_by = $6, deposit_returned_on = $7, deposit_returned_cents = $8, extended = $9,"
    " notice_given_by = $10, notice_received_on = $11, end_reason = $12, updated_at = $13 WHERE id = $1";
constexpr const char* kInsertRent =
    "INSERT INTO lease_rents (agency_id, lease_id, valid_from, amount_cents, reason, cap_cents, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
// The lease keeps the amount of its latest version (by valid_from) for lists.
constexpr const char* kSyncLatestRent =
    "UPDATE leases SET tenant_rent_cents = r.amount_cents, tenant_rent_cap_cents = r.cap_cents, updated_at = $2"
    " FROM (SELECT amount_cents, cap_cents FROM lease_rents WHERE lease_id = $1"
    " ORDER BY valid_from DESC LIMIT 1) r WHERE leases.id = $1";
constexpr const char* kRentHistory =
    "SELECT valid_from, amount_cents, reason, cap_cents, recorded_at FROM lease_rents"
    " WHERE lease_id = $1 ORDER BY valid_from";
// Leases in force on a day per agency, and of them those whose household was eligible (at or
// below the admission income) when it signed.
constexpr const char* kIncomeMix =
    "SELECT l.agency_id, a.code, count(*), sum(CASE WHEN l.band = 'eligible' THEN 1 ELSE 0 END)"
    " FROM leases l JOIN agencies a ON a.id = l.agency_id ";

// An inventory replaces the previous one of its kind: its lines are written again.
// A deposit posting with its entry's date, the amount (the entry's first line: both lines carry
// the whole deposit) and whether a reversal of the entry exists.
constexpr const char* kDepositPostings =
    "SELECT d.lease_id, d.event, d.entry_id, e.posted_on,"
    " (SELECT l.debit_cents FROM ledger_lines l WHERE l.entry_id = d.entry_id AND l.position = 1),"
    " CASE WHEN EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = d.entry_id) THEN 1 ELSE 0 END"
    " FROM deposit_postings d JOIN ledger_entries e ON e.id = d.entry_id";
constexpr const char* kInsertDepositPosting =
    "INSERT INTO deposit_postings (agency_id, lease_id, event, entry_id) VALUES ($1, $2, $3, $4)";
constexpr const char* kFindInventory = "SELECT id FROM lease_inventories WHERE lease_id = $1 AND kind = $2";
constexpr const char* kInsertInventory =
    "INSERT INTO lease_inventories (agency_id, lease_id, kind, done_on, remarks, recorded_by, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr const char* kUpdateInventory =
    "UPDATE lease_inventories SET done_on = $2, remarks = $3, recorded_by = $4, recorded_at = $5 WHERE id = $1";
constexpr const char* kDeleteItems = "DELETE FROM lease_inventory_items WHERE inventory_id = $1";
constexpr const char* kInsertItem =
    "INSERT INTO lease_inventory_items (agency_id, inventory_id, position, room, item, item_condition, remarks)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kInventories =
    "SELECT i.id, i.agency_id, i.lease_id, i.kind, i.done_on, i.remarks, i.recorded_by, u.name, i.recorded_at"
    " FROM lease_inventories i LEFT JOIN users u ON u.id = i.recorded_by WHERE i.lease_id = $1 ORDER BY i.kind";
constexpr const char* kItems =
    "SELECT room, item, item_condition, remarks FROM lease_inventory_items WHERE inventory_id = $1 ORDER BY position";

leases::Lease read_lease(const db::Row& r) {
  leases::Lease l;
  l.id = r.integer(0);
  l.agency_id = r.integer(1);
  l.agency_code = r.text(2);
  l.dwelling_id = r.integer(3);
  l.dwelling_reference = r.text(4);
  l.applicant_id = r.integer(5);
  l.applicant_number = r.integer(6);
  l.household_name = r.opt_text(7).value_or("") + " " + r.opt_text(8).value_or("");
  if (l.household_name == " ") l.household_name.clear();
  l.kind = leases::parse_lease_kind(r.text(9)).value_or(leases::LeaseKind::standard);
  l.start = parse_date(r.text(10)).value();
  l.end = opt_date(r, 11);
  l.tenant_rent = Money::from_cents(r.integer(12));
  l.cap = db::opt_money(r, 13);
  l.charges = Money::from_cents(r.integer(14));
  l.deposit = Money::from_cents(r.integer(15));
  if (auto f = r.opt_text(16)) l.deposit_form = leases::parse_deposit_form(*f);
  l.deposit_held_by = r.text(17);
  l.deposit_returned_on = opt_date(r, 18);
  l.deposit_returned = db::opt_money(r, 19);
  l.payment_reference = r.opt_text(20).value_or("");
  l.band = r.text(21);
  l.income_year = static_cast<int>(r.integer(22));
  l.extended = r.integer(23) != 0;
  if (auto n = r.opt_text(24)) l.notice_by = leases::parse_notice_by(*n);
  l.notice_received_on = opt_date(r, 25);
  l.end_reason = r.text(26);
  l.created_at = r.integer(27);
  l.updated_at = r.integer(28);
  return l;
}

Where where_of(const leases::LeaseFilter& f) {
  Where w;
  if (f.agency_id) w.add("l.agency_id = ?", {*f.agency_id});
  if (f.dwelling_id) w.add("l.dwelling_id = ?", {*f.dwelling_id});
  if (f.applicant_id) w.add("l.applicant_id = ?", {*f.applicant_id});
  if (f.kind) w.add("l.kind = ?", {std::string(leases::to_string(*f.kind))});
  if (f.start_year)
    w.add("l.start_date >= ? AND l.start_date <= ?",
          {std::to_string(*f.start_year) + "-01-01", std::to_string(*f.start_year) + "-12-31"});
  if (f.in_force_on)
    w.add("l.start_date <= ? AND (l.end_date IS NULL OR l.end_date >= ?)",
          {to_iso(*f.in_force_on), to_iso(*f.in_force_on)});
  if (!f.query.empty()) {
    // A payment reference as typed (+++…+++) is searched by its digits.
    std::string digits;
    for (char c : f.query)
      if (c >= '0' && c <= '9') digits += c;
    std::string p = like_pattern(f.query);
    if (digits.size() == 12) w.add("l.payment_reference = ?", {digits});
    else w.add("(d.search_text LIKE ? OR p.search_text LIKE ?)", {p, p});
  }
  return w;
}

}  // namespace

std::int64_t SqlLeaseRepository::insert(leases::Lease& l) {
  const std::int64_t id =
      c_.query_one(kInsertLease,
                   {l.agency_id, l.dwelling_id, l.applicant_id, std::string(leases::to_string(l.kind)), to_iso(l.start),
                    db::nullable(l.end), l.tenant_rent.cents(), db::nullable(l.cap), l.charges.cents(), l.deposit.cents(),
                    l.deposit_form ? db::Value(std::string(leases::to_string(*l.deposit_form))) : db::Value(),
                    l.deposit_held_by, db::nullable(l.deposit_returned_on), db::nullable(l.deposit_returned), l.band,
                    std::int64_t{l.income_year}, std::int64_t{l.extended ? 1 : 0},
                    l.notice_by ? db::Value(std::string(leases::to_string(*l.notice_by))) : db::Value(),
                    db::nullable(l.notice_received_on), l.end_reason, l.created_at})
          ->integer(0);
  l.payment_reference = leases::payment_reference(id);
  c_.execute(kSetReference, {id, l.payment_reference});
  c_.execute(kInsertRent, {l.agency_id, id, to_iso(l.start), l.tenant_rent.cents(), std::string("initial"),
                           db::nullable(l.cap), l.created_at});
  return id;
}

void SqlLeaseRepository::update(const leases::Lease& l) {
  c_.execute(kUpdateLease,
             {l.id, db::nullable(l.end), l.charges.cents(), l.deposit.cents(),
              l.deposit_form ? db::Value(std::string(leases::to_string(*l.deposit_form))) : db::Value(),
              l.deposit_held_by, db::nullable(l.deposit_returned_on), db::nullable(l.deposit_returned),
              std::int64_t{l.extended ? 1 : 0},
              l.notice_by ? db::Value(std::string(leases::to_string(*l.notice_by))) : db::Value(),
              db::nullable(l.notice_received_on), l.end_reason, l.updated_at});
}

void SqlLeaseRepository::add_rent(std::int64_t lease_id, std::int64_t agency_id, const leases::LeaseRent& r) {
  try {
    c_.execute(kInsertRent,
               {agency_id, lease_id, to_iso(r.valid_from), r.amount.cents(), r.reason, db::nullable(r.cap), r.recorded_at});
  } catch (const db::ConstraintViolation&) {
    throw std::move(DomainError(ErrorKind::conflict, "leases.rent_version_exists")
                        .param("date", to_iso(r.valid_from))
                        .field("rent_from"));
  }
  c_.execute(kSyncLatestRent, {lease_id, r.recorded_at});
}

std::optional<leases::Lease> SqlLeaseRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kLeaseColumns) + "WHERE l.id = $1", {id});
  if (!r) return std::nullopt;
  auto l = read_lease(*r);
  for (const auto& row : c_.query(kRentHistory, {id})) {
    leases::LeaseRent v;
    v.valid_from = parse_date(row.text(0)).value();
    v.amount = Money::from_cents(row.integer(1));
    v.reason = row.text(2);
    v.cap = db::opt_money(row, 3);
    v.recorded_at = row.integer(4);
    l.rent_history.push_back(std::move(v));
  }
  return l;
}

std::vector<leases::Lease> SqlLeaseRepository::list(const leases::LeaseFilter& f, int limit, int offset) {
  Where w = where_of(f);
  std::string sql = std::string(kLeaseColumns) + w.sql + " ORDER BY l.start_date DESC, l.id DESC" +
                    w.limit_offset(limit, offset);
  std::vector<leases::Lease> out;
  for (const auto& r : c_.query(sql, w.params)) out.push_back(read_lease(r));
  return out;
}

std::int64_t SqlLeaseRepository::count(const leases::LeaseFilter& f) {
  Where w = where_of(f);
  std::string from = f.query.empty() ? "SELECT count(*) FROM leases l "
                                     : "SELECT count(*) FROM leases l JOIN dwellings d ON d.id = l.dwelling_id"
                                       " JOIN applicants p ON p.id = l.applicant_id ";
  return c_.query_one(from + w.sql, w.params)->integer(0);
}

std::vector<leases::Lease> SqlLeaseRepository::overlapping(std::int64_t dwelling_id, const DateRange& period,
                                                           std::optional<std::int64_t> except) {
  // As for owner contracts: stored ends are the last day covered.
  Where w;
  w.add("l.dwelling_id = ?", {dwelling_id});
  if (except) w.add("l.id <> ?", {*except});
  if (period.end()) w.add("l.start_date <= ?", {to_iso(add_days(*period.end(), -1))});
  w.add("(l.end_date IS NULL OR l.end_date >= ?)", {to_iso(period.start())});
  std::vector<leases::Lease> out;
  for (const auto& r : c_.query(std::string(kLeaseColumns) + w.sql + " ORDER BY l.start_date", w.params))
    out.push_back(read_lease(r));
  return out;
}

std::int64_t SqlLeaseRepository::save_inventory(const leases::Inventory& inv) {
  const std::string kind(leases::to_string(inv.kind));
  std::int64_t id = 0;
  if (auto found = c_.query_one(kFindInventory, {inv.lease_id, kind})) {
    id = found->integer(0);
    c_.execute(kUpdateInventory, {id, to_iso(inv.done_on), inv.remarks, db::nullable(inv.recorded_by), inv.recorded_at});
    c_.execute(kDeleteItems, {id});
  } else {
    id = c_.query_one(kInsertInventory,
                      {inv.agency_id, inv.lease_id, kind, to_iso(inv.done_on), inv.remarks,
                       db::nullable(inv.recorded_by), inv.recorded_at})
             ->integer(0);
  }
  std::int64_t position = 0;
  for (const auto& line : inv.items)
    c_.execute(kInsertItem, {inv.agency_id, id, position++, line.room, line.item,
                             std::string(leases::to_string(line.condition)), line.remarks});
  return id;
}

std::vector<leases::Inventory> SqlLeaseRepository::inventories(std::int64_t lease_id) {
  std::vector<leases::Inventory> out;
  for (const auto& r : c_.query(kInventories, {lease_id})) {
    leases::Inventory inv;
    inv.id = r.integer(0);
    inv.agency_id = r.integer(1);
    inv.lease_id = r.integer(2);
    inv.kind = leases::parse_inventory_kind(r.text(3)).value_or(leases::InventoryKind::entry);
    inv.done_on = parse_date(r.text(4)).value();
    inv.remarks = r.text(5);
    inv.recorded_by = r.opt_integer(6);
    inv.recorded_by_name = r.opt_text(7).value_or("");
    inv.recorded_at = r.integer(8);
    for (const auto& item : c_.query(kItems, {inv.id}))
      inv.items.push_back({item.text(0), item.text(1),
                           leases::parse_condition(item.text(2)).value_or(leases::Condition::good), item.text(3)});
    out.push_back(std::move(inv));
  }
  return out;
}

std::vector<leases::IncomeMixRow> SqlLeaseRepository::income_mix(std::optional<std::int64_t> agency_id,
                                                                  year_month_day day) {
  Where w;
  if (agency_id) w.add("l.agency_id = ?", {*agency_id});
  w.add("l.start_date <= ? AND (l.end_date IS NULL OR l.end_date >= ?)", {to_iso(day), to_iso(day)});
  std::vector<leases::IncomeMixRow> out;
  for (const auto& r : c_.query(std::string(kIncomeMix) + w.sql + " GROUP BY l.agency_id, a.code ORDER BY a.code",
                                w.params))
    out.push_back({r.integer(0), r.text(1), r.integer(2), r.integer(3)});
  return out;
}

namespace {

leases::DepositPosting deposit_posting(const db::Row& r) {
  return {r.integer(0), leases::parse_deposit_event(r.text(1)).value(), r.integer(2), parse_date(r.text(3)).value(),
          Money::from_cents(r.integer(4)), r.integer(5) != 0};
}

}  // namespace

std::vector<leases::DepositPosting> SqlLeaseRepository::deposit_postings(std::int64_t lease_id) {
  std::vector<leases::DepositPosting> out;
  for (const auto& r : c_.query(std::string(kDepositPostings) + " WHERE d.lease_id = $1 ORDER BY d.id", {lease_id}))
    out.push_back(deposit_posting(r));
  return out;
}

void SqlLeaseRepository::add_deposit_posting(std::int64_t agency_id, std::int64_t lease_id, leases::DepositEvent event,
                                             std::int64_t entry_id) {
  c_.execute(kInsertDepositPosting, {agency_id, lease_id, std::string(leases::to_string(event)), entry_id});
}

std::optional<leases::DepositPosting> SqlLeaseRepository::deposit_posting_of(std::int64_t entry_id) {
  auto r = c_.query_one(std::string(kDepositPostings) + " WHERE d.entry_id = $1", {entry_id});
  if (!r) return std::nullopt;
  return deposit_posting(*r);
}

}  // namespace hms::storage

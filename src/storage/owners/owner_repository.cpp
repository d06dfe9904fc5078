#include "storage/owners/owner_repository.hpp"

#include "storage/crypto/encrypted_fields.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "storage/db/dates.hpp"
#include "storage/db/where.hpp"
#include "storage/stock/dwelling_repository.hpp"  // like_pattern

namespace hms::storage {
namespace {

using std::chrono::year_month_day;
constexpr std::string_view kIbanColumn = kOwnerIbanPlace;

// The IBAN's ciphertext is bound to the owner's id (ADR 0007), known only after the INSERT:
// the row is inserted without it, then given it in the same transaction.
constexpr const char* kInsertOwner =
    "INSERT INTO owners (agency_id, kind, name, iban_cipher, iban_index, iban_country, iban_last4, company_number,"
    " email, phone, address, language, search_text, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id";
constexpr const char* kSetIban = "UPDATE owners SET iban_cipher = $2 WHERE id = $1";
constexpr const char* kOldIbans = "SELECT id, agency_id, iban_cipher FROM owners WHERE iban_cipher LIKE 'v1:%'";
constexpr const char* kUpdateOwner =
    "UPDATE owners SET kind = $2, name = $3, iban_cipher = $4, iban_index = $5, iban_country = $6, iban_last4 = $7,"
    " company_number = $8, email = $9, phone = $10, address = $11, language = $12, search_text = $13,"
    " updated_at = $14 WHERE id = $1";
constexpr const char* kOwnerColumns =
    "SELECT o.id, o.agency_id, a.code, o.kind, o.name, o.iban_cipher, o.company_number, o.email, o.phone,"
    " o.address, o.language, o.created_at, o.updated_at,"
    " (SELECT count(DISTINCT k.dwelling_id) FROM owner_contracts k WHERE k.owner_id = o.id)"
    " FROM owners o JOIN agencies a ON a.id = o.agency_id ";

// A choice reads no ciphertext: the IBAN's last four characters are kept in clear (V0004).
constexpr const char* kChoiceColumns =
    "SELECT o.id, o.agency_id, o.kind, o.name, o.company_number, o.iban_last4, o.address FROM owners o ";

constexpr const char* kContractColumns =
    "SELECT k.id, k.agency_id, a.code, k.dwelling_id, d.reference, k.owner_id, o.name, k.kind, k.start_date,"
    " k.end_date, k.signed_on, k.registered, k.management_fee_bp, k.guarantee_vacancy, k.guarantee_unpaid_rent,"
    " k.guarantee_damage, k.owner_rent_cents, k.cap_cents, k.created_at, k.updated_at, k.management_fee_default"
    " FROM owner_contracts k JOIN agencies a ON a.id = k.agency_id JOIN dwellings d ON d.id = k.dwelling_id"
    " JOIN owners o ON o.id = k.owner_id ";
constexpr const char* kInsertContract =
    "INSERT INTO owner_contracts (agency_id, dwelling_id, owner_id, kind, start_date, end_date, signed_on,"
    " registered, management_fee_bp, guarantee_vacancy, guarantee_unpaid_rent, guarantee_damage,"
    " owner_rent_cents, cap_cents, created_at, updated_at, management_fee_default)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id";
constexpr const char* kUpdateContract =
    "UPDATE owner_contracts SET kind = $2, start_date = $3, end_date = $4, signed_on = $5, registered = $6,"
    " management_fee_bp = $7, guarantee_vacancy = $8, guarantee_unpaid_rent = $9, guarantee_damage = $10,"
    " updated_at = $11, management_fee_default = $12 WHERE id = $1";
constexpr const char* kInsertRent =
    "INSERT INTO owner_contract_rents (agency_id, contract_id, valid_from, amount_cents, reason, cap_cents,"
    " recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
// The contract keeps the amount of its latest version (by valid_from) for lists and sorting.
constexpr const char* kSyncLatestRent =
    "UPDATE owner_contracts SET owner_rent_cents = r.amount_cents, cap_cents = r.cap_cents, updated_at = $2"
    " FROM (SELECT amount_cents, cap_cents FROM owner_contract_rents WHERE contract_id = $1"
    " ORDER BY valid_from DESC LIMIT 1) r WHERE owner_contracts.id = $1";
constexpr const char* kRentHistory =
    "SELECT valid_from, amount_cents, reason, cap_cents, recorded_at FROM owner_contract_rents"
    " WHERE contract_id = $1 ORDER BY valid_from";
// A later version takes the agency from its contract.
constexpr const char* kInsertLaterRent =
    "INSERT INTO owner_contract_rents (agency_id, contract_id, valid_from, amount_cents, reason, cap_cents,"
    " recorded_at) SELECT agency_id, id, CAST($2 AS TEXT), CAST($3 AS BIGINT), CAST($4 AS TEXT),"
    " CAST($5 AS BIGINT), CAST($6 AS BIGINT) FROM owner_contracts WHERE id = $1";

db::Value bool_value(bool b) { return std::int64_t{b ? 1 : 0}; }

using db::opt_date;
using db::Where;

Where where_of(const owners::OwnerFilter& f) {
  Where w;
  if (f.agency_id) w.add("o.agency_id = ?", {*f.agency_id});
  if (f.kind) w.add("o.kind = ?", {std::string(owners::to_string(*f.kind))});
  if (!f.query.empty()) {
    // Four digits may also be the end of the IBAN, stored in clear for this ("7034" finds
    // BE71 0961 2345 7034): no IBAN is decrypted to search.
    const auto q = trim(f.query);
    if (q.size() == 4 && q.find_first_not_of("0123456789") == std::string_view::npos)
      w.add("(o.search_text LIKE ? OR o.iban_last4 = ?)", {like_pattern(f.query), std::string(q)});
    else
      w.add("o.search_text LIKE ?", {like_pattern(f.query)});
  }
  return w;
}

Where where_of(const owners::ContractFilter& f) {
  Where w;
  if (f.agency_id) w.add("k.agency_id = ?", {*f.agency_id});
  if (f.dwelling_id) w.add("k.dwelling_id = ?", {*f.dwelling_id});
  if (f.owner_id) w.add("k.owner_id = ?", {*f.owner_id});
  if (f.kind) w.add("k.kind = ?", {std::string(owners::to_string(*f.kind))});
  if (f.ending_from) w.add("k.end_date >= ?", {to_iso(*f.ending_from)});
  if (f.ending_to) w.add("k.end_date <= ?", {to_iso(*f.ending_to)});
  if (f.in_force_on)
    w.add("k.start_date <= ? AND (k.end_date IS NULL OR k.end_date >= ?)", {to_iso(*f.in_force_on), to_iso(*f.in_force_on)});
  if (!f.query.empty()) {
    std::string p = like_pattern(f.query);
    w.add("(d.search_text LIKE ? OR o.search_text LIKE ?)", {p, p});
  }
  return w;
}

owners::OwnerContract read_contract(const db::Row& r) {
  owners::OwnerContract k;
  k.id = r.integer(0);
  k.agency_id = r.integer(1);
  k.agency_code = r.text(2);
  k.dwelling_id = r.integer(3);
  k.dwelling_reference = r.text(4);
  k.owner_id = r.integer(5);
  k.owner_name = r.text(6);
  k.kind = owners::parse_contract_kind(r.text(7)).value_or(owners::ContractKind::main_lease);
  k.start = parse_date(r.text(8)).value();
  k.end = opt_date(r, 9);
  k.signed_on = opt_date(r, 10);
  k.registered = r.integer(11) != 0;
  k.management_fee = db::rate(r.opt_integer(12));
  k.guarantee_vacancy = r.integer(13) != 0;
  k.guarantee_unpaid_rent = r.integer(14) != 0;
  k.guarantee_damage = r.integer(15) != 0;
  k.owner_rent = Money::from_cents(r.integer(16));
  k.cap = db::opt_money(r, 17);
  k.created_at = r.integer(18);
  k.updated_at = r.integer(19);
  k.management_fee_default = r.integer(20) != 0;
  return k;
}

}  // namespace

owners::Owner SqlOwnerRepository::read(const db::Row& r) const {
  owners::Owner o;
  o.id = r.integer(0);
  o.agency_id = r.integer(1);
  o.agency_code = r.text(2);
  o.kind = owners::parse_owner_kind(r.text(3)).value_or(owners::OwnerKind::person);
  o.name = r.text(4);
  try {
    // '' : no IBAN recorded (data from before the IBAN was required): read as missing, which
    // the owner payment run lists as such rather than failing on it.
    if (!r.text(5).empty()) o.iban = cipher_.decrypt({kIbanColumn, o.agency_id, o.id}, r.text(5));
  } catch (const MovedValue&) {
    throw std::move(DomainError(ErrorKind::conflict, "owners.iban_unreadable")
                        .param("owner", std::to_string(o.id))
                        .param("agency", std::to_string(o.agency_id)));
  }
  o.company_number = r.text(6);
  o.email = r.text(7);
  o.phone = r.text(8);
  o.address = r.text(9);
  o.language = r.text(10);
  o.created_at = r.integer(11);
  o.updated_at = r.integer(12);
  o.dwellings = r.integer(13);
  return o;
}

namespace {
// $2…$13 of kInsertOwner and kUpdateOwner (a new owner's IBAN: '' until it has an id).
db::Params owner_values(const owners::Owner& o, const FieldCipher& cipher) {
  return {std::string(owners::to_string(o.kind)),
          o.name,
          o.id ? cipher.encrypt({kIbanColumn, o.agency_id, o.id}, o.iban) : std::string(),
          cipher.blind_index(kIbanColumn, o.iban),
          o.iban.substr(0, 2),
          o.iban.size() >= 4 ? o.iban.substr(o.iban.size() - 4) : o.iban,
          o.company_number,
          o.email,
          o.phone,
          o.address,
          o.language,
          to_lower_ascii(o.name + " " + o.email + " " + o.company_number)};
}
}  // namespace

std::int64_t SqlOwnerRepository::insert(const owners::Owner& o) {
  db::Params p{o.agency_id};
  for (auto& v : owner_values(o, cipher_)) p.push_back(std::move(v));
  p.emplace_back(o.created_at);
  const std::int64_t id = c_.query_one(kInsertOwner, p)->integer(0);
  c_.execute(kSetIban, {id, cipher_.encrypt({kIbanColumn, o.agency_id, id}, o.iban)});
  return id;
}

std::int64_t SqlOwnerRepository::reencrypt_old_ibans() {
  std::int64_t n = 0;
  for (const auto& r : c_.query(kOldIbans)) {
    const FieldPlace place{kIbanColumn, r.integer(1), r.integer(0)};
    c_.execute(kSetIban, {place.row_id, cipher_.encrypt(place, cipher_.decrypt(place, r.text(2)))});
    ++n;
  }
  return n;
}

void SqlOwnerRepository::update(const owners::Owner& o) {
  db::Params p{o.id};
  for (auto& v : owner_values(o, cipher_)) p.push_back(std::move(v));
  p.emplace_back(o.updated_at);
  c_.execute(kUpdateOwner, p);
}

std::optional<owners::Owner> SqlOwnerRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kOwnerColumns) + "WHERE o.id = $1", {id});
  return r ? std::optional(read(*r)) : std::nullopt;
}

std::optional<owners::Owner> SqlOwnerRepository::find_by_iban_and_name(std::int64_t agency_id, std::string_view iban,
                                                                       std::string_view name) {
  // The blind index finds the owners with that IBAN (a handful); the names are compared here,
  // the same way on both databases (PostgreSQL's lower() folds "É", SQLite's does not).
  const std::string wanted = to_lower_ascii(trim(name));
  for (const auto& r : c_.query(std::string(kOwnerColumns) + "WHERE o.agency_id = $1 AND o.iban_index = $2 ORDER BY o.id",
                                {agency_id, cipher_.blind_index(kIbanColumn, iban)})) {
    auto o = read(r);
    if (to_lower_ascii(trim(o.name)) == wanted) return o;
  }
  return std::nullopt;
}

std::vector<owners::Owner> SqlOwnerRepository::list(const owners::OwnerFilter& f, int limit, int offset) {
  Where w = where_of(f);
  std::string sql = std::string(kOwnerColumns) + w.sql + " ORDER BY o.name, o.id" + w.limit_offset(limit, offset);
  std::vector<owners::Owner> out;
  for (const auto& r : c_.query(sql, w.params)) out.push_back(read(r));
  return out;
}

std::vector<owners::OwnerChoice> SqlOwnerRepository::choices(const owners::OwnerFilter& f,
                                                             std::optional<std::int64_t> only_id, int limit) {
  Where w = where_of(f);
  if (only_id) w.add("o.id = ?", {*only_id});
  std::string sql = std::string(kChoiceColumns) + w.sql + " ORDER BY o.name, o.id" + w.limit_offset(limit, 0);
  std::vector<owners::OwnerChoice> out;
  for (const auto& r : c_.query(sql, w.params)) {
    owners::OwnerChoice c;
    c.id = r.integer(0);
    c.agency_id = r.integer(1);
    c.kind = owners::parse_owner_kind(r.text(2)).value_or(owners::OwnerKind::person);
    c.name = r.text(3);
    c.company_number = r.text(4);
    c.iban_last4 = r.text(5);
    c.commune = owners::commune_of(r.text(6));
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t SqlOwnerRepository::count(const owners::OwnerFilter& f) {
  Where w = where_of(f);
  return c_.query_one("SELECT count(*) FROM owners o " + w.sql, w.params)->integer(0);
}

std::int64_t SqlOwnerContractRepository::insert(const owners::OwnerContract& k) {
  std::int64_t id = c_.query_one(kInsertContract,
                                 {k.agency_id, k.dwelling_id, k.owner_id, std::string(owners::to_string(k.kind)),
                                  to_iso(k.start), db::nullable(k.end), db::nullable(k.signed_on), bool_value(k.registered),
                                  db::nullable(k.management_fee), bool_value(k.guarantee_vacancy),
                                  bool_value(k.guarantee_unpaid_rent), bool_value(k.guarantee_damage),
                                  k.owner_rent.cents(),
                                  k.cap ? db::Value(k.cap->cents()) : db::Value(), k.created_at,
                                  bool_value(k.management_fee_default)})
                        ->integer(0);
  c_.execute(kInsertRent, {k.agency_id, id, to_iso(k.start), k.owner_rent.cents(), std::string("initial"),
                           k.cap ? db::Value(k.cap->cents()) : db::Value(), k.created_at});
  return id;
}

void SqlOwnerContractRepository::update(const owners::OwnerContract& k) {
  c_.execute(kUpdateContract, {k.id, std::string(owners::to_string(k.kind)), to_iso(k.start), db::nullable(k.end),
                               db::nullable(k.signed_on), bool_value(k.registered), db::nullable(k.management_fee),
                               bool_value(k.guarantee_vacancy), bool_value(k.guarantee_unpaid_rent),
                               bool_value(k.guarantee_damage), k.updated_at, bool_value(k.management_fee_default)});
}

void SqlOwnerContractRepository::add_rent_version(std::int64_t contract_id, const owners::RentVersion& v) {
  try {
    if (c_.execute(kInsertLaterRent, {contract_id, to_iso(v.valid_from), v.amount.cents(), v.reason,
                                      v.cap ? db::Value(v.cap->cents()) : db::Value(), v.recorded_at}) == 0)
      return;  // no such contract
  } catch (const db::ConstraintViolation&) {
    throw std::move(DomainError(ErrorKind::conflict, "owners.rent_version_exists")
                        .param("date", to_iso(v.valid_from))
                        .field("valid_from"));
  }
  c_.execute(kSyncLatestRent, {contract_id, v.recorded_at});
}

std::optional<owners::OwnerContract> SqlOwnerContractRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kContractColumns) + "WHERE k.id = $1", {id});
  if (!r) return std::nullopt;
  auto k = read_contract(*r);
  for (const auto& row : c_.query(kRentHistory, {id})) {
    owners::RentVersion v;
    v.valid_from = parse_date(row.text(0)).value();
    v.amount = Money::from_cents(row.integer(1));
    v.reason = row.text(2);
    v.cap = db::opt_money(row, 3);
    v.recorded_at = row.integer(4);
    k.rent_history.push_back(std::move(v));
  }
  return k;
}

std::vector<owners::OwnerContract> SqlOwnerContractRepository::list(const owners::ContractFilter& f, int limit,
                                                                    int offset) {
  Where w = where_of(f);
  std::string sql = std::string(kContractColumns) + w.sql + " ORDER BY d.reference, k.start_date, k.id" +
                    w.limit_offset(limit, offset);
  std::vector<owners::OwnerContract> out;
  for (const auto& r : c_.query(sql, w.params)) out.push_back(read_contract(r));
  return out;
}

std::int64_t SqlOwnerContractRepository::count(const owners::ContractFilter& f) {
  Where w = where_of(f);
  std::string from = f.query.empty() ? "SELECT count(*) FROM owner_contracts k "
                                     : "SELECT count(*) FROM owner_contracts k JOIN dwellings d ON d.id = k.dwelling_id"
                                       " JOIN owners o ON o.id = k.owner_id ";
  return c_.query_one(from + w.sql, w.params)->integer(0);
}

std::vector<owners::OwnerContract> SqlOwnerContractRepository::overlapping(std::int64_t dwelling_id,
                                                                           const DateRange& period,
                                                                           std::optional<std::int64_t> except) {
  // Stored ends are the last day covered: a contract overlaps [start, end) when it starts on
  // or before the period's last day and ends on or after `start`. (Compared with the last day,
  // not `end`: the day after 9999-12-31 is "10000-01-01", which sorts before every date.)
  Where w;
  w.add("k.dwelling_id = ?", {dwelling_id});
  if (except) w.add("k.id <> ?", {*except});
  if (period.end()) w.add("k.start_date <= ?", {to_iso(add_days(*period.end(), -1))});
  w.add("(k.end_date IS NULL OR k.end_date >= ?)", {to_iso(period.start())});
  std::vector<owners::OwnerContract> out;
  for (const auto& r : c_.query(std::string(kContractColumns) + w.sql + " ORDER BY k.start_date", w.params))
    out.push_back(read_contract(r));
  return out;
}

std::vector<owners::RentInForce> SqlOwnerContractRepository::rents_in_force(std::optional<std::int64_t> agency_id,
                                                                          year_month_day day) {
  Where w;
  if (agency_id) w.add("k.agency_id = ?", {*agency_id});
  w.add("k.start_date <= ? AND (k.end_date IS NULL OR k.end_date >= ?)", {to_iso(day), to_iso(day)});
  std::vector<owners::RentInForce> out;
  for (const auto& r : c_.query("SELECT k.owner_rent_cents, d.dwelling_type, d.bedrooms FROM owner_contracts k"
                                " JOIN dwellings d ON d.id = k.dwelling_id " + w.sql,
                                w.params))
    out.push_back({Money::from_cents(r.integer(0)),
                   stock::parse_dwelling_type(r.text(1)).value_or(stock::DwellingType::apartment),
                   static_cast<int>(r.integer(2))});
  return out;
}

}  // namespace hms::storage

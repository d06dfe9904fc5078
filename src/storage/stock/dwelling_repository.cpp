#include "storage/stock/dwelling_repository.hpp"

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "storage/db/dates.hpp"
#include "storage/db/where.hpp"

namespace hms::storage {
namespace {

using std::chrono::year_month_day;

constexpr const char* kFindCommune = "SELECT postcode, nis_code, name_fr, name_nl FROM communes WHERE postcode = $1";
constexpr const char* kListCommunes = "SELECT postcode, nis_code, name_fr, name_nl FROM communes ORDER BY postcode";
constexpr const char* kFindBuilding = "SELECT id FROM buildings WHERE agency_id = $1 AND address_key = $2";
// A dwelling at the same address created at the same moment by another transaction may make
// the building first: then nothing is inserted (no constraint error, which would abort the
// transaction on PostgreSQL) and the building is read again once that transaction committed.
constexpr const char* kInsertBuilding =
    "INSERT INTO buildings (agency_id, address_key, street, house_number, postcode, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_id, address_key) DO NOTHING RETURNING id";
constexpr const char* kInsertDwelling =
    "INSERT INTO dwellings (agency_id, reference, building_id, street, house_number, box, postcode, floor,"
    " dwelling_type, bedrooms, surface_dm2, peb_class, peb_number, peb_date, cadastral_reference, categories,"
    " status, status_since, search_text, created_at, updated_at, vacancy_reason, vacancy_note)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22)"
    " RETURNING id";
constexpr const char* kUpdateDwelling =
    "UPDATE dwellings SET reference = $2, building_id = $3, street = $4, house_number = $5, box = $6,"
    " postcode = $7, floor = $8, dwelling_type = $9, bedrooms = $10, surface_dm2 = $11, peb_class = $12,"
    " peb_number = $13, peb_date = $14, cadastral_reference = $15, categories = $16, search_text = $17,"
    " updated_at = $18 WHERE id = $1";
constexpr const char* kDwellingColumns =
    "SELECT d.id, d.agency_id, a.code, d.reference, d.building_id, d.street, d.house_number, d.box, d.postcode,"
    " c.nis_code, c.name_fr, c.name_nl, d.floor, d.dwelling_type, d.bedrooms, d.surface_dm2, d.peb_class,"
    " d.peb_number, d.peb_date, d.cadastral_reference, d.categories, d.status, d.status_since, d.created_at,"
    " d.updated_at, d.vacancy_reason, d.vacancy_note FROM dwellings d JOIN agencies a ON a.id = d.agency_id"
    " JOIN communes c ON c.postcode = d.postcode ";
constexpr const char* kCountDwellings = "SELECT count(*) FROM dwellings d ";
constexpr const char* kInsertStatus =
    "INSERT INTO dwelling_statuses (agency_id, dwelling_id, status, from_date, to_date, recorded_at, recorded_by,"
    " recorded_source, vacancy_reason, vacancy_note) VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9)";
// A later period takes the agency from its dwelling.
constexpr const char* kInsertLaterStatus =
    "INSERT INTO dwelling_statuses (agency_id, dwelling_id, status, from_date, to_date, recorded_at, recorded_by,"
    " recorded_source, vacancy_reason, vacancy_note)"
    " SELECT agency_id, id, CAST($2 AS TEXT), CAST($3 AS TEXT), NULL, CAST($4 AS BIGINT), CAST($5 AS BIGINT),"
    " CAST($6 AS TEXT), CAST($7 AS TEXT), CAST($8 AS TEXT) FROM dwellings WHERE id = $1";
constexpr const char* kCloseStatus =
    "UPDATE dwelling_statuses SET to_date = $2 WHERE dwelling_id = $1 AND to_date IS NULL";
constexpr const char* kSetStatus =
    "UPDATE dwellings SET status = $2, status_since = $3, updated_at = $4, vacancy_reason = $5, vacancy_note = $6"
    " WHERE id = $1";
constexpr const char* kHistory =
    "SELECT s.status, s.from_date, s.to_date, s.recorded_at, s.recorded_by, s.recorded_source, s.vacancy_reason,"
    " s.vacancy_note, u.name FROM dwelling_statuses s LEFT JOIN users u ON u.id = s.recorded_by"
    " WHERE s.dwelling_id = $1 ORDER BY s.from_date, s.id";
constexpr const char* kReferences = "SELECT reference FROM dwellings WHERE agency_id = $1";
constexpr const char* kLock = "UPDATE dwellings SET updated_at = $2 WHERE id = $1";

stock::Commune read_commune(const db::Row& r, std::size_t at) {
  return {r.text(at), r.text(at + 1), r.text(at + 2), r.text(at + 3)};
}

using db::opt_date;

stock::Dwelling read_dwelling(const db::Row& r) {
  stock::Dwelling d;
  d.id = r.integer(0);
  d.agency_id = r.integer(1);
  d.agency_code = r.text(2);
  d.reference = r.text(3);
  d.building_id = r.integer(4);
  d.street = r.text(5);
  d.number = r.text(6);
  d.box = r.text(7);
  d.commune = read_commune(r, 8);
  if (auto f = r.opt_integer(12)) d.floor = static_cast<int>(*f);
  d.type = stock::parse_dwelling_type(r.text(13)).value_or(stock::DwellingType::apartment);
  d.bedrooms = static_cast<int>(r.integer(14));
  d.surface_dm2 = r.opt_integer(15);
  if (auto p = r.opt_text(16); p && !p->empty()) d.peb_class = (*p)[0];
  d.peb_number = r.text(17);
  d.peb_date = opt_date(r, 18);
  d.cadastral_reference = r.text(19);
  const std::string categories = r.text(20);  // split() gives views into it: keep it alive
  for (auto part : split(categories, ','))
    if (!part.empty()) d.categories.emplace_back(part);
  d.status = stock::parse_dwelling_status(r.text(21)).value_or(stock::DwellingStatus::active);
  d.status_since = parse_date(r.text(22)).value();
  d.created_at = r.integer(23);
  d.updated_at = r.integer(24);
  if (auto reason = r.opt_text(25)) d.status_record.vacancy_reason = stock::parse_vacancy_reason(*reason);
  d.status_record.vacancy_note = r.text(26);
  return d;
}

std::string join_categories(const std::vector<std::string>& categories) {
  std::string out;
  for (const auto& c : categories) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string search_text(const stock::Dwelling& d) {
  return to_lower_ascii(d.reference + " " + d.street + " " + d.number + " " + d.box + " " + d.commune.postcode + " " +
                        d.commune.name_fr + " " + d.commune.name_nl + " " + d.cadastral_reference);
}

std::string address_key(const stock::Dwelling& d) {
  return to_lower_ascii(std::string(trim(d.street)) + "|" + std::string(trim(d.number)) + "|" + d.commune.postcode);
}

db::Value opt_value(const std::optional<int>& v) { return v ? db::Value(std::int64_t{*v}) : db::Value(); }
db::Value opt_value(const std::optional<year_month_day>& v) { return v ? db::Value(to_iso(*v)) : db::Value(); }
db::Value opt_value(const std::optional<char>& v) { return v ? db::Value(std::string(1, *v)) : db::Value(); }
db::Value opt_value(const std::optional<stock::VacancyReason>& v) {
  return v ? db::Value(std::string(stock::to_string(*v))) : db::Value();
}
db::Value opt_value(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(); }

// Only a vacant period keeps a reason.
std::optional<stock::VacancyReason> vacancy_reason_of(stock::DwellingStatus status, const stock::StatusRecord& r) {
  return status == stock::DwellingStatus::vacant ? r.vacancy_reason : std::nullopt;
}
std::string vacancy_note_of(stock::DwellingStatus status, const stock::StatusRecord& r) {
  return status == stock::DwellingStatus::vacant ? r.vacancy_note : std::string();
}

using db::Where;

Where where_of(const stock::DwellingFilter& f) {
  Where w;
  if (f.agency_id) w.add("d.agency_id = ?", {*f.agency_id});
  if (!f.postcode.empty()) w.add("d.postcode = ?", {f.postcode});
  if (!f.nis_code.empty()) w.add("d.postcode IN (SELECT c.postcode FROM communes c WHERE c.nis_code = ?)", {f.nis_code});
  // The status in force today is (or, with op "<>", is not) `status`: the dwelling's latest
  // period when it has begun (the common case, on the index), else the period before it, still
  // running today; a dwelling whose first period has not begun has none and matches neither.
  const std::string today = to_iso(f.today.value_or(year_month_day{std::chrono::year{9999}, std::chrono::month{12}, std::chrono::day{31}}));
  auto in_force = [&](const char* op, const std::string& status, const std::string& before) {
    w.add(std::string("((d.status ") + op + " ? AND d.status_since <= ? AND d.status_since < ?) OR (d.status_since > ? AND EXISTS ("
          "SELECT 1 FROM dwelling_statuses s WHERE s.dwelling_id = d.id AND s.status " + op + " ? AND s.from_date <= ?"
          " AND s.from_date < ? AND s.to_date > ?)))",
          {status, today, before, today, status, today, before, today});
  };
  if (f.status)
    in_force("=", std::string(stock::to_string(*f.status)),
             f.status_since_before ? to_iso(*f.status_since_before) : "9999-12-31");
  if (f.managed_only) in_force("<>", "ended", "9999-12-31");
  if (f.without_peb) w.add("d.peb_class IS NULL", {});
  if (f.type) w.add("d.dwelling_type = ?", {std::string(stock::to_string(*f.type))});
  if (f.bedrooms) w.add("d.bedrooms = ?", {std::int64_t{*f.bedrooms}});
  if (f.building_id) w.add("d.building_id = ?", {*f.building_id});
  if (!f.query.empty()) w.add("d.search_text LIKE ?", {like_pattern(f.query)});
  return w;
}

const char* order_of(stock::SortOrder s) {
  switch (s.by) {
    case stock::DwellingSort::reference: return s.descending ? "d.reference DESC, d.id" : "d.reference, d.id";
    case stock::DwellingSort::address:
      return s.descending ? "d.street DESC, d.house_number DESC, d.box DESC, d.id" : "d.street, d.house_number, d.box, d.id";
    case stock::DwellingSort::commune: return s.descending ? "d.postcode DESC, d.reference, d.id" : "d.postcode, d.reference, d.id";
    case stock::DwellingSort::bedrooms: return s.descending ? "d.bedrooms DESC, d.reference, d.id" : "d.bedrooms, d.reference, d.id";
    case stock::DwellingSort::status: return s.descending ? "d.status DESC, d.reference, d.id" : "d.status, d.reference, d.id";
    case stock::DwellingSort::updated: return s.descending ? "d.updated_at DESC, d.id" : "d.updated_at, d.id";
  }
  return "d.reference, d.id";
}

}  // namespace

std::string like_pattern(std::string_view query) {
  std::string pattern;
  for (char c : to_lower_ascii(trim(query)))
    if (c != '%' && c != '_' && c != '\\') pattern += c;  // a search term, not a pattern
  return "%" + pattern + "%";
}

std::optional<stock::Commune> SqlDwellingRepository::commune(std::string_view postcode) {
  auto r = c_.query_one(kFindCommune, {std::string(postcode)});
  return r ? std::optional(read_commune(*r, 0)) : std::nullopt;
}

std::vector<stock::Commune> SqlDwellingRepository::communes() {
  std::vector<stock::Commune> out;
  for (const auto& r : c_.query(kListCommunes)) out.push_back(read_commune(r, 0));
  return out;
}

std::int64_t SqlDwellingRepository::building_for(const stock::Dwelling& d) {
  const std::string key = address_key(d);
  if (auto r = c_.query_one(kFindBuilding, {d.agency_id, key})) return r->integer(0);
  if (auto r = c_.query_one(kInsertBuilding, {d.agency_id, key, d.street, d.number, d.commune.postcode, d.updated_at}))
    return r->integer(0);
  return c_.query_one(kFindBuilding, {d.agency_id, key})->integer(0);  // made meanwhile by another transaction
}

std::int64_t SqlDwellingRepository::insert(const stock::Dwelling& d) {
  std::int64_t building = building_for(d);
  // The unique (agency_id, reference) constraint says whether the reference is taken: no lookup
  // first (on PostgreSQL a lookup planned on an empty table scans the agency's rows, which made
  // a 10,000-row import quadratic).
  std::optional<db::Row> inserted;
  try {
    inserted = c_.query_one(kInsertDwelling,
                                 {d.agency_id, d.reference, building, d.street, d.number, d.box, d.commune.postcode,
                                  opt_value(d.floor), std::string(stock::to_string(d.type)), std::int64_t{d.bedrooms},
                                  db::nullable(d.surface_dm2), opt_value(d.peb_class), d.peb_number,
                                  opt_value(d.peb_date), d.cadastral_reference, join_categories(d.categories),
                                  std::string(stock::to_string(d.status)), to_iso(d.status_since), search_text(d),
                                  d.created_at, opt_value(vacancy_reason_of(d.status, d.status_record)),
                                  vacancy_note_of(d.status, d.status_record)});
  } catch (const db::ConstraintViolation&) {
    throw std::move(DomainError(ErrorKind::conflict, "stock.reference_taken").param("reference", d.reference).field("reference"));
  }
  const std::int64_t id = inserted->integer(0);
  c_.execute(kInsertStatus, {d.agency_id, id, std::string(stock::to_string(d.status)), to_iso(d.status_since),
                             d.created_at, opt_value(d.status_record.user_id),
                             std::string(stock::to_string(d.status_record.source)),
                             opt_value(vacancy_reason_of(d.status, d.status_record)),
                             vacancy_note_of(d.status, d.status_record)});
  return id;
}

void SqlDwellingRepository::update(const stock::Dwelling& d) {
  if (auto other = find_by_reference(d.agency_id, d.reference); other && other->id != d.id)
    throw std::move(DomainError(ErrorKind::conflict, "stock.reference_taken").param("reference", d.reference).field("reference"));
  std::int64_t building = building_for(d);
  try {
    c_.execute(kUpdateDwelling, {d.id, d.reference, building, d.street, d.number, d.box, d.commune.postcode,
                                 opt_value(d.floor), std::string(stock::to_string(d.type)), std::int64_t{d.bedrooms},
                                 db::nullable(d.surface_dm2), opt_value(d.peb_class), d.peb_number,
                                 opt_value(d.peb_date), d.cadastral_reference, join_categories(d.categories),
                                 search_text(d), d.updated_at});
  } catch (const db::ConstraintViolation&) {
    // The reference taken meanwhile by another transaction (unique (agency_id, reference)).
    throw std::move(DomainError(ErrorKind::conflict, "stock.reference_taken").param("reference", d.reference).field("reference"));
  }
}

std::optional<stock::Dwelling> SqlDwellingRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kDwellingColumns) + "WHERE d.id = $1", {id});
  return r ? std::optional(read_dwelling(*r)) : std::nullopt;
}

std::optional<stock::Dwelling> SqlDwellingRepository::find_by_reference(std::int64_t agency_id,
                                                                        std::string_view reference) {
  auto r = c_.query_one(std::string(kDwellingColumns) + "WHERE d.agency_id = $1 AND d.reference = $2",
                        {agency_id, std::string(reference)});
  return r ? std::optional(read_dwelling(*r)) : std::nullopt;
}

std::vector<stock::Dwelling> SqlDwellingRepository::list(const stock::DwellingFilter& f, stock::SortOrder sort,
                                                         int limit, int offset) {
  Where w = where_of(f);
  std::string sql = std::string(kDwellingColumns) + w.sql + " ORDER BY " + order_of(sort) + w.limit_offset(limit, offset);
  std::vector<stock::Dwelling> out;
  for (const auto& r : c_.query(sql, w.params)) out.push_back(read_dwelling(r));
  return out;
}

std::int64_t SqlDwellingRepository::count(const stock::DwellingFilter& f) {
  Where w = where_of(f);
  return c_.query_one(std::string(kCountDwellings) + w.sql, w.params)->integer(0);
}

void SqlDwellingRepository::change_status(std::int64_t dwelling_id, stock::DwellingStatus status,
                                          year_month_day from, std::int64_t now, const stock::StatusRecord& record) {
  const std::string name(stock::to_string(status));
  auto reason = opt_value(vacancy_reason_of(status, record));
  auto note = vacancy_note_of(status, record);
  c_.execute(kCloseStatus, {dwelling_id, to_iso(from)});
  c_.execute(kInsertLaterStatus, {dwelling_id, name, to_iso(from), now, opt_value(record.user_id),
                                  std::string(stock::to_string(record.source)), reason, note});
  c_.execute(kSetStatus, {dwelling_id, name, to_iso(from), now, reason, note});
}

std::vector<std::string> SqlDwellingRepository::references(std::int64_t agency_id) {
  std::vector<std::string> out;
  for (const auto& r : c_.query(kReferences, {agency_id})) out.push_back(r.text(0));
  return out;
}

std::vector<stock::StatusPeriod> SqlDwellingRepository::status_history(std::int64_t dwelling_id) {
  std::vector<stock::StatusPeriod> out;
  for (const auto& r : c_.query(kHistory, {dwelling_id})) {
    stock::StatusPeriod p;
    p.status = stock::parse_dwelling_status(r.text(0)).value_or(stock::DwellingStatus::active);
    p.from = parse_date(r.text(1)).value();
    p.to = opt_date(r, 2);
    p.recorded_at = r.integer(3);
    p.record.user_id = r.opt_integer(4);
    auto source = r.opt_text(5);
    p.record.source = !source ? stock::StatusSource::unknown
                      : *source == "user" ? stock::StatusSource::user
                      : *source == "import" ? stock::StatusSource::import
                                            : stock::StatusSource::system;
    if (auto reason = r.opt_text(6)) p.record.vacancy_reason = stock::parse_vacancy_reason(*reason);
    p.record.vacancy_note = r.text(7);
    p.recorded_by_name = r.opt_text(8).value_or("");
    out.push_back(p);
  }
  return out;
}

stock::StockFigures SqlDwellingRepository::figures(std::optional<std::int64_t> agency_id, year_month_day today) {
  stock::StockFigures f;
  // Each dwelling with its status in force today: its latest period's when begun (the common
  // case), else the running period before it; none (not counted) before its first period.
  Where w;
  w.params.emplace_back(to_iso(today));  // $1
  if (agency_id) w.add("d.agency_id = ?", {*agency_id});
  const std::string today_status =
      "(SELECT CASE WHEN d.status_since <= $1 THEN d.status ELSE (SELECT s.status FROM dwelling_statuses s"
      " WHERE s.dwelling_id = d.id AND s.from_date <= $1 AND s.to_date > $1 ORDER BY s.from_date DESC, s.id DESC"
      " LIMIT 1) END AS st, d.postcode, d.bedrooms FROM dwellings d " + w.sql + ") x WHERE x.st IS NOT NULL ";
  for (const auto& r : c_.query("SELECT x.st, count(*) FROM " + today_status + "GROUP BY x.st", w.params))
    f.by_status.emplace_back(r.text(0), r.integer(1));
  for (const auto& r : c_.query("SELECT x.postcode, count(*) FROM " + today_status +
                                    "AND x.st <> 'ended' GROUP BY x.postcode ORDER BY x.postcode",
                                w.params))
    f.by_commune.emplace_back(r.text(0), r.integer(1));
  for (const auto& r : c_.query("SELECT x.bedrooms, count(*) FROM " + today_status +
                                    "AND x.st <> 'ended' GROUP BY x.bedrooms ORDER BY x.bedrooms",
                                w.params))
    f.by_bedrooms.emplace_back(static_cast<int>(r.integer(0)), r.integer(1));
  return f;
}

void SqlDwellingRepository::lock(std::int64_t dwelling_id, std::int64_t now) { c_.execute(kLock, {dwelling_id, now}); }

}  // namespace hms::storage

#include "storage/agencies/agency_repository.hpp"

#include "common/error.hpp"

namespace hms::storage {
namespace {

constexpr const char* kInsert =
    "INSERT INTO agencies (code, name, street, house_number, postcode, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr const char* kColumns =
    "SELECT id, code, name, street, house_number, postcode, created_at FROM agencies ";
constexpr const char* kWhereOnly = "WHERE ($1 = 0 OR id = $2) ";
constexpr const char* kCount = "SELECT count(*) FROM agencies WHERE ($1 = 0 OR id = $2)";
// One row per agency; each figure a subquery on an index led by agency_id (dwellings_agency_status,
// owner_contracts_agency_end, audit_log_agency_at), so the 24 agencies of the Region take a few ms.
constexpr const char* kSummaries =
    "SELECT a.id, a.code, a.name, a.street, a.house_number, a.postcode, a.created_at,"
    " (SELECT count(*) FROM users u WHERE u.agency_id = a.id AND u.disabled = 0),"
    " (SELECT coalesce(max(l.at), 0) FROM audit_log l WHERE l.agency_id = a.id),"
    " (SELECT count(*) FROM dwellings d WHERE d.agency_id = a.id AND d.status IN ('active', 'vacant', 'works')),"
    " (SELECT count(*) FROM dwellings d WHERE d.agency_id = a.id AND d.status = 'active'),"
    " (SELECT count(*) FROM dwellings d WHERE d.agency_id = a.id AND d.status = 'vacant'),"
    " (SELECT count(*) FROM dwellings d WHERE d.agency_id = a.id AND d.status = 'works'),"
    " (SELECT count(*) FROM owner_contracts k WHERE k.agency_id = a.id AND k.end_date >= $3 AND k.end_date <= $4),"
    " (SELECT max(x) FROM (SELECT coalesce(max(d.updated_at), 0) AS x FROM dwellings d WHERE d.agency_id = a.id"
    "   UNION ALL SELECT coalesce(max(o.updated_at), 0) FROM owners o WHERE o.agency_id = a.id"
    "   UNION ALL SELECT coalesce(max(k.updated_at), 0) FROM owner_contracts k WHERE k.agency_id = a.id) changes),"
    " (SELECT coalesce(max(l.at), 0) FROM audit_log l WHERE l.agency_id = a.id AND l.action = 'users.login')"
    " FROM agencies a WHERE ($1 = 0 OR a.id = $2) ORDER BY a.code";

constexpr const char* kSettings =
    "SELECT management_fee_bp, updated_at, indexation_alert_bp, applicant_renewal_months, retention_years FROM agency_settings"
    " WHERE agency_id = $1";
constexpr const char* kSaveSettings =
    "INSERT INTO agency_settings (agency_id, management_fee_bp, updated_at, indexation_alert_bp,"
    " applicant_renewal_months, retention_years) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (agency_id) DO UPDATE SET management_fee_bp = excluded.management_fee_bp,"
    " updated_at = excluded.updated_at, indexation_alert_bp = excluded.indexation_alert_bp,"
    " applicant_renewal_months = excluded.applicant_renewal_months, retention_years = excluded.retention_years";

agencies::Agency read(const db::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.opt_text(3), r.opt_text(4), r.opt_text(5), r.integer(6)};
}

db::Params only_params(std::optional<std::int64_t> only) {
  return {std::int64_t{only ? 1 : 0}, only.value_or(0)};
}

}  // namespace

std::int64_t SqlAgencyRepository::insert(const agencies::Agency& a) {
  try {
    return c_
        .query_one(kInsert, {a.code, a.name, db::nullable(a.street), db::nullable(a.house_number),
                             db::nullable(a.postcode), a.created_at})
        ->integer(0);
  } catch (const db::ConstraintViolation&) {
    throw DomainError(ErrorKind::conflict, "agencies.code_taken").param("code", a.code).field("code");
  }
}

std::optional<agencies::Agency> SqlAgencyRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kColumns) + "WHERE id = $1", {id});
  return r ? std::optional(read(*r)) : std::nullopt;
}

std::optional<agencies::Agency> SqlAgencyRepository::find_by_code(std::string_view code) {
  auto r = c_.query_one(std::string(kColumns) + "WHERE code = $1", {std::string(code)});
  return r ? std::optional(read(*r)) : std::nullopt;
}

std::vector<agencies::Agency> SqlAgencyRepository::list(std::optional<std::int64_t> only, int limit,
                                                        int offset) {
  auto params = only_params(only);
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  std::vector<agencies::Agency> out;
  for (const auto& r : c_.query(std::string(kColumns) + kWhereOnly + "ORDER BY code LIMIT $3 OFFSET $4", params))
    out.push_back(read(r));
  return out;
}

std::int64_t SqlAgencyRepository::count(std::optional<std::int64_t> only) {
  return c_.query_one(kCount, only_params(only))->integer(0);
}

std::vector<agencies::AgencySummary> SqlAgencyRepository::summaries(std::optional<std::int64_t> only,
                                                                    const std::string& ending_from,
                                                                    const std::string& ending_to) {
  auto params = only_params(only);
  params.emplace_back(ending_from);
  params.emplace_back(ending_to);
  std::vector<agencies::AgencySummary> out;
  for (const auto& r : c_.query(kSummaries, params)) {
    agencies::AgencySummary s{read(r), r.integer(7), r.integer(8)};
    s.dwellings = r.integer(9);
    s.active = r.integer(10);
    s.vacant = r.integer(11);
    s.works = r.integer(12);
    s.contracts_ending = r.integer(13);
    s.last_change = r.integer(14);
    s.last_login = r.integer(15);
    out.push_back(std::move(s));
  }
  return out;
}

agencies::AgencySettings SqlAgencyRepository::settings(std::int64_t agency_id) {
  agencies::AgencySettings s;
  s.agency_id = agency_id;
  if (auto r = c_.query_one(kSettings, {agency_id})) {
    s.management_fee = db::rate(r->opt_integer(0));
    s.updated_at = r->integer(1);
    s.indexation_alert = db::rate(r->opt_integer(2));
    if (auto m = r->opt_integer(3)) s.applicant_renewal_months = static_cast<int>(*m);
    if (auto y = r->opt_integer(4)) s.retention_years = static_cast<int>(*y);
  }
  return s;
}

void SqlAgencyRepository::save_settings(const agencies::AgencySettings& s) {
  c_.execute(kSaveSettings, {s.agency_id, db::nullable(s.management_fee), s.updated_at, db::nullable(s.indexation_alert),
                             s.applicant_renewal_months ? db::Value(std::int64_t{*s.applicant_renewal_months})
                                                        : db::Value(),
                             s.retention_years ? db::Value(std::int64_t{*s.retention_years}) : db::Value()});
}

}  // namespace hms::storage

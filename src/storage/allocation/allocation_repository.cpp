#include "storage/allocation/allocation_repository.hpp"

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

namespace al = allocation;

constexpr const char* kPriorities =
    "SELECT referral, urgent, preferred_commune FROM allocation_priorities WHERE agency_id = $1";
constexpr const char* kUpdatePriorities =
    "UPDATE allocation_priorities SET referral = $2, urgent = $3, preferred_commune = $4, updated_at = $5"
    " WHERE agency_id = $1";
constexpr const char* kInsertPriorities =
    "INSERT INTO allocation_priorities (agency_id, referral, urgent, preferred_commune, updated_at)"
    " VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kInsertDecision =
    "INSERT INTO allocation_decisions (agency_id, dwelling_id, applicant_id, kind, place, reason, approved_by,"
    " decided_on, user_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
// The household's name is its applicant member's (position 0).
constexpr const char* kDecisions =
    "SELECT d.id, d.agency_id, d.dwelling_id, w.reference, d.applicant_id, p.number,"
    " m.first_name || ' ' || m.last_name, d.kind, d.place, d.reason, d.approved_by, d.decided_on, d.user_id,"
    " u.name, d.recorded_at FROM allocation_decisions d JOIN dwellings w ON w.id = d.dwelling_id"
    " JOIN applicants p ON p.id = d.applicant_id"
    " LEFT JOIN applicant_members m ON m.applicant_id = d.applicant_id AND m.position = 0"
    " LEFT JOIN users u ON u.id = d.user_id ";

al::Decision read(const db::Row& r) {
  al::Decision d;
  d.id = r.integer(0);
  d.agency_id = r.integer(1);
  d.dwelling_id = r.integer(2);
  d.dwelling_reference = r.text(3);
  d.applicant_id = r.integer(4);
  d.applicant_number = r.integer(5);
  d.household_name = r.opt_text(6).value_or("");
  d.kind = al::parse_decision_kind(r.text(7)).value_or(al::DecisionKind::proposed);
  d.place = static_cast<int>(r.integer(8));
  d.reason = r.text(9);
  d.approved_by = r.text(10);
  d.decided_on = parse_date(r.text(11)).value();
  d.user_id = r.opt_integer(12);
  d.user_name = r.opt_text(13).value_or("");
  d.recorded_at = r.integer(14);
  return d;
}

// The decisions `where_and_order` selects (kDecisions, then the clause).
std::vector<al::Decision> decisions(db::Connection& c, const std::string& where_and_order, const db::Params& params) {
  std::vector<al::Decision> out;
  for (const auto& r : c.query(std::string(kDecisions) + where_and_order, params)) out.push_back(read(r));
  return out;
}

}  // namespace

al::Priorities SqlAllocationRepository::priorities(std::int64_t agency_id) {
  auto r = c_.query_one(kPriorities, {agency_id});
  if (!r) return {};
  return {static_cast<int>(r->integer(0)), static_cast<int>(r->integer(1)), static_cast<int>(r->integer(2))};
}

void SqlAllocationRepository::save_priorities(std::int64_t agency_id, const al::Priorities& p, std::int64_t now) {
  db::Params params = {agency_id, std::int64_t{p.referral}, std::int64_t{p.urgent}, std::int64_t{p.preferred_commune},
                       now};
  if (c_.query_one(kPriorities, {agency_id})) c_.execute(kUpdatePriorities, params);
  else c_.execute(kInsertPriorities, params);
}

std::int64_t SqlAllocationRepository::insert_decision(const al::Decision& d) {
  return c_
      .query_one(kInsertDecision, {d.agency_id, d.dwelling_id, d.applicant_id, std::string(al::to_string(d.kind)),
                                   std::int64_t{d.place}, d.reason, d.approved_by, to_iso(d.decided_on),
                                   db::nullable(d.user_id), d.recorded_at})
      ->integer(0);
}

std::vector<al::Decision> SqlAllocationRepository::decisions_of_dwelling(std::int64_t dwelling_id) {
  return decisions(c_, "WHERE d.dwelling_id = $1 ORDER BY d.recorded_at DESC, d.id DESC", {dwelling_id});
}

std::vector<al::Decision> SqlAllocationRepository::decisions_of_applicant(std::int64_t applicant_id) {
  return decisions(c_, "WHERE d.applicant_id = $1 ORDER BY d.recorded_at DESC, d.id DESC", {applicant_id});
}

std::vector<al::Decision> SqlAllocationRepository::decisions_of_year(std::int64_t agency_id, int year) {
  return decisions(c_, "WHERE d.agency_id = $1 AND d.decided_on >= $2 AND d.decided_on <= $3 ORDER BY d.decided_on, d.id",
                   {agency_id, std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"});
}

}  // namespace hms::storage

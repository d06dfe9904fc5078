#include "storage/support/coaching_repository.hpp"

#include <map>

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

constexpr const char* kInsertCoaching =
    "INSERT INTO support_coachings (agency_id, held_on, topic, module, minutes, recorded_by, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr const char* kCoachings =
    "SELECT c.id, c.agency_id, a.code, c.held_on, c.topic, c.module, c.minutes, c.recorded_by, u.name, c.recorded_at"
    " FROM support_coachings c JOIN agencies a ON a.id = c.agency_id LEFT JOIN users u ON u.id = c.recorded_by"
    " WHERE c.held_on >= $1 AND c.held_on <= $2";
constexpr const char* kInsertTraining =
    "INSERT INTO support_trainings (held_on, topic, recorded_by, recorded_at) VALUES ($1, $2, $3, $4) RETURNING id";
constexpr const char* kInsertAttendee =
    "INSERT INTO support_training_attendees (training_id, agency_id, people) VALUES ($1, $2, $3)";
constexpr const char* kTrainings =
    "SELECT id, held_on, topic, recorded_by, recorded_at FROM support_trainings WHERE held_on >= $1 AND held_on <= $2"
    " ORDER BY held_on DESC, id DESC";
constexpr const char* kAttendees =
    "SELECT t.training_id, t.agency_id, a.code, t.people FROM support_training_attendees t"
    " JOIN support_trainings s ON s.id = t.training_id JOIN agencies a ON a.id = t.agency_id"
    " WHERE s.held_on >= $1 AND s.held_on <= $2 ORDER BY a.code";

}  // namespace

std::int64_t SqlCoachingRepository::insert_coaching(const support::Coaching& c) {
  return c_
      .query_one(kInsertCoaching, {c.agency_id, to_iso(c.held_on), c.topic, c.module, std::int64_t{c.minutes},
                                   db::nullable(c.recorded_by), c.recorded_at})
      ->integer(0);
}

std::vector<support::Coaching> SqlCoachingRepository::coachings(std::optional<std::int64_t> agency_id,
                                                                std::chrono::year_month_day from,
                                                                std::chrono::year_month_day to) {
  std::vector<support::Coaching> out;
  const std::string order = " ORDER BY c.held_on DESC, c.id DESC";
  auto rows = agency_id ? c_.query(std::string(kCoachings) + " AND c.agency_id = $3" + order,
                                   {to_iso(from), to_iso(to), *agency_id})
                        : c_.query(std::string(kCoachings) + order, {to_iso(from), to_iso(to)});
  for (const auto& r : rows) {
    support::Coaching c;
    c.id = r.integer(0);
    c.agency_id = r.integer(1);
    c.agency_code = r.text(2);
    c.held_on = parse_date(r.text(3)).value();
    c.topic = r.text(4);
    c.module = r.text(5);
    c.minutes = static_cast<int>(r.integer(6));
    c.recorded_by = r.opt_integer(7);
    c.recorded_by_name = r.opt_text(8).value_or("");
    c.recorded_at = r.integer(9);
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t SqlCoachingRepository::insert_training(const support::Training& t) {
  const auto id =
      c_.query_one(kInsertTraining, {to_iso(t.held_on), t.topic, db::nullable(t.recorded_by), t.recorded_at})->integer(0);
  for (const auto& a : t.attendees) c_.execute(kInsertAttendee, {id, a.agency_id, std::int64_t{a.people}});
  return id;
}

std::vector<support::Training> SqlCoachingRepository::trainings(std::chrono::year_month_day from,
                                                                std::chrono::year_month_day to) {
  std::vector<support::Training> out;
  std::map<std::int64_t, std::size_t> at;
  for (const auto& r : c_.query(kTrainings, {to_iso(from), to_iso(to)})) {
    at[r.integer(0)] = out.size();
    out.push_back({r.integer(0), parse_date(r.text(1)).value(), r.text(2), {}, r.opt_integer(3), r.integer(4)});
  }
  for (const auto& r : c_.query(kAttendees, {to_iso(from), to_iso(to)}))
    if (auto it = at.find(r.integer(0)); it != at.end())
      out[it->second].attendees.push_back({r.integer(1), r.text(2), static_cast<int>(r.integer(3))});
  return out;
}

}  // namespace hms::storage

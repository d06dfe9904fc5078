// Coaching and trainings on SQL: support_coachings, support_trainings and their attendees.
#pragma once
#include "domain/support/coaching.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlCoachingRepository final : public support::CoachingRepository {
 public:
  explicit SqlCoachingRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert_coaching(const support::Coaching& c) override;
  std::vector<support::Coaching> coachings(std::optional<std::int64_t> agency_id, std::chrono::year_month_day from,
                                           std::chrono::year_month_day to) override;
  std::int64_t insert_training(const support::Training& t) override;
  std::vector<support::Training> trainings(std::chrono::year_month_day from, std::chrono::year_month_day to) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage

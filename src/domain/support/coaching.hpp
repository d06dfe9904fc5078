// Coaching and trainings (issue 13.4): the federation's individual coaching of an agency (2–3 hours
// on a module, parliamentary question 1243) and its trainings for several agencies, recorded so
// that the follow-up committee sees them next to each agency's use of hms, and the effect of a
// coaching on the module it was about.
// E.g. coaching of AIS-IX on 2026-10-14, "first rent run", module ledger, 150 minutes; training
// "CODA import" on 2026-11-05, AIS-IX 2 people, SVK-JETTE 1.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hms::support {

inline constexpr int kMinCoachingMinutes = 15, kMaxCoachingMinutes = 600;
inline constexpr int kMaxAttendees = 100;

struct Coaching {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;  // read along
  std::chrono::year_month_day held_on{};
  std::string topic;        // 1–200 characters
  std::string module;       // one of oversight::kModules, or "other"
  int minutes = 0;
  std::optional<std::int64_t> recorded_by;
  std::string recorded_by_name;  // read along
  std::int64_t recorded_at = 0;
};

struct Attendance {
  std::int64_t agency_id = 0;
  std::string agency_code;  // read along
  int people = 0;
};

struct Training {
  std::int64_t id = 0;
  std::chrono::year_month_day held_on{};
  std::string topic;
  std::vector<Attendance> attendees;  // by agency code
  std::optional<std::int64_t> recorded_by;
  std::int64_t recorded_at = 0;
};

class CoachingRepository {
 public:
  virtual ~CoachingRepository() = default;
  virtual std::int64_t insert_coaching(const Coaching& c) = 0;
  // Held in [from, to], newest first; agency none: every agency's.
  virtual std::vector<Coaching> coachings(std::optional<std::int64_t> agency_id, std::chrono::year_month_day from,
                                          std::chrono::year_month_day to) = 0;
  virtual std::int64_t insert_training(const Training& t) = 0;  // with its attendees
  // Held in [from, to], newest first, with their attendees.
  virtual std::vector<Training> trainings(std::chrono::year_month_day from, std::chrono::year_month_day to) = 0;
};

}  // namespace hms::support

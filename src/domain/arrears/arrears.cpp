#include "domain/arrears/arrears.hpp"

#include <algorithm>

#include "common/date.hpp"

namespace hms::arrears {

std::string_view to_string(Step s) {
  switch (s) {
    case Step::none: return "none";
    case Step::reminder: return "reminder";
    case Step::second_reminder: return "second_reminder";
    case Step::formal_notice: return "formal_notice";
  }
  return "none";
}

std::optional<Step> parse_step(std::string_view s) {
  for (auto step : {Step::none, Step::reminder, Step::second_reminder, Step::formal_notice})
    if (to_string(step) == s) return step;
  return std::nullopt;
}

Ladder Ladder::defaults() {
  return {{Rung{Step::reminder, 10, Money::from_cents(2500)}, Rung{Step::second_reminder, 25, Money::from_cents(2500)},
           Rung{Step::formal_notice, 45, Money::from_cents(50000)}}};
}

std::vector<LadderProblem> check_ladder(const Ladder& ladder) {
  std::vector<LadderProblem> out;
  for (std::size_t i = 1; i < ladder.rungs.size(); ++i) {
    const auto& before = ladder.rungs[i - 1];
    const auto& rung = ladder.rungs[i];
    const std::string step(to_string(rung.step));
    if (rung.after_days <= before.after_days) out.push_back({step + "_days", "arrears.days_not_increasing"});
    if (rung.threshold < before.threshold) out.push_back({step + "_threshold", "arrears.threshold_decreasing"});
  }
  return out;
}

std::size_t age_class(int days) {
  std::size_t i = 0;
  while (i < kAgeingLimits.size() && days > kAgeingLimits[i]) ++i;
  return i;
}

Step step_reached(const Ladder& ladder, int days, Money balance) {
  Step out = Step::none;
  for (const auto& rung : ladder.rungs)
    if (days >= rung.after_days && balance >= rung.threshold && balance > Money{}) out = rung.step;
  return out;
}

std::vector<Call> open_calls(std::vector<Call> calls, Money paid) {
  std::ranges::stable_sort(calls, {}, &Call::date);
  std::vector<Call> open;
  Money left = paid;
  for (const auto& c : calls) {
    const Money covered = std::clamp(left, Money{}, c.amount);
    left = left - covered;
    if (c.amount - covered > Money{}) open.push_back({c.date, c.amount - covered});
  }
  return open;
}

LeaseArrears lease_arrears(std::int64_t lease_id, std::vector<Call> calls, Money paid, std::chrono::year_month_day day,
                           const Ladder& ladder) {
  LeaseArrears out;
  out.lease_id = lease_id;
  // 1. The balance: every call, less what was paid.
  Money called;
  for (const auto& c : calls) called = called + c.amount;
  out.balance = called - paid;
  if (out.balance <= Money{}) return out;
  // 2. The payments pay the oldest calls first (open_calls); what is left of each call is
  //    unpaid, aged by the call's date. The first call left open is the oldest unpaid.
  for (const auto& c : open_calls(std::move(calls), paid)) {
    const int age = days_between(c.date, day);
    if (!out.oldest_unpaid) {
      out.oldest_unpaid = c.date;
      out.days = age;
    }
    out.ageing[age_class(age)] = out.ageing[age_class(age)] + c.amount;
  }
  // 3. The step the ladder gives for that age and that balance.
  out.step = step_reached(ladder, out.days, out.balance);
  return out;
}

}  // namespace hms::arrears

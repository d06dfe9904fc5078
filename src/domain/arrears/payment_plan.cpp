#include "domain/arrears/payment_plan.hpp"

#include <algorithm>

#include "common/date.hpp"

namespace hms::arrears {

std::string_view to_string(PlanState s) {
  switch (s) {
    case PlanState::running: return "running";
    case PlanState::completed: return "completed";
    case PlanState::breached: return "breached";
    case PlanState::cancelled: return "cancelled";
  }
  return "";
}

std::string_view to_string(InstalmentState s) {
  switch (s) {
    case InstalmentState::met: return "met";
    case InstalmentState::pending: return "pending";
    case InstalmentState::missed: return "missed";
  }
  return "";
}

std::vector<Instalment> schedule(const PaymentPlan& plan) {
  std::vector<Instalment> out;
  if (plan.instalments <= 0) return out;
  const std::int64_t each = plan.total.cents() / plan.instalments;  // down to the cent
  Money cumulative;
  for (int k = 0; k < plan.instalments; ++k) {
    Instalment i;
    i.number = k + 1;
    i.due = add_months(plan.first_due, k);
    i.amount = k + 1 == plan.instalments ? plan.total - cumulative : Money::from_cents(each);
    cumulative += i.amount;
    i.cumulative = cumulative;
    i.deadline = add_days(i.due, plan.grace_days);
    out.push_back(i);
  }
  return out;
}

std::vector<std::chrono::year_month_day> past_deadlines(const PaymentPlan& plan, std::chrono::year_month_day day) {
  std::vector<std::chrono::year_month_day> out;
  for (const auto& i : schedule(plan))
    if (i.deadline < day) out.push_back(i.deadline);
  return out;
}

PlanProgress follow(const PaymentPlan& plan, const std::vector<Money>& paid_off_by, Money paid_off_now,
                    std::chrono::year_month_day day) {
  PlanProgress out;
  out.instalments = schedule(plan);
  out.paid_off = std::clamp(paid_off_now, Money{}, plan.total);
  out.left = plan.total - out.paid_off;
  // 1. Cancelled.
  const bool cancelled = plan.cancelled_on && *plan.cancelled_on <= day;
  // 2. Each instalment: past its deadline, met by then or missed; else met already or pending.
  std::size_t past = 0;
  for (const auto& i : out.instalments) {
    InstalmentState state = out.paid_off >= i.cumulative ? InstalmentState::met : InstalmentState::pending;
    if (i.deadline < day) {
      const Money by_then = past < paid_off_by.size() ? paid_off_by[past] : Money{};
      ++past;
      state = by_then >= i.cumulative ? InstalmentState::met : InstalmentState::missed;
      if (state == InstalmentState::missed && !out.breached_on) out.breached_on = add_days(i.deadline, 1);
    }
    out.states.push_back(state);
  }
  // 3. The plan's state.
  if (cancelled) out.state = PlanState::cancelled;
  else if (out.paid_off >= plan.total) out.state = PlanState::completed;
  else if (out.breached_on) out.state = PlanState::breached;
  else out.state = PlanState::running;
  return out;
}

}  // namespace hms::arrears

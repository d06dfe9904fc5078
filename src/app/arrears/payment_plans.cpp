#include "app/arrears/payment_plans.hpp"

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

using std::chrono::year_month_day;
using users::Permission;

namespace {

constexpr int kDefaultGraceDays = 10;
constexpr int kFirstDueWithinDays = 92;  // about three months

// The lease, if it is of the actor's agency.
leases::Lease agency_lease(UnitOfWork& uow, const Context& ctx, std::int64_t lease_id) {
  const auto agency = agency_in_scope(uow, ctx, std::nullopt, "arrears.unknown_agency");
  auto lease = uow.leases().find_by_id(lease_id);
  if (!lease || lease->agency_id != agency.id) throw DomainError(ErrorKind::not_found, "leases.not_found");
  return std::move(*lease);
}

bool running(const arrears::PlanProgress& p) { return p.state == arrears::PlanState::running; }

}  // namespace

arrears::PlanProgress follow_plan(UnitOfWork& uow, const arrears::PaymentPlan& plan, year_month_day day) {
  auto paid_off = [&](year_month_day d) { return plan.start_balance - uow.ledger().lease_balance(plan.lease_id, d).balance(); };
  std::vector<Money> by_deadline;
  for (const auto& d : arrears::past_deadlines(plan, day)) by_deadline.push_back(paid_off(d));
  return arrears::follow(plan, by_deadline, paid_off(day), day);
}

LeasePlans lease_plans(Store& store, const Context& ctx, std::int64_t lease_id, year_month_day day) {
  ctx.require(Permission::ledger_view);
  ctx.require(Permission::leases_view);
  auto uow = store.write();  // the read of the household's name is audited in the same transaction
  LeasePlans out;
  out.lease = agency_lease(*uow, ctx, lease_id);
  out.balance = uow->ledger().lease_balance(lease_id, day).balance();
  bool any_running = false;
  for (auto& p : uow->arrears().lease_plans(lease_id)) {
    auto progress = follow_plan(*uow, p, day);
    any_running = any_running || running(progress);
    out.plans.push_back({std::move(p), std::move(progress)});
  }
  out.can_make = out.balance > Money::zero() && !any_running;
  record_read(*uow, ctx, {"arrears.plans", "leases", 1, out.lease.agency_id, ""});
  uow->commit();
  return out;
}

arrears::PaymentPlan make_plan(Store& store, const Context& ctx, std::int64_t lease_id, const PlanFields& f) {
  // 1. Who: an agency user who posts; the lease of the agency, owing something, without a plan running.
  ctx.require(Permission::ledger_post);
  auto uow = store.write();
  const auto lease = agency_lease(*uow, ctx, lease_id);
  const auto today = ctx.clock.today();
  const Money balance = uow->ledger().lease_balance(lease_id, today).balance();
  if (balance <= Money::zero()) throw std::move(DomainError(ErrorKind::validation, "arrears.plan_nothing_owed").field("total"));
  for (const auto& p : uow->arrears().lease_plans(lease_id))
    if (running(follow_plan(*uow, p, today))) throw DomainError(ErrorKind::conflict, "arrears.plan_running");

  // 2. What: each field on its own, every problem at once.
  Problems problems;
  arrears::PaymentPlan plan;
  plan.agency_id = lease.agency_id;
  plan.lease_id = lease_id;
  plan.agreed_on = today;
  plan.start_balance = balance;
  plan.total = balance;
  if (f.total && !trim(*f.total).empty()) {
    auto total = fields::read_field(*f.total, "total", problems, fields::parse_money, "arrears.plan_invalid_total");
    if (total && *total <= Money::zero()) problems.add(DomainError(ErrorKind::validation, "arrears.plan_invalid_total").field("total"));
    else if (total && *total > balance)
      problems.add(std::move(DomainError(ErrorKind::validation, "arrears.plan_total_above_balance")
                                 .param("balance", balance.format_plain()).field("total")));
    else if (total) plan.total = *total;
  }
  auto count = fields::read_field(f.instalments.value_or(""), "instalments", problems, fields::parse_int,
                                  arrears::kMinInstalments, arrears::kMaxInstalments, "arrears.plan_invalid_instalments");
  plan.instalments = static_cast<int>(count.value_or(0));
  auto first = fields::read_field(f.first_due.value_or(""), "first_due", problems, fields::parse_date,
                                  "arrears.plan_invalid_first_due");
  if (first && (*first < today || *first > add_days(today, kFirstDueWithinDays))) {
    problems.add(DomainError(ErrorKind::validation, "arrears.plan_invalid_first_due").field("first_due"));
    first.reset();
  }
  if (first) plan.first_due = *first;
  plan.grace_days = kDefaultGraceDays;
  if (f.grace_days && !trim(*f.grace_days).empty())
    plan.grace_days = static_cast<int>(fields::read_field(*f.grace_days, "grace_days", problems, fields::parse_int, 0,
                                                          arrears::kMaxGraceDays, "arrears.plan_invalid_grace")
                                           .value_or(kDefaultGraceDays));
  problems.throw_if_any();

  // 3. Recorded and audited.
  plan.made_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  plan.made_at = ctx.clock.now_seconds();
  uow->arrears().insert_plan(plan);
  record(*uow, ctx, "arrears.plan", "payment_plans", std::to_string(plan.id), plan.agency_id,
         "lease=" + std::to_string(lease_id) + ",instalments=" + std::to_string(plan.instalments));
  uow->commit();
  return plan;
}

void cancel_plan(Store& store, const Context& ctx, std::int64_t lease_id, std::int64_t plan_id) {
  ctx.require(Permission::ledger_post);
  auto uow = store.write();
  const auto lease = agency_lease(*uow, ctx, lease_id);
  auto plan = uow->arrears().plan(plan_id);
  if (!plan || plan->lease_id != lease.id) throw DomainError(ErrorKind::not_found, "arrears.plan_not_found");
  if (plan->cancelled_on) throw DomainError(ErrorKind::conflict, "arrears.plan_cancelled");
  uow->arrears().cancel_plan(plan_id, ctx.clock.today());
  record(*uow, ctx, "arrears.plan_cancel", "payment_plans", std::to_string(plan_id), lease.agency_id);
  uow->commit();
}

std::map<std::int64_t, arrears::PlanState> plan_states(Store& store, const Context& ctx, year_month_day day) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  std::map<std::int64_t, arrears::PlanState> out;
  for (const auto& p : uow->arrears().agency_plans(agency_in_scope(*uow, ctx, std::nullopt, "arrears.unknown_agency").id))
    if (p.agreed_on <= day && !out.contains(p.lease_id)) out.emplace(p.lease_id, follow_plan(*uow, p, day).state);  // the newest first
  return out;
}

}  // namespace hms::app

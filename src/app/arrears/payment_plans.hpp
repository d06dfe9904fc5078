// Payment plans (issue 11 part 1; domain/arrears/payment_plan.hpp): made for a lease of the
// actor's agency that owes something, followed from the lease's balance in the ledger, cancelled
// by the agency. While a plan runs the reminder ladder waits (send_reminder refuses a letter).
// Reading a lease's plans names its household: an audited read ("arrears.plans").
// E.g. make_plan(store, ctx, 12, {"1290", "6", "2026-04-05", "10"}) on 2026-03-20 → 6
// instalments of 215.00 from 2026-04-05.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/arrears/payment_plan.hpp"
#include "domain/leases/lease.hpp"

namespace hms::app {

struct PlanView {
  arrears::PaymentPlan plan;
  arrears::PlanProgress progress;  // on the day asked
};

struct LeasePlans {
  leases::Lease lease;
  Money balance;                   // on the day asked
  std::vector<PlanView> plans;     // newest first
  bool can_make = false;           // something owed and no plan running
};

// A lease's plans followed on `day` (ledger_view and leases_view). Another agency's lease or
// none: 404 "leases.not_found". Audited read "arrears.plans".
LeasePlans lease_plans(Store& store, const Context& ctx, std::int64_t lease_id, std::chrono::year_month_day day);

struct PlanFields {
  std::optional<std::string> total;        // blank: the whole balance
  std::optional<std::string> instalments;
  std::optional<std::string> first_due;    // YYYY-MM-DD or dd/mm/yyyy
  std::optional<std::string> grace_days;   // blank: 10
};

// Makes a plan agreed today (ledger_post), every problem at once, nothing written on any:
// "arrears.plan_invalid_total" (not an amount above 0), "arrears.plan_total_above_balance"
// (more than the balance today, param balance), "arrears.plan_invalid_instalments"
// (kMinInstalments–kMaxInstalments), "arrears.plan_invalid_first_due" (a day from today to three
// months ahead), "arrears.plan_invalid_grace" (0–kMaxGraceDays days), each on its field; a lease
// that owes nothing "arrears.plan_nothing_owed" (422); a plan running 409 "arrears.plan_running";
// another agency's lease 404 "leases.not_found". Audited "arrears.plan".
arrears::PaymentPlan make_plan(Store& store, const Context& ctx, std::int64_t lease_id, const PlanFields& f);

// Cancels a plan of the lease, today (ledger_post). A plan of another lease or agency: 404
// "arrears.plan_not_found"; one cancelled already: 409 "arrears.plan_cancelled". Audited
// "arrears.plan_cancel".
void cancel_plan(Store& store, const Context& ctx, std::int64_t lease_id, std::int64_t plan_id);

// The latest plan (not cancelled, agreed by `day`) of each lease of the actor's agency that has
// one, followed on `day`, by lease id (ledger_view): for the arrears page.
std::map<std::int64_t, arrears::PlanState> plan_states(Store& store, const Context& ctx, std::chrono::year_month_day day);

// Where a plan stands on `day`, from the lease's balances on the deadlines past and on `day`.
arrears::PlanProgress follow_plan(UnitOfWork& uow, const arrears::PaymentPlan& plan, std::chrono::year_month_day day);

}  // namespace hms::app

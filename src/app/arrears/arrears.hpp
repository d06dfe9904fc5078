// Arrears (issue 11 part 1, contract E "GET /api/v1/arrears"): the leases of the actor's agency
// whose balance is positive on a day, with the oldest unpaid rent call, its age and the reminder
// step reached; the ageing of what is owed; the agency's reminder ladder (its settings). The
// agency is always the actor's own (ledger_view: agency roles); the page's household names are an
// audited read ("arrears.list"), the API's items carry no name.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/arrears/arrears.hpp"
#include "domain/leases/lease.hpp"

namespace hms::app {

struct ArrearsList {
  std::vector<arrears::LeaseArrears> items;  // balance > 0, the oldest unpaid first
  arrears::Ageing ageing{};                  // their unpaid amounts by age class
  Money total;                               // Σ balances
  arrears::Ladder ladder;                    // the steps were reached on this ladder
  bool default_ladder = true;                // the agency never changed it
};
// On `day` (any day; the ledger up to it).
ArrearsList arrears_on(Store& store, const Context& ctx, std::chrono::year_month_day day);

// The leases of `items` (dwelling reference, household name, payment reference), by id, for a
// page: an audited read of the household names ("arrears.list").
std::vector<leases::Lease> arrears_leases(Store& store, const Context& ctx,
                                          const std::vector<arrears::LeaseArrears>& items);

// The agency's ladder (ledger_view) and its change (agency_settings_manage: the agency admin).
struct ReminderLadder {
  arrears::Ladder ladder;
  bool is_default = true;
};
ReminderLadder reminder_ladder(Store& store, const Context& ctx);
struct LadderFields {
  std::optional<std::string> reminder_days, reminder_threshold;
  std::optional<std::string> second_reminder_days, second_reminder_threshold;
  std::optional<std::string> formal_notice_days, formal_notice_threshold;
};
// Each days 1–365 ("arrears.invalid_days"), each threshold an amount >= 0
// ("arrears.invalid_threshold"), later steps after more days and from a threshold no lower
// (domain check_ladder); every problem at once, nothing saved. Audited "arrears.ladder".
arrears::Ladder save_reminder_ladder(Store& store, const Context& ctx, const LadderFields& f);

}  // namespace hms::app

// Arrears (issue 11 part 1, contract E "GET /api/v1/arrears"): the leases of the actor's agency
// whose balance is positive on a day, with the oldest unpaid rent call, its age and the reminder
// step reached; the ageing of what is owed; the agency's reminder ladder (its settings). The
// agency is always the actor's own (ledger_view: agency roles); the page's household names are an
// audited read ("arrears.list"), the API's items carry no name.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/leases/leases.hpp"
#include "domain/arrears/arrears.hpp"
#include "domain/leases/lease.hpp"
#include "domain/stock/dwelling.hpp"

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

// What the households of each agency in scope owe on `day`, by age, without a name
// (money_figures_view: the region's and the federation's dashboard), by agency id; an agency
// whose households owe nothing is left out.
struct AgencyArrears {
  arrears::Ageing ageing{};
  Money total;
  std::int64_t leases = 0;
};
std::map<std::int64_t, AgencyArrears> arrears_by_agency(Store& store, const Context& ctx, std::chrono::year_month_day day);

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

// A reminder letter to the household of a lease in arrears, with what it needs: the agency
// (name, address, the account to pay to), the lease (its structured communication), the
// household's language and the dwelling's address, and where the lease stands on the letter's day.
struct ReminderLetter {
  HouseholdAddressee to;               // the agency, the lease, the household's language, the dwelling
  arrears::LeaseArrears arrears;       // on `date`; its step is the letter's
  std::chrono::year_month_day date{};
};
// Writes the letter of the step the lease reached on `day` and records it as sent
// (ledger_view and leases_view; audited "arrears.letter"). Refused: another agency's lease or
// none (404 "leases.not_found"); a lease not in arrears or below the ladder's first step
// (422 "arrears.nothing_to_send"); a lease whose payment plan runs (422 "arrears.under_plan").
ReminderLetter send_reminder(Store& store, const Context& ctx, std::int64_t lease_id, std::chrono::year_month_day day);
// The last letter sent to each lease of the actor's agency, by lease id (ledger_view).
std::map<std::int64_t, arrears::Letter> last_letters(Store& store, const Context& ctx);

}  // namespace hms::app

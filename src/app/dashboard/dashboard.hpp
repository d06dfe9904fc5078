// The figures on each role's home page. The region, the federation and the system admin see
// every agency (users, last activity: a first, live measure of adoption; for the region and the
// federation, the stock of each agency); an agency sees its own figures: its stock by status,
// commune and bedrooms, the owner contracts ending soon and its owner rents against the caps.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/arrears/arrears.hpp"
#include "app/indexation/indexation_run.hpp"
#include "app/leases/leases.hpp"

namespace hms::app {

// An agency's own stock (agency roles with stock_view), its to-do list first: each count is the
// total of the list its card links to.
struct StockDashboard {
  // To do: the owner rents a run of this month would change (owners_view only); the dwellings
  // vacant for more than vacant_days (/dwellings?status=vacant&vacant_days=90); the managed
  // dwellings without an energy certificate (/dwellings?managed=1&peb=none).
  std::optional<IndexationsDue> indexations;
  int vacant_days = stock::kDefaultVacancyAlertDays;
  std::int64_t vacant_long = 0;
  std::int64_t without_peb = 0;
  stock::StockFigures figures;
  std::vector<stock::Commune> communes;  // to name the postcodes of figures.by_commune
  // Owner contracts whose last day falls in [ending_from, ending_to] (today … today + 6 months),
  // soonest first, at most kEndingShown of them; ending_total counts them all. Empty without owners_view.
  std::vector<owners::OwnerContract> ending;
  std::int64_t ending_total = 0;
  std::chrono::year_month_day ending_from{}, ending_to{};
  // Owner rents in force today against today's caps (owners_view only).
  std::optional<owners::RentCapShare> caps;
  // The sources of the owner-rent caps in force today that are not verified (e.g. illustrative
  // figures): shown as a mark of uncertainty next to the share. Empty when every cap is verified.
  std::vector<std::string> unverified_cap_sources;
  static constexpr int kEndingShown = 10;
};

// One agency's dwellings for the cross-agency dashboards.
struct AgencyStock {
  std::string code;
  std::string name;
  std::int64_t dwellings = 0;  // not ended
  std::int64_t active = 0;
};

// The month at a glance (issue 11.4): what was called from the households this month, collected,
// due to and paid to the owners (money_figures_view: the agency's own, or every agency's for the
// region and the federation); for the agency (ledger_view), what the households owe today by age.
struct MoneyMonth {
  YearMonth month{2026, 1};
  std::vector<ledger::MonthFigures> figures;  // by agency id; an agency without lines has none
  std::optional<arrears::Ageing> ageing;      // agency roles: today's arrears by age
  Money arrears_total;
  std::int64_t leases_in_arrears = 0;
  std::map<std::int64_t, AgencyArrears> arrears_by_agency;  // cross-agency roles: today's, by agency id
};

// The inventory of 30 September, due before 31 October (inventory_view), from 1 September to the
// end of the year: whether the agency submitted it; for the region and the federation, how many
// agencies did.
struct InventoryDue {
  std::chrono::year_month_day reference{};  // 30 September of this year
  std::chrono::year_month_day due{};        // 31 October
  bool overdue = false;                     // today is after the due date
  bool submitted = false;                   // agency roles
  std::int64_t agencies_submitted = 0, agencies = 0;  // cross-agency roles
};

struct Dashboard {
  std::vector<agencies::AgencySummary> agencies;  // in scope, by code
  std::int64_t active_users = 0;                  // over those agencies (cross-agency roles: all)
  std::int64_t agencies_active_last_30_days = 0;  // with an audited action in the last 30 days
  std::vector<audit::AuditEntry> recent_activity; // last 10 audit entries in scope (audit_view only)
  std::optional<StockDashboard> stock;            // agency roles with stock_view
  std::vector<AgencyStock> stock_per_agency;      // cross-agency roles with stock_view, by code
  // The two-thirds rule (income_mix_view): each agency's share today, and the scope's trend over
  // the last 12 months (the first of each month, then today).
  std::vector<IncomeMix> income_mix;
  std::vector<IncomeMixPoint> income_mix_trend;
  std::optional<MoneyMonth> money;
  std::optional<InventoryDue> inventory_due;
};

Dashboard dashboard(Store& store, const Context& ctx);

}  // namespace hms::app

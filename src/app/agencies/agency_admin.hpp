// Creating and listing agencies. Agency users see only their own agency; the region,
// the federation and the system admin see all 24.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "app/context.hpp"

namespace hms::app {

agencies::Agency add_agency(Store& store, const Context& ctx, std::string_view code, std::string_view name);
Page<agencies::Agency> list_agencies(Store& store, const Context& ctx, Paging paging);

// What each agency in scope has registered and how fresh it is (the region's per-agency view):
// dwellings by status, owner contracts ending within six months (from today to today + 6
// months), users, last change, last login; by code. Figures only, no personal data.
struct AgencyOverview {
  std::vector<agencies::AgencySummary> agencies;
  std::chrono::year_month_day ending_from{}, ending_to{};
};
AgencyOverview agency_overview(Store& store, const Context& ctx);

// The agency an action writes into or works on: the one named by `code` if the actor's scope
// reaches it, else (no code) the actor's own. Anything else — an unknown code, another agency's,
// no code from the command line — is DomainError(validation, error_code) on field "agency": an
// agency outside the scope is as unknown as one that does not exist.
agencies::Agency agency_in_scope(UnitOfWork& uow, const Context& ctx, const std::optional<std::string>& code,
                                 const std::string& error_code);

// The agency's address as the letterhead of its letters: "Rue des Tanneurs 149", "1000
// Bruxelles / Brussel" (lines left out when not known).
std::vector<std::string> agency_address_lines(UnitOfWork& uow, const agencies::Agency& a);

}  // namespace hms::app

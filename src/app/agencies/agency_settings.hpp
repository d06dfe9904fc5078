// What an agency's admin chooses for the whole agency, on the page /settings: today the default
// management fee, taken by every management mandate recorded without a fee (a contract-B file
// has no fee column). E.g. AIS-IXELLES sets 8 %; a mandate imported without a fee shows
// "8.00 %, the agency's default". hms ships no default: no verified sector figure exists.
#pragma once
#include <optional>
#include <string>

#include "app/context.hpp"

namespace hms::app {

// The fields as typed; none keeps the value, "" clears it.
struct AgencySettingsFields {
  std::optional<std::string> management_fee;    // a percentage, "8" or "8,5 %"
  std::optional<std::string> indexation_alert = std::nullopt;  // a percentage, "10" or "12,5 %"; "": the default (10 %)
  // How often applicants renew their candidacy: "12" or "24" (months); "": the default (12).
  std::optional<std::string> applicant_renewal_months = std::nullopt;
  // Years a household's data are kept once no longer needed: 1 to 30; "": not chosen.
  std::optional<std::string> retention_years = std::nullopt;
};

// The settings of the agency `agency_code` names (none: the actor's own), for its admin
// (Permission::agency_settings_manage; another agency's is DomainError(validation,
// "agencies.unknown_agency")). Reads nothing personal, audits nothing.
agencies::AgencySettings agency_settings(Store& store, const Context& ctx,
                                         const std::optional<std::string>& agency_code = std::nullopt);

// Checks and saves the fields (management_fee 0–30 %, else DomainError(validation,
// "owners.invalid_management_fee") on management_fee; indexation_alert above 0 and at most 100 %,
// else "agencies.invalid_indexation_alert" on indexation_alert; applicant_renewal_months 12 or 24,
// else "agencies.invalid_renewal_months"; retention_years 1 to 30, else
// "agencies.invalid_retention_years"; every problem at once); one
// audit entry "agencies.settings_update".
// Contracts already recorded keep the fee they were given.
agencies::AgencySettings update_agency_settings(Store& store, const Context& ctx, const AgencySettingsFields& f,
                                                const std::optional<std::string>& agency_code = std::nullopt);

}  // namespace hms::app

// Erasing a household (GDPR art. 17; issue 9.5): what makes its people identifiable goes, what
// the agency must keep for its accounts and for the Region's control stays. The household keeps
// its register number, its dates, its status, its band and its composition by relation (the
// allocation report, the income mix and the subsidy statistics count them); its members lose
// their names, their birth day and month (the year stays), their national numbers and any
// disability; the household loses its contact details, income, referral and preferences. Its
// leases and their rent accounts keep their amounts (app/applicants/erasure.hpp also takes the
// payer's name and account off the bank movements that paid them).
// E.g. n° 412 "Amina El Idrissi" (1985-07-30) and a child → n° 412 "—" (1985-01-01) and a child.
#pragma once
#include <chrono>
#include <optional>
#include <string_view>

#include "domain/applicants/applicant.hpp"

namespace hms::applicants {

// The status reason of an erased household; its members' names are kErasedName.
inline constexpr std::string_view kErasedReason = "erased";
inline constexpr std::string_view kErasedName = "—";

bool is_erased(const Applicant& a);

// The household as kept after its erasure on `today`. Refused, DomainError(conflict):
//   1. while it has a lease in force today or later ("applicants.erase_lease_in_force"): the
//      agency needs the tenant's data while the lease runs;
//   2. when it is erased already ("applicants.already_erased").
// Then: 3. every member anonymised as above; 4. the household's own data cleared, its income 0,
// its status struck off with kErasedReason since today.
Applicant erased(const Applicant& a, bool has_current_lease, std::chrono::year_month_day today);

// Why a household's data are due for erasure under a retention period of `years`, and since when.
struct RetentionReason {
  std::string_view reason;                 // "former_tenant" | "struck_off"
  std::chrono::year_month_day since{};     // the day its last lease ended, or it was struck off
};
// None while the agency still needs the data. In order:
//   1. not erased already, no lease running today or later, not an active candidate;
//   2. a former tenant: its last lease ended `years` years before today or earlier;
//   3. never a tenant: struck off `years` years before today or earlier.
std::optional<RetentionReason> retention_reason(const Applicant& a, std::optional<std::chrono::year_month_day> last_lease_end,
                                                bool lease_running, int years, std::chrono::year_month_day today);

}  // namespace hms::applicants

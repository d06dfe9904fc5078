#include "domain/applicants/erasure.hpp"

#include "common/error.hpp"

namespace hms::applicants {

bool is_erased(const Applicant& a) { return a.status == Status::struck_off && a.status_reason == kErasedReason; }

std::optional<RetentionReason> retention_reason(const Applicant& a, std::optional<std::chrono::year_month_day> last_lease_end,
                                                bool lease_running, int years, std::chrono::year_month_day today) {
  // 1. Still needed.
  if (is_erased(a) || lease_running || a.status == Status::active) return std::nullopt;
  const auto limit = today - std::chrono::years{years};  // 29 February: the 1st of March
  const std::chrono::year_month_day cutoff = limit.ok() ? limit : std::chrono::year_month_day{limit.year(), std::chrono::March, std::chrono::day{1}};
  // 2. A former tenant, from the end of its last lease.
  if (last_lease_end) {
    if (*last_lease_end <= cutoff) return RetentionReason{"former_tenant", *last_lease_end};
    return std::nullopt;
  }
  // 3. Struck off, from that day.
  if (a.status == Status::struck_off && a.status_since <= cutoff) return RetentionReason{"struck_off", a.status_since};
  return std::nullopt;
}

Applicant erased(const Applicant& a, bool has_current_lease, std::chrono::year_month_day today) {
  // 1. Not while a lease runs.
  if (has_current_lease) throw DomainError(ErrorKind::conflict, "applicants.erase_lease_in_force");
  // 2. Once.
  if (is_erased(a)) throw DomainError(ErrorKind::conflict, "applicants.already_erased");
  Applicant out = a;
  // 3. The members: their relation, whether dependent, and their birth year only.
  for (auto& m : out.members) {
    m.first_name = std::string(kErasedName);
    m.last_name = std::string(kErasedName);
    m.birth_date = std::chrono::year_month_day{m.birth_date.year(), std::chrono::January, std::chrono::day{1}};
    m.national_number.clear();
    m.disabled = false;
  }
  // 4. The household's own data.
  out.email.clear();
  out.phone.clear();
  out.address.clear();
  out.referral.reset();
  out.preferred_postcodes.clear();
  out.over_indebted = false;
  out.urgent = false;
  out.income = Money::zero();
  out.status = Status::struck_off;
  out.status_reason = std::string(kErasedReason);
  out.status_since = today;
  return out;
}

}  // namespace hms::applicants

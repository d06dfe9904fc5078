#include "domain/leases/lease.hpp"

#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::leases {

std::string_view to_string(LeaseKind k) {
  switch (k) {
    case LeaseKind::standard: return "standard";
    case LeaseKind::short_term: return "short";
    case LeaseKind::transit: return "transit";
  }
  return "";
}

std::optional<LeaseKind> parse_lease_kind(std::string_view s) {
  for (auto k : {LeaseKind::standard, LeaseKind::short_term, LeaseKind::transit})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::string_view to_string(DepositForm f) {
  switch (f) {
    case DepositForm::blocked_account: return "blocked_account";
    case DepositForm::bank_guarantee: return "bank_guarantee";
    case DepositForm::progressive_guarantee: return "progressive_guarantee";
    case DepositForm::cpas_guarantee: return "cpas_guarantee";
    case DepositForm::personal_surety: return "personal_surety";
    case DepositForm::other: return "other";
  }
  return "";
}

std::optional<DepositForm> parse_deposit_form(std::string_view s) {
  for (auto f : kAllDepositForms)
    if (to_string(f) == s) return f;
  return std::nullopt;
}

std::string_view to_string(NoticeBy n) { return n == NoticeBy::tenant ? "tenant" : "agency"; }

std::optional<NoticeBy> parse_notice_by(std::string_view s) {
  if (s == "tenant") return NoticeBy::tenant;
  if (s == "agency") return NoticeBy::agency;
  return std::nullopt;
}

DateRange Lease::period() const { return end ? DateRange(start, add_days(*end, 1)) : DateRange(start); }

namespace {

DomainError problem(const char* code, const char* field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

}  // namespace

void validate_lease(const Lease& l) {
  Problems problems;
  // 1. The end is not before the start.
  if (l.end && *l.end < l.start) problems.add(problem("leases.end_before_start", "end"));
  // 2. A short lease has an end, three years at most after its start.
  if (l.kind == LeaseKind::short_term) {
    if (!l.end) problems.add(problem("leases.short_needs_end", "end"));
    else if (*l.end >= add_months(l.start, 12 * kShortLeaseYearsMax))
      problems.add(problem("leases.short_too_long", "end"));
  }
  // 3. Amounts.
  if (l.tenant_rent <= Money::zero() || l.tenant_rent > kMaxTenantRent)
    problems.add(problem("leases.invalid_rent", "tenant_rent"));
  if (l.charges < Money::zero() || l.charges > kMaxTenantRent) problems.add(problem("leases.invalid_charges", "charges"));
  if (l.deposit < Money::zero()) problems.add(problem("leases.invalid_deposit", "deposit"));
  // 4. Two months of rent at most, charges excluded.
  if (l.tenant_rent > Money::zero() && l.tenant_rent <= kMaxTenantRent) {
    const Money max = Money::from_cents(l.tenant_rent.cents() * kDepositMonthsMax);
    if (l.deposit > max)
      problems.add(std::move(DomainError(ErrorKind::validation, "leases.deposit_too_high")
                                 .param("max", max.format_plain())
                                 .field("deposit")));
  }
  // 5. A returned deposit: its date, not before the start, at most what was deposited.
  if (l.deposit_returned || l.deposit_returned_on) {
    if (!l.deposit_returned || !l.deposit_returned_on || *l.deposit_returned_on < l.start ||
        *l.deposit_returned < Money::zero() || *l.deposit_returned > l.deposit)
      problems.add(problem("leases.invalid_deposit_return", "deposit_returned"));
  }
  problems.throw_if_any();
}

void check_rent_within_cap(Money rent, std::optional<Money> cap) {
  if (!cap || rent <= *cap) return;
  throw std::move(DomainError(ErrorKind::validation, "leases.rent_above_cap")
                      .param("cap", cap->format_plain())
                      .param("rent", rent.format_plain())
                      .field("tenant_rent"));
}

NoticeOutcome notice_outcome(const Lease& l, NoticeBy by, std::chrono::year_month_day received_on) {
  using namespace std::chrono;
  NoticeOutcome out;
  if (by != NoticeBy::tenant || l.kind == LeaseKind::transit) return out;
  out.rule_known = true;
  // The notice starts on the first day of the next month and lasts three months.
  const year_month first_month = year_month(received_on.year(), received_on.month()) + months(1);
  const year_month last_month = first_month + months(2);
  out.end = year_month_day(last_month / last);
  if (l.kind == LeaseKind::short_term) {
    out.indemnity_months = 1;
  } else {
    // The year of the lease in which it ends: 3, 2, 1 month(s) in the first three years.
    for (int year = 1; year <= 3; ++year) {
      if (out.end < add_months(l.start, 12 * year)) {
        out.indemnity_months = 4 - year;
        break;
      }
    }
  }
  return out;
}

}  // namespace hms::leases

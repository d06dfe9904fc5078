#include "domain/owners/owner_contract.hpp"

#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::owners {

std::string_view to_string(ContractKind k) {
  return k == ContractKind::management_mandate ? "management_mandate" : "main_lease";
}

std::optional<ContractKind> parse_contract_kind(std::string_view s) {
  if (s == "management_mandate") return ContractKind::management_mandate;
  if (s == "main_lease") return ContractKind::main_lease;
  return std::nullopt;
}

DateRange OwnerContract::period() const {
  return end ? DateRange(start, add_days(*end, 1)) : DateRange(start);
}

void validate_contract(const OwnerContract& c) {
  Problems problems;
  if (c.end && *c.end < c.start)
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.end_before_start").field("end")));
  if (c.signed_on && c.start < *c.signed_on)
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.signed_after_start").field("signed_on")));
  // At most 100 000.00 a month: a typing error, not a rent (and no overflow when rents are
  // indexed or added up).
  if (c.owner_rent <= Money::zero() || c.owner_rent > kMaxOwnerRent)
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.invalid_rent").field("owner_rent")));
  if (c.kind == ContractKind::management_mandate) {
    if (!c.management_fee || *c.management_fee < Rate() || *c.management_fee > kMaxManagementFee)
      problems.add(std::move(DomainError(ErrorKind::validation, "owners.invalid_management_fee").field("management_fee")));
  } else if (c.management_fee) {
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.fee_only_for_mandate").field("management_fee")));
  }
  problems.throw_if_any();
}

void check_rent_within_cap(Money rent, std::optional<Money> cap) {
  if (!cap) return;             // 1. no table covers the day
  if (rent <= *cap) return;     // 2. at or below the cap
  throw std::move(DomainError(ErrorKind::validation, "owners.rent_above_cap")  // 3.
                      .param("cap", cap->format_plain())
                      .param("rent", rent.format_plain())
                      .field("owner_rent"));
}

}  // namespace hms::owners

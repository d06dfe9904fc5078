// The yearly property-tax list (issue 12.4): the dwellings an agency managed during a year, with
// their cadastral reference, owner and contract dates, which the agency sends to Bruxelles
// Fiscalité so that each owner's exemption is granted (domain-research.md §1.4: the exemption is
// asked every year, and the agency asks it for the owner). A dwelling is on the list of a year
// when one of its owner contracts was in force on at least one day of it; the period in force
// within the year is given (from 1 January or the contract's start, to 31 December or its end).
// E.g. year 2026: contract 2019-03-01 → none gives 01/01–31/12; contract 2026-05-01 → 2026-08-31
// gives 01/05–31/08; a contract ended on 2025-12-31 is not on it.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace hms::subsidies {

struct PropertyTaxLine {
  std::int64_t dwelling_id = 0;
  std::string reference;
  std::string street, number, box, postcode, commune_fr, commune_nl;
  std::string cadastral_reference;  // "" when not recorded: the list says it is missing
  std::int64_t owner_id = 0;
  std::string owner_kind;           // person | company
  std::string owner_name;
  std::string company_number;       // companies only
  std::string owner_address;
  std::int64_t contract_id = 0;
  std::string contract_kind;        // management_mandate | main_lease
  std::chrono::year_month_day contract_start{};
  std::optional<std::chrono::year_month_day> contract_end;
  std::chrono::year_month_day from{}, to{};  // the contract's days within the year
};

// The contract's days within `year`: [max(start, 1 January), min(end, 31 December)].
void clip_to_year(PropertyTaxLine& line, int year);

}  // namespace hms::subsidies

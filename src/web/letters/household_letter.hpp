// The frame of every letter to a lease's household (a reminder, a statement), in the household's
// language: the agency as sender, the household at the dwelling as recipient, the place and
// date, the salutation, the closing, the signature and the footer; and the sentence that says
// how to pay (the agency's account, the lease's structured communication).
#pragma once
#include <chrono>
#include <string>

#include "app/leases/leases.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"
#include "web/texts.hpp"

namespace hms::web {

documents::Letter household_letter(const Catalog& catalog, const app::HouseholdAddressee& to,
                                   std::chrono::year_month_day date);

// "Please pay to account BE11 0682 4601 3548 with the structured communication +++…+++ …"
// (without the account when the agency has none).
std::string payment_instruction(const Texts& tx, const app::HouseholdAddressee& to);

}  // namespace hms::web

// The reminder letter to a household in arrears (issue 11 part 1), in the household's language:
// the step of the agency's ladder it reached (a reminder, a second reminder, a formal notice),
// what it owes and since when, the account and the structured communication to pay with, and
// the offer of a payment plan. E.g. "Rappel — loyer impayé: 1.290,00 € depuis le 01/02/2026".
#pragma once
#include <chrono>
#include <string>

#include "app/arrears/arrears.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"

namespace hms::web {

documents::Letter reminder_letter(const Catalog& catalog, const app::ReminderLetter& r);
std::string reminder_letter_pdf(const Catalog& catalog, const app::ReminderLetter& r);

}  // namespace hms::web

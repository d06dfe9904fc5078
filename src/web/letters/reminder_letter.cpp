#include "web/letters/reminder_letter.hpp"

#include "common/date.hpp"
#include "web/letters/household_letter.hpp"
#include "web/texts.hpp"

namespace hms::web {

documents::Letter reminder_letter(const Catalog& catalog, const app::ReminderLetter& r) {
  const Texts tx{catalog, r.to.language};
  const std::string step(arrears::to_string(r.arrears.step));
  auto letter = household_letter(catalog, r.to, r.date);
  letter.subject = tx.text("arrears.letter.subject." + step);
  const std::map<std::string, std::string> owed = {{"balance", tx.money(r.arrears.balance)},
                                                    {"since", to_belgian(*r.arrears.oldest_unpaid)},
                                                    {"days", std::to_string(r.arrears.days)}};
  letter.paragraphs = {tx.format("arrears.letter.owed." + step, owed)};
  letter.after.push_back(payment_instruction(tx, r.to));
  letter.after.push_back(tx.text("arrears.letter.plan"));
  if (r.arrears.step == arrears::Step::formal_notice) letter.after.push_back(tx.text("arrears.letter.formal_notice_next"));
  letter.after.push_back(tx.text("arrears.letter.already_paid"));
  return letter;
}

std::string reminder_letter_pdf(const Catalog& catalog, const app::ReminderLetter& r) {
  return documents::render_pdf({reminder_letter(catalog, r)}, "Reminder " + r.to.agency_code + " " + r.to.lease.dwelling_reference);
}

}  // namespace hms::web

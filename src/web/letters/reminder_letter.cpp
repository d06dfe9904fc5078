#include "web/letters/reminder_letter.hpp"

#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "domain/owners/bank_account.hpp"
#include "web/postal_address.hpp"
#include "web/texts.hpp"

namespace hms::web {

documents::Letter reminder_letter(const Catalog& catalog, const app::ReminderLetter& r) {
  const std::string lang = r.language.empty() ? "fr" : r.language;
  const Texts tx{catalog, lang};
  const std::string step(arrears::to_string(r.arrears.step));
  const auto& d = r.dwelling;
  documents::Letter letter;
  letter.sender = {r.agency_name};
  letter.sender.insert(letter.sender.end(), r.agency_address.begin(), r.agency_address.end());
  letter.recipient = {r.lease.household_name, street_line(catalog, lang, d.street, d.number, d.box),
                      d.commune.postcode + " " + (lang == "nl" ? d.commune.name_nl : d.commune.name_fr)};
  letter.place_date = tx.format("indexation.indexation_run.letter.place_date", {{"date", to_belgian(r.date)}});
  letter.reference = tx.format("arrears.letter.reference", {{"dwelling", r.lease.dwelling_reference}});
  letter.subject = tx.text("arrears.letter.subject." + step);
  letter.salutation = tx.text("indexation.indexation_run.letter.salutation");
  const std::map<std::string, std::string> owed = {{"balance", tx.money(r.arrears.balance)},
                                                    {"since", to_belgian(*r.arrears.oldest_unpaid)},
                                                    {"days", std::to_string(r.arrears.days)}};
  letter.paragraphs = {tx.format("arrears.letter.owed." + step, owed)};
  const std::string reference = leases::format_payment_reference(r.lease.payment_reference);
  letter.after.push_back(r.agency_iban.empty()
                             ? tx.format("arrears.letter.pay_reference", {{"reference", reference}})
                             : tx.format("arrears.letter.pay", {{"iban", owners::format_iban(r.agency_iban)}, {"reference", reference}}));
  letter.after.push_back(tx.text("arrears.letter.plan"));
  if (r.arrears.step == arrears::Step::formal_notice) letter.after.push_back(tx.text("arrears.letter.formal_notice_next"));
  letter.after.push_back(tx.text("arrears.letter.already_paid"));
  letter.closing = tx.text("indexation.indexation_run.letter.closing");
  letter.signature = {r.agency_name};
  letter.footer = tx.format("indexation.indexation_run.letter.footer", {{"agency", r.agency_name}});
  return letter;
}

std::string reminder_letter_pdf(const Catalog& catalog, const app::ReminderLetter& r) {
  return documents::render_pdf({reminder_letter(catalog, r)}, "Reminder " + r.agency_code + " " + r.lease.dwelling_reference);
}

}  // namespace hms::web

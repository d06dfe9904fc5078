#include "web/letters/household_letter.hpp"

#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "domain/owners/bank_account.hpp"
#include "web/postal_address.hpp"

namespace hms::web {

documents::Letter household_letter(const Catalog& catalog, const app::HouseholdAddressee& to,
                                   std::chrono::year_month_day date) {
  const Texts tx{catalog, to.language};
  const auto& d = to.dwelling;
  documents::Letter letter;
  letter.sender = {to.agency_name};
  letter.sender.insert(letter.sender.end(), to.agency_address.begin(), to.agency_address.end());
  letter.recipient = {to.lease.household_name, street_line(catalog, to.language, d.street, d.number, d.box),
                      d.commune.postcode + " " + (to.language == "nl" ? d.commune.name_nl : d.commune.name_fr)};
  letter.place_date = tx.format("indexation.indexation_run.letter.place_date", {{"date", to_belgian(date)}});
  letter.reference = tx.format("arrears.letter.reference", {{"dwelling", to.lease.dwelling_reference}});
  letter.salutation = tx.text("indexation.indexation_run.letter.salutation");
  letter.closing = tx.text("indexation.indexation_run.letter.closing");
  letter.signature = {to.agency_name};
  letter.footer = tx.format("indexation.indexation_run.letter.footer", {{"agency", to.agency_name}});
  return letter;
}

std::string payment_instruction(const Texts& tx, const app::HouseholdAddressee& to) {
  const std::string reference = leases::format_payment_reference(to.lease.payment_reference);
  return to.agency_iban.empty()
             ? tx.format("arrears.letter.pay_reference", {{"reference", reference}})
             : tx.format("arrears.letter.pay", {{"iban", owners::format_iban(to.agency_iban)}, {"reference", reference}});
}

}  // namespace hms::web

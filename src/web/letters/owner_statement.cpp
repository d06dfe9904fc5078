#include "web/letters/owner_statement.hpp"

#include "common/date.hpp"
#include "web/postal_address.hpp"
#include "web/texts.hpp"

namespace hms::web {

documents::Letter owner_statement_letter(const Catalog& catalog, const app::OwnerStatement& st,
                                         std::chrono::year_month_day today) {
  const std::string lang = st.owner.language.empty() ? "fr" : st.owner.language;
  const Texts tx{catalog, lang};
  const std::map<std::string, std::string> month = {{"month", tx.month(st.month)}};
  documents::Letter letter;
  letter.sender = {st.agency_name};
  letter.sender.insert(letter.sender.end(), st.agency_address.begin(), st.agency_address.end());
  letter.recipient = {st.owner.name};
  for (auto& part : postal_lines(st.owner.address)) letter.recipient.push_back(std::move(part));
  letter.place_date = tx.format("indexation.indexation_run.letter.place_date", {{"date", to_belgian(today)}});
  letter.reference = tx.format("payouts.statement.reference", {{"agency", st.agency_code}, {"month", st.month.to_string()}});
  letter.subject = tx.format("payouts.statement.subject", month);
  letter.salutation = tx.text("indexation.indexation_run.letter.salutation");
  if (!st.rent_run_done) {
    letter.paragraphs = {tx.format("payouts.statement.not_run", month)};
  } else if (st.contracts.empty() && !st.excluded) {
    letter.paragraphs = {tx.format("payouts.statement.nothing_due", month)};
  } else {
    letter.paragraphs = {tx.format("payouts.statement.intro", month)};
    documents::Table table;
    table.header = {tx.text("payouts.statement.col_dwelling"), tx.text("payouts.statement.col_due"),
                    tx.text("payouts.statement.col_fee"), tx.text("payouts.statement.col_net")};
    table.align_right = {false, true, true, true};
    for (const auto& c : st.contracts)
      table.rows.push_back({c.dwelling, tx.money(c.gross), tx.money(c.fee), tx.money(c.gross - c.fee)});
    if (!st.contracts.empty())
      table.rows.push_back({tx.text("payouts.statement.total"), tx.money(st.gross), tx.money(st.fee), tx.money(st.net())});
    if (!table.rows.empty()) letter.table = table;
    if (st.fee > Money::zero()) letter.after.push_back(tx.text("payouts.statement.fee_note"));
    if (st.excluded)
      letter.after.push_back(tx.format("payouts.statement.excluded_" + std::string(payouts::to_string(*st.excluded)),
                                       {{"amount", tx.money(st.gross)}}));
    else if (st.paid_on)
      letter.after.push_back(tx.format("payouts.statement.paid", {{"amount", tx.money(st.net())}, {"date", to_belgian(*st.paid_on)}}));
    else if (st.file_made_for)
      letter.after.push_back(tx.format("payouts.statement.prepared", {{"amount", tx.money(st.net())}, {"date", to_belgian(*st.file_made_for)}}));
    else
      letter.after.push_back(tx.format("payouts.statement.not_yet", {{"amount", tx.money(st.net())}}));
  }
  letter.closing = tx.text("indexation.indexation_run.letter.closing");
  letter.signature = {st.agency_name};
  letter.footer = tx.format("indexation.indexation_run.letter.footer", {{"agency", st.agency_name}});
  return letter;
}

std::string owner_statement_pdf(const Catalog& catalog, const app::OwnerStatement& st, std::chrono::year_month_day today) {
  return documents::render_pdf({owner_statement_letter(catalog, st, today)},
                               "Statement " + st.agency_code + " " + st.month.to_string());
}

}  // namespace hms::web

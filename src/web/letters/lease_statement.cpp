#include "web/letters/lease_statement.hpp"

#include "common/date.hpp"
#include "web/letters/household_letter.hpp"
#include "web/texts.hpp"

namespace hms::web {

documents::Letter lease_statement_letter(const Catalog& catalog, const app::LeaseStatementLetter& st) {
  const Texts tx{catalog, st.to.language};
  auto letter = household_letter(catalog, st.to, st.date);
  const std::map<std::string, std::string> span = {{"from", to_belgian(st.from)}, {"to", to_belgian(st.until)}};
  letter.subject = tx.format("ledger.statement_letter.subject", span);
  letter.paragraphs = {tx.format("ledger.statement_letter.intro", span)};
  documents::Table table;
  table.header = {tx.text("ledger.statement_letter.col_date"), tx.text("ledger.statement_letter.col_what"),
                  tx.text("ledger.statement_letter.col_called"), tx.text("ledger.statement_letter.col_paid"),
                  tx.text("ledger.statement_letter.col_balance")};
  table.align_right = {false, false, true, true, true};
  Money balance = st.opening;
  table.rows.push_back({to_belgian(st.from), tx.text("ledger.statement_letter.opening"), "", "", tx.money(balance)});
  for (const auto& l : st.lines) {
    balance += l.debit - l.credit;
    const std::string what = l.journal == ledger::Journal::bank ? tx.text("ledger.statement_letter.payment")
                             : l.reverses                       ? tx.text("ledger.statement_letter.correction")
                                                                : tx.format("ledger.statement_letter.call", {{"what", l.description}});
    table.rows.push_back({to_belgian(l.date), what, l.debit > Money::zero() ? tx.money(l.debit) : "",
                          l.credit > Money::zero() ? tx.money(l.credit) : "", tx.money(balance)});
  }
  letter.table = table;
  const Money zero;
  if (st.closing > zero) {
    letter.after.push_back(tx.format("ledger.statement_letter.owed", {{"amount", tx.money(st.closing)}}));
    letter.after.push_back(payment_instruction(tx, st.to));
    letter.after.push_back(tx.text("arrears.letter.plan"));
  } else if (st.closing < zero) {
    letter.after.push_back(tx.format("ledger.statement_letter.credit", {{"amount", tx.money(zero - st.closing)}}));
  } else {
    letter.after.push_back(tx.text("ledger.statement_letter.settled"));
  }
  return letter;
}

std::string lease_statement_pdf(const Catalog& catalog, const app::LeaseStatementLetter& st) {
  return documents::render_pdf({lease_statement_letter(catalog, st)},
                               "Statement " + st.to.agency_code + " " + st.to.lease.dwelling_reference);
}

}  // namespace hms::web

#include "web/letters/subsidy_request.hpp"

#include "common/date.hpp"
#include "web/texts.hpp"

namespace hms::web {

namespace sb = subsidies;

documents::Table subsidy_request_table(const Catalog& catalog, const std::string& lang, const sb::SubsidyRequest& r) {
  const Texts tx{catalog, lang};
  documents::Table table;
  table.header = {tx.text("subsidies.requests.part"), tx.text("subsidies.requests.count"),
                  tx.text("subsidies.requests.rate"), tx.text("subsidies.requests.amount")};
  table.align_right = {false, true, true, true};
  for (const auto& l : r.lines)
    table.rows.push_back({tx.text("subsidies.parts." + l.part), thousands_text(l.count, lang),
                          tx.money(Money::from_cents(l.rate_cents)), tx.money(Money::from_cents(l.amount_cents))});
  table.rows.push_back({tx.text("subsidies.requests.total"), "", "", tx.money(Money::from_cents(r.total_cents))});
  return table;
}

documents::Table subsidy_tranches_table(const Catalog& catalog, const std::string& lang, const sb::SubsidyRequest& r) {
  const Texts tx{catalog, lang};
  documents::Table table;
  table.header = {tx.text("subsidies.requests.tranche"), tx.text("subsidies.requests.share"),
                  tx.text("subsidies.requests.amount"), tx.text("subsidies.requests.due_on"),
                  tx.text("subsidies.requests.justification"), tx.text("subsidies.requests.paid_on")};
  table.align_right = {true, true, true, false, false, false};
  for (const auto& t : r.tranches) {
    std::string justification;
    if (!t.justification.empty())
      justification = t.justified_on ? tx.format("subsidies.requests.justified",
                                                 {{"date", to_belgian(*t.justified_on)},
                                                  {"at_or_below", std::to_string(t.at_or_below)},
                                                  {"leases", std::to_string(t.leases)}})
                                     : tx.text("subsidies.justifications." + t.justification);
    table.rows.push_back({std::to_string(t.number), tx.percent(std::to_string(t.share_percent)),
                          tx.money(Money::from_cents(t.amount_cents)), to_belgian(t.due_on), justification,
                          t.paid_on ? to_belgian(*t.paid_on) : tx.text("subsidies.requests.not_paid")});
  }
  return table;
}

std::string subsidy_request_pdf(const Catalog& catalog, const std::string& lang, const sb::SubsidyRequest& r,
                                const std::vector<std::string>& letterhead, std::chrono::year_month_day today) {
  const Texts tx{catalog, lang};
  documents::Letter doc;
  doc.sender = letterhead;
  doc.recipient = {tx.text("subsidies.requests.to_region")};
  doc.place_date = to_belgian(today);
  doc.reference = tx.format("subsidies.requests.pdf_reference", {{"agency", r.agency_code}, {"id", std::to_string(r.id)}});
  doc.subject = tx.format("subsidies.requests.heading", {{"year", std::to_string(r.year)}, {"agency", r.agency_code}});
  doc.paragraphs = {tx.format("subsidies.requests.pdf_intro", {{"year", std::to_string(r.year)},
                                                               {"date", to_belgian(r.inventory_date)}}),
                    tx.format("subsidies.requests.status_line",
                              {{"status", tx.text("subsidies.statuses." + std::string(sb::to_string(r.status)))}})};
  doc.table = subsidy_request_table(catalog, lang, r);
  doc.after.push_back(tx.format("subsidies.requests.rates_line", {{"date", to_belgian(r.rates_from)}}));
  if (r.rates_status == "illustrative") doc.after.push_back(tx.text("subsidies.requests.illustrative"));
  if (!r.tranches.empty()) {
    doc.after.push_back(tx.text("subsidies.requests.tranches"));
    const auto rows = subsidy_tranches_table(catalog, lang, r).rows;
    for (std::size_t i = 0; i < r.tranches.size(); ++i) {
      const auto& t = r.tranches[i];
      doc.after.push_back(tx.format("subsidies.requests.tranche_line",
                                    {{"number", rows[i][0]}, {"amount", rows[i][2]}, {"share", rows[i][1]}, {"due", rows[i][3]},
                                     {"paid", t.paid_on ? tx.format("subsidies.requests.paid_text", {{"date", rows[i][5]}})
                                                        : rows[i][5]}}) +
                          (rows[i][4].empty() ? "" : " — " + rows[i][4]));
    }
  }
  if (!r.events.empty()) {
    doc.after.push_back(tx.text("subsidies.requests.history"));
    for (const auto& e : r.events) {
      const auto day = std::chrono::year_month_day{
          std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{e.at}})};
      doc.after.push_back("• " + to_belgian(day) + " — " + tx.text("subsidies.events." + e.kind) +
                          (e.user_name.empty() ? "" : " (" + e.user_name + ")") +
                          (e.comment.empty() ? "" : ": " + e.comment));
    }
  }
  doc.footer = doc.subject;
  return documents::render_pdf({doc}, doc.subject);
}

}  // namespace hms::web

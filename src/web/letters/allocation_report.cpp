#include "web/letters/allocation_report.hpp"

#include "common/date.hpp"
#include "web/texts.hpp"

namespace hms::web {

documents::Table allocation_report_table(const Catalog& catalog, const std::string& lang, const app::AllocationReport& r) {
  const Texts tx{catalog, lang};
  documents::Table table;
  table.header = {tx.text("allocation.date"),     tx.text("allocation.report.dwelling"), tx.text("allocation.household"),
                  tx.text("allocation.decision"), tx.text("allocation.place"),           tx.text("allocation.reason"),
                  tx.text("allocation.approved_by")};
  table.align_right = {false, false, false, false, true, false, false};
  for (const auto& d : r.decisions)
    table.rows.push_back({to_belgian(d.decided_on), d.dwelling_reference,
                          d.household_name + " (" + tx.text("allocation.number") + " " + std::to_string(d.applicant_number) + ")",
                          tx.text("allocation.kinds." + std::string(allocation::to_string(d.kind))), std::to_string(d.place),
                          d.reason, d.approved_by});
  return table;
}

std::string allocation_report_summary(const Catalog& catalog, const std::string& lang, const app::AllocationReport& r) {
  return Texts{catalog, lang}.format("allocation.report.summary",
                                     {{"proposed", std::to_string(r.proposed)},
                                      {"accepted", std::to_string(r.accepted)},
                                      {"refused", std::to_string(r.refused)},
                                      {"derogations", std::to_string(r.derogations)},
                                      {"leases", std::to_string(r.leases_started)},
                                      {"without", std::to_string(r.without_decision.size())}});
}

std::string allocation_report_pdf(const Catalog& catalog, const std::string& lang, const app::AllocationReport& r,
                                  std::chrono::year_month_day today) {
  const Texts tx{catalog, lang};
  documents::Letter doc;
  doc.sender = {r.agency_name};
  doc.recipient = {tx.text("allocation.report.to_board")};
  doc.place_date = to_belgian(today);
  doc.subject = tx.format("allocation.report.title", {{"year", std::to_string(r.year)}});
  doc.paragraphs = {tx.text("allocation.report.intro"), allocation_report_summary(catalog, lang, r)};
  if (!r.decisions.empty()) doc.table = allocation_report_table(catalog, lang, r);
  else doc.paragraphs.push_back(tx.text("allocation.report.no_decisions"));
  if (!r.without_decision.empty()) {
    doc.after.push_back(tx.text("allocation.report.without_decision"));
    for (const auto& l : r.without_decision)
      doc.after.push_back("• " + l.dwelling_reference + " — " + l.household_name + " (" + tx.text("allocation.number") + " " +
                          std::to_string(l.applicant_number) + "), " + to_belgian(l.start));
  }
  doc.footer = doc.subject + " — " + r.agency_name;
  return documents::render_pdf({doc}, doc.subject);
}

}  // namespace hms::web

#include "web/letters/subject_access.hpp"

#include "common/date.hpp"
#include "web/texts.hpp"

namespace hms::web {

namespace {

std::string yes_no(const Texts& tx, bool v) { return tx.text(v ? "applicants.pages.yes" : "applicants.pages.no"); }

std::string when(std::int64_t seconds) {
  const auto day = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{seconds}})};
  return to_belgian(day);
}

}  // namespace

documents::Letter subject_access_letter(const Catalog& catalog, const app::SubjectAccess& s) {
  const auto& h = s.household;
  const Texts tx{catalog, h.language.empty() ? "fr" : h.language};
  auto t = [&](const std::string& key) { return tx.text("applicants.subject_access." + key); };
  documents::Letter letter;
  letter.sender = {s.agency_name};
  letter.sender.insert(letter.sender.end(), s.agency_address.begin(), s.agency_address.end());
  letter.recipient = {h.name()};
  if (!h.address.empty()) letter.recipient.push_back(h.address);
  letter.place_date = tx.format("indexation.indexation_run.letter.place_date", {{"date", to_belgian(s.date)}});
  letter.reference = tx.format("applicants.subject_access.reference", {{"number", std::to_string(h.number)}});
  letter.subject = t("subject");
  letter.salutation = tx.text("indexation.indexation_run.letter.salutation");
  letter.paragraphs = {tx.format("applicants.subject_access.intro", {{"agency", s.agency_name}})};

  documents::Table table;
  table.header = {t("col_what"), t("col_recorded")};
  auto row = [&](const std::string& what, const std::string& value) { table.rows.push_back({what, value}); };
  // The household as registered.
  row(t("number"), std::to_string(h.number) + " — " + to_belgian(h.registered_on));
  row(t("status"), tx.text("applicants.statuses." + std::string(applicants::to_string(h.status))) +
                       (h.status_reason.empty() ? "" : " (" + h.status_reason + ")"));
  row(t("referral"), h.referral ? *h.referral : t("direct"));
  for (std::size_t i = 0; i < h.members.size(); ++i) {
    const auto& m = h.members[i];
    std::string value = m.first_name + " " + m.last_name + ", " + to_belgian(m.birth_date) + ", " +
                        tx.text("applicants.relations." + std::string(applicants::to_string(m.relation)));
    if (m.dependent) value += ", " + t("dependent");
    if (m.disabled) value += ", " + t("disabled");
    if (!m.national_number.empty()) value += "\n" + tx.format("applicants.subject_access.national_number", {{"masked", m.national_number}});
    row(tx.format("applicants.subject_access.member", {{"n", std::to_string(i + 1)}}), value);
  }
  row(tx.format("applicants.subject_access.income", {{"year", std::to_string(h.income_year)}}),
      tx.money(h.income) + " — " + tx.format("applicants.subject_access.incomes", {{"n", std::to_string(h.incomes)}}) +
          (h.band ? " — " + tx.text("applicants.bands." + std::string(applicants::to_string(*h.band))) : ""));
  std::string communes;
  for (const auto& p : h.preferred_postcodes) communes += (communes.empty() ? "" : ", ") + p;
  row(t("preferences"), communes.empty() ? "—" : communes);
  row(t("over_indebted"), yes_no(tx, h.over_indebted));
  row(t("urgent"), yes_no(tx, h.urgent));
  row(t("contact"), h.email + (h.phone.empty() ? "" : "\n" + h.phone) + (h.address.empty() ? "" : "\n" + h.address));
  row(t("renewed"), to_belgian(h.renewed_on));
  // Its record's changes and the decisions on its candidacy.
  for (const auto& c : s.changes) {
    std::string fields;
    for (const auto& f : c.fields) fields += (fields.empty() ? "" : ", ") + f;
    row(tx.format("applicants.subject_access.change", {{"date", when(c.changed_at)}}),
        tx.text("applicants.actions." + c.action) + (fields.empty() ? "" : ": " + fields));
  }
  for (const auto& d : s.decisions)
    row(tx.format("applicants.subject_access.decision", {{"date", to_belgian(d.decided_on)}}),
        d.dwelling_reference + " — " + tx.text("allocation.kinds." + std::string(allocation::to_string(d.kind))) +
            (d.reason.empty() ? "" : ": " + d.reason));
  // Its leases and rent accounts.
  for (const auto& l : s.leases) {
    const auto& lease = l.lease;
    row(tx.format("applicants.subject_access.lease", {{"dwelling", lease.dwelling_reference}}),
        to_belgian(lease.start) + " → " + (lease.end ? to_belgian(*lease.end) : "…") + "\n" +
            tx.format("applicants.subject_access.lease_money", {{"rent", tx.money(lease.tenant_rent)},
                                                                 {"charges", tx.money(lease.charges)},
                                                                 {"deposit", tx.money(lease.deposit)}}));
    Money called, paid;
    for (const auto& line : l.lines) {
      if (line.journal == ledger::Journal::bank) paid += line.credit - line.debit;
      else called += line.debit - line.credit;
    }
    row(tx.format("applicants.subject_access.account", {{"dwelling", lease.dwelling_reference}}),
        tx.format("applicants.subject_access.account_totals", {{"lines", std::to_string(l.lines.size())},
                                                                {"called", tx.money(called)},
                                                                {"paid", tx.money(paid)}}));
    for (const auto& inv : l.inventories)
      row(tx.text(std::string("applicants.subject_access.inventory_") + (inv.kind == leases::InventoryKind::entry ? "entry" : "exit")),
          to_belgian(inv.done_on) + " — " + tx.format("applicants.subject_access.inventory_lines", {{"n", std::to_string(inv.items.size())}}));
  }
  letter.table = table;
  // Who read or changed the record.
  letter.after.push_back(tx.format("applicants.subject_access.events", {{"n", std::to_string(s.events.size())}}));
  for (std::size_t i = 0; i < s.events.size() && i < 20; ++i) {
    const auto& e = s.events[i];
    letter.after.push_back("• " + when(e.at) + " — " + tx.text("audit.action." + e.action) + " — " + e.actor_login);
  }
  letter.after.push_back(t("rights"));
  letter.closing = tx.text("indexation.indexation_run.letter.closing");
  letter.signature = {s.agency_name};
  letter.footer = tx.format("indexation.indexation_run.letter.footer", {{"agency", s.agency_name}});
  return letter;
}

std::string subject_access_pdf(const Catalog& catalog, const app::SubjectAccess& s) {
  return documents::render_pdf({subject_access_letter(catalog, s)},
                               "Personal data " + s.agency_code + " " + std::to_string(s.household.number));
}

}  // namespace hms::web

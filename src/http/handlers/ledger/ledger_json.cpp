#include "http/handlers/ledger/ledger_json.hpp"

#include "common/date.hpp"

namespace hms::http {

nlohmann::json balance_json(const ledger::LeaseBalance& b) {
  return {{"called", b.called.format_plain()}, {"paid", b.paid.format_plain()}, {"balance", b.balance().format_plain()}};
}

std::string account_name(const std::string& name, const web::Texts& tx) {
  return name.starts_with("ledger.account.") ? tx.text(name) : name;
}

nlohmann::json trial_balance_json(const app::TrialBalance& tb, const web::Texts& tx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : tb.rows)
    items.push_back({{"account", r.account},
                     {"name", account_name(r.name, tx)},
                     {"debit", r.debit.format_plain()},
                     {"credit", r.credit.format_plain()}});
  return {{"items", items}, {"debit", tb.debit.format_plain()}, {"credit", tb.credit.format_plain()}};
}

nlohmann::json rent_run_json(const app::RentRun& run, bool with_lines) {
  const auto counts = app::reported(run);
  nlohmann::json out = {{"month", run.month.to_string()},
                        {"rent_calls", counts.rent_calls},
                        {"tenant_total", counts.tenant_total.format_plain()},
                        {"owner_rents", counts.owner_rents},
                        {"owner_total", counts.owner_total.format_plain()},
                        {"already_done", run.already_done}};
  if (!with_lines) return out;
  out["dry_run"] = run.dry_run;
  out["vacancy_total"] = run.vacancy_total.format_plain();
  nlohmann::json calls = nlohmann::json::array(), owner_lines = nlohmann::json::array();
  for (const auto& c : run.rent_calls)
    calls.push_back({{"lease_id", c.lease_id}, {"dwelling", c.dwelling}, {"days", c.days},
                     {"rent", c.rent.format_plain()}, {"charges", c.charges.format_plain()},
                     {"total", c.total().format_plain()}});
  for (const auto& o : run.owner_rents)
    owner_lines.push_back({{"owner_contract_id", o.owner_contract_id}, {"dwelling", o.dwelling}, {"days", o.days},
                           {"amount", o.amount.format_plain()}, {"vacant_days", o.vacant_days},
                           {"vacancy", o.vacancy.format_plain()}});
  out["calls"] = calls;
  out["owner_lines"] = owner_lines;
  return out;
}

std::string entry_label(ledger::Journal journal, int year, std::int64_t number) {
  return std::string(ledger::to_string(journal)) + " " + std::to_string(year) + "/" + std::to_string(number);
}

namespace {

nlohmann::json optional_id(std::optional<std::int64_t> id) { return id ? nlohmann::json(*id) : nlohmann::json(); }

}  // namespace

nlohmann::json entry_json(const ledger::Entry& e, std::optional<std::int64_t> reversed_by) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : e.lines)
    lines.push_back({{"account", l.account},
                     {"debit", l.debit.format_plain()},
                     {"credit", l.credit.format_plain()},
                     {"lease_id", optional_id(l.lease_id)},
                     {"owner_contract_id", optional_id(l.owner_contract_id)}});
  return {{"id", e.id},
          {"journal", ledger::to_string(e.journal)},
          {"year", e.year},
          {"number", e.number},
          {"date", to_iso(e.date)},
          {"period", e.period.to_string()},
          {"description", e.description},
          {"reverses", optional_id(e.reverses)},
          {"reversed_by", optional_id(reversed_by)},
          {"lines", lines}};
}

nlohmann::json deposit_json(const leases::Lease& l, const std::vector<leases::DepositPosting>& postings) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : postings)
    items.push_back({{"event", leases::to_string(p.event)},
                     {"date", to_iso(p.date)},
                     {"entry_id", p.entry_id},
                     {"amount", p.amount.format_plain()},
                     {"reversed", p.reversed}});
  return {{"deposit", l.deposit.format_plain()},
          {"form", l.deposit_form ? nlohmann::json(leases::to_string(*l.deposit_form)) : nlohmann::json()},
          {"held_by", l.deposit_held_by},
          {"returned_on", l.deposit_returned_on ? nlohmann::json(to_iso(*l.deposit_returned_on)) : nlohmann::json()},
          {"returned", l.deposit_returned ? nlohmann::json(l.deposit_returned->format_plain()) : nlohmann::json()},
          {"postings", items}};
}

}  // namespace hms::http

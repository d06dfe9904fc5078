#include "http/handlers/ledger/ledger_json.hpp"

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

}  // namespace hms::http

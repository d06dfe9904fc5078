#include "domain/payouts/payouts.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "common/iban.hpp"

namespace hms::payouts {

std::string_view to_string(FileFormat f) {
  return f == FileFormat::pain_001_001_03 ? "pain.001.001.03" : "pain.001.001.09";
}

std::optional<FileFormat> parse_file_format(std::string_view s) {
  for (auto f : {FileFormat::pain_001_001_09, FileFormat::pain_001_001_03})
    if (to_string(f) == s) return f;
  return std::nullopt;
}

std::string_view to_string(Exclusion e) { return e == Exclusion::invalid_iban ? "invalid_iban" : "missing_iban"; }

std::string remittance_text(std::string_view language, YearMonth month, const std::vector<std::string>& dwellings) {
  // A bank text, not a page: the word is the owner's language's (fr by default in Brussels).
  std::string text = language == "nl" ? "Huur" : language == "en" ? "Rent" : "Loyer";
  text += " " + month.to_string();
  for (const auto& d : dwellings) {
    if (text.size() + 1 + d.size() > kMaxRemittance) break;  // whole references only
    text += " " + d;
  }
  return text;
}

std::string end_to_end_id(YearMonth month, std::int64_t owner_id) {
  char id[40];
  std::snprintf(id, sizeof id, "HMS-%s-O%06lld", month.to_string().c_str(), static_cast<long long>(owner_id));
  return std::string(id).substr(0, 35);
}

Plan plan_payouts(YearMonth month, const std::vector<RentDue>& dues, const std::map<std::int64_t, ContractFacts>& facts) {
  Plan plan;
  plan.month = month;
  struct Owed {
    const ContractFacts* owner = nullptr;  // the facts of its first contract (name, IBAN, language)
    std::vector<ContractShare> contracts;
  };
  std::map<std::int64_t, Owed> by_owner;

  // 1-2. Each contract due something, with its fee.
  for (const auto& due : dues) {
    const auto& f = facts.at(due.owner_contract_id);
    if (due.amount <= Money::zero()) continue;
    ContractShare share{f.owner_contract_id, f.dwelling, due.amount, Money::zero()};
    if (f.kind == owners::ContractKind::management_mandate && f.management_fee)
      share.fee = f.management_fee->apply(due.amount, kManagementFeeRounding);
    // 3. Grouped by owner.
    auto& owed = by_owner[f.owner_id];
    if (!owed.owner) owed.owner = &f;
    owed.contracts.push_back(std::move(share));
  }

  for (auto& [owner_id, owed] : by_owner) {
    std::stable_sort(owed.contracts.begin(), owed.contracts.end(),
                     [](const auto& a, const auto& b) { return a.dwelling < b.dwelling; });
    Money gross, fee;
    std::vector<std::string> dwellings;
    for (const auto& c : owed.contracts) {
      gross += c.gross;
      fee += c.fee;
      dwellings.push_back(c.dwelling);
    }
    // 4. No IBAN, or one that fails its check: listed, not paid.
    const auto& iban = owed.owner->owner_iban;
    const auto checked = iban.empty() ? std::nullopt : checked_iban(iban);
    if (!checked) {
      plan.excluded.push_back({owner_id, owed.owner->owner_name,
                               iban.empty() ? Exclusion::missing_iban : Exclusion::invalid_iban, dwellings, gross});
      continue;
    }
    // 5. The transfer, named and described.
    Transfer t;
    t.owner_id = owner_id;
    t.owner_name = owed.owner->owner_name;
    t.iban = *checked;
    t.contracts = std::move(owed.contracts);
    t.gross = gross;
    t.fee = fee;
    t.end_to_end_id = end_to_end_id(month, owner_id);
    t.remittance = remittance_text(owed.owner->owner_language, month, dwellings);
    plan.gross += gross;
    plan.fee += fee;
    plan.transfers.push_back(std::move(t));
  }
  auto by_name = [](const auto& a, const auto& b) {
    return std::tie(a.owner_name, a.owner_id) < std::tie(b.owner_name, b.owner_id);
  };
  std::sort(plan.transfers.begin(), plan.transfers.end(), by_name);
  std::sort(plan.excluded.begin(), plan.excluded.end(), by_name);
  return plan;
}

std::vector<RunLine> run_lines(const Plan& plan) {
  std::vector<RunLine> lines;
  for (const auto& t : plan.transfers) {
    RunLine l{t.owner_id, t.gross, t.fee, t.net(), t.end_to_end_id, t.remittance, {}};
    for (const auto& c : t.contracts) l.contracts.push_back({c.owner_contract_id, c.gross, c.fee});
    lines.push_back(std::move(l));
  }
  return lines;
}

}  // namespace hms::payouts

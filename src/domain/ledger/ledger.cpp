#include "domain/ledger/ledger.hpp"

#include "common/error.hpp"

namespace hms::ledger {

std::vector<Account> standard_chart() {
  std::vector<Account> chart;
  for (std::string_view code : {kGuaranteesReceived, kGuarantors, kTenants, kOwners, kDepositsHeld, kSuspense, kBank,
                                 kRentsOwed, kRentIncome, kChargesIncome, kManagementFees})
    chart.push_back({0, 0, std::string(code), "ledger.account.a" + std::string(code), code.front() - '0'});
  return chart;
}

std::string_view to_string(Journal j) {
  switch (j) {
    case Journal::rent: return "RENT";
    case Journal::bank: return "BANK";
    case Journal::misc: return "MISC";
  }
  return "MISC";
}

std::optional<Journal> parse_journal(std::string_view s) {
  for (auto j : {Journal::rent, Journal::bank, Journal::misc})
    if (to_string(j) == s) return j;
  return std::nullopt;
}

Line debit(std::string_view account, Money amount) { return Line{std::string(account), amount, Money::zero(), {}, {}}; }
Line credit(std::string_view account, Money amount) { return Line{std::string(account), Money::zero(), amount, {}, {}}; }

Money Entry::total() const {
  Money sum;
  for (const auto& l : lines) sum += l.debit;
  return sum;
}

namespace {

DomainError refused(const std::string& code) {
  return std::move(DomainError(ErrorKind::validation, code).field("entry"));
}

}  // namespace

Entry build_entry(Draft draft, std::optional<YearMonth> closed_until) {
  // 1. At least two lines: one side and the other.
  if (draft.lines.size() < 2) throw refused("ledger.empty_entry");
  Money debits, credits;
  for (std::size_t i = 0; i < draft.lines.size(); ++i) {
    const auto& l = draft.lines[i];
    const auto line = std::to_string(i + 1);
    // 2. An account, and exactly one side above zero.
    const bool one_side = (l.debit > Money::zero() && l.credit == Money::zero()) ||
                          (l.debit == Money::zero() && l.credit > Money::zero());
    if (l.account.empty() || !one_side) throw std::move(refused("ledger.invalid_line").param("line", line));
    // 3. The tenants' and owners' accounts name their sub-account; no other account does.
    const bool lease_ok = (l.account == kTenants) == l.lease_id.has_value();
    const bool contract_ok = (l.account == kOwners) == l.owner_contract_id.has_value();
    if (!lease_ok || !contract_ok) throw std::move(refused("ledger.missing_sub_account").param("line", line));
    debits += l.debit;
    credits += l.credit;
  }
  // 4. Balanced.
  if (debits != credits)
    throw std::move(refused("ledger.unbalanced").param("debit", debits.format_plain()).param("credit", credits.format_plain()));
  // 5. Into an open period only.
  const auto period = YearMonth::of(draft.date);
  if (closed_until && period <= *closed_until)
    throw std::move(refused("ledger.period_closed").param("period", period.to_string()).param("closed_until", closed_until->to_string()));

  Entry e;
  e.agency_id = draft.agency_id;
  e.journal = draft.journal;
  e.year = static_cast<int>(draft.date.year());
  e.date = draft.date;
  e.period = period;
  e.description = std::move(draft.description);
  e.lines = std::move(draft.lines);
  e.reverses = draft.reverses;
  return e;
}

Entry reverse_entry(const Entry& original, std::chrono::year_month_day date, std::optional<YearMonth> closed_until) {
  Draft d;
  d.agency_id = original.agency_id;
  d.journal = Journal::misc;
  d.date = date;
  d.description = original.description;
  d.reverses = original.id;
  for (auto l : original.lines) {
    std::swap(l.debit, l.credit);
    d.lines.push_back(std::move(l));
  }
  return build_entry(std::move(d), closed_until);
}

Money pro_rata(Money monthly, int days, int days_in_month) {
  if (days >= days_in_month) return monthly;
  return multiply(monthly, days, days_in_month, kProRataRounding);
}

std::optional<std::int64_t> MonthFigures::collection_rate() const {
  if (called <= Money::zero()) return std::nullopt;
  // collected × 10 000 ÷ called, in "cents" that are basis points.
  return multiply(collected, 10'000, called.cents(), Rounding::half_away_from_zero).cents();
}

}  // namespace hms::ledger

// The ledger's own rules (domain/ledger): an entry balances or is refused (empty, a zero or
// negative line, both sides on a line, unbalanced, a tenant line without its lease, a closed
// period), a reversal swaps every line and stays balanced, pro rata temporis is rounded half away
// from zero to the cent. Then a property: any sequence of rent calls, payments and reversals keeps
// every journal balanced, the trial balance's two totals equal, and a lease's balance equal to its
// calls minus its payments.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/ledger/ledger.hpp"

namespace hms::ledger {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }
Money eur(std::int64_t cents) { return Money::from_cents(cents); }

Line tenant_debit(std::int64_t lease, Money m) {
  auto l = debit(kTenants, m);
  l.lease_id = lease;
  return l;
}

Draft rent_call(std::int64_t lease, Money rent, Money charges, const char* date = "2026-03-01") {
  Draft d;
  d.agency_id = 1;
  d.journal = Journal::rent;
  d.date = day(date);
  d.description = "2026-03 IX-0042";
  d.lines = {tenant_debit(lease, rent + charges), credit(kRentIncome, rent), credit(kChargesIncome, charges)};
  return d;
}

std::string refusal(const Draft& d, std::optional<YearMonth> closed = std::nullopt) {
  try {
    build_entry(d, closed);
  } catch (const DomainError& e) {
    return e.code();
  }
  return "";
}

TEST(LedgerEntry, ABalancedRentCallIsPostable) {
  auto e = build_entry(rent_call(12, eur(58500), eur(6000)), std::nullopt);
  EXPECT_EQ(e.year, 2026);
  EXPECT_EQ(e.period.to_string(), "2026-03");
  EXPECT_EQ(e.total(), eur(64500));
  EXPECT_EQ(e.lines.size(), 3u);
  EXPECT_EQ(e.number, 0);  // given by the repository
}

TEST(LedgerEntry, EveryBrokenEntryIsRefusedWithItsReason) {
  Draft empty = rent_call(12, eur(58500), eur(6000));
  empty.lines.clear();
  EXPECT_EQ(refusal(empty), "ledger.empty_entry");
  Draft one = rent_call(12, eur(58500), eur(6000));
  one.lines.resize(1);
  EXPECT_EQ(refusal(one), "ledger.empty_entry");

  Draft unbalanced = rent_call(12, eur(58500), eur(6000));
  unbalanced.lines[1].credit = eur(58400);
  EXPECT_EQ(refusal(unbalanced), "ledger.unbalanced");

  Draft zero = rent_call(12, eur(58500), eur(0));
  EXPECT_EQ(refusal(zero), "ledger.invalid_line");  // the charges line of 0.00
  Draft negative = rent_call(12, eur(58500), eur(6000));
  negative.lines[2].credit = eur(-6000);
  negative.lines[1].credit = eur(70500);
  EXPECT_EQ(refusal(negative), "ledger.invalid_line");
  Draft both_sides = rent_call(12, eur(58500), eur(6000));
  both_sides.lines[1].debit = eur(100);
  both_sides.lines[0].credit = eur(100);
  EXPECT_EQ(refusal(both_sides), "ledger.invalid_line");
  Draft no_account = rent_call(12, eur(58500), eur(6000));
  no_account.lines[2].account.clear();
  EXPECT_EQ(refusal(no_account), "ledger.invalid_line");

  Draft no_lease = rent_call(12, eur(58500), eur(6000));
  no_lease.lines[0].lease_id.reset();
  EXPECT_EQ(refusal(no_lease), "ledger.missing_sub_account");
  Draft lease_on_income = rent_call(12, eur(58500), eur(6000));
  lease_on_income.lines[1].lease_id = 12;
  EXPECT_EQ(refusal(lease_on_income), "ledger.missing_sub_account");
  Draft owner_without_contract;
  owner_without_contract.date = day("2026-03-01");
  owner_without_contract.lines = {debit(kRentsOwed, eur(65000)), credit(kOwners, eur(65000))};
  EXPECT_EQ(refusal(owner_without_contract), "ledger.missing_sub_account");
}

TEST(LedgerEntry, NothingPostsIntoAClosedPeriod) {
  const auto d = rent_call(12, eur(58500), eur(6000), "2026-03-01");
  EXPECT_EQ(refusal(d, YearMonth(2026, 3)), "ledger.period_closed");
  EXPECT_EQ(refusal(d, YearMonth(2026, 4)), "ledger.period_closed");
  EXPECT_EQ(refusal(d, YearMonth(2026, 2)), "");
  try {
    build_entry(d, YearMonth(2026, 3));
  } catch (const DomainError& e) {
    EXPECT_EQ(e.params().at("period"), "2026-03");
    EXPECT_EQ(e.params().at("closed_until"), "2026-03");
  }
}

TEST(LedgerEntry, AReversalSwapsEveryLineAndIsLinked) {
  auto original = build_entry(rent_call(12, eur(58500), eur(6000)), std::nullopt);
  original.id = 42;
  auto r = reverse_entry(original, day("2026-04-10"), YearMonth(2026, 3));  // March closed: reversed in April
  EXPECT_EQ(r.reverses.value_or(0), 42);
  EXPECT_EQ(r.journal, Journal::misc);
  EXPECT_EQ(r.period.to_string(), "2026-04");
  ASSERT_EQ(r.lines.size(), 3u);
  EXPECT_EQ(r.lines[0].credit, eur(64500));
  EXPECT_EQ(r.lines[0].debit, eur(0));
  EXPECT_EQ(r.lines[0].lease_id.value_or(0), 12);
  EXPECT_EQ(r.lines[1].debit, eur(58500));
  EXPECT_EQ(r.total(), original.total());
  EXPECT_THROW(reverse_entry(original, day("2026-03-31"), YearMonth(2026, 3)), DomainError);
}

TEST(LedgerProRata, DaysInForceOverDaysOfTheMonthRoundedHalfAwayFromZero) {
  EXPECT_EQ(pro_rata(eur(60000), 15, 31), eur(29032));  // 290.3225… → 290.32
  EXPECT_EQ(pro_rata(eur(58500), 15, 31), eur(28306));  // 283.0645… → 283.06
  EXPECT_EQ(pro_rata(eur(6000), 15, 31), eur(2903));    // 29.032… → 29.03
  EXPECT_EQ(pro_rata(eur(31), 1, 2), eur(16));          // 0.155 → 0.16: half away from zero
  EXPECT_EQ(pro_rata(eur(100), 14, 28), eur(50));
  EXPECT_EQ(pro_rata(eur(65000), 30, 30), eur(65000));  // a whole month is the amount itself
  EXPECT_EQ(pro_rata(eur(65000), 0, 30), eur(0));
  EXPECT_EQ(kProRataRounding, Rounding::half_away_from_zero);
}

TEST(LedgerChart, TheStandardChartHoldsTheAccountsHmsPostsTo) {
  std::map<std::string, int> classes;
  for (const auto& a : standard_chart()) {
    classes[a.code] = a.account_class;
    EXPECT_EQ(a.name, "ledger.account.a" + a.code);
  }
  for (auto code : {kTenants, kOwners, kBank, kRentsOwed, kRentIncome, kChargesIncome, kSuspense, kDepositsHeld})
    EXPECT_TRUE(classes.contains(std::string(code))) << code;
  EXPECT_EQ(classes["400"], 4);
  EXPECT_EQ(classes["700"], 7);
  EXPECT_TRUE(parse_journal("BANK") == Journal::bank);
  EXPECT_FALSE(parse_journal("bank").has_value());
}

// Random months of rent calls (pro rata for some), owner rents, payments of any amount, and
// reversals of random earlier entries: what the ledger must keep whatever happens.
TEST(LedgerProperty, AnySequenceKeepsJournalsBalancedAndBalancesEqualCallsMinusPayments) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<Entry> posted;
    std::map<std::int64_t, Money> called, paid;  // per lease, as the model expects them
    std::optional<YearMonth> closed;
    YearMonth month(2025, 1);
    for (int step = 0; step < 60; ++step) {
      const auto date = month.first_day();
      const int what = pick(0, 9);
      std::optional<Entry> e;
      if (what < 4) {  // a rent call, perhaps pro rata
        const std::int64_t lease = pick(1, 5);
        const int days = pick(1, 31);
        const int dim = static_cast<int>((std::chrono::sys_days{month.last_day()} - std::chrono::sys_days{month.first_day()}).count()) + 1;
        auto rent = pro_rata(eur(pick(30000, 90000)), std::min(days, dim), dim);
        auto charges = pro_rata(eur(pick(0, 9000)), std::min(days, dim), dim);
        Draft d;
        d.agency_id = 1;
        d.journal = Journal::rent;
        d.date = date;
        d.lines = {tenant_debit(lease, rent + charges), credit(kRentIncome, rent)};
        if (charges > eur(0)) d.lines.push_back(credit(kChargesIncome, charges));
        e = build_entry(d, closed);
        called[lease] += rent + charges;
      } else if (what < 7) {  // a payment of any amount, partial or over
        const std::int64_t lease = pick(1, 5);
        Draft d;
        d.agency_id = 1;
        d.journal = Journal::bank;
        d.date = date;
        auto c = credit(kTenants, eur(pick(1, 100000)));
        c.lease_id = lease;
        d.lines = {debit(kBank, c.credit), c};
        e = build_entry(d, closed);
        paid[lease] += c.credit;
      } else if (what < 9 && !posted.empty()) {  // a reversal of an earlier entry not yet reversed
        auto& original = posted[static_cast<std::size_t>(pick(0, static_cast<int>(posted.size()) - 1))];
        bool reversed = original.reverses.has_value();
        for (const auto& p : posted) reversed = reversed || p.reverses == original.id;
        if (!reversed) {
          e = reverse_entry(original, date, closed);
          for (const auto& l : original.lines)
            if (l.lease_id) {
              if (original.journal == Journal::bank) paid[*l.lease_id] -= l.credit;  // a payment undone
              else called[*l.lease_id] -= l.debit;                                    // a call cancelled
            }
        }
      } else {  // close the previous month, move on
        closed = month.previous();
        month = month.next();
        // Posting into the closed month is refused, whatever the entry.
        Draft late = rent_call(1, eur(100), eur(100), "2025-01-01");
        late.date = closed->last_day();
        EXPECT_THROW(build_entry(late, closed), DomainError);
      }
      if (e) {
        e->id = static_cast<std::int64_t>(posted.size()) + 1;
        posted.push_back(*e);
      }
    }
    // Every journal balances, and so the trial balance's two totals are equal.
    std::map<Journal, Money> journal_debit, journal_credit;
    std::map<std::int64_t, Money> balance;  // per lease: debit − credit of its 400 lines
    for (const auto& p : posted)
      for (const auto& l : p.lines) {
        journal_debit[p.journal] += l.debit;
        journal_credit[p.journal] += l.credit;
        if (l.lease_id) balance[*l.lease_id] += l.debit - l.credit;
      }
    for (auto j : {Journal::rent, Journal::bank, Journal::misc}) EXPECT_EQ(journal_debit[j], journal_credit[j]) << seed;
    for (std::int64_t lease = 1; lease <= 5; ++lease)
      EXPECT_EQ(balance[lease], called[lease] - paid[lease]) << "seed " << seed << " lease " << lease;
  }
}

}  // namespace
}  // namespace hms::ledger

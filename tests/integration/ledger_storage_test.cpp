// The ledger's storage on SQLite and PostgreSQL (V0019): random sequences of entries, reversals
// and closings keep every journal balanced, the trial balance's two totals equal, and the numbers
// gap-free per journal and year; an entry is reversed once at most; nothing posts into a closed
// month; the tables themselves refuse a line of zero, a line with both sides, a number twice.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "app/agencies/agency_admin.hpp"
#include "app/ledger/ledger.hpp"
#include "common/clock.hpp"
#include "storage/db/database.hpp"
#include "storage/sql_store.hpp"
#include "support/test_database.hpp"

namespace hms::app {
namespace {

using test::BackendTest;

class LedgerStorageTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database_ = db::Database::open(url(), 4);
    {
      auto c = database_->acquire();
      db::migrate(*c);
    }
    store_ = std::make_unique<storage::SqlStore>(database_, storage::FieldCipher(test::kTestFieldKey));
    agency_ = add_agency(*store_, cli(), "AIS-L", "Agence L").id;
    auto uow = store_->write();
    uow->ledger().ensure_chart(agency_);
    uow->ledger().ensure_chart(agency_);  // twice changes nothing
    uow->commit();
  }
  Context cli() { return Context{clock_, "cli", std::nullopt, std::nullopt}; }
  std::int64_t scalar(const std::string& sql) { return database_->acquire()->query_one(sql)->integer(0); }

  FixedClock clock_{1'767'225'600};  // 2026-01-01 00:00:00 UTC
  std::shared_ptr<db::Database> database_;
  std::unique_ptr<storage::SqlStore> store_;
  std::int64_t agency_ = 0;
};

// Accounts without a sub-account, so that entries need no lease or owner contract.
constexpr std::string_view kAccounts[] = {ledger::kBank, ledger::kSuspense, ledger::kRentIncome, ledger::kRentsOwed,
                                          ledger::kDepositsHeld};

TEST_P(LedgerStorageTest, RandomEntriesReversalsAndClosingsKeepTheLedgerBalanced) {
  std::mt19937 rng(20261207);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  YearMonth month(2025, 11);
  std::vector<std::int64_t> ids;
  int refused_closed = 0;
  for (int step = 0; step < 80; ++step) {
    const int what = pick(0, 9);
    if (what < 6) {  // an entry of 2 to 4 lines
      ledger::Draft d;
      d.agency_id = agency_;
      d.journal = what < 2 ? ledger::Journal::bank : what < 4 ? ledger::Journal::misc : ledger::Journal::rent;
      d.date = std::chrono::year_month_day{std::chrono::year{month.year()}, std::chrono::month{static_cast<unsigned>(month.month())},
                                           std::chrono::day{static_cast<unsigned>(pick(1, 28))}};
      d.description = "step " + std::to_string(step);
      Money total;
      const int credits = pick(1, 3);
      for (int i = 0; i < credits; ++i) {
        auto amount = Money::from_cents(pick(1, 200000));
        total += amount;
        d.lines.push_back(ledger::credit(kAccounts[static_cast<std::size_t>(pick(0, 4))], amount));
      }
      d.lines.push_back(ledger::debit(kAccounts[static_cast<std::size_t>(pick(0, 4))], total));
      auto uow = store_->write();
      auto e = ledger::build_entry(d, uow->ledger().closed_until(agency_));
      e.posted_at = clock_.now_seconds();
      ids.push_back(uow->ledger().insert(e));
      uow->commit();
    } else if (what < 8 && !ids.empty()) {  // reverse one, in the current month
      const auto id = ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))];
      bool already = false;
      {
        auto uow = store_->read();
        already = uow->ledger().reversal_of(id).has_value() || uow->ledger().find_by_id(id)->reverses.has_value();
      }
      if (already) continue;
      auto r = reverse_entry(*store_, cli(), id, month.last_day());
      EXPECT_EQ(r.reverses.value_or(0), id);
      ids.push_back(r.id);
      try {
        reverse_entry(*store_, cli(), id, month.last_day());
        ADD_FAILURE() << "reversed twice";
      } catch (const DomainError& e) {
        EXPECT_EQ(e.code(), "ledger.already_reversed");
      }
    } else {  // close the month, then the next one is the current one
      {
        auto uow = store_->write();
        uow->ledger().close_until(agency_, month, std::nullopt, clock_.now_seconds());
        uow->commit();
      }
      ledger::Draft late;
      late.agency_id = agency_;
      late.date = month.last_day();
      late.lines = {ledger::debit(ledger::kBank, Money::from_cents(100)), ledger::credit(ledger::kSuspense, Money::from_cents(100))};
      auto uow = store_->read();
      try {
        ledger::build_entry(late, uow->ledger().closed_until(agency_));
      } catch (const DomainError& e) {
        EXPECT_EQ(e.code(), "ledger.period_closed");
        ++refused_closed;
      }
      month = month.next();
    }
  }
  EXPECT_GT(ids.size(), 20u);
  EXPECT_GT(refused_closed, 0);
  // Every entry and every journal balances.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM (SELECT entry_id FROM ledger_lines GROUP BY entry_id"
                   " HAVING SUM(debit_cents) <> SUM(credit_cents)) s"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM (SELECT journal FROM ledger_lines GROUP BY journal"
                   " HAVING SUM(debit_cents) <> SUM(credit_cents)) s"), 0);
  // Gap-free numbers: per journal and year, the count is the highest number.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM (SELECT journal, year FROM ledger_entries GROUP BY journal, year"
                   " HAVING COUNT(*) <> MAX(number)) s"), 0);
  // The trial balance's two totals are equal.
  auto uow = store_->read();
  Money debit, credit;
  for (const auto& row : uow->ledger().trial_balance(agency_, YearMonth(2025, 1).first_day(), YearMonth(2027, 12).last_day())) {
    debit += row.debit;
    credit += row.credit;
  }
  EXPECT_EQ(debit.cents(), credit.cents());
  EXPECT_GT(debit.cents(), 0);
}

TEST_P(LedgerStorageTest, TheTablesRefuseWhatBuildEntryRefuses) {
  ledger::Draft d;
  d.agency_id = agency_;
  d.journal = ledger::Journal::misc;
  d.date = YearMonth(2026, 1).first_day();
  d.lines = {ledger::debit(ledger::kBank, Money::from_cents(500)), ledger::credit(ledger::kSuspense, Money::from_cents(500))};
  std::int64_t id = 0;
  {
    auto uow = store_->write();
    auto e = ledger::build_entry(d, std::nullopt);
    id = uow->ledger().insert(e);
    EXPECT_EQ(e.number, 1);
    uow->commit();
  }
  const auto account = scalar("SELECT id FROM ledger_accounts WHERE code = '550' AND agency_id = " + std::to_string(agency_));
  auto line = [&](std::int64_t position, std::int64_t debit, std::int64_t credit) {
    auto c = database_->acquire();
    c->execute("INSERT INTO ledger_lines (agency_id, entry_id, position, account_id, journal, posted_on, debit_cents,"
               " credit_cents) VALUES ($1, $2, $3, $4, 'MISC', '2026-01-01', $5, $6)",
               {agency_, id, position, account, debit, credit});
  };
  EXPECT_ANY_THROW(line(3, 0, 0));
  EXPECT_ANY_THROW(line(3, 100, 100));
  EXPECT_ANY_THROW(line(3, -100, 0));
  EXPECT_ANY_THROW(line(1, 100, 0));  // the same position twice
  EXPECT_ANY_THROW(database_->acquire()->execute(
      "INSERT INTO ledger_entries (agency_id, journal, year, number, posted_on, period, description, posted_at)"
      " VALUES ($1, 'MISC', 2026, 1, '2026-01-02', '2026-01', 'twice', 0)", {agency_}));
  auto uow = store_->write();
  uow->ledger().insert_rent_run({agency_, YearMonth(2026, 1), 0, Money::zero(), 0, Money::zero(), 0}, std::nullopt);
  EXPECT_ANY_THROW(uow->ledger().insert_rent_run({agency_, YearMonth(2026, 1), 0, Money::zero(), 0, Money::zero(), 0}, std::nullopt));
}

HMS_INSTANTIATE_BACKENDS(LedgerStorageTest);

}  // namespace
}  // namespace hms::app

// The demo region's stock, built in-process on SQLite and PostgreSQL with a fixed day: what a
// person trying hms relies on finding in it. Every owner passes the owner checks (valid IBAN and
// enterprise number); each agency has the size planned; the shares of types, bedrooms,
// statuses, shared buildings, companies and owners of several dwellings are those of a real
// Brussels agency; the status history and the owner contracts hold together (no gap, no
// overlap, one contract in force per dwelling still in the stock, ended dwellings' contracts
// ended); no rent above its cap, about 37 % exactly at today's cap.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>

#include "app/demo/demo_bank.hpp"
#include "app/demo/demo_people.hpp"
#include "app/demo/demo_region.hpp"
#include "app/demo/demo_stock.hpp"
#include "app/payouts/payouts.hpp"
#include "app/rules/rules_admin.hpp"
#include "common/clock.hpp"
#include "common/date.hpp"
#include "domain/owners/bank_account.hpp"
#include "storage/db/database.hpp"
#include "storage/sql_store.hpp"
#include "support/test_database.hpp"

namespace hms::app {
namespace {

using std::chrono::year_month_day;
using test::BackendTest;

constexpr year_month_day kToday{std::chrono::year{2026}, std::chrono::month{6}, std::chrono::day{15}};

std::int64_t seconds_of(year_month_day d) {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::sys_days(d).time_since_epoch()).count();
}

class DemoStockTest : public BackendTest {
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
    load_shipped_rules(*store_, cli());
  }

  Context cli() { return Context{clock_, "cli-demo", std::nullopt, std::nullopt}; }
  std::int64_t number(const std::string& sql) { return database_->acquire()->query_one(sql)->integer(0); }
  std::map<std::string, std::int64_t> counts(const std::string& sql) {
    std::map<std::string, std::int64_t> out;
    for (const auto& r : database_->acquire()->query(sql)) out[r.text(0)] = r.integer(1);
    return out;
  }

  FixedClock clock_{seconds_of(kToday) + 10 * 3600};
  std::shared_ptr<db::Database> database_;
  std::unique_ptr<storage::SqlStore> store_;
};

// A share in per mille, for readable bounds.
std::int64_t per_mille(std::int64_t part, std::int64_t whole) { return whole == 0 ? 0 : part * 1000 / whole; }

TEST_P(DemoStockTest, TheStockHasTheShapeOfTheRegionsAgencies) {
  const int workers = backend() == db::Backend::postgres ? 4 : 1;  // as hms demo does
  demo::Options options{24, 2400, 10, 3, workers};
  options.ledger_years = 0;  // DemoLedgerTest
  const auto report = demo::build_region(*store_, cli(), options);

  // 1. Each agency its planned size; the report counts what is stored; one audit entry each.
  const auto sizes = demo::agency_sizes(options);
  std::vector<std::int64_t> stored;
  for (const auto& r : database_->acquire()->query(
           "SELECT a.id, count(d.id) FROM agencies a LEFT JOIN dwellings d ON d.agency_id = a.id GROUP BY a.id ORDER BY a.id"))
    stored.push_back(r.integer(1));
  ASSERT_EQ(stored, std::vector<std::int64_t>(sizes.begin(), sizes.end()));
  const std::int64_t dwellings = number("SELECT count(*) FROM dwellings");
  EXPECT_EQ(report.stock.dwellings, dwellings);
  EXPECT_EQ(report.stock.owners, number("SELECT count(*) FROM owners"));
  EXPECT_EQ(report.stock.contracts, number("SELECT count(*) FROM owner_contracts"));
  EXPECT_EQ(report.stock.status_periods, number("SELECT count(*) FROM dwelling_statuses"));
  EXPECT_EQ(report.stock.rent_versions, number("SELECT count(*) FROM owner_contract_rents"));
  EXPECT_EQ(number("SELECT count(*) FROM audit_log WHERE action = 'demo.stock'"), 24);

  // 2. Types and bedrooms: about 85 % apartments, mostly small; houses bigger.
  auto types = counts("SELECT dwelling_type, count(*) FROM dwellings GROUP BY dwelling_type");
  EXPECT_GE(per_mille(types["apartment"], dwellings), 810);
  EXPECT_LE(per_mille(types["apartment"], dwellings), 890);
  auto bedrooms = counts("SELECT CAST(bedrooms AS TEXT), count(*) FROM dwellings GROUP BY bedrooms");
  auto share = [&](const char* n) { return per_mille(bedrooms[n], dwellings); };
  EXPECT_GE(share("0"), 90); EXPECT_LE(share("0"), 150);
  EXPECT_GE(share("1"), 260); EXPECT_LE(share("1"), 340);
  EXPECT_GE(share("2"), 280); EXPECT_LE(share("2"), 360);
  EXPECT_GE(share("3"), 150); EXPECT_LE(share("3"), 210);
  EXPECT_GE(share("4"), 40); EXPECT_LE(share("4"), 80);
  EXPECT_EQ(number("SELECT count(*) FROM dwellings WHERE dwelling_type = 'house' AND bedrooms = 0"), 0);
  EXPECT_GT(number("SELECT CAST(avg(bedrooms) * 100 AS INTEGER) FROM dwellings WHERE dwelling_type = 'house'"),
            number("SELECT CAST(avg(bedrooms) * 100 AS INTEGER) FROM dwellings WHERE dwelling_type = 'apartment'") + 50);
  EXPECT_EQ(number("SELECT count(*) FROM dwellings WHERE surface_dm2 IS NULL OR surface_dm2 < 180 OR surface_dm2 > 2000"), 0);
  EXPECT_EQ(number("SELECT count(*) FROM dwellings WHERE dwelling_type = 'apartment' AND floor IS NULL"), 0);

  // 3. Where: mostly in the agency's commune or next to it; a quarter share a building.
  const std::int64_t home = number("SELECT count(*) FROM dwellings d JOIN agencies a ON a.id = d.agency_id WHERE d.postcode = a.postcode");
  EXPECT_GE(per_mille(home, dwellings), 520);
  EXPECT_LE(per_mille(home, dwellings), 700);
  const std::int64_t shared =
      number("SELECT count(*) FROM dwellings d WHERE (SELECT count(*) FROM dwellings e WHERE e.building_id = d.building_id) > 1");
  EXPECT_GE(per_mille(shared, dwellings), 180);
  EXPECT_LE(per_mille(shared, dwellings), 320);
  EXPECT_EQ(number("SELECT count(*) FROM (SELECT building_id, box FROM dwellings GROUP BY building_id, box HAVING count(*) > 1) t"), 0)
      << "two dwellings with the same address and box";

  // 4. Certificates (about 8 % without, mostly D–F) and categories.
  auto peb = counts("SELECT COALESCE(peb_class, '-'), count(*) FROM dwellings GROUP BY peb_class");
  EXPECT_GE(per_mille(peb["-"], dwellings), 50);
  EXPECT_LE(per_mille(peb["-"], dwellings), 110);
  EXPECT_GE(per_mille(peb["D"] + peb["E"] + peb["F"], dwellings), 600);
  EXPECT_LE(per_mille(peb["A"] + peb["B"], dwellings), 80);
  EXPECT_EQ(number("SELECT count(*) FROM dwellings WHERE peb_class IS NOT NULL AND (peb_number = '' OR peb_date IS NULL)"), 0);
  for (const char* category : {"transit", "disability_adapted", "student", "large_family"})
    EXPECT_GT(number(std::string("SELECT count(*) FROM dwellings WHERE categories LIKE '%") + category + "%'"), 0) << category;
  EXPECT_LE(number("SELECT count(DISTINCT agency_id) FROM dwellings WHERE categories LIKE '%student%'"), 3)
      << "students are housed by a couple of agencies";

  // 5. Today: mostly active, about 4 % vacant, 2 % in works, 3 % ended.
  auto statuses = counts("SELECT status, count(*) FROM dwellings GROUP BY status");
  EXPECT_GE(per_mille(statuses["vacant"], dwellings), 25); EXPECT_LE(per_mille(statuses["vacant"], dwellings), 65);
  EXPECT_GE(per_mille(statuses["works"], dwellings), 8); EXPECT_LE(per_mille(statuses["works"], dwellings), 35);
  EXPECT_GE(per_mille(statuses["ended"], dwellings), 12); EXPECT_LE(per_mille(statuses["ended"], dwellings), 50);
  EXPECT_GE(per_mille(statuses["active"], dwellings), 870);

  // 6. Owners: valid, about 15 % companies, about a quarter with 2–5 dwellings, none with more.
  auto uow = store_->read();
  const auto owners = uow->owners().list({}, 1'000'000, 0);
  ASSERT_EQ(static_cast<std::int64_t>(owners.size()), report.stock.owners);
  std::int64_t companies = 0, several = 0, with_email = 0, with_phone = 0;
  std::map<std::string, std::int64_t> languages;
  std::set<std::string> ibans;
  for (const auto& o : owners) {
    EXPECT_NO_THROW((void)owners::validate_owner(o)) << o.name << " " << o.iban << " " << o.company_number;
    EXPECT_EQ(o.iban.substr(0, 2), "BE");
    ibans.insert(o.iban);
    if (o.kind == owners::OwnerKind::company) {
      ++companies;
      EXPECT_EQ(o.company_number.size(), 10u) << o.name;
    }
    EXPECT_GE(o.dwellings, 1) << o.name;
    EXPECT_LE(o.dwellings, 5) << o.name;
    if (o.dwellings >= 2) ++several;
    if (!o.email.empty()) ++with_email;
    if (!o.phone.empty()) ++with_phone;
    EXPECT_FALSE(o.address.empty());
    ++languages[o.language];
  }
  const auto n_owners = static_cast<std::int64_t>(owners.size());
  EXPECT_GE(per_mille(companies, n_owners), 100); EXPECT_LE(per_mille(companies, n_owners), 200);
  EXPECT_GE(per_mille(several, n_owners), 180); EXPECT_LE(per_mille(several, n_owners), 320);
  EXPECT_GE(per_mille(with_email, n_owners), 620); EXPECT_LE(per_mille(with_email, n_owners), 780);
  EXPECT_GE(per_mille(with_phone, n_owners), 720); EXPECT_LE(per_mille(with_phone, n_owners), 880);
  EXPECT_GE(per_mille(languages["fr"], n_owners), 680); EXPECT_LE(per_mille(languages["fr"], n_owners), 820);
  EXPECT_GE(per_mille(languages["nl"], n_owners), 140); EXPECT_LE(per_mille(languages["nl"], n_owners), 260);
  EXPECT_GT(languages["en"], 0);
  EXPECT_GE(static_cast<std::int64_t>(ibans.size()), n_owners - 2) << "each owner their own account";

  // 7. Rents in force today: none above today's cap, about 37 % exactly at it, the rest 5–25 % below.
  const auto caps = uow->rules().rent_caps(rules::CapKind::owner_rent);
  std::int64_t at_cap = 0, below = 0;
  for (const auto& r : uow->owner_contracts().rents_in_force(std::nullopt, kToday)) {
    const auto cap = caps.cap_for(kToday, r.type, r.bedrooms);
    ASSERT_TRUE(cap);
    EXPECT_LE(r.rent, cap->amount);
    EXPECT_EQ(r.rent.cents() % 100, 0) << "rounded to the euro";
    if (r.rent == cap->amount) ++at_cap;
    else {
      ++below;
      EXPECT_GE(r.rent.cents() * 100, cap->amount.cents() * 70) << r.rent.format_plain() << " under " << cap->amount.format_plain();
    }
  }
  EXPECT_GE(per_mille(at_cap, at_cap + below), 330);
  EXPECT_LE(per_mille(at_cap, at_cap + below), 420);
  EXPECT_EQ(number("SELECT count(*) FROM owner_contract_rents WHERE cap_cents IS NOT NULL AND amount_cents > cap_cents"), 0);
  EXPECT_GT(number("SELECT count(*) FROM owner_contract_rents WHERE reason = 'change'"), 0);
  EXPECT_EQ(number("SELECT count(*) FROM owner_contract_rents WHERE reason = 'indexation'"), 0);
}

TEST_P(DemoStockTest, HistoryAndContractsHoldTogether) {
  demo::Options options{4, 800, 10, 5};
  options.ledger_years = 0;
  const auto report = demo::build_region(*store_, cli(), options);
  auto uow = store_->read();
  const auto dwellings = uow->dwellings().list({}, {}, 1'000'000, 0);
  ASSERT_EQ(static_cast<int>(dwellings.size()), report.stock.dwellings);
  ASSERT_GE(dwellings.size(), 790u);
  std::map<std::int64_t, std::vector<owners::OwnerContract>> contracts;
  for (auto& k : uow->owner_contracts().list({}, 1'000'000, 0)) contracts[k.dwelling_id].push_back(std::move(k));
  const year_month_day year_ago = add_days(kToday, -365), oldest = add_days(kToday, -10 * 366);
  int vacant_last_year = 0;
  for (const auto& d : dwellings) {
    SCOPED_TRACE(d.reference);
    // The history: periods one after the other, the latest running, on the dwelling's status.
    const auto history = uow->dwellings().status_history(d.id);
    ASSERT_FALSE(history.empty());
    for (std::size_t i = 0; i + 1 < history.size(); ++i) {
      ASSERT_TRUE(history[i].to);
      EXPECT_EQ(*history[i].to, history[i + 1].from);
      EXPECT_LT(history[i].from, history[i + 1].from);
      EXPECT_NE(history[i].status, history[i + 1].status);
    }
    EXPECT_FALSE(history.back().to);
    EXPECT_EQ(history.back().status, d.status);
    EXPECT_EQ(history.back().from, d.status_since);
    EXPECT_GE(history.front().from, oldest);
    EXPECT_LE(d.status_since, kToday);
    if (d.status == stock::DwellingStatus::vacant && history.size() > 1) {
      EXPECT_GE(d.status_since, add_days(kToday, -160)) << "a current vacancy started in the last months";
    }
    if (stock::days_in_status(history, stock::DwellingStatus::vacant, year_ago, kToday) > 0) ++vacant_last_year;

    // The contracts: from the entry, one after the other without overlap, signed before.
    const auto& ks = contracts[d.id];
    ASSERT_FALSE(ks.empty());
    EXPECT_EQ(ks.front().start, history.front().from) << "the first contract starts when the dwelling enters the stock";
    for (std::size_t i = 0; i < ks.size(); ++i) {
      EXPECT_TRUE(ks[i].signed_on && *ks[i].signed_on < ks[i].start);
      EXPECT_EQ(ks[i].kind == owners::ContractKind::management_mandate, ks[i].management_fee.has_value());
      if (ks[i].management_fee) {
        EXPECT_GE(ks[i].management_fee->basis_points(), 700);
        EXPECT_LE(ks[i].management_fee->basis_points(), 1200);
      }
      if (i + 1 < ks.size()) {
        ASSERT_TRUE(ks[i].end);
        EXPECT_EQ(add_days(*ks[i].end, 1), ks[i + 1].start) << "renewed or sold: the next contract follows";
      }
    }
    const auto& last = ks.back();
    if (d.status == stock::DwellingStatus::ended) {
      ASSERT_TRUE(last.end);
      EXPECT_EQ(add_days(*last.end, 1), d.status_since) << "the contract ended when the dwelling left the stock";
      EXPECT_LT(*last.end, kToday);
    } else {
      EXPECT_TRUE(!last.end || *last.end >= kToday) << "a contract in force today";
    }
  }
  EXPECT_GE(vacant_last_year, 80) << "how long was it vacant this year has answers";
}

// The demo's ten years of money (issue 10.5), what a person trying the ledger, the arrears, the
// payouts and the bank import relies on: every entry balanced and numbered without a gap; a rent
// run for every month up to today's; the households paid most of what was called, never after
// today, and some owe; the owners paid every month by a confirmed payment run whose file comes
// out the same again; the months before this year closed; the months of the CODA files left
// unpaid for their leases, so that importing them pays.
TEST_P(DemoStockTest, TenYearsOfMoneyHoldTogether) {
  demo::Options options{2, 150, 10, 7};
  options.ledger_years = 10;
  const auto report = demo::build_region(*store_, cli(), options);
  EXPECT_EQ(report.ledger.entries, number("SELECT count(*) FROM ledger_entries"));
  EXPECT_EQ(report.ledger.rent_runs, number("SELECT count(*) FROM rent_runs"));

  // 1. Balanced, gap-free, nothing after today.
  EXPECT_EQ(number("SELECT count(*) FROM (SELECT entry_id FROM ledger_lines GROUP BY entry_id"
                   " HAVING SUM(debit_cents) <> SUM(credit_cents)) s"), 0);
  EXPECT_EQ(number("SELECT count(*) FROM (SELECT agency_id, journal, year FROM ledger_entries"
                   " GROUP BY agency_id, journal, year HAVING MAX(number) <> COUNT(*)) s"), 0);
  EXPECT_EQ(number("SELECT count(*) FROM ledger_entries WHERE posted_on > '2026-06-15'"), 0);
  // Every month from the agency's first owner contract to June, none missing, none before July 2016.
  for (const auto& r : database_->acquire()->query("SELECT MIN(month), MAX(month), COUNT(*) FROM rent_runs GROUP BY agency_id")) {
    const auto first = YearMonth::parse(r.text(0)).value();
    EXPECT_GE(first, YearMonth(2016, 7));
    EXPECT_EQ(r.text(1), "2026-06");
    EXPECT_EQ(first.plus_months(static_cast<int>(r.integer(2)) - 1), YearMonth(2026, 6)) << "no month missing";
  }

  // 2. The households: between 97 % and 100 % of what was called is paid; some owe today.
  const auto called = number("SELECT SUM(debit_cents) FROM ledger_lines WHERE lease_id IS NOT NULL AND journal = 'RENT'");
  const auto paid = number("SELECT SUM(credit_cents) FROM ledger_lines WHERE lease_id IS NOT NULL AND journal = 'BANK'");
  EXPECT_GE(per_mille(paid, called), 970);
  EXPECT_LT(paid, called);
  EXPECT_GT(number("SELECT count(*) FROM (SELECT lease_id FROM ledger_lines WHERE lease_id IS NOT NULL GROUP BY lease_id"
                   " HAVING SUM(debit_cents) > SUM(credit_cents)) s"), 0);

  // 3. The owners: a confirmed run every month up to June (paid on the 10th), whose file is the
  //    same again (write_payout_file refuses a file that would differ, 409).
  EXPECT_EQ(number("SELECT count(*) FROM payout_runs WHERE confirmed_at IS NULL"), 0);
  EXPECT_EQ(number("SELECT count(*) FROM payout_runs WHERE month = '2026-06' AND execution_date = '2026-06-10'"), 2);
  for (const auto& code : {"AIS-BXL", "AIS-LAEKEN"})
    for (const auto* month : {"2026-06", "2019-02"}) {
      const auto file = write_payout_file(*store_, cli(), std::string(code), YearMonth::parse(month).value(), std::nullopt, false);
      EXPECT_FALSE(file.recorded_now);
      EXPECT_GT(file.view.plan.transfers.size(), 0u) << code << " " << month;
    }

  // 4. Closed before this year; the CODA files' months left to them.
  EXPECT_EQ(number("SELECT count(*) FROM ledger_closings WHERE closed_until = '2025-12'"), 2);
  std::set<std::int64_t> in_files;
  {
    auto uow = store_->read();
    for (const auto& l : demo::statement_leases(*uow, uow->agencies().find_by_code("AIS-BXL")->id, kToday)) in_files.insert(l.id);
  }
  ASSERT_FALSE(in_files.empty());
  for (auto id : in_files)
    EXPECT_EQ(number("SELECT count(*) FROM ledger_lines WHERE journal = 'BANK' AND posted_on >= '2026-04-01' AND"
                     " posted_on <= '2026-05-31' AND lease_id = " + std::to_string(id)), 0);
}

TEST(DemoPeople, IbansAndEnterpriseNumbersPassTheChecks) {
  auto rng = demo::Random(42);
  for (int i = 0; i < 2000; ++i) {
    const std::string iban = demo::belgian_iban(rng);
    EXPECT_EQ(owners::validate_iban(iban), iban);
    const std::string number = demo::enterprise_number(rng);
    EXPECT_EQ(owners::validate_company_number(number), number);
    EXPECT_EQ(number[0], '0');
  }
  EXPECT_EQ(demo::email_local_part("Françoise", "Lefèvre"), "francoise.lefevre");
  EXPECT_EQ(demo::email_local_part("Ayşe", "Öztürk"), "ayse.ozturk");
  EXPECT_EQ(demo::email_local_part("Jan", "Van den Broeck"), "jan.vandenbroeck");
  EXPECT_EQ(demo::reference_prefix("AIS-IXELLES"), "IXE");
  EXPECT_EQ(demo::reference_prefix("SVK-JETTE-2"), "JET");
}

HMS_INSTANTIATE_BACKENDS(DemoStockTest);

}  // namespace
}  // namespace hms::app

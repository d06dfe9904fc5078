// The applicants' repository on SQLite and PostgreSQL (contract D, security-reliability.md F3):
// - an applicant written and read back whole: members in order, national numbers and income
//   decrypted, the band ('unknown' read as none), the postcodes, the referral;
// - the agency's chronological number: 1, 2, 3… per agency, never given twice, a number kept
//   from an import moves the counter on;
// - the national number and the income are in no column in clear (every text of every table,
//   and on SQLite the file's bytes); a list reads no national number;
// - with_national_number finds through the blind index, in the agency, not struck off;
// - filters (status, band, unknown band, query on names and number, did not renew), count;
// - set_status and the dated changes, newest first, with the user's name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/agencies/agency_admin.hpp"
#include "app/context.hpp"
#include "common/clock.hpp"
#include "common/date.hpp"
#include "storage/db/database.hpp"
#include "storage/sql_store.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using db::Backend;
using namespace std::chrono;
namespace ap = applicants;

constexpr const char* kNn1985 = "85073003328";
constexpr const char* kNn2017 = "17073003384";  // born 2017: valid with the "2" prefix only

ap::Applicant household(std::int64_t agency, const std::string& last_name) {
  ap::Applicant a;
  a.agency_id = agency;
  a.registered_on = 2025y / March / 14;
  a.status_since = a.registered_on;
  a.renewed_on = a.registered_on;
  a.referral = "CPAS de Schaerbeek";
  a.income_year = 2024;
  a.income = Money::from_cents(2'140'000);
  a.incomes = 1;
  a.preferred_postcodes = {"1030", "1210"};
  a.band = ap::Band::eligible;
  a.members.push_back({"Amina", last_name, 1985y / July / 30, ap::Relation::applicant, false, false, kNn1985});
  a.members.push_back({"Yasmine", last_name, 2017y / July / 30, ap::Relation::child, true, true, kNn2017});
  a.members.push_back({"Karim", last_name, 2019y / May / 2, ap::Relation::child, true, false, ""});
  a.created_at = a.updated_at = 1'767'225'600;
  return a;
}

class ApplicantsStorageTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database_ = db::Database::open(url(), 4);
    {
      auto c = database_->acquire();
      db::migrate(*c);
    }
    store_ = std::make_unique<storage::SqlStore>(database_, storage::FieldCipher(kTestFieldKey));
    agency_a_ = app::add_agency(*store_, cli(), "AIS-A", "Agence A").id;
    agency_b_ = app::add_agency(*store_, cli(), "AIS-B", "Agence B").id;
  }
  app::Context cli() { return app::Context{clock_, "cli", std::nullopt, std::nullopt}; }
  ap::Applicant insert(ap::Applicant a) {
    auto uow = store_->write();
    uow->applicants().insert(a);
    uow->commit();
    return a;
  }
  std::vector<std::string> all_texts() {
    auto c = database_->acquire();
    std::vector<std::string> tables;
    const char* sql = backend() == Backend::sqlite
                          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                            " AND table_type = 'BASE TABLE'";
    for (const auto& r : c->query(sql)) tables.push_back(r.text(0));
    std::vector<std::string> out;
    for (const auto& t : tables) {
      std::vector<std::string> columns;
      if (backend() == Backend::sqlite) {
        for (const auto& r : c->query("SELECT name FROM pragma_table_info('" + t + "')")) columns.push_back(r.text(0));
      } else {
        for (const auto& r : c->query("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                                      " current_schema() AND table_name = $1",
                                      {t}))
          columns.push_back(r.text(0));
      }
      for (const auto& col : columns)
        for (const auto& r : c->query("SELECT CAST(" + col + " AS TEXT) FROM " + t))
          if (!r.is_null(0)) out.push_back(t + "." + col + "=" + r.text(0));
    }
    return out;
  }

  FixedClock clock_{1'767'225'600};  // 2026-01-01
  std::shared_ptr<db::Database> database_;
  std::unique_ptr<storage::SqlStore> store_;
  std::int64_t agency_a_ = 0, agency_b_ = 0;
};

TEST_P(ApplicantsStorageTest, WritesAndReadsAHouseholdBack) {
  auto a = insert(household(agency_a_, "El Idrissi"));
  ASSERT_GT(a.id, 0);
  EXPECT_EQ(a.number, 1);
  auto uow = store_->read();
  auto got = uow->applicants().find_by_id(a.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->agency_code, "AIS-A");
  EXPECT_EQ(got->number, 1);
  EXPECT_EQ(got->registered_on, 2025y / March / 14);
  EXPECT_EQ(got->status, ap::Status::active);
  EXPECT_EQ(got->referral, std::optional<std::string>("CPAS de Schaerbeek"));
  EXPECT_EQ(got->income_year, 2024);
  EXPECT_EQ(got->income, Money::from_cents(2'140'000));
  EXPECT_EQ(got->incomes, 1);
  EXPECT_EQ(got->preferred_postcodes, (std::vector<std::string>{"1030", "1210"}));
  EXPECT_EQ(got->band, std::optional(ap::Band::eligible));
  ASSERT_EQ(got->members.size(), 3u);
  EXPECT_EQ(got->name(), "Amina El Idrissi");
  EXPECT_EQ(got->members[0].national_number, kNn1985);
  EXPECT_EQ(got->members[1].national_number, kNn2017);
  EXPECT_TRUE(got->members[1].disabled);
  EXPECT_TRUE(got->members[1].dependent);
  EXPECT_EQ(got->members[1].birth_date, 2017y / July / 30);
  EXPECT_EQ(got->members[2].national_number, "");
  EXPECT_EQ(got->members[2].relation, ap::Relation::child);
  EXPECT_FALSE(uow->applicants().find_by_id(a.id + 100));
}

TEST_P(ApplicantsStorageTest, UpdateRewritesTheFieldsAndMembers) {
  auto a = insert(household(agency_a_, "El Idrissi"));
  a.band.reset();
  a.income = Money::from_cents(3'000'000);
  a.referral.reset();
  a.members.pop_back();
  a.members[1].national_number.clear();
  a.urgent = true;
  {
    auto uow = store_->write();
    uow->applicants().update(a);
    uow->commit();
  }
  auto uow = store_->read();
  auto got = uow->applicants().find_by_id(a.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->band) << "unknown";
  EXPECT_EQ(got->income, Money::from_cents(3'000'000));
  EXPECT_FALSE(got->referral);
  EXPECT_TRUE(got->urgent);
  ASSERT_EQ(got->members.size(), 2u);
  EXPECT_EQ(got->members[1].national_number, "");
  EXPECT_EQ(got->number, 1);
}

TEST_P(ApplicantsStorageTest, NumbersAreChronologicalPerAgencyAndNeverReused) {
  EXPECT_EQ(insert(household(agency_a_, "A")).number, 1);
  EXPECT_EQ(insert(household(agency_a_, "B")).number, 2);
  EXPECT_EQ(insert(household(agency_b_, "C")).number, 1);
  auto kept = household(agency_a_, "D");
  kept.number = 40;
  EXPECT_EQ(insert(kept).number, 40);
  EXPECT_EQ(insert(household(agency_a_, "E")).number, 41);
  // A rolled-back insert gives its number away, never twice.
  {
    auto uow = store_->write();
    auto a = household(agency_a_, "F");
    uow->applicants().insert(a);
    EXPECT_EQ(a.number, 42);
  }
  // Even after the rows are gone (a purge), the counter goes on.
  {
    auto c = database_->acquire();
    c->execute("DELETE FROM applicant_members");
    c->execute("DELETE FROM applicants");
  }
  EXPECT_EQ(insert(household(agency_a_, "G")).number, 42);
  auto taken = household(agency_a_, "H");
  taken.number = 42;
  try {
    insert(taken);
    FAIL() << "a number given twice";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "applicants.number_taken");
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
}

TEST_P(ApplicantsStorageTest, NationalNumberAndIncomeAreInNoColumnInClear) {
  auto a = insert(household(agency_a_, "El Idrissi"));
  for (const auto& text : all_texts()) {
    EXPECT_EQ(text.find(kNn1985), std::string::npos) << text;
    EXPECT_EQ(text.find(kNn2017), std::string::npos) << text;
    EXPECT_EQ(text.find("2140000"), std::string::npos) << text;
  }
  if (backend() == Backend::sqlite) {
    const std::filesystem::path file = url().substr(std::string("sqlite:").size());
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(bytes.find(kNn1985), std::string::npos) << entry.path();
      EXPECT_EQ(bytes.find(kNn2017), std::string::npos) << entry.path();
    }
  }
  auto c = database_->acquire();
  auto row = c->query_one("SELECT income_cipher FROM applicants WHERE id = $1", {a.id});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0).rfind("v2:", 0), 0u);
  // A list reads no national number.
  auto uow = store_->read();
  auto list = uow->applicants().list({agency_a_, "", std::nullopt, std::nullopt}, 50, 0);
  ASSERT_EQ(list.size(), 1u);
  ASSERT_EQ(list[0].members.size(), 3u);
  for (const auto& m : list[0].members) EXPECT_EQ(m.national_number, "");
  EXPECT_EQ(list[0].name(), "Amina El Idrissi");
  EXPECT_EQ(list[0].income, Money::from_cents(2'140'000));
}

TEST_P(ApplicantsStorageTest, FindsANationalNumberThroughTheBlindIndex) {
  auto a = insert(household(agency_a_, "El Idrissi"));
  auto b = insert(household(agency_b_, "El Idrissi"));
  auto uow = store_->write();
  auto& repo = uow->applicants();
  EXPECT_EQ(repo.with_national_number(agency_a_, kNn2017), std::vector<std::int64_t>{a.id});
  EXPECT_EQ(repo.with_national_number(agency_b_, kNn1985), std::vector<std::int64_t>{b.id});
  EXPECT_TRUE(repo.with_national_number(agency_a_, "90011512363").empty());
  repo.set_status(a.id, ap::Status::struck_off, "moved abroad", 2026y / January / 1);
  EXPECT_TRUE(repo.with_national_number(agency_a_, kNn1985).empty()) << "struck off: not counted";
  auto got = repo.find_by_id(a.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, ap::Status::struck_off);
  EXPECT_EQ(got->status_reason, "moved abroad");
  EXPECT_EQ(got->status_since, 2026y / January / 1);
}

TEST_P(ApplicantsStorageTest, FiltersAndCounts) {
  auto a = insert(household(agency_a_, "El Idrissi"));
  auto moderate = household(agency_a_, "Peeters");
  moderate.band = ap::Band::moderate;
  moderate.renewed_on = 2024y / January / 10;
  auto m = insert(moderate);
  auto unknown = household(agency_a_, "Janssens");
  unknown.band.reset();
  auto u = insert(unknown);
  insert(household(agency_b_, "Other"));
  auto uow = store_->read();
  auto& repo = uow->applicants();
  auto ids = [&](ap::ApplicantFilter f) {
    std::vector<std::int64_t> out;
    for (const auto& x : repo.list(f, 50, 0)) out.push_back(x.id);
    EXPECT_EQ(repo.count(f), static_cast<std::int64_t>(out.size()));
    return out;
  };
  ap::ApplicantFilter f;
  f.agency_id = agency_a_;
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{u.id, m.id, a.id})) << "newest number first";
  auto by_band = f;
  by_band.band = ap::Band::moderate;
  EXPECT_EQ(ids(by_band), std::vector<std::int64_t>{m.id});
  auto no_band = f;
  no_band.band_unknown = true;
  EXPECT_EQ(ids(no_band), std::vector<std::int64_t>{u.id});
  auto q = f;
  q.query = "PEETERS";
  EXPECT_EQ(ids(q), std::vector<std::int64_t>{m.id});
  q.query = "2";
  EXPECT_EQ(ids(q), std::vector<std::int64_t>{m.id}) << "the number";
  q.query = "amina";
  EXPECT_EQ(ids(q).size(), 3u);
  auto late = f;
  late.renewed_before = 2025y / January / 1;
  EXPECT_EQ(ids(late), std::vector<std::int64_t>{m.id});
  auto status = f;
  status.status = ap::Status::housed;
  EXPECT_TRUE(ids(status).empty());
  EXPECT_EQ(repo.list(f, 1, 1).size(), 1u);
  EXPECT_EQ(repo.list(f, 1, 1)[0].id, m.id);
  ap::ApplicantFilter every;
  EXPECT_EQ(repo.count(every), 4);
}

TEST_P(ApplicantsStorageTest, ChangesAreDatedNewestFirst) {
  auto a = insert(household(agency_a_, "El Idrissi"));
  auto uow = store_->write();
  auto& repo = uow->applicants();
  repo.add_change(agency_a_, a.id, {100, std::nullopt, "", "create", {}, ap::Status::active});
  repo.add_change(agency_a_, a.id, {200, std::nullopt, "", "update", {"income", "members"}, ap::Status::active});
  repo.add_change(agency_a_, a.id, {300, std::nullopt, "", "status", {"status"}, ap::Status::struck_off});
  auto changes = repo.changes(a.id);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].changed_at, 300);
  EXPECT_EQ(changes[0].status, ap::Status::struck_off);
  EXPECT_EQ(changes[1].fields, (std::vector<std::string>{"income", "members"}));
  EXPECT_EQ(changes[2].action, "create");
  EXPECT_TRUE(changes[2].fields.empty());
}

HMS_INSTANTIATE_BACKENDS(ApplicantsStorageTest);

}  // namespace
}  // namespace hms::test

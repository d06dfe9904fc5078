// The yearly indexation of owner contracts (issue 4 part 5) through the real `hms indexation
// run` on SQLite and PostgreSQL: which contracts have their anniversary in the month, the new
// rent with its arithmetic written here, the cap, the cases without a rise, the dry run that
// stores nothing, the second run that changes nothing, and the PDF letter per owner.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/agencies/agency_admin.hpp"
#include "app/indexation/indexation_run.hpp"
#include "app/owners/owners.hpp"
#include "app/rules/rules_admin.hpp"
#include "app/stock/dwellings.hpp"
#include "app/users/user_admin.hpp"
#include "common/clock.hpp"
#include "domain/users/throttle.hpp"
#include "storage/sql_store.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::app {
namespace {

using nlohmann::json;
using test::BackendTest;
using test::run_hms;

class IndexationRunTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db::migrate(*db().acquire());
    // The key file the command line will use, as `hms init` makes it.
    store_ = std::make_unique<storage::SqlStore>(database(), storage::load_field_cipher(url(), true));
    load_shipped_rules(*store_, cli());
    add_agency(*store_, cli(), "AIS-A", "AIS Alpha");
    add_agency(*store_, cli(), "AIS-B", "AIS Beta");
    owner_ = owner("AIS-A", "Marie Dubois", "BE68539007547034", "Avenue Louise 54\n1050 Ixelles");
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove(storage::key_file_for(url()), ec);
    std::filesystem::remove_all(letters_, ec);
  }

  Context cli() { return Context{clock_, "cli", std::nullopt, std::nullopt}; }
  std::shared_ptr<db::Database> database() { return db::Database::open(url(), 2); }

  owners::Owner owner(const std::string& agency, const std::string& name, const std::string& iban,
                      const std::string& address = "") {
    OwnerFields f;
    f.agency = agency;
    f.kind = "person";
    f.name = name;
    f.iban = iban;
    f.address = address;
    f.language = "fr";
    return create_owner(*store_, cli(), f);
  }
  std::int64_t dwelling(const std::string& ref, const std::string& type, const std::string& bedrooms,
                        const std::string& peb, const std::string& agency = "AIS-A") {
    DwellingFields f;
    f.agency = agency;
    f.reference = ref;
    f.street = "Rue Haute";
    f.number = "5";
    f.box = ref;
    f.postcode = "1000";
    f.type = type;
    f.bedrooms = bedrooms;
    f.peb_class = peb;
    return create_dwelling(*store_, cli(), f).id;
  }
  std::int64_t contract(std::int64_t dwelling_id, const std::string& start, const std::string& signed_on,
                        const std::string& rent, const std::string& registered = "yes",
                        const std::string& end = "", std::int64_t owner = 0, const std::string& agency = "AIS-A") {
    ContractFields f;
    f.agency = agency;
    f.dwelling_id = std::to_string(dwelling_id);
    f.owner_id = std::to_string(owner ? owner : owner_.id);
    f.kind = "main_lease";
    f.start = start;
    f.end = end;
    f.signed_on = signed_on;
    f.registered = registered;
    f.owner_rent = rent;
    return create_contract(*store_, cli(), f).id;
  }
  json run(const std::string& month, bool dry_run) {
    std::vector<std::string> args{"indexation", "run", "--db", url(), "--agency", "AIS-A", "--month", month,
                                  "--letters", letters_.string(), "--json"};
    if (dry_run) args.push_back("--dry-run");
    auto r = run_hms(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }
  static const json* line(const json& j, const std::string& dwelling) {
    for (const auto& l : j["lines"])
      if (l["dwelling"] == dwelling) return &l;
    return nullptr;
  }

  FixedClock clock_{1'795'953'600};  // 2026-11-29
  std::unique_ptr<storage::SqlStore> store_;
  owners::Owner owner_;
  std::filesystem::path letters_ = std::filesystem::temp_directory_path() /
                                   ("hms-letters-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
};

TEST_P(IndexationRunTest, IndexesTheAnniversariesOfTheMonthWithinTheCap) {
  // House, 3 bedrooms, PEB C; signed 10/02/2025 → starting index January 2025 = 135.52;
  // anniversary 01/03/2026 → new index February 2026 = 138.06:
  // 900.00 × 138.06 / 135.52 = 916.868… → 916.87, below the 2026 cap of 1,030.00.
  auto house = dwelling("H-1", "house", "3", "C");
  auto k_house = contract(house, "2025-03-01", "2025-02-10", "900");
  // No certificate: no indexation; an unregistered lease: no indexation.
  auto no_peb = dwelling("N-1", "apartment", "1", "");
  contract(no_peb, "2025-03-01", "2025-02-10", "600");
  auto unregistered = dwelling("U-1", "apartment", "1", "B");
  contract(unregistered, "2025-03-20", "2025-03-01", "600", "no");
  // Not in the run: the first anniversary comes later; the contract ended before its anniversary;
  // another month; another agency.
  contract(dwelling("F-1", "apartment", "1", "B"), "2026-03-01", "2026-02-01", "600");
  contract(dwelling("E-1", "apartment", "1", "B"), "2025-03-01", "2025-02-01", "600", "yes", "2026-02-28");
  contract(dwelling("M-1", "apartment", "1", "B"), "2025-04-01", "2025-03-01", "600");
  auto owner_b = owner("AIS-B", "Jan Peeters", "BE71096123456769");
  contract(dwelling("B-1", "apartment", "1", "B", "AIS-B"), "2025-03-01", "2025-02-01", "600", "yes", "", owner_b.id,
           "AIS-B");

  auto dry = run("2026-03", true);
  ASSERT_EQ(dry["lines"].size(), 3u) << dry.dump(2);
  EXPECT_EQ(dry["dry_run"], true);
  EXPECT_EQ(dry["versions_created"], 0);
  const json* h = line(dry, "H-1");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ((*h)["new_rent"], "916.87");
  EXPECT_EQ((*h)["indexed_rent"], "916.87");
  EXPECT_EQ((*h)["cap"], "1030.00");
  EXPECT_EQ((*h)["outcome"], "indexed");
  EXPECT_EQ((*h)["anniversary"], "2026-03-01");
  EXPECT_EQ((*line(dry, "N-1"))["outcome"], "unchanged");
  EXPECT_EQ((*line(dry, "N-1"))["regime"], "no_certificate");
  EXPECT_EQ((*line(dry, "U-1"))["outcome"], "unchanged");
  EXPECT_EQ((*line(dry, "U-1"))["regime"], "unregistered");
  EXPECT_TRUE(dry["letters"].empty());
  EXPECT_EQ(find_contract(*store_, cli(), k_house).rent_history.size(), 1u) << "a dry run stores nothing";

  auto done = run("2026-03", false);
  EXPECT_EQ(done["versions_created"], 1);
  auto k = find_contract(*store_, cli(), k_house);
  ASSERT_EQ(k.rent_history.size(), 2u);
  EXPECT_EQ(k.rent_history[0].amount.format_plain(), "900.00") << "the earlier rent is kept";
  EXPECT_EQ(k.rent_history[1].amount.format_plain(), "916.87");
  EXPECT_EQ(k.rent_history[1].reason, "indexation");
  EXPECT_EQ(k.owner_rent.format_plain(), "916.87");
  ASSERT_EQ(done["letters"].size(), 1u);

  // The letter is a real PDF, in the owner's language, with the new rent.
  const std::string pdf = done["letters"][0];
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  if (std::system("command -v pdftotext >/dev/null 2>&1") == 0) {
    const std::string text_file = pdf + ".txt";
    ASSERT_EQ(std::system(("pdftotext -layout '" + pdf + "' '" + text_file + "'").c_str()), 0);
    std::ifstream t(text_file);
    std::string text((std::istreambuf_iterator<char>(t)), {});
    EXPECT_NE(text.find("Marie Dubois"), std::string::npos);
    EXPECT_NE(text.find("916,87"), std::string::npos);
    EXPECT_NE(text.find("Indexation de votre loyer"), std::string::npos);
    EXPECT_NE(text.find("135,52"), std::string::npos) << "the calculation is in the letter";
  } else {
    ASSERT_FALSE(test::running_in_ci()) << "pdftotext (poppler-utils) is needed to check the letters";
  }

  // Run twice: nothing new.
  auto again = run("2026-03", false);
  EXPECT_EQ(again["versions_created"], 0);
  EXPECT_EQ((*line(again, "H-1"))["outcome"], "already_done");
  EXPECT_EQ(find_contract(*store_, cli(), k_house).rent_history.size(), 2u);
}

// Issue 8 B7: the preview of a run, the page of its results and its letters show owners' names
// and addresses: each is one audit entry with its count (lines, or owners written to) and the
// month, never a name.
TEST_P(IndexationRunTest, PreviewsResultsAndLettersAreAuditedAsReadsWithTheirCount) {
  contract(dwelling("H-1", "house", "3", "C"), "2025-03-01", "2025-02-10", "900");
  contract(dwelling("N-1", "apartment", "1", ""), "2025-03-01", "2025-02-10", "600");
  auto entries = [&](const std::string& action) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : db().acquire()->query(
             "SELECT object_id, details FROM audit_log WHERE action = $1 ORDER BY id", {action}))
      out.emplace_back(r.text(0), r.opt_text(1).value_or(""));
    return out;
  };
  using Entries = std::vector<std::pair<std::string, std::string>>;
  const YearMonth march{2026, 3};
  auto preview = run_indexation(*store_, cli(), "AIS-A", march, true);
  ASSERT_EQ(preview.lines.size(), 2u);
  EXPECT_EQ(entries("indexation.preview"), (Entries{{"2", "month=2026-03"}}));
  run_indexation(*store_, cli(), "AIS-A", march, false);
  EXPECT_EQ(entries("indexation.preview"), (Entries{{"2", "month=2026-03"}})) << "a real run is no preview";

  indexation_done(*store_, cli(), "AIS-A", march, std::nullopt);
  EXPECT_EQ(entries("indexation.results"), (Entries{{"1", "month=2026-03"}}));
  indexation_done(*store_, cli(), "AIS-A", march, std::nullopt, IndexationRead::letters);
  indexation_done(*store_, cli(), "AIS-A", march, owner_.id, IndexationRead::letters);
  EXPECT_EQ(entries("indexation.letters"),
            (Entries{{"1", "month=2026-03"}, {"1", "month=2026-03,owner_id=" + std::to_string(owner_.id)}}));
  // A month without letters shows nobody: nothing recorded.
  indexation_done(*store_, cli(), "AIS-A", YearMonth{2026, 4}, std::nullopt, IndexationRead::letters);
  EXPECT_EQ(entries("indexation.letters").size(), 2u);
  EXPECT_EQ(db().acquire()->query_one("SELECT count(*) FROM audit_log WHERE details LIKE '%Dubois%'")->integer(0), 0);
}

// Issue 8 B7: the letters to every owner of a month are an export of personal data, counted
// against the user's limit (users::kExportsPerUser); one owner's letter is not. Past the limit:
// 429 users.too_many_exports, the refusal audited, nothing read.
TEST_P(IndexationRunTest, EveryOwnersLettersCountAsAnExportOfTheUser) {
  contract(dwelling("H-1", "house", "3", "C"), "2025-03-01", "2025-02-10", "900");
  const YearMonth march{2026, 3};
  run_indexation(*store_, cli(), "AIS-A", march, false);
  const auto user = add_user(*store_, cli(), NewUser{"letters.staff", "", "agency_staff", "AIS-A",
                                                     "a long enough passphrase 7", std::nullopt});
  const Context staff{clock_, "req", user, std::nullopt};
  for (std::int64_t i = 0; i < users::kExportsPerUser.max_events; ++i)
    EXPECT_EQ(indexation_done(*store_, staff, "", march, std::nullopt, IndexationRead::letters).lines.size(), 1u);
  // One owner's letter is no export: still given.
  EXPECT_EQ(indexation_done(*store_, staff, "", march, owner_.id, IndexationRead::letters).lines.size(), 1u);
  try {
    indexation_done(*store_, staff, "", march, std::nullopt, IndexationRead::letters);
    ADD_FAILURE() << "the letters past the limit were given";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::too_many_requests);
    EXPECT_EQ(e.code(), "users.too_many_exports");
    EXPECT_EQ(e.params().at("minutes"), "60");
  }
  auto count = [&](const std::string& action) {
    return db().acquire()->query_one("SELECT count(*) FROM audit_log WHERE action = $1", {action})->integer(0);
  };
  EXPECT_EQ(count("indexation.letters"), users::kExportsPerUser.max_events + 1);
  EXPECT_EQ(count("indexation.letters_refused"), 1);
}

TEST_P(IndexationRunTest, TheCapBoundsTheNewRent) {
  // Studio, PEB D, signed 01/02/2025 → January 2025 = 135.52; anniversary 15/06/2026 → May 2026
  // = 139.22: 560.00 × 139.22 / 135.52 = 575.289… → 575.29, above the 2026 studio cap of 571.00.
  auto studio = dwelling("S-1", "apartment", "0", "D");
  auto k = contract(studio, "2025-06-15", "2025-02-01", "560");
  auto j = run("2026-06", false);
  const json* l = line(j, "S-1");
  ASSERT_NE(l, nullptr) << j.dump(2);
  EXPECT_EQ((*l)["indexed_rent"], "575.29");
  EXPECT_EQ((*l)["cap"], "571.00");
  EXPECT_EQ((*l)["new_rent"], "571.00");
  EXPECT_EQ((*l)["outcome"], "capped");
  EXPECT_EQ(find_contract(*store_, cli(), k).owner_rent.format_plain(), "571.00");
}

TEST_P(IndexationRunTest, AMissingIndexIsSaidAndNothingIsStored) {
  // August 2026 needs the index of July 2026, not in the tables yet.
  auto k = contract(dwelling("A-1", "apartment", "1", "B"), "2025-08-01", "2025-07-01", "600");
  auto j = run("2026-08", false);
  const json* l = line(j, "A-1");
  ASSERT_NE(l, nullptr) << j.dump(2);
  EXPECT_EQ((*l)["outcome"], "index_missing");
  EXPECT_EQ(j["versions_created"], 0);
  EXPECT_EQ(find_contract(*store_, cli(), k).rent_history.size(), 1u);
}

TEST_P(IndexationRunTest, AnUnknownAgencyOrMonthIsAUsageError) {
  auto r = run_hms({"indexation", "run", "--db", url(), "--agency", "AIS-Z", "--month", "2026-03"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("AIS-Z"), std::string::npos) << r.err;
  r = run_hms({"indexation", "run", "--db", url(), "--agency", "AIS-A", "--month", "2026-13"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

HMS_INSTANTIATE_BACKENDS(IndexationRunTest);

}  // namespace
}  // namespace hms::app

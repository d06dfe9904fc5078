// The onboarding import of the stock (contract B, `hms import stock`), on SQLite and PostgreSQL,
// through the real binary and the real server, the way an agency uses it:
// - a good CSV and a good XLSX (made with formats::write_xlsx) create the dwellings, owners and
//   contracts, with the JSON of the contract; the same owner (IBAN and name) on several lines is
//   one owner, the same IBAN under another name another owner; a second run creates nothing;
// - a broken file exits 2, lists every problem with its line, column and code, and writes
//   nothing (every table counted before and after); header problems are on line 1;
// - a byte-order mark and ',' separators; --dry-run; messages in French and Dutch;
// - against stored data: an existing dwelling is kept, an overlapping stored contract is an error;
// - the page /import: the dry run shows every problem by line and column in the user's language,
//   a clean file is confirmed and imported in the background (progress polled), an upload of
//   another user or agency is a 404, the templates download and import cleanly;
// - the upload pipeline (app/jobs): an upload waiting for its confirmation survives a restart of
//   the server; an import stopped between two batches of its writing (a restart) is left
//   interrupted and, confirmed again, writes only the rest — never a line twice.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include "app/agencies/agency_settings.hpp"
#include "app/jobs/uploads.hpp"
#include "app/onboarding/stock_import.hpp"
#include "formats/table.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/sql_store.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

constexpr const char* kHeader =
    "dwelling_ref;street;number;box;postcode;type;bedrooms;surface_m2;peb_class;owner_kind;owner_name;owner_iban;"
    "owner_email;contract_kind;contract_start;contract_end;owner_rent\n";
constexpr const char* kStaffPassword = "violet bicycle orchard 17";
constexpr const char* kOtherPassword = "lantern harbour meadow 41";

std::string show(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

// A Belgian IBAN for a bank code and account number (10 digits): the BBAN's check digits (the
// first ten mod 97, 0 counting as 97), then the IBAN's (98 − the number "BBAN BE00" mod 97).
std::string belgian_iban(const std::string& ten_digits) {
  auto mod97 = [](const std::string& digits) {
    int r = 0;
    for (char c : digits) r = (r * 10 + (c - '0')) % 97;
    return r;
  };
  auto two_digits = [](int n) { return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; };
  int check = mod97(ten_digits);
  const std::string bban = ten_digits + two_digits(check == 0 ? 97 : check);
  return "BE" + two_digits(98 - mod97(bban + "111400")) + bban;
}

const std::string kIbanDubois = "BE68539007547034";
const std::string kIbanPeeters = belgian_iban("0012345678");
const std::string kIbanSablon = belgian_iban("3100123456");

// Three dwellings, two of them Marie Dubois's (one owner), the third a company's. Lines 2 to 4.
std::string good_csv() {
  return std::string(kHeader) +
         "IX-0042;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;Marie Dubois;BE68 5390 0754 7034;"
         "marie.dubois@example.be;main_lease;2025-03-01;2034-02-28;780,00\n"
         "IX-0043;Rue de la Paix;12;4;1050;apartment;1;;;person;Marie Dubois;" + kIbanDubois +
         ";;main_lease;2026-01-01;;650\n"
         "SG-0001;Chaussée de Wavre;201;;1040;house;3;120;C;person;Jan Peeters;" + kIbanPeeters +
         ";jan.peeters@example.be;main_lease;2025-09-01;;950,00\n";
}

// Every table the import may write, with its row count.
std::map<std::string, std::int64_t> snapshot(db::Database& database) {
  std::map<std::string, std::int64_t> counts;
  auto c = database.acquire();
  for (const char* table : {"agencies", "users", "buildings", "dwellings", "dwelling_statuses", "owners", "owner_contracts",
                            "owner_contract_rents", "audit_log"})
    counts[table] = c->query_one(std::string("SELECT count(*) FROM ") + table)->integer(0);
  return counts;
}

std::int64_t count(db::Database& database, const std::string& from_where) {
  return database.acquire()->query_one("SELECT count(*) FROM " + from_where)->integer(0);
}

// A problem of the JSON output, as compared by the tests: line, column, code.
struct Problem {
  int line;
  std::string column, code;
  bool operator==(const Problem&) const = default;
};
std::ostream& operator<<(std::ostream& o, const Problem& p) {
  return o << "{" << p.line << ", " << p.column << ", " << p.code << "}";
}

std::vector<Problem> problems_of(const json& j) {
  std::vector<Problem> out;
  for (const auto& e : j.at("errors")) out.push_back({e.at("line").get<int>(), e.at("column"), e.at("code")});
  return out;
}

class ImportCliTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = std::filesystem::temp_directory_path() / ("hms-import-test-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::create_directories(dir_);
    for (auto args : std::vector<std::vector<std::string>>{
             {"init", "--db", url()},
             {"agency", "add", "--db", url(), "--code", "AIS-A", "--name", "Agence A"},
             {"agency", "add", "--db", url(), "--code", "AIS-B", "--name", "Agence B"}}) {
      auto r = run_hms(args);
      ASSERT_EQ(r.exit_code, 0) << show(r);
    }
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string file(const std::string& name, const std::string& bytes) {
    auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  CommandResult import(const std::string& path, std::vector<std::string> extra = {"--json"},
                       const std::map<std::string, std::string>& env = {{"HMS_LANG", "en"}}) {
    std::vector<std::string> args = {"import", "stock", "--db", url(), "--agency", "AIS-A", path};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_hms(args, "", env);
  }

  // The agency's default management fee, as its admin sets it on /settings (here as the operator).
  void set_default_fee(const std::string& fee) {
    SystemClock clock;
    storage::SqlStore store(db::Database::open(url(), 1), storage::load_field_cipher(url(), false));
    app::update_agency_settings(store, app::Context{clock, "test", std::nullopt, std::nullopt}, {fee}, "AIS-A");
  }

  std::unique_ptr<storage::SqlStore> store() {
    return std::make_unique<storage::SqlStore>(db::Database::open(url(), 2), storage::load_field_cipher(url(), false));
  }
  // AIS-A's staff member "staff.a", acting in session 7, as the page's requests do.
  app::Context staff_context() {
    auto r = run_hms({"user", "add", "--db", url(), "--login", "staff.a", "--role", "agency_staff", "--agency", "AIS-A",
                      "--name", "Staff A"},
                     std::string(kStaffPassword) + "\n");
    EXPECT_EQ(r.exit_code, 0) << show(r);
    users::User u;
    u.id = db().acquire()->query_one("SELECT id FROM users WHERE login = 'staff.a'")->integer(0);
    u.login = "staff.a";
    u.role = users::Role::agency_staff;
    u.agency_id = db().acquire()->query_one("SELECT id FROM agencies WHERE code = 'AIS-A'")->integer(0);
    u.agency_code = "AIS-A";
    return app::Context{clock_, "test", u, 7};
  }

  SystemClock clock_;
  std::filesystem::path dir_;
};

// `n` dwellings IX-1000… each with its own owner (its own IBAN) and a main lease: lines 2 to n + 1.
std::string many_lines_csv(int n) {
  std::string csv = kHeader;
  for (int i = 0; i < n; ++i) {
    const std::string ref = "IX-" + std::to_string(1000 + i);
    char digits[11];
    std::snprintf(digits, sizeof digits, "77%08d", i);
    csv += ref + ";Rue du Lac;" + std::to_string(i + 1) + ";;1050;apartment;1;;;person;Owner " + std::to_string(i) + ";" +
           belgian_iban(digits) + ";;main_lease;2026-01-01;;650\n";
  }
  return csv;
}

TEST_P(ImportCliTest, AnImportStoppedBetweenTwoBatchesWritesOnlyTheRestWhenRunAgain) {
  static_assert(app::kWriteBatchLines == 500, "the counts below assume batches of 500 lines");
  const auto csv = many_lines_csv(1201);  // three batches: 500, 500 and 201 lines
  auto s = store();
  const app::Context cli{clock_, "test", std::nullopt, std::nullopt};
  // Stopped once the first batch is written, as a restart of the server stops it.
  std::vector<std::pair<jobs::UploadPhase, std::int64_t>> heard;
  auto stop_after_first_batch = [&](jobs::UploadPhase phase, std::int64_t done, std::int64_t) {
    heard.emplace_back(phase, done);
    return phase == jobs::UploadPhase::checking;
  };
  EXPECT_THROW(app::run_stock_import(*s, cli, "AIS-A", "big.csv", csv, false, stop_after_first_batch), app::UploadStopped);
  ASSERT_FALSE(heard.empty());
  EXPECT_EQ(heard.back(), std::make_pair(jobs::UploadPhase::writing, std::int64_t{500}));
  EXPECT_EQ(heard.front(), std::make_pair(jobs::UploadPhase::checking, std::int64_t{1}));
  EXPECT_EQ(count(db(), "dwellings"), 500);
  EXPECT_EQ(count(db(), "owners"), 500);
  EXPECT_EQ(count(db(), "owner_contracts"), 500);
  // Each batch is one transaction with its audit entry, which says which lines it wrote.
  EXPECT_EQ(count(db(), "audit_log WHERE action = 'stock.import' AND details = 'lines 2-501'"), 1);
  EXPECT_EQ(count(db(), "audit_log WHERE action = 'stock.import'"), 1);

  // Run again: the first 500 lines are recognised, the other 701 written, nothing twice.
  auto report = app::run_stock_import(*s, cli, "AIS-A", "big.csv", csv, false);
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.created.dwellings, 701);
  EXPECT_EQ(report.created.owners, 701);
  EXPECT_EQ(report.created.contracts, 701);
  EXPECT_EQ(report.unchanged.dwellings, 500);
  EXPECT_EQ(report.unchanged.contracts, 500);
  EXPECT_EQ(count(db(), "dwellings"), 1201);
  EXPECT_EQ(count(db(), "owners"), 1201);
  EXPECT_EQ(count(db(), "owner_contracts"), 1201);
  EXPECT_EQ(count(db(), "(SELECT reference FROM dwellings GROUP BY reference HAVING count(*) > 1) twice"), 0);
  EXPECT_EQ(count(db(), "audit_log WHERE action = 'stock.import' AND details = 'lines 1002-1202'"), 1);
  EXPECT_EQ(count(db(), "audit_log WHERE action = 'stock.import'"), 4);
}

TEST_P(ImportCliTest, AnUploadLeftRunningByAStopIsConfirmedAgainAndFinishes) {
  const auto csv = many_lines_csv(1201);
  auto s = store();
  const auto staff = staff_context();
  const auto& real = app::stock_import_upload();
  auto submitted = app::submit_upload(*s, staff, real, "big.csv", csv);
  ASSERT_TRUE(submitted.job) << submitted.checked.report;
  const auto token = submitted.job->token;
  EXPECT_EQ(app::find_upload(*s, staff, real, token).state, jobs::UploadState::checked);
  // The bytes wait encrypted: no owner's name or IBAN in the clear in the database.
  EXPECT_EQ(count(db(), "upload_jobs WHERE bytes_cipher LIKE '%Owner 1%' OR bytes_cipher LIKE '%Rue du Lac%'"), 0);
  EXPECT_EQ(count(db(), "upload_jobs WHERE bytes_cipher IS NOT NULL"), 1);

  // A kind that writes like the stock import, but after its first batch keeps asking the
  // runner whether to go on — until the runner is destroyed, as when the server stops.
  std::promise<void> first_batch;
  app::UploadKind stopping = real;
  stopping.write = [&](Store& st, const app::Context& ctx, std::string_view name, std::string_view bytes,
                       const app::UploadProgress& progress) {
    return real.write(st, ctx, name, bytes, [&](jobs::UploadPhase phase, std::int64_t done, std::int64_t total) {
      if (!progress(phase, done, total)) return false;
      if (phase != jobs::UploadPhase::writing) return true;
      first_batch.set_value();
      while (progress(phase, done, total)) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      return false;
    });
  };
  {
    app::UploadRunner runner;
    auto confirmed = app::confirm_upload(*s, staff, stopping, token);
    ASSERT_TRUE(confirmed.started);
    runner.start(*s, staff, stopping, confirmed.job);
    first_batch.get_future().wait();
  }  // the runner stops: the writing ends between two batches
  auto job = app::find_upload(*s, staff, real, token);
  EXPECT_EQ(job.state, jobs::UploadState::interrupted);
  EXPECT_EQ(job.phase, jobs::UploadPhase::writing);
  EXPECT_EQ(job.done, 500);
  EXPECT_EQ(count(db(), "owner_contracts"), 500);
  EXPECT_EQ(count(db(), "upload_jobs WHERE bytes_cipher IS NOT NULL"), 1) << "kept for the next confirmation";

  // Another session of the same user may not confirm it; this session may, once.
  app::Context other_session = staff;
  other_session.session_id = 8;
  try {
    app::confirm_upload(*s, other_session, real, token);
    ADD_FAILURE() << "another session confirmed the upload";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
  auto confirmed = app::confirm_upload(*s, staff, real, token);
  ASSERT_TRUE(confirmed.started);
  // The server stops before its worker starts: the next start interrupts the job again.
  EXPECT_EQ(app::interrupt_uploads(*s, clock_), 1);
  EXPECT_EQ(app::find_upload(*s, staff, real, token).state, jobs::UploadState::interrupted);
  {
    app::UploadRunner runner;
    auto again = app::confirm_upload(*s, staff, real, token);
    ASSERT_TRUE(again.started);
    EXPECT_FALSE(app::confirm_upload(*s, staff, real, token).started) << "a second click starts nothing";
    runner.start(*s, staff, real, again.job);
    for (int i = 0; i < 300 && app::find_upload(*s, staff, real, token).state == jobs::UploadState::running; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  job = app::find_upload(*s, staff, real, token);
  ASSERT_EQ(job.state, jobs::UploadState::done) << job.report;
  const auto report = app::report_from_json(job.report);
  EXPECT_EQ(report.created.contracts, 701);
  EXPECT_EQ(report.unchanged.contracts, 500);
  EXPECT_EQ(count(db(), "owner_contracts"), 1201);
  EXPECT_EQ(count(db(), "owners"), 1201);
  EXPECT_EQ(count(db(), "upload_jobs WHERE bytes_cipher IS NOT NULL"), 0) << "the bytes go once written";
}

TEST_P(ImportCliTest, AGoodCsvCreatesEverythingOnceAndTheSecondRunNothing) {
  const auto path = file("stock.csv", good_csv());
  auto r = import(path);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  auto j = json::parse(r.out);
  // The contract's fields, in its order; the extra fields after them.
  EXPECT_EQ(r.out.rfind(R"({"ok":true,"dwellings":3,"owners":2,"contracts":3,)", 0), 0u) << r.out;
  EXPECT_EQ(j["unchanged"], json({{"dwellings", 0}, {"owners", 0}, {"contracts", 0}}));
  EXPECT_EQ(j["rows"], 3);
  EXPECT_EQ(j["dry_run"], false);
  EXPECT_TRUE(r.err.empty()) << show(r);

  EXPECT_EQ(count(db(), "dwellings d JOIN agencies a ON a.id = d.agency_id WHERE a.code = 'AIS-A'"), 3);
  EXPECT_EQ(count(db(), "owners"), 2);
  EXPECT_EQ(count(db(), "owners WHERE name = 'Marie Dubois' AND email = 'marie.dubois@example.be'"), 1);
  EXPECT_EQ(count(db(), "owner_contracts"), 3);
  EXPECT_EQ(count(db(), "owner_contract_rents WHERE reason = 'initial'"), 3);
  EXPECT_EQ(count(db(), "owner_contracts k JOIN owners o ON o.id = k.owner_id WHERE o.name = 'Marie Dubois'"), 2);
  EXPECT_EQ(count(db(), "dwellings WHERE reference = 'IX-0042' AND postcode = '1050' AND box = '3' AND bedrooms = 2"
                        " AND surface_dm2 = 685 AND peb_class = 'D' AND dwelling_type = 'apartment'"),
            1);
  EXPECT_EQ(count(db(), "dwellings WHERE reference = 'IX-0043' AND surface_dm2 IS NULL AND peb_class IS NULL"), 1);
  // Active from its contract's start (in the past).
  EXPECT_EQ(count(db(), "dwellings WHERE reference = 'IX-0042' AND status = 'active' AND status_since = '2025-03-01'"), 1);
  EXPECT_EQ(count(db(), "owner_contracts WHERE start_date = '2025-03-01' AND end_date = '2034-02-28'"
                        " AND owner_rent_cents = 78000 AND kind = 'main_lease' AND cap_cents = 80000"),
            1);
  // One audit entry for the whole import, none per line.
  EXPECT_EQ(count(db(), "audit_log WHERE action = 'stock.import' AND object_type = 'imports' AND object_id = 'stock.csv'"
                        " AND actor_login = 'cli'"),
            1);
  EXPECT_EQ(count(db(), "audit_log WHERE action LIKE 'stock.%' OR action LIKE 'owners.%'"), 1);

  const auto before = snapshot(db());
  auto again = import(path);
  ASSERT_EQ(again.exit_code, 0) << show(again);
  auto j2 = json::parse(again.out);
  EXPECT_EQ(again.out.rfind(R"({"ok":true,"dwellings":0,"owners":0,"contracts":0,)", 0), 0u) << again.out;
  EXPECT_EQ(j2["unchanged"], json({{"dwellings", 3}, {"owners", 2}, {"contracts", 3}}));
  auto after = snapshot(db());
  EXPECT_EQ(after["audit_log"], before.at("audit_log") + 1);
  after["audit_log"] = before.at("audit_log");
  EXPECT_EQ(after, before);
}

TEST_P(ImportCliTest, AnXlsxWorkbookImportsLikeTheCsv) {
  using Kind = formats::Column::Kind;
  std::vector<formats::Column> columns;
  for (const char* c : {"dwelling_ref", "street", "number", "box", "postcode", "type", "bedrooms", "surface_m2",
                        "peb_class", "owner_kind", "owner_name", "owner_iban", "owner_email", "contract_kind",
                        "contract_start", "contract_end", "owner_rent", "owner_company_number"})
    columns.push_back({c, Kind::text});
  columns[6].kind = Kind::integer;       // bedrooms as numbers
  columns[14].kind = Kind::date;         // dates as Excel dates
  columns[15].kind = Kind::date;
  columns[16].kind = Kind::money_cents;  // the rent as a number
  std::vector<std::vector<std::string>> rows = {
      {"AN-0001", "Avenue Louise", "54", "", "1000", "apartment", "0", "31", "B", "company", "Immo Sablon SRL",
       kIbanSablon, "", "main_lease", "2026-02-01", "", "56000", "0403.170.701"},
      {"AN-0002", "Avenue Louise", "54", "2", "1000", "apartment", "2", "", "", "person", "Marie Dubois",
       kIbanDubois, "", "main_lease", "2025-06-01", "2030-05-31", "79999", ""},
  };
  const auto path = file("stock.xlsx", formats::write_xlsx("Stock", columns, rows));
  auto r = import(path);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out.rfind(R"({"ok":true,"dwellings":2,"owners":2,"contracts":2,)", 0), 0u) << r.out;
  EXPECT_EQ(count(db(), "owners WHERE kind = 'company' AND company_number = '0403170701'"), 1);
  EXPECT_EQ(count(db(), "owner_contracts WHERE start_date = '2025-06-01' AND end_date = '2030-05-31' AND owner_rent_cents = 79999"), 1);
  // Both dwellings at Avenue Louise 54 in 1000: one building.
  EXPECT_EQ(count(db(), "buildings"), 1);
  auto again = import(path);
  ASSERT_EQ(again.exit_code, 0) << show(again);
  EXPECT_EQ(again.out.rfind(R"({"ok":true,"dwellings":0,"owners":0,"contracts":0,)", 0), 0u) << again.out;
}

TEST_P(ImportCliTest, ABrokenFileListsEveryProblemAndWritesNothing) {
  const std::string csv =
      std::string(kHeader) +
      /* 2 */ "IX-0042;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;Marie Dubois;BE68 5390 0754 7034;;main_lease;2025-03-01;;780\n"
      /* 3 */ "IX-0050;Rue Haute;5;;1000;apartment;1;;;person;Jan Peeters;BE68 5390 0754 7035;;main_lease;2025-03-01;;600\n"
      /* 4 */ "IX-0051;Rue Haute;7;;9999;apartment;1;;;person;Jan Peeters;" + kIbanPeeters + ";;main_lease;2025-03-01;;600\n"
      /* 5 */ "IX-0052;Rue Haute;9;;1000;apartment;2;;;person;Jan Peeters;" + kIbanPeeters + ";;main_lease;2026-02-01;;900,00\n"
      /* 6 */ "IX-0053;Rue Haute;11;;1000;castle;2;;;person;Jan Peeters;" + kIbanPeeters + ";;main_lease;1 février 2026;;600\n"
      /* 7 */ "IX-0042;Rue Basse;1;;1000;apartment;2;;;person;Jan Peeters;" + kIbanPeeters + ";;main_lease;2026-01-01;;600\n"
      /* 8 */ "IX-0054;Rue Haute;13;;1000;apartment;2;;;person;;" + kIbanPeeters + ";;main_lease;2026-01-01;2025-12-31;600\n"
      /* 9 */ "IX-0042;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;Marie Dubois;" + kIbanDubois + ";;main_lease;2025-03-01;;780\n"
      /*10 */ "IX-0055;Rue Haute;15;;1000;apartment;2;;;person;Jan Peeters;" + kIbanPeeters + ";;main_lease;2026-01-01;;600;extra\n";
  const auto path = file("broken.csv", csv);
  const auto before = snapshot(db());
  auto r = import(path);
  EXPECT_EQ(r.exit_code, 2) << show(r);
  auto j = json::parse(r.out);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j.size(), 2u) << r.out;  // {"ok", "errors"} and nothing else
  const std::vector<Problem> expected = {
      {3, "owner_iban", "owners.invalid_iban"},
      {4, "postcode", "stock.invalid_postcode"},
      {5, "owner_rent", "owners.rent_above_cap"},
      {6, "type", "stock.invalid_type"},
      {6, "contract_start", "common.invalid_date"},
      {7, "dwelling_ref", "import.duplicate_reference"},
      {8, "owner_name", "owners.invalid_name"},
      {8, "contract_end", "owners.end_before_start"},
      {9, "dwelling_ref", "import.duplicate_reference"},
      {10, "", "import.extra_cells"},
  };
  EXPECT_EQ(problems_of(j), expected) << r.out;
  for (const auto& e : j["errors"]) {
    EXPECT_EQ(e.size(), 4u) << e;  // line, column, code, message
    EXPECT_FALSE(e.value("message", "").empty()) << e;
  }
  EXPECT_EQ(j["errors"][2]["message"],
            "The owner rent (900.00 €) is above the owner-rent cap of 816.00 € for this dwelling on that date. Agree on a "
            "rent of at most 816.00 €.");
  EXPECT_EQ(j["errors"][5]["message"],
            "The dwelling IX-0042 is already on line 2. Give each dwelling one line; a second line for the same dwelling "
            "only adds another contract, with the same address and size.");
  EXPECT_EQ(snapshot(db()), before);

  // Without --json: one line per problem on stderr, nothing on stdout.
  auto text = import(path, {});
  EXPECT_EQ(text.exit_code, 2) << show(text);
  EXPECT_EQ(text.out, "");
  EXPECT_NE(text.err.find("Line 3, column owner_iban: Enter a valid IBAN, like BE68 5390 0754 7034.\n"), std::string::npos)
      << show(text);
  EXPECT_NE(text.err.find("hms: 10 problem(s) found: nothing was imported."), std::string::npos) << show(text);
  EXPECT_EQ(snapshot(db()), before);
}

TEST_P(ImportCliTest, ProblemsAreInTheUsersLanguage) {
  const auto path = file("broken.csv", std::string(kHeader) +
                                           "IX-0050;Rue Haute;5;;1000;apartment;1;;;person;Jan Peeters;BE00;;main_lease;"
                                           "2025-03-01;;600\n");
  auto fr = import(path, {}, {{"HMS_LANG", "fr"}});
  EXPECT_EQ(fr.exit_code, 2) << show(fr);
  EXPECT_NE(fr.err.find("Ligne 2, colonne owner_iban : "), std::string::npos) << show(fr);
  auto nl = import(path, {}, {{"LANG", "nl_BE.UTF-8"}});
  EXPECT_EQ(nl.exit_code, 2) << show(nl);
  EXPECT_NE(nl.err.find("Regel 2, kolom owner_iban: "), std::string::npos) << show(nl);
  auto fr_json = import(path, {"--json"}, {{"HMS_LANG", "fr"}});
  EXPECT_EQ(json::parse(fr_json.out)["errors"][0]["message"], "Indiquez un IBAN valide, comme BE68 5390 0754 7034.")
      << fr_json.out;
}

// Issue 15.5: a file in the user's language — headers, codes and dates as a French or Dutch
// spreadsheet has them — imports like contract B's, and its problems name its own columns.
TEST_P(ImportCliTest, AFileInFrenchOrDutchImportsLikeTheContractsOne) {
  const std::string fr =
      "Référence;Rue;Numéro;Boîte;Code postal;Type de logement;Chambres;Surface en m2;Classe PEB;Type de propriétaire;"
      "Nom du propriétaire;IBAN du propriétaire;E-mail du propriétaire;Type de contrat;Début du contrat;Fin du contrat;"
      "Loyer propriétaire;Numéro d'entreprise;Commission de gestion;Étage;Contrat enregistré;Garantie vide locatif\n"
      "IX-0042;Rue de la Paix;12;3;1050;Appartement;2;68,5;D;personne;Marie Dubois;BE68 5390 0754 7034;;"
      "bail principal;01/03/2025;28/02/2034;780,00;;;3;oui;non\n"
      "SG-0001;Chaussée de Wavre;201;;1040;maison;3;120;C;Société;Immo Sablon SRL;" + kIbanSablon +
      ";;Mandat de gestion;1/9/2025;;950,00;0123.456.749;8,5 %;;non;oui\n";
  auto r = import(file("stock-fr.csv", fr));
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out.rfind(R"({"ok":true,"dwellings":2,"owners":2,"contracts":2,)", 0), 0u) << r.out;
  EXPECT_EQ(count(db(), "dwellings WHERE reference = 'IX-0042' AND dwelling_type = 'apartment' AND floor = 3"
                        " AND surface_dm2 = 685 AND box = '3'"),
            1);
  EXPECT_EQ(count(db(), "dwellings WHERE reference = 'SG-0001' AND dwelling_type = 'house'"), 1);
  EXPECT_EQ(count(db(), "owners WHERE name = 'Immo Sablon SRL' AND kind = 'company' AND company_number = '0123456749'"), 1);
  EXPECT_EQ(count(db(), "owner_contracts WHERE kind = 'main_lease' AND start_date = '2025-03-01' AND end_date = '2034-02-28'"
                        " AND registered = 1 AND guarantee_vacancy = 0 AND owner_rent_cents = 78000"),
            1);
  EXPECT_EQ(count(db(), "owner_contracts WHERE kind = 'management_mandate' AND start_date = '2025-09-01'"
                        " AND management_fee_bp = 850 AND guarantee_vacancy = 1"),
            1);

  // Dutch headers (in another order, another case) and words; the contract's names still read.
  const std::string nl =
      "REFERENTIE;straat;nummer;postcode;type woning;slaapkamers;soort eigenaar;naam eigenaar;IBAN eigenaar;"
      "soort overeenkomst;begin overeenkomst;owner_rent\n"
      "AN-0007;Kortenberglaan;50;1040;huis;2;persoon;Jan Peeters;" + kIbanPeeters + ";hoofdhuur;15.01.2026;850\n";
  auto n = import(file("stock-nl.csv", nl));
  ASSERT_EQ(n.exit_code, 0) << show(n);
  EXPECT_EQ(count(db(), "owner_contracts k JOIN dwellings d ON d.id = k.dwelling_id WHERE d.reference = 'AN-0007'"
                        " AND d.dwelling_type = 'house' AND k.kind = 'main_lease' AND k.start_date = '2026-01-15'"),
            1);

  // A date that does not exist is said so, on the column as the file names it; a word that
  // stands for nothing gets the message that lists the words accepted.
  const std::string wrong =
      "Référence;Rue;Numéro;Code postal;Type de logement;Chambres;Type de propriétaire;Nom du propriétaire;"
      "IBAN du propriétaire;Type de contrat;Début du contrat;Loyer propriétaire\n"
      "IX-0099;Rue Haute;5;1000;château;1;personne;Jan Peeters;" + kIbanPeeters + ";bail principal;31/02/2026;600\n";
  auto w = import(file("wrong-fr.csv", wrong), {"--json"}, {{"HMS_LANG", "fr"}});
  EXPECT_EQ(w.exit_code, 2) << show(w);
  const auto j = json::parse(w.out);
  EXPECT_EQ(problems_of(j), (std::vector<Problem>{{2, "Type de logement", "stock.invalid_type"},
                                                   {2, "Début du contrat", "common.date_does_not_exist"}}))
      << w.out;
  EXPECT_NE(w.out.find("31/02/2026"), std::string::npos) << w.out;
  EXPECT_NE(w.out.find("appartement"), std::string::npos) << w.out;
}

TEST_P(ImportCliTest, HeaderProblemsAreOnLineOneAndStopTheReading) {
  const std::string header =
      "Dwelling_Ref ; street;number;postcode;type;bedrooms;owner_kind;owner_name;owner_iban;contract_kind;"
      "contract_start;colour;street\n";
  const auto path = file("header.csv", header + "X;Y;1;1000;apartment;1;person;A;B;main_lease;2025-01-01;red;Z\n");
  auto r = import(path);
  EXPECT_EQ(r.exit_code, 2) << show(r);
  const std::vector<Problem> expected = {
      {1, "colour", "import.unknown_column"},
      {1, "street", "import.duplicate_column"},
      {1, "owner_rent", "import.missing_column"},
  };
  auto problems = problems_of(json::parse(r.out));
  std::sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) { return a.column < b.column; });
  auto sorted = expected;
  std::sort(sorted.begin(), sorted.end(), [](const Problem& a, const Problem& b) { return a.column < b.column; });
  EXPECT_EQ(problems, sorted) << r.out;

  auto empty = import(file("empty.csv", ""));
  EXPECT_EQ(empty.exit_code, 2) << show(empty);
  EXPECT_EQ(problems_of(json::parse(empty.out)), (std::vector<Problem>{{0, "", "import.empty_file"}})) << empty.out;
  auto only_header = import(file("header-only.csv", kHeader));
  EXPECT_EQ(only_header.exit_code, 2) << show(only_header);
  EXPECT_EQ(problems_of(json::parse(only_header.out)), (std::vector<Problem>{{2, "", "import.no_rows"}}));
  auto not_xlsx = import(file("fake.xlsx", "dwelling_ref\n"));
  EXPECT_EQ(not_xlsx.exit_code, 2) << show(not_xlsx);
  EXPECT_EQ(problems_of(json::parse(not_xlsx.out)), (std::vector<Problem>{{0, "", "import.not_xlsx"}}));
}

TEST_P(ImportCliTest, AByteOrderMarkCommasAndAnyColumnOrderAreAccepted) {
  // Columns in another order, optional ones left out, names in capitals; ',' separator; a quoted
  // street with a comma; Windows line ends; a blank line (counted in the line numbers).
  const std::string csv =
      "\xEF\xBB\xBFOWNER_RENT,dwelling_ref,Street,number,postcode,type,bedrooms,owner_kind,owner_name,owner_iban,"
      "contract_kind,contract_start\r\n"
      "\"745,50\",BX-1,\"Rue de la Loi, annexe\",16,1000,apartment,2,person,Anne Lambert," + kIbanPeeters +
      ",main_lease,2025-05-01\r\n"
      ",,,,,,,,,,,\r\n"
      "700,BX-2,Rue Royale,1,1000,house,1,person,anne lambert," + kIbanPeeters + ",main_lease,2025-05-01\r\n";
  auto r = import(file("bom.csv", csv));
  ASSERT_EQ(r.exit_code, 0) << show(r);
  // "Anne Lambert" and "anne lambert" with the same IBAN: one owner.
  EXPECT_EQ(r.out.rfind(R"({"ok":true,"dwellings":2,"owners":1,"contracts":2,)", 0), 0u) << r.out;
  EXPECT_EQ(count(db(), "dwellings WHERE street = 'Rue de la Loi, annexe'"), 1);
  EXPECT_EQ(count(db(), "owner_contracts WHERE owner_rent_cents = 74550"), 1);

  // A line with an error after the blank line keeps its physical line number.
  const std::string bad = "\xEF\xBB\xBF" + csv.substr(3, csv.find("700,") - 3) + "700,BX-3,Rue Royale,1,1000,house,1,person,X,BE00,main_lease,2025-05-01\r\n";
  auto b = import(file("bom-bad.csv", bad));
  EXPECT_EQ(b.exit_code, 2) << show(b);
  EXPECT_EQ(problems_of(json::parse(b.out)), (std::vector<Problem>{{4, "owner_iban", "owners.invalid_iban"}})) << b.out;
}

TEST_P(ImportCliTest, SameIbanUnderAnotherNameIsAnotherOwner) {
  const std::string csv = std::string(kHeader) +
                          "A-1;Rue Haute;1;;1000;apartment;1;;;person;Jean Dupont;" + kIbanPeeters +
                          ";;main_lease;2025-05-01;;600\n"
                          "A-2;Rue Haute;3;;1000;apartment;1;;;person;Marie Dupont;" + kIbanPeeters +
                          ";;main_lease;2025-05-01;;600\n";
  auto r = import(file("spouses.csv", csv));
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out.rfind(R"({"ok":true,"dwellings":2,"owners":2,"contracts":2,)", 0), 0u) << r.out;
}

TEST_P(ImportCliTest, DryRunCountsAndWritesNothing) {
  const auto path = file("stock.csv", good_csv());
  const auto before = snapshot(db());
  auto r = import(path, {"--dry-run", "--json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out.rfind(R"({"ok":true,"dwellings":3,"owners":2,"contracts":3,)", 0), 0u) << r.out;
  EXPECT_EQ(json::parse(r.out)["dry_run"], true);
  EXPECT_EQ(snapshot(db()), before);
  auto text = import(path, {"--dry-run"});
  ASSERT_EQ(text.exit_code, 0) << show(text);
  EXPECT_EQ(text.out,
            "AIS-A: 3 line(s) checked, all correct; nothing was written (dry run). Would be created: 3 dwelling(s), 2 "
            "owner(s), 3 owner contract(s). Already present: 0 dwelling(s), 0 owner(s), 0 owner contract(s).\n");
  EXPECT_EQ(snapshot(db()), before);
}

TEST_P(ImportCliTest, StoredDwellingsAreKeptAndTheirContractsChecked) {
  ASSERT_EQ(import(file("stock.csv", good_csv())).exit_code, 0);
  // IX-0042 again (other details: kept as stored) with a contract that overlaps the stored one;
  // IX-0043 again with a later, non-overlapping contract of a new owner: added.
  const std::string csv = std::string(kHeader) +
                          "IX-0042;Rue Tout Autre;99;;1000;house;5;;;person;Marie Dubois;" + kIbanDubois +
                          ";;main_lease;2030-01-01;;600\n"
                          "IX-0043;Rue de la Paix;12;4;1050;apartment;1;;;person;Luc Maes;" + kIbanSablon +
                          ";;main_lease;2020-01-01;2025-12-31;500\n";  // under the 2020 cap (555.00)
  const auto path = file("more.csv", csv);
  const auto before = snapshot(db());
  auto r = import(path);
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_EQ(problems_of(json::parse(r.out)), (std::vector<Problem>{{2, "contract_start", "owners.contract_overlap"}}))
      << r.out;
  EXPECT_EQ(json::parse(r.out)["errors"][0]["message"],
            "This dwelling already has a contract from 01/03/2025 to 28/02/2034: two contracts on one dwelling may not "
            "overlap.");
  EXPECT_EQ(snapshot(db()), before);

  auto fixed = import(file("fixed.csv", std::string(kHeader) + csv.substr(csv.find("IX-0043"))));
  ASSERT_EQ(fixed.exit_code, 0) << show(fixed);
  EXPECT_EQ(fixed.out.rfind(R"({"ok":true,"dwellings":0,"owners":1,"contracts":1,)", 0), 0u) << fixed.out;
  EXPECT_EQ(count(db(), "owner_contracts k JOIN dwellings d ON d.id = k.dwelling_id WHERE d.reference = 'IX-0043'"), 2);
}

TEST_P(ImportCliTest, OneDwellingOnTwoLinesIsItsContractHistory) {
  const std::string line_a = "H-1;Rue Haute;1;;1000;apartment;1;;;person;Jean Dupont;" + kIbanPeeters + ";;main_lease;";
  const std::string csv = std::string(kHeader) + line_a + "2018-01-01;2024-12-31;500\n" +  // under the 2018 cap (540.00)
                          "H-1;Rue Haute;1;;1000;apartment;1;;;person;Luc Maes;" + kIbanSablon +
                          ";;main_lease;2025-01-01;;640\n" + line_a + "2024-06-01;;500\n";
  auto r = import(file("history.csv", csv));
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_EQ(problems_of(json::parse(r.out)),
            (std::vector<Problem>{{4, "contract_start", "import.contract_overlap_in_file"}}))
      << r.out;
  auto ok = import(file("history-ok.csv", csv.substr(0, csv.rfind(line_a))));
  ASSERT_EQ(ok.exit_code, 0) << show(ok);
  EXPECT_EQ(ok.out.rfind(R"({"ok":true,"dwellings":1,"owners":2,"contracts":2,)", 0), 0u) << ok.out;
  EXPECT_EQ(count(db(), "dwellings WHERE reference = 'H-1' AND status_since = '2018-01-01'"), 1);
}

// Contract B holds (issue 8, C1): a file with exactly the contract's 17 columns — no
// management_fee, no owner_company_number — imports once the agency set its default fee. Before,
// every mandate failed with owners.invalid_management_fee and every company with
// owners.company_number_required.
TEST_P(ImportCliTest, AFileWithExactlyTheContractsColumnsImports) {
  const std::string csv = std::string(kHeader) +
                          "IX-0042;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;Marie Dubois;" + kIbanDubois +
                          ";marie.dubois@example.be;management_mandate;2025-03-01;2034-02-28;780,00\n"
                          "IX-0043;Rue de la Paix;12;4;1050;apartment;1;;;company;Immo Sablon SRL;" + kIbanSablon +
                          ";;main_lease;2026-01-01;;650\n"
                          "IX-0044;Rue de la Paix;12;5;1050;apartment;1;;;company;Immo Sablon SRL;" + kIbanSablon +
                          ";;management_mandate;2026-01-01;;650\n";
  const auto path = file("contract-b.csv", csv);
  const auto before = snapshot(db());

  // 1. The agency has not set its default fee: the mandates are refused, and the message says
  //    why hms does not pick a figure itself and where to set it.
  auto refused = import(path);
  ASSERT_EQ(refused.exit_code, 2) << show(refused);
  auto j = json::parse(refused.out);
  EXPECT_EQ(problems_of(j), (std::vector<Problem>{{2, "management_fee", "owners.default_fee_not_set"},
                                                 {4, "management_fee", "owners.default_fee_not_set"}}))
      << refused.out;
  const auto message = j["errors"][0]["message"].get<std::string>();
  EXPECT_NE(message.find("no verified sector figure"), std::string::npos) << message;
  EXPECT_NE(message.find("Settings page"), std::string::npos) << message;
  EXPECT_EQ(snapshot(db()), before);

  // 2. Its admin sets 8 %: the dry run passes and warns of the company without its number, once.
  set_default_fee("8");
  const auto with_setting = snapshot(db());  // one audit entry more: the setting's change
  const json warnings = json::array({{{"line", 3},
                                      {"column", "owner_company_number"},
                                      {"code", "owners.company_number_missing"},
                                      {"message", "Enterprise number missing: the company was recorded without it. "
                                                  "Add it on the owner's page, like 0403.170.701."}}});
  auto dry = import(path, {"--dry-run", "--json"});
  ASSERT_EQ(dry.exit_code, 0) << show(dry);
  EXPECT_EQ(dry.out.rfind(R"({"ok":true,"dwellings":3,"owners":2,"contracts":3,)", 0), 0u) << dry.out;
  EXPECT_EQ(json::parse(dry.out)["warnings"], warnings) << dry.out;
  auto text = import(path, {"--dry-run"});
  ASSERT_EQ(text.exit_code, 0) << show(text);
  EXPECT_NE(text.err.find("Warning, line 3, column owner_company_number: Enterprise number missing"), std::string::npos)
      << show(text);
  EXPECT_EQ(snapshot(db()), with_setting);

  // 3. The real run: the mandates carry the agency's fee, marked as its default; the company is
  //    created without a number (its page shows the to-do).
  auto r = import(path);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(json::parse(r.out)["warnings"], warnings) << r.out;
  EXPECT_EQ(count(db(), "owner_contracts WHERE kind = 'management_mandate' AND management_fee_bp = 800"
                        " AND management_fee_default = 1"),
            2);
  EXPECT_EQ(count(db(), "owner_contracts WHERE kind = 'main_lease' AND management_fee_bp IS NULL"
                        " AND management_fee_default = 0"),
            1);
  EXPECT_EQ(count(db(), "owners WHERE kind = 'company' AND name = 'Immo Sablon SRL' AND company_number = ''"), 1);
  // A fee given in the file wins over the default, and is not marked as it.
  auto with_fee = import(file("fee.csv", std::string("dwelling_ref;street;number;postcode;type;bedrooms;owner_kind;"
                                                     "owner_name;owner_iban;contract_kind;contract_start;owner_rent;"
                                                     "management_fee\n"
                                                     "SG-0001;Chaussée de Wavre;201;1040;house;3;person;Jan Peeters;") +
                                         kIbanPeeters + ";management_mandate;2025-09-01;950,00;9,5\n"));
  ASSERT_EQ(with_fee.exit_code, 0) << show(with_fee);
  EXPECT_EQ(json::parse(with_fee.out)["warnings"], json::array());
  EXPECT_EQ(count(db(), "owner_contracts WHERE management_fee_bp = 950 AND management_fee_default = 0"), 1);
}

TEST_P(ImportCliTest, AnUnknownAgencyIsBadUsage) {
  auto r = run_hms({"import", "stock", "--db", url(), "--agency", "AIS-NOPE", file("stock.csv", good_csv()), "--json"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_NE(r.err.find("There is no agency with the code AIS-NOPE"), std::string::npos) << show(r);
  auto missing = run_hms({"import", "stock", "--db", url(), "--agency", "AIS-A", (dir_ / "nope.csv").string()});
  EXPECT_EQ(missing.exit_code, 2) << show(missing);
  EXPECT_EQ(count(db(), "dwellings"), 0);
}

HMS_INSTANTIATE_BACKENDS(ImportCliTest);

// ---- The page ----------------------------------------------------------------------------------

std::pair<std::string, std::string> upload(const std::string& bytes, const std::string& file_name = "stock.csv") {
  const std::string boundary = "hmsImportBoundary42x";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name + "\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" +
                     bytes + "\r\n--" + boundary + "--\r\n";
  return {body, "multipart/form-data; boundary=" + boundary};
}

class ImportPageTest : public ::testing::TestWithParam<Backend> {};

TEST_P(ImportPageTest, AnAgencyUserChecksConfirmsAndFindsTheImport) {
  HMS_REQUIRE_BACKEND(GetParam());
  ServerProcess server(GetParam());
  server.add_agency("AIS-A", "Agence A");
  server.add_agency("AIS-B", "Agence B");
  server.add_user("staff.a", "agency_staff", "AIS-A", kStaffPassword);
  server.add_user("admin.a", "agency_admin", "AIS-A", kOtherPassword);
  server.add_user("staff.b", "agency_staff", "AIS-B", kStaffPassword);
  server.add_user("federation", "federation", "", kOtherPassword);
  server.start();
  const auto staff = server.cookie_login("staff.a", kStaffPassword);
  const auto colleague = server.login("admin.a", kOtherPassword);
  const auto other_agency = server.login("staff.b", kStaffPassword);
  const auto federation = server.login("federation", kOtherPassword);

  auto page = server.request("GET", "/import?lang=en", "", staff.headers(false));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_NE(page.body.find("href=\"/import/template.csv\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/import/template.xlsx\""), std::string::npos);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_EQ(server.request("GET", "/import", "", bearer(federation)).status, 403);

  // A broken file: every problem by line and column, in French; nothing written.
  const auto before = server.count("dwellings") + server.count("owners") + server.count("owner_contracts");
  auto [bad_body, bad_type] = upload(std::string(kHeader) +
                                     "IX-0050;Rue Haute;5;;9999;apartment;1;;;person;Jan Peeters;BE00;;main_lease;"
                                     "2025-03-01;;600\n");
  auto bad = server.request("POST", "/import?lang=fr", bad_body, staff.headers(true), bad_type);
  EXPECT_EQ(bad.status, 422) << bad.body.substr(0, 300);
  EXPECT_NE(bad.body.find("2 problème(s) dans le fichier : rien n&#39;a été importé"), std::string::npos);
  EXPECT_NE(bad.body.find("<tr><td>2</td><td><code>postcode</code></td><td>Indiquez un code postal de la Région"),
            std::string::npos)
      << bad.body;
  EXPECT_NE(bad.body.find("<tr><td>2</td><td><code>owner_iban</code></td><td>Indiquez un IBAN valide"), std::string::npos);
  EXPECT_EQ(server.count("dwellings") + server.count("owners") + server.count("owner_contracts"), before);
  // The name of the file on the user's computer says its format: a .txt is refused by name.
  auto [txt_body, txt_type] = upload(good_csv(), "C:\\Users\\ais\\stock.txt");
  auto txt = server.request("POST", "/import?lang=en", txt_body, staff.headers(true), txt_type);
  EXPECT_EQ(txt.status, 422);
  EXPECT_NE(txt.body.find("stock.txt is neither a .csv nor a .xlsx file"), std::string::npos) << txt.body.substr(0, 2000);
  EXPECT_EQ(txt.body.find("Users"), std::string::npos) << "only the file's own name, not its folders";
  // Without the CSRF token, a cookie session may not upload.
  EXPECT_EQ(server.request("POST", "/import", bad_body, staff.headers(false), bad_type).status, 403);

  // A good file: a summary and a confirmation, then the import in the background.
  auto [body, type] = upload(good_csv());
  auto checked = server.request("POST", "/import?lang=en", body, staff.headers(true), type);
  ASSERT_EQ(checked.status, 303) << checked.body.substr(0, 2000);
  const std::string job = checked.header("Location");
  ASSERT_TRUE(std::regex_match(job, std::regex("/import/[0-9a-f]{32}"))) << job;
  auto summary = server.request("GET", job + "?lang=en", "", staff.headers(false));
  ASSERT_EQ(summary.status, 200);
  EXPECT_NE(summary.body.find("3 dwelling(s), 2 owner(s) and 3 owner contract(s) will be created."), std::string::npos)
      << summary.body;
  EXPECT_NE(summary.body.find("action=\"" + job + "/confirm\""), std::string::npos);
  EXPECT_EQ(server.count("dwellings"), 0);

  // Nobody else sees or confirms it: another agency, a colleague of the same agency.
  for (const auto& token : {other_agency, colleague}) {
    EXPECT_EQ(server.request("GET", job, "", bearer(token)).status, 404);
    EXPECT_EQ(server.request("GET", job + "/status", "", bearer(token)).status, 404);
    EXPECT_EQ(server.request("POST", job + "/confirm", "", bearer(token)).status, 404);
  }
  EXPECT_EQ(server.request("GET", "/import/00000000000000000000000000000000", "", staff.headers(false)).status, 404);
  EXPECT_EQ(server.count("dwellings"), 0);

  auto confirmed = server.request("POST", job + "/confirm", "csrf_token=" + staff.csrf, staff.headers(false),
                                  "application/x-www-form-urlencoded");
  ASSERT_EQ(confirmed.status, 303) << confirmed.body.substr(0, 500);
  EXPECT_EQ(confirmed.header("Location"), job);
  std::string status;
  for (int i = 0; i < 150; ++i) {  // at most 15 s
    auto s = server.request("GET", job + "/status?lang=en", "", staff.headers(false));
    ASSERT_EQ(s.status, 200);
    status = s.body;
    if (status.find("hx-trigger=\"every 1s\"") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(status.find("Created: 3 dwelling(s), 2 owner(s) and 3 owner contract(s)."), std::string::npos) << status;
  EXPECT_NE(status.find("href=\"/dwellings\""), std::string::npos);
  EXPECT_EQ(server.count("dwellings d JOIN agencies a ON a.id = d.agency_id WHERE a.code = 'AIS-A'"), 3);
  EXPECT_EQ(server.count("owner_contracts"), 3);
  EXPECT_EQ(server.count("audit_log WHERE action = 'stock.import' AND actor_login = 'staff.a'"), 1);
  // A second click on the confirmation runs nothing again.
  auto twice = server.request("POST", job + "/confirm", "csrf_token=" + staff.csrf, staff.headers(false),
                              "application/x-www-form-urlencoded");
  EXPECT_EQ(twice.status, 303);
  EXPECT_EQ(server.count("owner_contracts"), 3);
  EXPECT_EQ(server.count("audit_log WHERE action = 'stock.import'"), 1);

  // The same file again: already there, nothing to create.
  auto again = server.request("POST", "/import?lang=nl", body, staff.headers(true), type);
  ASSERT_EQ(again.status, 303);
  auto again_page = server.request("GET", again.header("Location") + "?lang=nl", "", staff.headers(false));
  EXPECT_NE(again_page.body.find("Al aanwezig in hms en ongewijzigd gelaten: 3 woning(en), 2 eigenaar(s), 3 "
                                 "beheerovereenkomst(en)."),
            std::string::npos)
      << again_page.body;
}

TEST_P(ImportPageTest, AnUploadWaitingForItsConfirmationSurvivesARestart) {
  HMS_REQUIRE_BACKEND(GetParam());
  ServerProcess server(GetParam());
  server.add_agency("AIS-A", "Agence A");
  server.add_user("staff.a", "agency_staff", "AIS-A", kStaffPassword);
  server.start();
  const auto staff = server.cookie_login("staff.a", kStaffPassword);
  auto [body, type] = upload(good_csv());
  auto checked = server.request("POST", "/import?lang=en", body, staff.headers(true), type);
  ASSERT_EQ(checked.status, 303) << checked.body.substr(0, 2000);
  const std::string job = checked.header("Location");

  server.stop();  // before, the upload lived in the server's memory and was lost here
  server.start();
  auto page = server.request("GET", job + "?lang=fr", "", staff.headers(false));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 500);
  EXPECT_NE(page.body.find("3 logement(s), 2 propriétaire(s) et 3 contrat(s) de gestion seront créés."),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("par tranches de 500 lignes"), std::string::npos);
  // Issue 15.5: the first lines as they will be stored, in the user's words; no whole IBAN.
  EXPECT_NE(page.body.find("Les 3 premières lignes sur 3"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<td>IX-0042</td><td>Rue de la Paix 12 bte 3, 1050 Ixelles</td>"
                           "<td>Appartement, 2 chambre(s), 68,5 m², PEB D</td>"
                           "<td>Marie Dubois (Personne physique, IBAN …7034)</td>"
                           "<td>Bail principal, du 01/03/2025 au 28/02/2034</td><td class=\"num\">780,00\u00a0€</td></tr>"
                           "<tr><td>3</td><td>IX-0043</td><td>Rue de la Paix 12 bte 4, 1050 Ixelles</td>"
                           "<td>Appartement, 1 chambre(s)</td>"),
            std::string::npos)
      << page.body;
  EXPECT_EQ(page.body.find("5390 0754 7034"), std::string::npos);
  EXPECT_EQ(page.body.find("BE68539007547034"), std::string::npos);
  auto confirmed = server.request("POST", job + "/confirm", "csrf_token=" + staff.csrf, staff.headers(false),
                                  "application/x-www-form-urlencoded");
  ASSERT_EQ(confirmed.status, 303) << confirmed.body.substr(0, 500);
  std::string status;
  for (int i = 0; i < 150; ++i) {  // at most 15 s
    status = server.request("GET", job + "/status?lang=nl", "", staff.headers(false)).body;
    if (status.find("hx-trigger=\"every 1s\"") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(status.find("Import voltooid"), std::string::npos) << status;
  EXPECT_EQ(server.count("owner_contracts"), 3);
  EXPECT_EQ(server.count("upload_jobs WHERE bytes_cipher IS NULL AND state = 'done'"), 1);
}

TEST_P(ImportPageTest, TheTemplatesDownloadAndImportCleanly) {
  HMS_REQUIRE_BACKEND(GetParam());
  ServerProcess server(GetParam());
  server.add_agency("AIS-A", "Agence A");
  server.add_user("staff.a", "agency_staff", "AIS-A", kStaffPassword);
  server.start();
  const auto staff = server.login("staff.a", kStaffPassword);
  auto dir = std::filesystem::temp_directory_path() / ("hms-import-template-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // Issue 15.5: the template in the user's language, its column names and words; each imports.
  const std::map<std::string, std::pair<std::string, std::string>> first_and_rent = {
      {"fr", {"référence", "loyer propriétaire"}}, {"nl", {"referentie", "huurprijs eigenaar"}},
      {"en", {"dwelling_ref", "owner_rent"}}};
  for (const auto& [lang, names] : first_and_rent)
    for (const char* ext : {"csv", "xlsx"}) {
      auto r = server.request("GET", std::string("/import/template.") + ext + "?lang=" + lang, "", bearer(staff));
      ASSERT_EQ(r.status, 200) << ext;
      EXPECT_NE(r.header("Content-Disposition").find("hms-stock-template-" + lang + "." + ext), std::string::npos);
      auto table = formats::read_table(std::string("t.") + ext, r.body);
      ASSERT_GE(table.header.size(), 17u);
      EXPECT_EQ(table.header[0], names.first) << lang;
      EXPECT_EQ(table.header[16], names.second) << lang;
      ASSERT_EQ(table.rows.size(), 1u) << ext;
      if (lang == "fr") {
        EXPECT_EQ(table.rows[0][5], "appartement");
      }
      if (lang == "fr" && std::string(ext) == "csv") {
        EXPECT_EQ(table.rows[0][14], "01/03/2025");
      }
      const auto path = (dir / ("template-" + lang + "." + ext)).string();
      std::ofstream(path, std::ios::binary) << r.body;
      // The example line is correct: a dry run of it creates one of each.
      auto check = run_hms({"import", "stock", "--db", server.db_url(), "--agency", "AIS-A", path, "--dry-run", "--json"});
      ASSERT_EQ(check.exit_code, 0) << lang << " " << ext << "\n" << show(check);
      EXPECT_EQ(check.out.rfind(R"({"ok":true,"dwellings":1,"owners":1,"contracts":1,)", 0), 0u) << check.out;
    }
  std::filesystem::remove_all(dir);

  // Too large a file: a clear message, nothing kept.
  auto [body, type] = upload(std::string(kHeader) + std::string(21 * 1024 * 1024, 'x'));
  auto big = server.request("POST", "/import?lang=en", body, bearer(staff), type);
  EXPECT_EQ(big.status, 422);
  EXPECT_NE(big.body.find("The file is larger than 20 MB"), std::string::npos);
  auto none = server.request("POST", "/import?lang=en", upload("").first, bearer(staff), type);
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Choose the .csv or .xlsx file to import."), std::string::npos);
}

HMS_INSTANTIATE_BACKENDS(ImportPageTest);

}  // namespace
}  // namespace hms::test

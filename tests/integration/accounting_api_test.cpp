// The accounting export (issue 11.3, contract E `hms export accounting`) on SQLite and PostgreSQL,
// through the API, the page and the command line of a real `hms serve`: a fixed month (a lease's
// rent call, the owner's rent due, the tenant's payment from a CODA statement) exported as
// WinBooks and as CSV is compared byte for byte with tests/data/accounting/ (the lease and the
// owner contract ids put in); the same span exported twice gives the same bytes; an entry posted
// into an exported span afterwards is flagged and the earlier export still downloads as it was;
// a bad span or format is refused in the user's language and records nothing; another agency's
// export is a 404 and the cross-agency roles get 403.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/coda_file.hpp"
#include "support/national_number.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

constexpr const char* kAccount = "BE11068246013548";  // the agency's account (sample.coda)

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string digits_of(const std::string& shown) {
  std::string out;
  for (char c : shown)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

std::string six_digits(std::int64_t id) { return coda_digits(id, 6); }

// The golden file with {lease} and {contract} replaced by the ids on six digits.
std::string golden(const std::string& name, std::int64_t lease, std::int64_t contract) {
  auto text = read_file(std::filesystem::path(HMS_SOURCE_DIR) / "tests" / "data" / "accounting" / name);
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{lease}", six_digits(lease)},
                                   {"{contract}", six_digits(contract)}})
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at)) text.replace(at, key.size(), value);
  return text;
}

// Compares a file with its golden copy; on a difference the actual bytes are left in the temp
// folder (ids put back as placeholders) for a person to read and, if right, copy over the golden.
void expect_golden(const std::string& actual, const std::string& name, std::int64_t lease, std::int64_t contract) {
  const auto expected = golden(name, lease, contract);
  if (actual == expected) return;
  std::string with_placeholders = actual;
  for (const auto& [value, key] : {std::pair<std::string, std::string>{"L" + six_digits(lease), "L{lease}"},
                                   {"C" + six_digits(contract), "C{contract}"}})
    for (auto at = with_placeholders.find(value); at != std::string::npos; at = with_placeholders.find(value, at + key.size()))
      with_placeholders.replace(at, value.size(), key);
  const auto path = std::filesystem::temp_directory_path() / ("hms-accounting-actual-" + name);
  std::ofstream(path, std::ios::binary) << with_placeholders;
  ADD_FAILURE() << name << " differs from tests/data/accounting/" << name << "; the actual file: " << path.string();
}

class AccountingApiTest : public TwoAgenciesTest {
 protected:
  // March 2026 of agency a_: a dwelling held by a main lease (650.00 to Marie Proprio), let
  // from 1 March at 585.00 + 60.00 to Amina Compta; the rent run of March; her payment of 645.00
  // on 5 March by its structured communication.
  void book_march() {
    const auto d = created(a_.staff, "/api/v1/dwellings",
                           {{"reference", "ACC-1"}, {"street", "Rue du Compte"}, {"number", "7"}, {"postcode", "1050"},
                            {"type", "apartment"}, {"bedrooms", 2}, {"status", "vacant"}})["id"];
    const auto o = created(a_.staff, "/api/v1/owners",
                           {{"kind", "person"}, {"name", "Marie Proprio"}, {"iban", "BE68539007547034"},
                            {"address", "Avenue Louise 1, 1050 Ixelles"}})["id"];
    contract_ = created(a_.staff, "/api/v1/owner-contracts",
                        {{"dwelling_id", d}, {"owner_id", o}, {"kind", "main_lease"}, {"start", "2026-01-01"},
                         {"owner_rent", "650.00"}})
                    .value("id", std::int64_t{0});
    json member = {{"first_name", "Amina"}, {"last_name", "Compta"}, {"birth_date", "1985-06-15"},
                   {"relation", "applicant"}, {"dependent", false}, {"disabled", false},
                   {"national_number", national_number("850615", 501, false)}};
    const auto h = created(a_.staff, "/api/v1/applicants",
                           {{"members", json::array({member})}, {"income_year", 2024}, {"income", "21400.00"},
                            {"incomes", 1}, {"preferred_postcodes", json::array()}, {"over_indebted", false}})["id"];
    const auto l = created(a_.staff, "/api/v1/leases", lease_body(d.get<std::int64_t>(), h.get<std::int64_t>(), "2026-03-01"));
    lease_ = l.value("id", std::int64_t{0});
    reference_ = digits_of(l.value("payment_reference", ""));
    ASSERT_EQ(call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}}).status, 201);
    ASSERT_EQ(run_hms({"agency", "set", "--db", server().db_url(), "--code", a_.code, "--iban", kAccount, "--bic", "GKCCBEBB"})
                  .exit_code,
              0);
    import_statement("001", "050326", 64'500);
  }
  void import_statement(const std::string& number, const std::string& ddmmyy, long long cents) {
    const auto path = std::filesystem::temp_directory_path() / ("hms-accounting-" + a_.code + "-" + number + ".cod");
    std::ofstream(path, std::ios::binary) << coda(kAccount, number, ddmmyy, {{cents, reference_, "", "BE25735104827682", "AMINA COMPTA"}});
    auto r = run_hms({"import", "bank", "--db", server().db_url(), "--agency", a_.code, path.string()});
    std::filesystem::remove(path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  json export_march(const std::string& format) {
    auto r = call(a_.staff, "POST", "/api/v1/accounting/exports", json{{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", format}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  HttpResult file(const std::string& login, std::int64_t id, const std::string& name) {
    return server().request("GET", "/accounting/exports/" + std::to_string(id) + "/file?name=" + name, "",
                            cookie(login).headers(false));
  }
  std::int64_t exports_of(const TestAgency& a) {
    return count("accounting_exports WHERE agency_id = " + std::to_string(a.id));
  }

  std::int64_t lease_ = 0, contract_ = 0;
  std::string reference_;
};

TEST_P(AccountingApiTest, AFixedMonthExportsAsTheGoldenFilesByteForByte) {
  book_march();
  const auto winbooks = export_march("winbooks");
  EXPECT_EQ(winbooks["files"], json::array({"ACT.txt", "CSF.txt"}));
  EXPECT_EQ(winbooks["entries"], 3);  // the rent call, the owner's rent due, the payment
  for (const char* name : {"ACT.txt", "CSF.txt"}) {
    auto f = file(a_.staff, winbooks["id"].get<std::int64_t>(), name);
    ASSERT_EQ(f.status, 200) << f.body;
    expect_golden(f.body, name, lease_, contract_);
    EXPECT_NE(f.header("Content-Disposition").find(name), std::string::npos);
  }
  const auto csv = export_march("csv");
  auto journal = file(a_.staff, csv["id"].get<std::int64_t>(), "journal.csv");
  ASSERT_EQ(journal.status, 200);
  expect_golden(journal.body, "journal.csv", lease_, contract_);
}

TEST_P(AccountingApiTest, TheSameSpanTwiceGivesTheSameBytesAndALaterEntryIsFlagged) {
  book_march();
  const auto first = export_march("winbooks");
  const auto second = export_march("winbooks");
  EXPECT_EQ(first["digest"], second["digest"]);
  const auto id = first["id"].get<std::int64_t>();
  const auto act = file(a_.staff, id, "ACT.txt").body;
  EXPECT_EQ(file(a_.staff, second["id"].get<std::int64_t>(), "ACT.txt").body, act);

  // A second payment dated in March, imported after both exports.
  import_statement("002", "200326", 1'000);
  auto list = call(a_.staff, "GET", "/api/v1/accounting/exports").json();
  ASSERT_EQ(list["items"].size(), 2u);
  for (const auto& item : list["items"]) EXPECT_EQ(item["posted_after"], 1) << item.dump();
  // The earlier export downloads as it was made; a new one holds the late entry.
  EXPECT_EQ(file(a_.staff, id, "ACT.txt").body, act);
  const auto third = export_march("winbooks");
  EXPECT_EQ(third["entries"], 4);
  EXPECT_EQ(third["posted_after"], 0);
  EXPECT_NE(third["digest"], first["digest"]);

  // The page flags the two earlier exports.
  auto page = server().request("GET", "/accounting?lang=en", "", cookie(a_.staff).headers(false));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("1 entry(ies) posted into these days after this export"), std::string::npos);
}

TEST_P(AccountingApiTest, TheCommandLineWritesTheSameFilesAsThePage) {
  book_march();
  const auto dir = std::filesystem::temp_directory_path() / ("hms-accounting-cli-" + a_.code);
  std::filesystem::remove_all(dir);
  auto r = run_hms({"export", "accounting", "--db", server().db_url(), "--agency", a_.code, "--from", "2026-03-01",
                    "--to", "2026-03-31", "--format", "winbooks", "--out", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "3 entries (7 lines) from 01/03/2026 to 31/03/2026 written to " + dir.string() + ": ACT.txt, CSF.txt.\n");
  expect_golden(read_file(dir / "ACT.txt"), "ACT.txt", lease_, contract_);
  expect_golden(read_file(dir / "CSF.txt"), "CSF.txt", lease_, contract_);
  auto csv = run_hms({"export", "accounting", "--db", server().db_url(), "--agency", a_.code, "--from", "2026-03-01",
                      "--to", "2026-03-31", "--format", "csv", "--out", dir.string(), "--json"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(json::parse(csv.out)["files"], json::array({"journal.csv"}));
  expect_golden(read_file(dir / "journal.csv"), "journal.csv", lease_, contract_);
  EXPECT_FALSE(std::filesystem::exists(dir / "journal.csv.partial"));
  // The command line's exports are recorded like the others.
  EXPECT_EQ(exports_of(a_), 2);
  // An unknown agency: the code of the error, exit 2, nothing written.
  auto unknown = run_hms({"export", "accounting", "--db", server().db_url(), "--agency", "NOPE", "--from", "2026-03-01",
                          "--to", "2026-03-31", "--format", "csv", "--out", dir.string()});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("Unknown agency"), std::string::npos) << unknown.err;
  std::filesystem::remove_all(dir);
}

TEST_P(AccountingApiTest, ABadSpanOrFormatIsRefusedInTheUsersLanguageAndRecordsNothing) {
  book_march();
  auto backwards = call(a_.staff, "POST", "/api/v1/accounting/exports",
                        json{{"from", "2026-03-31"}, {"to", "2026-03-01"}, {"format", "csv"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_EQ(backwards.error_code(), "accounting.invalid_span");
  auto excel = call(a_.staff, "POST", "/api/v1/accounting/exports",
                    json{{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "excel"}});
  EXPECT_EQ(excel.error_code(), "accounting.invalid_format");
  auto too_long = call(a_.staff, "POST", "/api/v1/accounting/exports",
                       json{{"from", "2025-01-01"}, {"to", "2026-03-31"}, {"format", "csv"}});
  EXPECT_EQ(too_long.error_code(), "accounting.span_too_long");
  auto not_a_date = call(a_.staff, "POST", "/api/v1/accounting/exports",
                         json{{"from", "31/02/2026"}, {"to", "2026-03-31"}, {"format", "csv"}});
  EXPECT_EQ(not_a_date.status, 422);
  // The page, in French: the message on the field, what was typed kept.
  auto page = server().submit("/accounting/exports", "from=2026-03-31&to=2026-03-01&format=csv",
                              cookie(a_.staff).headers(true));
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("Le dernier jour ne peut pas précéder le premier."), std::string::npos);
  EXPECT_NE(page.body.find("value=\"2026-03-31\""), std::string::npos);
  EXPECT_EQ(exports_of(a_), 0);
}

TEST_P(AccountingApiTest, AnotherAgencysExportIsUnknownAndCrossAgencyRolesAreRefused) {
  book_march();
  const auto made = export_march("winbooks");
  const auto id = made["id"].get<std::int64_t>();
  EXPECT_EQ(file(b_.staff, id, "ACT.txt").status, 404);
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/accounting/exports").json()["items"].size(), 0u);
  // Agency b exporting March gets its own (empty) ledger, never a's entries.
  auto own = call(b_.staff, "POST", "/api/v1/accounting/exports", json{{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "csv"}});
  EXPECT_EQ(own.json()["entries"], 0);
  for (const char* login : {"region", "federation", "sysadmin"}) {
    EXPECT_EQ(call(login, "GET", "/api/v1/accounting/exports").status, 403) << login;
    EXPECT_EQ(call(login, "POST", "/api/v1/accounting/exports", json{{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "csv"}})
                  .status,
              403)
        << login;
  }
  // The export and the names it carried are in the audit log.
  EXPECT_EQ(count("audit_log WHERE action = 'accounting.export' AND agency_id = " + std::to_string(a_.id)), 1);
  EXPECT_EQ(count("audit_log WHERE action = 'accounting.export_names' AND agency_id = " + std::to_string(a_.id)), 1);
}

HMS_INSTANTIATE_BACKENDS(AccountingApiTest);

}  // namespace
}  // namespace hms::test

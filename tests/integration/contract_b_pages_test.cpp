// Contract B holds again (issue 8, C1 and C2), as a browser sees it, against a real `hms serve` on
// SQLite and PostgreSQL:
// - the agency admin's settings page (/settings, FR/NL/EN): no default fee shipped, a wrong one
//   refused, 8 % saved and audited; other roles get a 403;
// - the import page with a file of exactly contract B's columns: the warning of a company without
//   its enterprise number on the checked file and on the result;
// - the owner's page shows the to-do "enterprise number missing"; the mandate's page its fee as
//   "8 %, the agency's default"; a contract starting before the first cap grid says in words
//   that no grid covers its start.
// One server per backend for the suite; the test works in an agency of its own.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

constexpr const char* kForm = "application/x-www-form-urlencoded";

// Exactly the 17 columns of contract B: a mandate (no fee column), a company (no number column),
// a contract of 2015 (before the first grid).
const std::string kContractBFile =
    "dwelling_ref;street;number;box;postcode;type;bedrooms;surface_m2;peb_class;owner_kind;owner_name;owner_iban;"
    "owner_email;contract_kind;contract_start;contract_end;owner_rent\n"
    "IX-0042;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;Marie Dubois;BE68 5390 0754 7034;;"
    "management_mandate;2025-03-01;2034-02-28;780,00\n"
    "IX-0043;Rue de la Paix;12;4;1050;apartment;1;;;company;Immo Sablon SRL;BE71 0961 2345 6769;;main_lease;"
    "2026-01-01;;650\n"
    "OLD-0001;Rue Haute;5;;1000;apartment;2;;;person;Jan Peeters;BE68 5390 0754 7034;;main_lease;2015-06-01;"
    "2024-05-31;900\n";

std::pair<std::string, std::string> upload(const std::string& bytes) {
  const std::string boundary = "hmsContractBBoundary7";
  return {"--" + boundary +
              "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contract-b.csv\"\r\n"
              "Content-Type: text/csv\r\n\r\n" +
              bytes + "\r\n--" + boundary + "--\r\n",
          "multipart/form-data; boundary=" + boundary};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ContractBPagesTest : public SharedServerTest {};

TEST_P(ContractBPagesTest, TheDefaultFeeTheImportWarningTheToDoAndTheMissingGridAreShown) {
  auto& server = this->server();
  const auto a = new_agency();
  const auto agency = std::to_string(a.id);  // the counts below are the test's agency's
  const auto admin = cookie(a.admin);
  const auto staff = cookie(a.staff);

  // 1. The settings page: only the agency admin; nothing set at first, said in every language.
  EXPECT_EQ(server.request("GET", "/settings", "", staff.headers(false)).status, 403);
  EXPECT_EQ(server.request("GET", "/settings", "", bearer(token("region"))).status, 403);
  for (const auto& [lang, title, unset] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"fr", "Paramètres de l&#39;agence", "Non fixée"},
           {"nl", "Instellingen van het kantoor", "Niet ingesteld"},
           {"en", "Agency settings", "Not set: a management mandate without a fee is refused"}}) {
    auto page = server.request("GET", "/settings?lang=" + lang, "", admin.headers(false));
    ASSERT_EQ(page.status, 200) << lang;
    EXPECT_TRUE(contains(page.body, title)) << lang;
    EXPECT_TRUE(contains(page.body, unset)) << lang << page.body;
    EXPECT_FALSE(contains(page.body, "agencies.agency_settings.")) << lang << ": a key without a text";
  }
  auto wrong = server.submit("/settings?lang=en", "csrf_token=" + admin.csrf + "&management_fee=45",
                             admin.headers(false), kForm);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.draft_location.rfind("/settings?draft=", 0), 0u) << "refused: 303 to the form's draft (issue 15.7)";
  EXPECT_TRUE(contains(wrong.body, "Enter the management fee as a percentage between 0 and 30")) << wrong.body;
  EXPECT_TRUE(contains(wrong.body, "value=\"45\"")) << "the input is kept";
  EXPECT_EQ(server.count("agency_settings WHERE agency_id = " + agency), 0);
  auto saved = server.request("POST", "/settings", "csrf_token=" + admin.csrf + "&management_fee=8",
                              admin.headers(false), kForm);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto after = server.request("GET", saved.header("Location") + "&lang=en", "", admin.headers(false));
  EXPECT_TRUE(contains(after.body, "The settings were saved.")) << after.body;
  EXPECT_TRUE(contains(after.body, "value=\"8\""));
  EXPECT_FALSE(contains(after.body, "Not set"));
  EXPECT_EQ(server.count("agency_settings WHERE agency_id = " + agency + " AND management_fee_bp = 800"), 1);
  EXPECT_EQ(server.count("audit_log WHERE action = 'agencies.settings_update' AND actor_login = '" + a.admin + "'"), 1);

  // 2. A file of exactly contract B's columns: checked with a warning, imported with it.
  auto [body, type] = upload(kContractBFile);
  auto checked = server.request("POST", "/import?lang=en", body, staff.headers(true), type);
  ASSERT_EQ(checked.status, 303) << checked.body.substr(0, 3000);
  const std::string job = checked.header("Location");
  const std::string warning_row =
      "<tr><td>3</td><td><code>owner_company_number</code></td><td>Enterprise number missing: the company was "
      "recorded without it.";
  auto summary = server.request("GET", job + "?lang=en", "", staff.headers(false));
  EXPECT_TRUE(contains(summary.body, "1 warning(s): imported, but to complete")) << summary.body;
  EXPECT_TRUE(contains(summary.body, warning_row)) << summary.body;
  auto confirmed = server.request("POST", job + "/confirm", "csrf_token=" + staff.csrf, staff.headers(false), kForm);
  ASSERT_EQ(confirmed.status, 303);
  std::string status;
  for (int i = 0; i < 150; ++i) {  // at most 15 s
    status = server.request("GET", job + "/status?lang=en", "", staff.headers(false)).body;
    if (!contains(status, "hx-trigger=\"every 1s\"")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(contains(status, "Created: 3 dwelling(s), 3 owner(s) and 3 owner contract(s).")) << status;
  EXPECT_TRUE(contains(status, warning_row)) << status;

  // 3. The owner's to-do, the mandate's fee, the contract before the first grid.
  const auto token = this->token(a.staff);
  auto id_of = [&](const std::string& path) {
    auto r = server.request("GET", path, "", bearer(token));
    EXPECT_EQ(r.status, 200) << path << r.body;
    return std::to_string(r.json()["items"].at(0)["id"].get<std::int64_t>());
  };
  auto company = server.request("GET", "/owners/" + id_of("/api/v1/owners?q=sablon") + "?lang=en", "", staff.headers(false));
  ASSERT_EQ(company.status, 200);
  EXPECT_TRUE(contains(company.body, "id=\"owner-todos\"")) << company.body;
  EXPECT_TRUE(contains(company.body, "Enterprise number missing")) << company.body;
  auto person = server.request("GET", "/owners/" + id_of("/api/v1/owners?q=dubois") + "?lang=en", "", staff.headers(false));
  EXPECT_FALSE(contains(person.body, "id=\"owner-todos\"")) << "a person has nothing to complete";

  auto mandate = server.request("GET", "/owner-contracts/" + id_of("/api/v1/owner-contracts?q=IX-0042") + "?lang=en", "",
                                staff.headers(false));
  ASSERT_EQ(mandate.status, 200);
  EXPECT_TRUE(contains(mandate.body, "8\u00a0%, the agency&#39;s default")) << mandate.body;
  EXPECT_FALSE(contains(mandate.body, "id=\"no-grid-at-start\"")) << "2025 has its grid";
  auto old = server.request("GET", "/owner-contracts/" + id_of("/api/v1/owner-contracts?q=OLD-0001") + "?lang=fr", "",
                            staff.headers(false));
  ASSERT_EQ(old.status, 200);
  EXPECT_TRUE(contains(old.body, "Aucune grille de loyers maximums ne couvre le 01/06/2015, début de ce contrat (la "
                                 "première grille commence le 01/01/2016)"))
      << old.body;
}

HMS_INSTANTIATE_BACKENDS(ContractBPagesTest);

}  // namespace
}  // namespace hms::test

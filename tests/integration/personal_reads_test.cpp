// Reads of owners' personal data through a real `hms serve` on SQLite and PostgreSQL (issue 8
// B7, issue 15.3):
// - the owner-contract list (page and API) and its CSV/XLSX export, the owners export: one audit
//   entry per request with the number of rows and the filters, never what was typed in the
//   search box;
// - exports of personal data limited per user (users::kExportsPerUser in an hour): the next one
//   is a 429 in the user's language, audited, the counter kept in the database; another user
//   of the same agency is not held back;
// - the contract form chooses its owner by a search that shows namesakes apart (commune, IBAN
//   ending, company number), never another agency's owner, no IBAN in full; more than 20
//   matches ask to refine; the same search without JavaScript (the form sent back with the
//   matches and what was typed), then the choice saved.
#include <gtest/gtest.h>

#include <regex>

#include "common/text.hpp"
#include "domain/users/throttle.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

constexpr const char* kForm = "application/x-www-form-urlencoded";

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + url_encode(v);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

class PersonalReadsTest : public SharedServerTest {
 protected:
  std::int64_t made(const std::string& login, const std::string& path, const json& body) {
    auto r = call(login, "POST", path, body);
    EXPECT_EQ(r.status, 201) << path << " " << body.dump() << " → " << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::int64_t owner(const std::string& login, const std::string& name, const std::string& iban,
                     const std::string& address, const json& extra = json::object()) {
    json body = {{"kind", "person"}, {"name", name}, {"iban", iban}, {"address", address}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    return made(login, "/api/v1/owners", body);
  }
  std::int64_t dwelling(const std::string& login, const std::string& reference) {
    return made(login, "/api/v1/dwellings",
                json{{"reference", reference}, {"street", "Rue du Trône"}, {"number", "12"}, {"postcode", "1050"},
                     {"type", "apartment"}, {"bedrooms", 1}});
  }
  std::int64_t contract(const std::string& login, std::int64_t dwelling_id, std::int64_t owner_id) {
    return made(login, "/api/v1/owner-contracts",
                json{{"dwelling_id", dwelling_id}, {"owner_id", owner_id}, {"kind", "main_lease"},
                     {"start", "2026-03-01"}, {"owner_rent", "650.00"}});
  }
  // A page as `login` in a browser session.
  HttpResult page(const std::string& login, const std::string& path) {
    return server().request("GET", path, "", cookie(login).headers(false));
  }
  HttpResult post_form(const std::string& login, const std::string& path,
                       std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf_token", cookie(login).csrf);
    return server().submit(path, form(fields), cookie(login).headers(false), kForm);
  }
  // The latest audit entry of `action` in the agency: {object_id, details}; {"", ""} when none.
  std::pair<std::string, std::string> last_entry(const std::string& action, std::int64_t agency_id) {
    auto rows = server().db().acquire()->query(
        "SELECT object_id, details FROM audit_log WHERE action = $1 AND agency_id = $2 ORDER BY id DESC", {action, agency_id});
    if (rows.empty()) return {"", ""};
    return {rows[0].text(0), rows[0].is_null(1) ? "" : rows[0].text(1)};
  }
  std::int64_t entries(const std::string& action, std::int64_t agency_id) {
    return count("audit_log WHERE action = '" + action + "' AND agency_id = " + std::to_string(agency_id));
  }
};

TEST_P(PersonalReadsTest, ContractListsAndExportsAreAuditedOncePerRequestWithTheirCount) {
  const auto a = new_agency();
  const auto o1 = owner(a.staff, "Marie Dubois", "BE68539007547034", "Avenue Louise 54, 1050 Ixelles");
  const auto o2 = owner(a.staff, "Jan Peeters", "BE71096123456769", "Kerkstraat 3, 2000 Antwerpen");
  contract(a.staff, dwelling(a.staff, a.code + "-1"), o1);
  contract(a.staff, dwelling(a.staff, a.code + "-2"), o2);

  // The list page: one entry, two rows.
  ASSERT_EQ(page(a.staff, "/owner-contracts").status, 200);
  EXPECT_EQ(entries("owners.contract_list", a.id), 1);
  EXPECT_EQ(last_entry("owners.contract_list", a.id), (std::pair<std::string, std::string>{"2", ""}));
  // The API's list, filtered: the filters, without the name typed.
  ASSERT_EQ(call(a.staff, "GET", "/api/v1/owner-contracts?q=dubois&kind=main_lease").status, 200);
  EXPECT_EQ(entries("owners.contract_list", a.id), 2);
  EXPECT_EQ(last_entry("owners.contract_list", a.id), (std::pair<std::string, std::string>{"1", "kind=main_lease,q"}));

  // The exports: one entry each, with the count of rows written.
  auto csv = page(a.staff, "/owner-contracts/export?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body.substr(0, 300);
  EXPECT_TRUE(contains(csv.body, "Marie Dubois"));
  EXPECT_EQ(last_entry("owners.contract_export", a.id), (std::pair<std::string, std::string>{"2", ""}));
  auto xlsx = page(a.staff, "/owner-contracts/export?format=xlsx&owner_id=" + std::to_string(o2));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(entries("owners.contract_export", a.id), 2);
  EXPECT_EQ(last_entry("owners.contract_export", a.id),
            (std::pair<std::string, std::string>{"1", "owner_id=" + std::to_string(o2)}));
  auto owners_csv = page(a.staff, "/owners/export?q=peeters");
  ASSERT_EQ(owners_csv.status, 200);
  EXPECT_TRUE(contains(owners_csv.body, "BE71 0961 2345 6769")) << "the export holds the IBAN in full";
  EXPECT_EQ(entries("owners.export", a.id), 1);
  EXPECT_EQ(last_entry("owners.export", a.id), (std::pair<std::string, std::string>{"1", "q"}));
  // An unknown format is refused before anything is read, counted or audited.
  EXPECT_EQ(page(a.staff, "/owners/export?format=pdf").status, 400);
  EXPECT_EQ(entries("owners.export", a.id), 1);

  // No audit entry holds a name, an IBAN or what was typed.
  EXPECT_EQ(count("audit_log WHERE agency_id = " + std::to_string(a.id) +
                  " AND (details LIKE '%dubois%' OR details LIKE '%peeters%' OR object_id LIKE '%BE%')"),
            0);
  // One contract shown (its owner's name): the API, the page, its edit and rent forms, each one
  // entry naming the contract. A change checks the contract without recording a read.
  const auto k = contract(a.staff, dwelling(a.staff, a.code + "-3"), o1);
  const auto path = "/owner-contracts/" + std::to_string(k);
  ASSERT_EQ(call(a.staff, "GET", "/api/v1" + path).status, 200);
  EXPECT_EQ(last_entry("owners.contract_read", a.id), (std::pair<std::string, std::string>{std::to_string(k), ""}));
  for (const auto& p : {path, path + "/edit", path + "/rent"}) ASSERT_EQ(page(a.staff, p).status, 200) << p;
  EXPECT_EQ(entries("owners.contract_read", a.id), 4);
  ASSERT_EQ(call(a.staff, "PATCH", "/api/v1" + path, json{{"owner_rent", "640.00"}}).status, 200);
  EXPECT_EQ(entries("owners.contract_read", a.id), 4);
  // Another agency's contract: a 404, and no read recorded.
  const auto b = new_agency();
  EXPECT_EQ(call(b.staff, "GET", "/api/v1" + path).status, 404);
  EXPECT_EQ(count("audit_log WHERE action = 'owners.contract_read'"
                  " AND agency_id = " + std::to_string(b.id)), 0);

  // A list that shows nobody records nothing.
  const auto before = entries("owners.contract_list", a.id);
  ASSERT_EQ(page(a.staff, "/owner-contracts?q=nobody-at-all").status, 200);
  EXPECT_EQ(entries("owners.contract_list", a.id), before);
}

TEST_P(PersonalReadsTest, ExportsOfPersonalDataAreLimitedPerUserAndTheRefusalIsAudited) {
  const auto a = new_agency();
  owner(a.staff, "Marie Dubois", "BE68539007547034", "Avenue Louise 54, 1050 Ixelles");
  const auto limit = users::kExportsPerUser.max_events;
  for (std::int64_t i = 0; i < limit; ++i) {
    const char* path = i % 2 ? "/owners/export?format=xlsx" : "/owner-contracts/export";
    ASSERT_EQ(page(a.staff, path).status, 200) << "export " << i + 1 << " of " << limit << ": " << path;
  }
  // The counter is in the database (it holds across restarts and processes).
  auto staff_id = server().db().acquire()->query_one("SELECT id FROM users WHERE login = $1", {a.staff})->integer(0);
  EXPECT_EQ(count("login_throttle WHERE throttle_key = '" + users::throttle_export_key(staff_id) +
                  "' AND failures = " + std::to_string(limit)),
            1);

  // One more: 429 in the user's language, for each kind of export; nothing read, the refusal audited.
  const auto exports_before = entries("owners.export", a.id);
  auto fr = page(a.staff, "/owners/export");
  EXPECT_EQ(fr.status, 429) << fr.body.substr(0, 300);
  EXPECT_TRUE(contains(fr.body, "fichiers de données personnelles")) << fr.body.substr(0, 2000);
  EXPECT_FALSE(contains(fr.body, "Marie Dubois"));
  auto nl = page(a.staff, "/owner-contracts/export?lang=nl");
  EXPECT_EQ(nl.status, 429);
  EXPECT_TRUE(contains(nl.body, "bestanden met persoonsgegevens")) << nl.body.substr(0, 2000);
  auto en = page(a.staff, "/owners/export?lang=en&format=xlsx");
  EXPECT_EQ(en.status, 429);
  EXPECT_TRUE(contains(en.body, "files of personal data")) << en.body.substr(0, 2000);
  EXPECT_EQ(entries("owners.export", a.id), exports_before);
  EXPECT_EQ(entries("owners.export_refused", a.id), 2);
  EXPECT_EQ(entries("owners.contract_export_refused", a.id), 1);
  // The pages themselves are not limited.
  EXPECT_EQ(page(a.staff, "/owners").status, 200);

  // Another user of the same agency still exports.
  auto other = page(a.admin, "/owners/export");
  EXPECT_EQ(other.status, 200) << other.body.substr(0, 300);
  EXPECT_TRUE(contains(other.body, "Marie Dubois"));
}

TEST_P(PersonalReadsTest, OwnerSearchShowsNamesakesApartAndNoOtherAgencysOwner) {
  const auto a = new_agency();
  const auto b = new_agency();
  const auto ixelles = owner(a.staff, "Marie Dubois", "BE68539007547034", "Avenue Louise 54, 1050 Ixelles");
  const auto liege = owner(a.staff, "Marie Dubois", "BE71096123456769", "Rue Féronstrée 10, 4000 Liège");
  const auto company = owner(a.staff, "Dubois Immo SRL", "BE62510007547061", "",
                             {{"kind", "company"}, {"company_number", "0123456749"}});
  owner(a.staff, "Jan Peeters", "BE71096123456769", "Kerkstraat 3, 2000 Antwerpen");
  owner(b.staff, "Marie Dubois", "NL91ABNA0417164300", "Grand-Place 1, 7000 Mons");

  const auto searches_before = entries("owners.search", a.id);
  auto r = post_form(a.staff, "/owner-contracts/owner-choices", {{"owner_query", "dubois"}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  for (auto id : {ixelles, liege, company})
    EXPECT_TRUE(contains(r.body, "value=\"" + std::to_string(id) + "\"")) << r.body;
  // What tells the two Marie Dubois apart, in French (the user's language by default).
  EXPECT_TRUE(contains(r.body, "1050 Ixelles · IBAN se terminant par 7034")) << r.body;
  EXPECT_TRUE(contains(r.body, "4000 Liège · IBAN se terminant par 6769")) << r.body;
  EXPECT_TRUE(contains(r.body, "0123.456.749")) << "a company's number: " << r.body;
  // Names only: no street, no IBAN in full, nobody else, no other agency's namesake.
  EXPECT_FALSE(contains(r.body, "Avenue Louise"));
  EXPECT_FALSE(contains(r.body, "539007547034"));
  EXPECT_FALSE(contains(r.body, "Peeters"));
  EXPECT_FALSE(contains(r.body, "7000 Mons"));
  EXPECT_FALSE(contains(r.body, "4300"));
  // One audit entry: the count, not the names nor what was typed.
  EXPECT_EQ(entries("owners.search", a.id), searches_before + 1);
  EXPECT_EQ(last_entry("owners.search", a.id), (std::pair<std::string, std::string>{"3", "q"}));

  // In Dutch.
  auto nl = post_form(a.staff, "/owner-contracts/owner-choices?lang=nl", {{"owner_query", "marie"}});
  EXPECT_TRUE(contains(nl.body, "4000 Liège · IBAN eindigend op 6769")) << nl.body;

  // Nothing matches: said; nothing shown, nothing audited.
  const auto searches = entries("owners.search", a.id);
  auto none = post_form(a.staff, "/owner-contracts/owner-choices", {{"owner_query", "zzz-nobody"}});
  EXPECT_TRUE(contains(none.body, "Aucun résultat")) << none.body;
  EXPECT_EQ(entries("owners.search", a.id), searches);
}

TEST_P(PersonalReadsTest, MoreThanTwentyMatchesAskToRefine) {
  const auto a = new_agency();
  for (int i = 0; i < 21; ++i)
    owner(a.staff, "Refine Person " + std::to_string(100 + i), "BE68539007547034", "Rue Haute " + std::to_string(i) + ", 1000 Bruxelles");
  auto r = post_form(a.staff, "/owner-contracts/owner-choices", {{"owner_query", "refine"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Refine Person 119"));
  EXPECT_FALSE(contains(r.body, "Refine Person 120")) << "20 at most";
  EXPECT_TRUE(contains(r.body, "Seuls les 20 premiers résultats")) << r.body.substr(r.body.size() > 600 ? r.body.size() - 600 : 0);
  EXPECT_EQ(last_entry("owners.search", a.id).first, "20");
}

TEST_P(PersonalReadsTest, TheContractFormChoosesByASearchWithoutJavaScript) {
  const auto a = new_agency();
  const auto ixelles = owner(a.staff, "Marie Dubois", "BE68539007547034", "Avenue Louise 54, 1050 Ixelles");
  const auto liege = owner(a.staff, "Marie Dubois", "BE71096123456769", "Rue Féronstrée 10, 4000 Liège");
  const auto flat = dwelling(a.staff, a.code + "-FLAT");
  dwelling(a.staff, a.code + "-HOUSE");

  // The empty form lists nobody: no read of every owner.
  const auto searches = entries("owners.search", a.id);
  const auto lists = entries("owners.list", a.id);
  auto empty = page(a.staff, "/owner-contracts/new");
  ASSERT_EQ(empty.status, 200);
  EXPECT_FALSE(contains(empty.body, "Marie Dubois"));
  EXPECT_FALSE(contains(empty.body, "<select class=\"select\" id=\"owner_id\""));
  EXPECT_TRUE(contains(empty.body, "name=\"owner_query\""));
  EXPECT_EQ(entries("owners.search", a.id), searches);
  EXPECT_EQ(entries("owners.list", a.id), lists);

  // "Search": the form comes back with the matches, and what was typed kept.
  std::vector<std::pair<std::string, std::string>> typed = {
      {"owner_query", "dubois"}, {"dwelling_query", "FLAT"}, {"kind", "main_lease"},
      {"start", "2026-03-01"},  {"owner_rent", "650,00"}};
  auto searched_fields = typed;
  searched_fields.emplace_back("action", "search");
  auto searched = post_form(a.staff, "/owner-contracts", searched_fields);
  ASSERT_EQ(searched.status, 200) << searched.body.substr(0, 500);
  EXPECT_TRUE(contains(searched.body, "id=\"owner_id-" + std::to_string(ixelles) + "\""));
  EXPECT_TRUE(contains(searched.body, "id=\"owner_id-" + std::to_string(liege) + "\""));
  EXPECT_TRUE(contains(searched.body, "1050 Ixelles"));
  EXPECT_TRUE(contains(searched.body, "id=\"dwelling_id-" + std::to_string(flat) + "\""));
  EXPECT_FALSE(contains(searched.body, a.code + "-HOUSE"));
  EXPECT_TRUE(contains(searched.body, "value=\"650,00\""));
  EXPECT_TRUE(contains(searched.body, "value=\"2026-03-01\""));
  EXPECT_TRUE(contains(searched.body, "value=\"dubois\""));
  EXPECT_FALSE(contains(searched.body, "field__error")) << "a search is no failed submission";
  EXPECT_EQ(count("owner_contracts WHERE agency_id = " + std::to_string(a.id)), 0);

  // Pick and save.
  auto chosen = typed;
  chosen.emplace_back("owner_id", std::to_string(liege));
  chosen.emplace_back("dwelling_id", std::to_string(flat));
  auto saved = post_form(a.staff, "/owner-contracts", chosen);
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 800);
  EXPECT_EQ(count("owner_contracts WHERE agency_id = " + std::to_string(a.id) + " AND owner_id = " +
                  std::to_string(liege) + " AND dwelling_id = " + std::to_string(flat)),
            1);

  // A refused form keeps the chosen owner checked (read by id, not by a list of everyone).
  auto refused_fields = chosen;
  refused_fields.erase(std::remove_if(refused_fields.begin(), refused_fields.end(),
                                      [](const auto& f) { return f.first == "owner_rent" || f.first == "owner_query"; }),
                       refused_fields.end());
  auto refused = post_form(a.staff, "/owner-contracts", refused_fields);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "id=\"owner_id-" + std::to_string(liege) + "\" name=\"owner_id\" value=\"" +
                                         std::to_string(liege) + "\" checked"))
      << refused.body;
  EXPECT_FALSE(contains(refused.body, "id=\"owner_id-" + std::to_string(ixelles) + "\""));
}

HMS_INSTANTIATE_BACKENDS(PersonalReadsTest);

}  // namespace
}  // namespace hms::test

// The helpdesk (issue 13, part 1) through a real `hms serve` on SQLite and PostgreSQL: an agency
// user asks for help from a page (only the page's path is kept, with the agency, the user, the
// language and the time), the federation triages and answers, the asker sees the unread count
// and the answer; bad input is refused in the reader's language and writes nothing; another
// agency never sees a ticket, by address or by list; the maintainers see only the defects; files
// follow the documents' rules; the knowledge base is written by the federation and read by all;
// the response-time figures per agency and category.
#include <gtest/gtest.h>

#include <array>

#include "common/text.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

constexpr const char* kForm = "application/x-www-form-urlencoded";

class SupportTest : public SharedServerTest {
 protected:
  std::int64_t ask(const std::string& login, const std::string& subject, const std::string& category = "usage",
                   const std::string& lang = "fr") {
    auto r = call(login, "POST", "/api/v1/support/tickets?lang=" + lang,
                  json{{"subject", subject}, {"question", "Comment faire ?"}, {"category", category}, {"from", "/dwellings?q=Dupont"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::string path(std::int64_t id) { return "/api/v1/support/tickets/" + std::to_string(id); }
  HttpResult page(const std::string& login, const std::string& p) { return server().request("GET", p, "", cookie(login).headers(false)); }
  HttpResult post_form(const std::string& login, const std::string& p, std::vector<std::pair<std::string, std::string>> fields) {
    std::string body = "csrf_token=" + url_encode(cookie(login).csrf);
    for (const auto& [k, v] : fields) body += "&" + k + "=" + url_encode(v);
    return server().request("POST", p, body, cookie(login).headers(false), kForm);
  }
  std::int64_t article(const std::string& title, bool published) {
    auto r = call("federation", "POST", "/api/v1/support/articles",
                  json{{"title_fr", title + " fr"}, {"body_fr", "Ouvrez la fiche du logement."}, {"title_nl", title + " nl"},
                       {"body_nl", "Open de fiche van de woning."}, {"title_en", title + " en"},
                       {"body_en", "Open the dwelling's page."}, {"published", published ? "true" : "false"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
};

TEST_P(SupportTest, AnAgencyUserAsksForHelpAndTheFederationAnswers) {
  const auto a = new_agency();
  // The help button of the owners' page, with a searched name in its address.
  auto form = page(a.staff, "/support/new?from=" + url_encode("/owners?q=Dupont"));
  ASSERT_EQ(form.status, 200) << form.body.substr(0, 300);
  EXPECT_FALSE(contains(form.body, "Dupont")) << "the query string is never carried";
  auto sent = post_form(a.staff, "/support/tickets",
                        {{"subject", "Loyer plafond"}, {"question", "Le plafond ne s'affiche pas."}, {"category", "usage"},
                         {"from", "/owners?q=Dupont"}});
  ASSERT_EQ(sent.status, 303) << sent.body.substr(0, 300);
  const auto location = sent.header("Location");
  EXPECT_TRUE(contains(location, "?created=1")) << location;
  const auto id = std::stoll(location.substr(std::string("/support/tickets/").size()));
  auto t = call(a.staff, "GET", path(id)).json();
  EXPECT_EQ(t["page"], "/owners");
  EXPECT_EQ(t["agency"], a.code);
  EXPECT_EQ(t["asked_by"], a.staff);
  EXPECT_EQ(t["language"], "fr");
  EXPECT_EQ(t["status"], "new");
  EXPECT_EQ(count("support_tickets WHERE page_path LIKE '%Dupont%'"), 0);
  // Audited without the text.
  EXPECT_EQ(count("audit_log WHERE action = 'support.create' AND object_id = '" + std::to_string(id) + "'"), 1);
  EXPECT_EQ(count("audit_log WHERE details LIKE '%plafond%'"), 0);
  // The federation's queue has it, unread; its header counts it.
  auto queue = call("federation", "GET", "/api/v1/support/tickets?agency=" + a.code).json();
  ASSERT_EQ(queue["total"], 1) << queue.dump();
  EXPECT_EQ(queue["items"][0]["unread"], true);
  EXPECT_TRUE(contains(page("federation", "/").body, "data-support-unread"));
  // The federation answers in Dutch; the asker is notified.
  auto triaged = call("federation", "POST", path(id) + "/triage",
                      json{{"triage", "business"}, {"answer", "Het plafond staat op de fiche van de woning."}});
  ASSERT_EQ(triaged.status, 200) << triaged.body;
  EXPECT_EQ(triaged.json()["status"], "answered");
  EXPECT_EQ(count("audit_log WHERE action = 'support.triage' AND object_id = '" + std::to_string(id) + "'"), 1);
  auto home = page(a.staff, "/");
  EXPECT_TRUE(contains(home.body, "data-support-unread")) << "the asker sees the unread answer in the header";
  auto read = page(a.staff, "/support/tickets/" + std::to_string(id));
  ASSERT_EQ(read.status, 200);
  EXPECT_TRUE(contains(read.body, "Het plafond staat op de fiche van de woning."));
  EXPECT_FALSE(contains(page(a.staff, "/").body, "data-support-unread")) << "read: nothing unread any more";
  // The agency's admin sees the agency's tickets too, and comments; the federation is notified.
  EXPECT_EQ(call(a.admin, "GET", "/api/v1/support/tickets").json()["total"], 1);
  auto comment = call(a.admin, "POST", path(id) + "/comments", json{{"body", "Merci !"}});
  EXPECT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(call("federation", "GET", "/api/v1/support/tickets?agency=" + a.code).json()["items"][0]["unread"], true);
  // The asker resolves it.
  auto resolved = call(a.staff, "POST", path(id) + "/status", json{{"action", "resolve"}});
  EXPECT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.json()["status"], "resolved");
  EXPECT_FALSE(resolved.json()["resolved_at"].is_null());
}

TEST_P(SupportTest, BadInputIsRefusedInTheReadersLanguageAndWritesNothing) {
  const auto a = new_agency();
  const auto before = count("support_tickets");
  auto r = call(a.staff, "POST", "/api/v1/support/tickets?lang=nl", json{{"subject", "  "}, {"category", "feelings"}});
  EXPECT_EQ(r.status, 422) << r.body;
  const auto fields = r.json()["error"]["fields"];
  EXPECT_TRUE(fields.contains("subject") && fields.contains("question") && fields.contains("category")) << r.body;
  EXPECT_EQ(r.json()["error"]["message"], "Geef het onderwerp van uw vraag.");
  auto too_long = call(a.staff, "POST", "/api/v1/support/tickets",
                       json{{"subject", std::string(201, 'x')}, {"question", "?"}, {"category", "rules"}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.error_code(), "support.subject_too_long");
  auto unknown = call(a.staff, "POST", "/api/v1/support/tickets",
                      json{{"subject", "x"}, {"question", "?"}, {"category", "rules"}, {"agency_id", 1}});
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  // The page: the form again, in French, with what was typed.
  auto body = "csrf_token=" + url_encode(cookie(a.staff).csrf) + "&subject=&question=Mon+texte&category=&from=%2Fdwellings";
  auto shown = server().submit("/support/tickets", body, cookie(a.staff).headers(false), kForm);
  EXPECT_EQ(shown.status, 422) << shown.body.substr(0, 300);
  EXPECT_TRUE(contains(shown.body, "Indiquez le sujet de votre question.")) << shown.body.substr(0, 2000);
  EXPECT_TRUE(contains(shown.body, "Mon texte"));
  EXPECT_EQ(count("support_tickets"), before);
  // A federation's triage without what it needs.
  const auto id = ask(a.staff, "Question");
  auto triage = call("federation", "POST", path(id) + "/triage", json{{"triage", "business"}});
  EXPECT_EQ(triage.status, 422);
  EXPECT_EQ(triage.error_code(), "support.answer_required");
  auto usage = call("federation", "POST", path(id) + "/triage", json{{"triage", "usage"}});
  EXPECT_EQ(usage.error_code(), "support.usage_needs_link");
  auto dup = call("federation", "POST", path(id) + "/triage", json{{"triage", "duplicate"}, {"duplicate_of", std::to_string(id)}});
  EXPECT_EQ(dup.error_code(), "support.unknown_duplicate");
  auto empty_comment = call(a.staff, "POST", path(id) + "/comments", json{{"body", ""}});
  EXPECT_EQ(empty_comment.error_code(), "support.comment_required");
  EXPECT_EQ(call(a.staff, "GET", path(id)).json()["status"], "new");
  EXPECT_EQ(count("support_comments WHERE ticket_id = " + std::to_string(id)), 0);
}

TEST_P(SupportTest, AnotherAgencyNeverSeesATicket) {
  const auto a = new_agency();
  const auto b = new_agency();
  const auto id = ask(a.staff, "Secret de " + a.code);
  for (const auto& login : {b.staff, b.admin}) {
    auto r = call(login, "GET", path(id));
    EXPECT_EQ(r.status, 404) << login;
    EXPECT_EQ(r.error_code(), "support.not_found");
    EXPECT_EQ(call(login, "POST", path(id) + "/comments", json{{"body", "intrus"}}).status, 404);
    EXPECT_EQ(call(login, "POST", path(id) + "/status", json{{"action", "resolve"}}).status, 404);
    EXPECT_EQ(page(login, "/support/tickets/" + std::to_string(id)).status, 404);
    for (const char* list : {"/api/v1/support/tickets", "/api/v1/support/tickets?agency="}) {
      auto l = call(login, "GET", std::string(list) + (std::string(list).back() == '=' ? a.code : ""));
      EXPECT_EQ(l.status, 200);
      EXPECT_EQ(l.json()["total"], 0) << list;
      EXPECT_FALSE(contains(l.body, "Secret de"));
    }
    EXPECT_FALSE(contains(page(login, "/support/tickets?agency=" + a.code).body, "Secret de"));
  }
  EXPECT_EQ(count("support_comments WHERE ticket_id = " + std::to_string(id)), 0);
  // The region reads no ticket; the maintainers only what was forwarded to them.
  EXPECT_EQ(call("region", "GET", path(id)).status, 403);
  EXPECT_EQ(call("region", "GET", "/api/v1/support/tickets").status, 403);
  EXPECT_EQ(call("sysadmin", "GET", path(id)).status, 404);
  ASSERT_EQ(call("federation", "POST", path(id) + "/triage", json{{"triage", "defect"}}).json()["status"], "forwarded");
  EXPECT_TRUE(contains(page("sysadmin", "/").body, "data-support-unread")) << "the maintainers are notified";
  EXPECT_EQ(call("sysadmin", "GET", path(id)).status, 200);
  EXPECT_FALSE(contains(page("sysadmin", "/").body, "data-support-unread")) << "read by the maintainers";
  const auto defects = call("sysadmin", "GET", "/api/v1/support/tickets").json();
  for (const auto& t : defects["items"]) EXPECT_EQ(t["triage"], "defect");
  // Staff cannot triage, even their own.
  EXPECT_EQ(call(a.staff, "POST", path(id) + "/triage", json{{"triage", "business"}, {"answer", "x"}}).status, 403);
  // The maintainers answer and resolve.
  EXPECT_EQ(call("sysadmin", "POST", path(id) + "/comments", json{{"body", "Corrigé dans la version 1.4."}}).status, 201);
  EXPECT_EQ(call("sysadmin", "POST", path(id) + "/status", json{{"action", "resolve"}}).json()["status"], "resolved");
}

TEST_P(SupportTest, TriageKindsFollowTheStatusRules) {
  const auto a = new_agency();
  const auto art = article("Loyer " + a.code, true);
  const auto first = ask(a.staff, "Premier");
  const auto second = ask(a.staff, "Second");
  auto usage = call("federation", "POST", path(first) + "/triage", json{{"triage", "usage"}, {"article_id", std::to_string(art)}});
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_EQ(usage.json()["status"], "answered");
  EXPECT_EQ(usage.json()["article_id"], art);
  auto shown = call(a.staff, "GET", path(first)).json();
  EXPECT_EQ(shown["article"]["id"], art);
  auto dup = call("federation", "POST", path(second) + "/triage", json{{"triage", "duplicate"}, {"duplicate_of", std::to_string(first)}});
  EXPECT_EQ(dup.json()["status"], "duplicate");
  EXPECT_EQ(dup.json()["duplicate_of"], first);
  // A duplicate is done: no more triage, no reopening.
  auto again = call("federation", "POST", path(second) + "/triage", json{{"triage", "defect"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "support.invalid_transition");
  EXPECT_EQ(call(a.staff, "POST", path(second) + "/status", json{{"action", "reopen"}}).status, 409);
  // The asker is not satisfied: back to new; the federation closes it; closed takes no comment.
  EXPECT_EQ(call(a.staff, "POST", path(first) + "/status", json{{"action", "reopen"}}).json()["status"], "new");
  EXPECT_EQ(call(a.staff, "POST", path(first) + "/status", json{{"action", "close"}}).status, 403);
  EXPECT_EQ(call("federation", "POST", path(first) + "/status", json{{"action", "close"}}).json()["status"], "closed");
  EXPECT_EQ(call(a.staff, "POST", path(first) + "/comments", json{{"body", "encore"}}).status, 409);
  EXPECT_EQ(call("federation", "POST", path(first) + "/status", json{{"action", "explode"}}).status, 422);
  // The federation's queue filters.
  auto closed = call("federation", "GET", "/api/v1/support/tickets?status=closed&agency=" + a.code).json();
  EXPECT_EQ(closed["total"], 1);
  EXPECT_EQ(call("federation", "GET", "/api/v1/support/tickets?status=sleeping").status, 422);
  auto page_queue = page("federation", "/support/tickets?category=usage&agency=" + a.code);
  EXPECT_EQ(page_queue.status, 200);
  EXPECT_TRUE(contains(page_queue.body, "Premier"));
}

TEST_P(SupportTest, FilesFollowTheDocumentsRules) {
  const auto a = new_agency();
  const auto b = new_agency();
  const auto id = ask(a.staff, "Capture");
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "capture " + a.code;
  auto send = [&](const std::string& login, const std::string& name, const std::string& bytes) {
    auto m = multipart({{"csrf_token", cookie(login).csrf}}, "file", name, bytes);
    return server().request("POST", "/support/tickets/" + std::to_string(id) + "/files", m.body, cookie(login).headers(false), m.type);
  };
  auto ok = send(a.staff, "capture.png", png);
  ASSERT_EQ(ok.status, 303);
  EXPECT_FALSE(contains(ok.header("Location"), "file_error")) << ok.header("Location");
  auto refused = send(a.staff, "virus.exe", "MZ binary");
  EXPECT_TRUE(contains(refused.header("Location"), "file_error=attachments.type_refused")) << refused.header("Location");
  auto renamed = send(a.staff, "capture.pdf", png);
  EXPECT_TRUE(contains(renamed.header("Location"), "file_error=attachments.extension_mismatch"));
  EXPECT_EQ(send(b.staff, "capture.png", png).status, 404);
  EXPECT_EQ(count("support_files WHERE ticket_id = " + std::to_string(id)), 1);
  auto files = call(a.staff, "GET", path(id)).json()["files"];
  ASSERT_EQ(files.size(), 1u);
  const std::string href = files[0]["href"];
  auto down = page(a.staff, href);
  EXPECT_EQ(down.status, 200);
  EXPECT_EQ(down.body, png);
  EXPECT_EQ(page("federation", href).body, png);
  EXPECT_EQ(page(b.staff, href).status, 404);
  EXPECT_EQ(page("region", href).status, 403);
  auto shown = page(a.staff, "/support/tickets/" + std::to_string(id) + "?file_error=attachments.type_refused");
  EXPECT_TRUE(contains(shown.body, "capture.png"));
}

TEST_P(SupportTest, ArticlesAreWrittenByTheFederationAndReadByEveryone) {
  const auto a = new_agency();
  const auto draft = article("Indexation " + a.code, false);
  const auto art = "/api/v1/support/articles/" + std::to_string(draft);
  EXPECT_EQ(call(a.staff, "GET", art).status, 404) << "a draft is the federation's";
  EXPECT_EQ(call("federation", "GET", art).status, 200);
  EXPECT_EQ(call(a.staff, "POST", "/api/v1/support/articles", json{{"title_fr", "x"}}).status, 403);
  EXPECT_EQ(call("region", "PATCH", art, json{{"published", "true"}}).status, 403);
  auto missing = call("federation", "POST", "/api/v1/support/articles?lang=en", json{{"title_fr", "Seul"}, {"body_fr", "Texte"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["fields"].size(), 4u) << missing.body;
  EXPECT_EQ(missing.json()["error"]["message"], "Give a title in this language.");
  // Published: audited, found by every role in its language.
  auto published = call("federation", "PATCH", art, json{{"published", "true"}});
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(count("audit_log WHERE action = 'support.article_publish' AND object_id = '" + std::to_string(draft) + "'"), 1);
  auto found = call(a.staff, "GET", "/api/v1/support/articles?lang=nl&q=" + url_encode("indexation " + to_lower_ascii(a.code)));
  ASSERT_EQ(found.status, 200);
  ASSERT_GE(found.json()["total"], 1) << found.body;
  EXPECT_EQ(found.json()["items"][0]["title"], "Indexation " + a.code + " nl");
  EXPECT_EQ(call("region", "GET", art).status, 200);
  // The help button's search shows it before the form.
  auto help = page(a.staff, "/support/new?from=/dwellings&q=" + url_encode("Indexation " + a.code));
  EXPECT_TRUE(contains(help.body, "Indexation " + a.code + " fr")) << help.body.substr(0, 500);
  // An answered ticket becomes a draft article.
  const auto id = ask(a.staff, "Comment indexer ?");
  call("federation", "POST", path(id) + "/triage", json{{"triage", "business"}, {"answer", "Au 1er du mois anniversaire."}});
  auto made = post_form("federation", "/support/tickets/" + std::to_string(id) + "/article", {});
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 300);
  EXPECT_TRUE(contains(made.header("Location"), "/edit"));
  EXPECT_EQ(count("support_articles WHERE from_ticket = " + std::to_string(id) + " AND published = 0 AND body_fr LIKE '%anniversaire%'"), 1);
  EXPECT_EQ(post_form(a.staff, "/support/tickets/" + std::to_string(id) + "/article", {}).status, 403);
}

TEST_P(SupportTest, ResponseTimeFiguresPerAgencyAndCategory) {
  const auto a = new_agency();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(ask(a.staff, "Q" + std::to_string(i), i < 3 ? "rules" : "defect"));
  for (auto id : ids) call("federation", "POST", path(id) + "/triage", json{{"triage", "business"}, {"answer", "Réponse."}});
  call(a.staff, "POST", path(ids[0]) + "/status", json{{"action", "resolve"}});
  // Answered 10, 20, 30 and 40 minutes after being asked; the first resolved after an hour.
  auto c = server().db().acquire();
  for (int i = 0; i < 4; ++i)
    c->execute("UPDATE support_tickets SET created_at = first_answer_at - $2 WHERE id = $1",
               {ids[static_cast<std::size_t>(i)], std::int64_t{600 * (i + 1)}});
  c->execute("UPDATE support_tickets SET resolved_at = created_at + 3600 WHERE id = $1", {ids[0]});
  auto f = call("federation", "GET", "/api/v1/support/figures");
  ASSERT_EQ(f.status, 200) << f.body;
  json mine;
  const auto figures = f.json();  // a range-for over f.json()["agencies"] would read a destroyed temporary
  for (const auto& row : figures["agencies"])
    if (row["key"] == a.code) mine = row;
  ASSERT_FALSE(mine.is_null()) << f.body;
  EXPECT_EQ(mine["tickets"], 4);
  EXPECT_EQ(mine["open"], 3);
  EXPECT_EQ(mine["first_answer"]["count"], 4);
  EXPECT_EQ(mine["first_answer"]["median_seconds"], 1200);
  EXPECT_EQ(mine["first_answer"]["p90_seconds"], 2400);
  EXPECT_EQ(mine["resolution"]["median_seconds"], 3600);
  EXPECT_FALSE(contains(f.body, "Q0")) << "no ticket text in the figures";
  EXPECT_EQ(call("region", "GET", "/api/v1/support/figures").status, 200);
  EXPECT_EQ(call(a.staff, "GET", "/api/v1/support/figures").status, 403);
  EXPECT_EQ(call("sysadmin", "GET", "/api/v1/support/figures").status, 403);
  auto shown = page("federation", "/support/figures?lang=nl");
  EXPECT_EQ(shown.status, 200);
  EXPECT_TRUE(contains(shown.body, "Antwoordtijden van de helpdesk"));
  EXPECT_TRUE(contains(shown.body, a.code));
}

TEST_P(SupportTest, EveryRoleSeesWhatTheMatrixSays) {
  const auto a = new_agency();
  const auto id = std::to_string(ask(a.staff, "Matrice"));
  const auto art = std::to_string(article("Matrice " + a.code, true));
  // staff, admin, federation, region, system administrator: the status of a GET, in that order.
  const std::vector<std::pair<std::string, std::array<int, 5>>> expected = {
      {"/support/new", {200, 200, 403, 403, 403}},
      {"/support/tickets", {200, 200, 200, 403, 200}},
      {"/support/tickets/" + id, {200, 200, 200, 403, 404}},
      {"/support/articles", {200, 200, 200, 200, 200}},
      {"/support/articles/" + art, {200, 200, 200, 200, 200}},
      {"/support/articles/new", {403, 403, 200, 403, 403}},
      {"/support/articles/" + art + "/edit", {403, 403, 200, 403, 403}},
      {"/support/figures", {403, 403, 200, 200, 403}},
      {"/api/v1/support/tickets", {200, 200, 200, 403, 200}},
      {"/api/v1/support/tickets/" + id, {200, 200, 200, 403, 404}},
      {"/api/v1/support/articles", {200, 200, 200, 200, 200}},
      {"/api/v1/support/figures", {403, 403, 200, 200, 403}},
  };
  const std::array<std::string, 5> who = {a.staff, a.admin, "federation", "region", "sysadmin"};
  for (const auto& [p, statuses] : expected)
    for (std::size_t i = 0; i < who.size(); ++i) {
      const auto r = p.rfind("/api/", 0) == 0 ? call(who[i], "GET", p) : page(who[i], p);
      EXPECT_EQ(r.status, statuses[i]) << who[i] << " GET " << p;
    }
  // The header: the help link for the agency roles only; the nav entries of each.
  EXPECT_TRUE(contains(page(a.staff, "/").body, "data-help-link"));
  EXPECT_FALSE(contains(page("federation", "/").body, "data-help-link"));
  EXPECT_TRUE(contains(page("federation", "/").body, "href=\"/support/figures\""));
  EXPECT_FALSE(contains(page(a.staff, "/").body, "href=\"/support/figures\""));
}

HMS_INSTANTIATE_BACKENDS(SupportTest);

}  // namespace
}  // namespace hms::test

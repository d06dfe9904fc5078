// The helpdesk in the API (issue 13, part 1), thin: JSON in, use case, JSON out.
//   GET|POST /api/v1/support/tickets, GET /api/v1/support/tickets/{id},
//   POST /api/v1/support/tickets/{id}/comments|triage|status,
//   GET|POST /api/v1/support/articles, GET|PATCH /api/v1/support/articles/{id},
//   GET /api/v1/support/figures.
// The {id} routes of a ticket name no permission in their guard: the use case answers another
// agency's ticket with the 404 of an unknown one before it asks for the permission of the action.
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/helpdesk_json.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

namespace {

// The one text field of a small body ({"body": "…"}, {"action": "resolve"}); any other key is a 422.
std::string body_field(const Request& req, const char* name) {
  const auto body = json_body(req);
  BodyReader r{body, {}};
  std::optional<std::string> value;
  r.read(name, value);
  r.finish();
  return value.value_or("");
}

}  // namespace

void add_support_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/support/tickets", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto page = app::list_tickets(s.store, ctx, ticket_query(req), req.paging());
    const bool federation = ctx.can(Permission::support_triage);
    return Response::json(list_json(page, [&](const support::Ticket& t) {
      return ticket_json(t, federation ? t.federation_unread : t.asker_unread);
    }).dump());
  }});

  routes.push_back({"POST", "/api/v1/support/tickets", needing(Permission::support_ask), [&s](Request& req) {
    auto t = app::create_ticket(s.store, req.context(), read_body<app::TicketFields>(json_body(req), {}), req.lang);
    return Response::json(ticket_json(t, false).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/support/tickets/{id}", reaching("support_ticket"), [&s](Request& req) {
    auto ctx = req.context();
    return Response::json(ticket_detail_json(app::read_ticket(s.store, ctx, req.path_id()), ctx).dump());
  }});

  routes.push_back({"POST", "/api/v1/support/tickets/{id}/comments", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    app::find_ticket(s.store, req.context(), id);  // 404 before looking at the body
    auto c = app::comment_ticket(s.store, req.context(), id, body_field(req, "body"));
    return Response::json(comment_json(c).dump(), 201);
  }});

  routes.push_back({"POST", "/api/v1/support/tickets/{id}/triage", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    auto ctx = req.context();
    app::find_ticket(s.store, ctx, id);  // 404 before looking at the body
    ctx.require(Permission::support_triage);
    auto t = app::triage_ticket(s.store, ctx, id, read_body<app::TriageFields>(json_body(req), {}));
    return Response::json(ticket_json(t, false).dump());
  }});

  routes.push_back({"POST", "/api/v1/support/tickets/{id}/status", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    app::find_ticket(s.store, req.context(), id);  // 404 before looking at the body
    auto a = app::parse_status_action(body_field(req, "action"));
    if (!a) throw DomainError(ErrorKind::validation, "support.invalid_action").field("action");
    return Response::json(ticket_json(app::change_ticket_status(s.store, req.context(), id, *a), false).dump());
  }});

  routes.push_back({"GET", "/api/v1/support/articles", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    const bool full = ctx.can(Permission::support_knowledge_manage);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : app::search_articles(s.store, ctx, req.query_value("q"), req.lang))
      items.push_back(article_json(a, req.lang, full));
    const auto total = static_cast<std::int64_t>(items.size());
    return Response::json(nlohmann::json{{"items", items}, {"total", total}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/support/articles", needing(Permission::support_knowledge_manage), [&s](Request& req) {
    auto a = app::create_article(s.store, req.context(), read_body<app::ArticleFields>(json_body(req), {}));
    return Response::json(article_json(a, req.lang, true).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/support/articles/{id}", reaching("support_article"), [&s](Request& req) {
    auto ctx = req.context();
    auto a = app::read_article(s.store, ctx, req.path_id());
    return Response::json(article_json(a, req.lang, ctx.can(Permission::support_knowledge_manage)).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/support/articles/{id}",
                    reaching("support_article", Permission::support_knowledge_manage), [&s](Request& req) {
    const auto id = req.path_id();
    app::read_article(s.store, req.context(), id);  // 404 before looking at the body
    auto a = app::update_article(s.store, req.context(), id,
                                 read_body<app::ArticleFields>(json_body(req), {"id", "title", "body", "updated_at", "from_ticket"}));
    return Response::json(article_json(a, req.lang, true).dump());
  }});

  routes.push_back({"GET", "/api/v1/support/figures", needing(Permission::support_figures), [&s](Request& req) {
    return Response::json(figures_json(app::support_figures(s.store, req.context())).dump());
  }});
}

}  // namespace hms::http

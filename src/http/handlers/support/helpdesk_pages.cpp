// The helpdesk's pages (issue 13, part 1): "Ask for help" (/support/new, the knowledge base
// searched before the form), the tickets (the agency's own, the federation's queue, the
// maintainers' queue: one list, /support/tickets, narrowed by the use case), a ticket with its
// comments, triage, status, files; the knowledge base (/support/articles) and the response-time
// figures (/support/figures). View models only: the rules are in app/support.
#include <array>
#include <string>

#include "app/support/support.hpp"
#include "common/text.hpp"
#include "domain/attachments/attachment.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/helpdesk_json.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/views.hpp"

namespace hms::http {
namespace {

using users::Permission;

constexpr std::string_view kTicketFormFields[] = {"subject", "question", "category", "from"};
constexpr std::string_view kTriageFormFields[] = {"triage", "answer", "article_id", "duplicate_of"};
constexpr std::string_view kArticleFormFields[] = {"title_fr", "body_fr", "title_nl", "body_nl",
                                                   "title_en", "body_en", "published"};
constexpr std::array kFileErrors = {"attachments.file_missing", "attachments.too_large", "attachments.type_refused",
                                    "attachments.extension_mismatch"};

std::string ticket_path(std::int64_t id) { return "/support/tickets/" + std::to_string(id); }

std::string label(const Services& s, const Request& req, const std::string& key) { return text(s, req, key); }

// The first 200 bytes of a text, cut at a character boundary, with "…" when cut.
std::string excerpt(const std::string& body) {
  if (body.size() <= 200) return body;
  std::size_t n = 200;
  while (n > 0 && (static_cast<unsigned char>(body[n]) & 0xC0) == 0x80) --n;
  return body.substr(0, n) + "…";
}

// "2 h 05 min", "3 j 4 h": a duration as the reader writes it; "—" for none.
std::string duration_text(const Services& s, const Request& req, const std::optional<std::int64_t>& seconds) {
  if (!seconds) return "—";
  const auto minutes = *seconds / 60, hours = minutes / 60, days = hours / 24;
  const auto& cat = s.views.catalog();
  if (days > 0)
    return cat.format(req.lang, "support.figures.days", {{"d", std::to_string(days)}, {"h", std::to_string(hours % 24)}});
  if (hours > 0)
    return cat.format(req.lang, "support.figures.hours", {{"h", std::to_string(hours)}, {"m", std::to_string(minutes % 60)}});
  return cat.format(req.lang, "support.figures.minutes", {{"m", std::to_string(minutes)}});
}

nlohmann::json article_row(const support::Article& a, const std::string& lang) {
  return {{"id", a.id},
          {"href", "/support/articles/" + std::to_string(a.id)},
          {"title", a.title(lang)},
          {"excerpt", excerpt(a.body(lang))},
          {"draft", !a.published}};
}

nlohmann::json ticket_row(const Services& s, const Request& req, const support::Ticket& t, bool federation) {
  return {{"id", t.id},
          {"href", ticket_path(t.id)},
          {"subject", t.subject},
          {"agency", t.agency_code},
          {"asked_by", t.asked_by_login},
          {"category", label(s, req, "support.categories." + std::string(support::to_string(t.category)))},
          {"status", label(s, req, "support.statuses." + std::string(support::to_string(t.status)))},
          {"status_code", support::to_string(t.status)},
          {"created_at", web::format_date_time(t.created_at)},
          {"unread", federation ? t.federation_unread : t.asker_unread}};
}

nlohmann::json choices(const Services& s, const Request& req, const std::string& prefix,
                       const std::vector<std::string>& values, const std::string& chosen) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values)
    out.push_back({{"value", v}, {"label", label(s, req, prefix + v)}, {"selected", v == chosen}});
  return out;
}

std::vector<std::string> category_codes() {
  std::vector<std::string> out;
  for (auto c : support::kCategories) out.emplace_back(support::to_string(c));
  return out;
}

// ---- Ask for help ----

Response new_ticket_page(const Request& req, const Services& s, nlohmann::json form, const DomainError* error, int status) {
  const std::string q = req.query_value("q");
  std::string from = form.value("from", std::string());
  if (from.empty()) from = support::page_path_of(req.query_value("from"));
  form["from"] = from;
  if (form.value("subject", std::string()).empty()) form["subject"] = q;
  nlohmann::json articles = nlohmann::json::array();
  if (!trim(q).empty())
    for (const auto& a : app::search_articles(s.store, req.context(), q, req.lang, 5)) articles.push_back(article_row(a, req.lang));
  nlohmann::json model = {{"form", form},
                          {"q", q},
                          {"from", from},
                          {"searched", !trim(q).empty()},
                          {"articles", articles},
                          {"has_articles", !articles.empty()},
                          {"categories", choices(s, req, "support.categories.", category_codes(),
                                                 form.value("category", std::string()))}};
  if (error) model["errors"] = errors_of(s, req, *error, {"subject", "question", "category"});
  auto info = page_info(req, s, "support.new.title", "support");
  return Response::html(s.views.page(info, "support/new", model), status);
}

// ---- A ticket ----

Response ticket_page(const Request& req, const Services& s, std::int64_t id, const nlohmann::json& typed,
                     const DomainError* error, int status) {
  auto ctx = req.context();
  auto d = app::read_ticket(s.store, ctx, id);
  const auto& t = d.ticket;
  const bool federation = ctx.can(Permission::support_triage), ask = ctx.can(Permission::support_ask),
             maintain = ctx.can(Permission::support_maintain);
  const bool from_support = federation || maintain;
  const auto& cat = s.views.catalog();
  nlohmann::json comments = nlohmann::json::array();
  for (const auto& c : d.comments)
    comments.push_back({{"author", c.author_login},
                        {"side", label(s, req, c.from_federation ? "support.ticket.side_support" : "support.ticket.side_agency")},
                        {"from_support", c.from_federation},
                        {"body", c.body},
                        {"at", web::format_date_time(c.created_at)}});
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : d.files)
    files.push_back({{"name", f.file_name}, {"href", "/support/files/" + std::to_string(f.id)}});
  const bool open = support::is_open(t.status);
  const bool can_resolve = (t.status == support::Status::answered || t.status == support::Status::forwarded);
  nlohmann::json model = {
      {"id", t.id},
      {"action_base", ticket_path(t.id)},
      {"subject", t.subject},
      {"question", t.question},
      {"agency", t.agency_code},
      {"asked_by", t.asked_by_login},
      {"page", t.page_path},
      {"language", label(s, req, "support.languages." + t.language)},
      {"created_at", web::format_date_time(t.created_at)},
      {"category", label(s, req, "support.categories." + std::string(support::to_string(t.category)))},
      {"status", label(s, req, "support.statuses." + std::string(support::to_string(t.status)))},
      {"status_code", support::to_string(t.status)},
      {"triage", t.triage ? nlohmann::json(label(s, req, "support.triages." + std::string(support::to_string(*t.triage))))
                          : nlohmann::json()},
      {"duplicate_of", t.duplicate_of ? nlohmann::json({{"id", *t.duplicate_of}, {"href", ticket_path(*t.duplicate_of)}})
                                      : nlohmann::json()},
      {"article", d.article ? article_row(*d.article, req.lang) : nlohmann::json()},
      {"comments", comments},
      {"has_comments", !comments.empty()},
      {"files", files},
      {"has_files", !files.empty()},
      {"can_comment", t.status != support::Status::closed},
      {"can_attach", t.status != support::Status::closed},
      {"can_triage", federation && open},
      {"can_resolve", can_resolve},
      {"can_close", federation && open},
      {"can_reopen", ask && (t.status == support::Status::resolved || t.status == support::Status::answered)},
      {"can_make_article", ctx.can(Permission::support_knowledge_manage) &&
                               (t.status == support::Status::answered || t.status == support::Status::resolved)},
      {"from_support", from_support},
      {"list_title", text(s, req, federation ? "support.list.queue_title"
                                  : maintain ? "support.list.defects_title"
                                             : "support.list.mine_title")},
      {"created", req.query_value("created") == "1"},
      {"file_max", cat.format(req.lang, "attachments.size_mb",
                              {{"n", std::to_string(attachments::kMaxBytes / (1024 * 1024))}})},
  };
  if (federation && open) {
    model["triages"] = nlohmann::json::array();
    for (auto tr : support::kTriages) {
      const std::string code(support::to_string(tr));
      model["triages"].push_back({{"value", code},
                                  {"label", label(s, req, "support.triages." + code)},
                                  {"checked", typed.value("triage", std::string()) == code}});
    }
    nlohmann::json articles = nlohmann::json::array();
    for (const auto& a : app::search_articles(s.store, ctx, "", req.lang, 200))
      if (a.published)
        articles.push_back({{"id", a.id},
                            {"title", a.title(req.lang)},
                            {"selected", typed.value("article_id", std::string()) == std::to_string(a.id)}});
    model["articles"] = articles;
  }
  model["typed"] = typed;
  if (error) model["errors"] = errors_of(s, req, *error, {"triage", "answer", "article_id", "duplicate_of", "body"});
  const std::string file_error = req.query_value("file_error");
  for (const char* code : kFileErrors)
    if (file_error == code) model["file_error"] = cat.format(req.lang, code, {{"max", model["file_max"].get<std::string>()}});
  auto info = page_info(req, s, "support.ticket.title", "support");
  info.title += " " + std::to_string(t.id);
  return Response::html(s.views.page(info, "support/ticket", model), status);
}

// ---- Articles ----

Response article_form_page(const Request& req, const Services& s, std::optional<std::int64_t> id, const nlohmann::json& form,
                           const DomainError* error, int status) {
  nlohmann::json model = {{"form", form},
                          {"editing", id.has_value()},
                          {"published", form.value("published", std::string()) == "true" ||
                                            form.value("published", std::string()) == "on"},
                          {"action", id ? "/support/articles/" + std::to_string(*id) : std::string("/support/articles")}};
  if (error)
    model["errors"] = errors_of(s, req, *error, {"title_fr", "body_fr", "title_nl", "body_nl", "title_en", "body_en"});
  auto info = page_info(req, s, id ? "support.articles.edit_title" : "support.articles.new_title", "support_articles");
  return Response::html(s.views.page(info, "support/article_form", model), status);
}

nlohmann::json article_values(const support::Article& a) {
  return {{"title_fr", a.title_fr}, {"body_fr", a.body_fr}, {"title_nl", a.title_nl}, {"body_nl", a.body_nl},
          {"title_en", a.title_en}, {"body_en", a.body_en}, {"published", a.published ? "true" : ""}};
}

}  // namespace

void add_support_page_routes(std::vector<Route>& routes, Services& s) {
  // Ask for help: the knowledge base first (?q), then the form.
  routes.push_back({"GET", "/support/new", needing(Permission::support_ask), [&s](Request& req) {
    if (auto d = form_draft(req, s)) return new_ticket_page(req, s, d->values, &d->error, d->status);
    return new_ticket_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/support/tickets", needing(Permission::support_ask), [&s](Request& req) {
    auto input = read_form<app::TicketFields>(req, kTicketFormFields);
    return submit_form(
        req, s, "/support/new", input,
        [&] {
          auto t = app::create_ticket(s.store, req.context(), input.fields, req.lang);
          return Response::redirect(ticket_path(t.id) + "?created=1");
        },
        [&](const DomainError& e, int status) { return new_ticket_page(req, s, input.values, &e, status); });
  }});

  routes.push_back({"GET", "/support/tickets", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    const auto q = ticket_query(req);
    auto page = app::list_tickets(s.store, ctx, q, req.paging());
    const bool federation = ctx.can(Permission::support_triage), maintain = ctx.can(Permission::support_maintain);
    ListPage list;
    for (const auto& t : page.items) list.items.push_back(ticket_row(s, req, t, federation));
    list.total = page.total;
    list.paging = req.paging();
    list.filters = {"status", "category"};
    list.agency_filter = federation;
    auto model = list_page_model(req, s, list);
    std::vector<std::string> statuses;
    for (auto st : support::kStatuses) statuses.emplace_back(support::to_string(st));
    model["statuses"] = choices(s, req, "support.statuses.", statuses, q.status);
    model["categories"] = choices(s, req, "support.categories.", category_codes(), q.category);
    model["federation"] = federation;
    model["can_ask"] = ctx.can(Permission::support_ask);
    const char* title = federation ? "support.list.queue_title" : maintain ? "support.list.defects_title" : "support.list.mine_title";
    model["heading"] = text(s, req, title);
    auto info = page_info(req, s, title, "support");
    return Response::html(s.views.page(info, "support/list", model));
  }});

  routes.push_back({"GET", "/support/tickets/{id}", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    if (auto d = form_draft(req, s)) return ticket_page(req, s, id, d->values, &d->error, d->status);
    return ticket_page(req, s, id, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/support/tickets/{id}/comments", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    app::find_ticket(s.store, req.context(), id);  // 404 before looking at the form
    FormState typed(nlohmann::json{{"form", "comment"}, {"body", req.form_value("body")}});
    return submit_form(
        req, s, ticket_path(id), typed,
        [&] {
          app::comment_ticket(s.store, req.context(), id, req.form_value("body"));
          return Response::redirect(ticket_path(id) + "#comments");
        },
        [&](const DomainError& e, int status) { return ticket_page(req, s, id, typed.values, &e, status); });
  }});

  routes.push_back({"POST", "/support/tickets/{id}/triage", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    auto ctx = req.context();
    app::find_ticket(s.store, ctx, id);  // 404 before looking at the form
    ctx.require(Permission::support_triage);
    auto input = read_form<app::TriageFields>(req, kTriageFormFields);
    input.values["form"] = "triage";
    return submit_form(
        req, s, ticket_path(id), input,
        [&] {
          app::triage_ticket(s.store, req.context(), id, input.fields);
          return Response::redirect(ticket_path(id));
        },
        [&](const DomainError& e, int status) { return ticket_page(req, s, id, input.values, &e, status); });
  }});

  routes.push_back({"POST", "/support/tickets/{id}/status", reaching("support_ticket"), [&s](Request& req) {
    const auto id = req.path_id();
    app::find_ticket(s.store, req.context(), id);  // 404 before looking at the form
    auto action = app::parse_status_action(req.form_value("action"));
    if (!action) throw DomainError(ErrorKind::validation, "support.invalid_action").field("action");
    app::change_ticket_status(s.store, req.context(), id, *action);
    return Response::redirect(ticket_path(id));
  }});

  routes.push_back({"POST", "/support/tickets/{id}/files", reaching("support_ticket"),
                    [&s](Request& req) {
                      const auto id = req.path_id();
                      std::string bytes, name;
                      if (auto f = req.files.find("file"); f != req.files.end()) bytes = f->second;
                      if (auto n = req.file_names.find("file"); n != req.file_names.end()) name = n->second;
                      try {
                        app::attach_ticket_file(s.store, req.context(), id, name, bytes);
                      } catch (const DomainError& e) {
                        if (e.kind() != ErrorKind::validation) throw;
                        std::string code = e.code();
                        if (auto f = e.fields().find("file"); f != e.fields().end()) code = f->second;
                        return Response::redirect(ticket_path(id) + "?file_error=" + code + "#files");
                      }
                      return Response::redirect(ticket_path(id) + "#files");
                    },
                    kMaxUpload});

  routes.push_back({"GET", "/support/files/{id}", reaching("support_file"), [&s](Request& req) {
    auto f = app::download_ticket_file(s.store, req.context(), req.path_id());
    return download(f.file.file_name, f.file.media_type, std::move(f.bytes));
  }});

  routes.push_back({"POST", "/support/tickets/{id}/article", reaching("support_ticket"), [&s](Request& req) {
    auto a = app::article_from_ticket(s.store, req.context(), req.path_id());
    return Response::redirect("/support/articles/" + std::to_string(a.id) + "/edit");
  }});

  // The knowledge base.
  routes.push_back({"GET", "/support/articles", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : app::search_articles(s.store, ctx, req.query_value("q"), req.lang)) items.push_back(article_row(a, req.lang));
    nlohmann::json model = {{"items", items},
                            {"has_items", !items.empty()},
                            {"q", req.query_value("q")},
                            {"can_manage", ctx.can(Permission::support_knowledge_manage)},
                            {"can_ask", ctx.can(Permission::support_ask)}};
    auto info = page_info(req, s, "support.articles.title", "support_articles");
    return Response::html(s.views.page(info, "support/articles", model));
  }});

  routes.push_back({"GET", "/support/articles/new", needing(Permission::support_knowledge_manage), [&s](Request& req) {
    if (auto d = form_draft(req, s)) return article_form_page(req, s, std::nullopt, d->values, &d->error, d->status);
    return article_form_page(req, s, std::nullopt, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/support/articles", needing(Permission::support_knowledge_manage), [&s](Request& req) {
    auto input = read_form<app::ArticleFields>(req, kArticleFormFields);
    return submit_form(
        req, s, "/support/articles/new", input,
        [&] {
          auto a = app::create_article(s.store, req.context(), input.fields);
          return Response::redirect("/support/articles/" + std::to_string(a.id));
        },
        [&](const DomainError& e, int status) { return article_form_page(req, s, std::nullopt, input.values, &e, status); });
  }});

  routes.push_back({"GET", "/support/articles/{id}", reaching("support_article"), [&s](Request& req) {
    auto ctx = req.context();
    auto a = app::read_article(s.store, ctx, req.path_id());
    nlohmann::json model = article_row(a, req.lang);
    model["body"] = a.body(req.lang);
    model["can_manage"] = ctx.can(Permission::support_knowledge_manage);
    model["can_ask"] = ctx.can(Permission::support_ask);
    model["updated_at"] = web::format_date_time(a.updated_at);
    auto info = page_info(req, s, "support.articles.title", "support_articles");
    info.title = a.title(req.lang);
    return Response::html(s.views.page(info, "support/article", model));
  }});

  routes.push_back({"GET", "/support/articles/{id}/edit", reaching("support_article", Permission::support_knowledge_manage),
                    [&s](Request& req) {
                      const auto id = req.path_id();
                      auto a = app::read_article(s.store, req.context(), id);
                      if (auto d = form_draft(req, s)) return article_form_page(req, s, id, d->values, &d->error, d->status);
                      return article_form_page(req, s, id, article_values(a), nullptr, 200);
                    }});

  routes.push_back({"POST", "/support/articles/{id}", reaching("support_article", Permission::support_knowledge_manage),
                    [&s](Request& req) {
                      const auto id = req.path_id();
                      app::read_article(s.store, req.context(), id);  // 404 before looking at the form
                      auto input = read_form<app::ArticleFields>(req, kArticleFormFields);
                      if (input.fields.published->empty()) input.fields.published = "false";
                      return submit_form(
                          req, s, "/support/articles/" + std::to_string(id) + "/edit", input,
                          [&] {
                            app::update_article(s.store, req.context(), id, input.fields);
                            return Response::redirect("/support/articles/" + std::to_string(id));
                          },
                          [&](const DomainError& e, int status) { return article_form_page(req, s, id, input.values, &e, status); });
                    }});

  // Response times.
  routes.push_back({"GET", "/support/figures", needing(Permission::support_figures), [&s](Request& req) {
    auto f = app::support_figures(s.store, req.context());
    auto row = [&](const app::FigureRow& r, const std::string& name) {
      return nlohmann::json{{"name", name},
                            {"tickets", r.tickets},
                            {"open", r.open},
                            {"answered", r.first_answer.count},
                            {"first_median", duration_text(s, req, r.first_answer.median)},
                            {"first_p90", duration_text(s, req, r.first_answer.p90)},
                            {"resolved", r.resolution.count},
                            {"resolution_median", duration_text(s, req, r.resolution.median)},
                            {"resolution_p90", duration_text(s, req, r.resolution.p90)}};
    };
    nlohmann::json agencies = nlohmann::json::array(), categories = nlohmann::json::array();
    for (const auto& r : f.agencies) agencies.push_back(row(r, r.key));
    for (const auto& r : f.categories) categories.push_back(row(r, text(s, req, "support.categories." + r.key)));
    nlohmann::json model = {{"all", row(f.all, text(s, req, "support.figures.all"))},
                            {"agencies", agencies},
                            {"has_agencies", !agencies.empty()},
                            {"categories", categories}};
    auto info = page_info(req, s, "support.figures.title", "support_figures");
    return Response::html(s.views.page(info, "support/figures", model));
  }});
}

}  // namespace hms::http

#include "http/handlers/support/helpdesk_json.hpp"

namespace hms::http {
namespace {

nlohmann::json opt_int(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

nlohmann::json durations_json(const support::Durations& d) {
  return {{"count", d.count}, {"median_seconds", opt_int(d.median)}, {"p90_seconds", opt_int(d.p90)}};
}

nlohmann::json row_json(const app::FigureRow& r) {
  return {{"key", r.key},
          {"tickets", r.tickets},
          {"open", r.open},
          {"first_answer", durations_json(r.first_answer)},
          {"resolution", durations_json(r.resolution)}};
}

}  // namespace

nlohmann::json ticket_json(const support::Ticket& t, bool unread) {
  return {{"id", t.id},
          {"agency", t.agency_code},
          {"asked_by", t.asked_by_login},
          {"subject", t.subject},
          {"question", t.question},
          {"category", support::to_string(t.category)},
          {"page", t.page_path},
          {"language", t.language},
          {"status", support::to_string(t.status)},
          {"triage", t.triage ? nlohmann::json(support::to_string(*t.triage)) : nlohmann::json()},
          {"duplicate_of", opt_int(t.duplicate_of)},
          {"article_id", opt_int(t.article_id)},
          {"created_at", t.created_at},
          {"first_answer_at", opt_int(t.first_answer_at)},
          {"resolved_at", opt_int(t.resolved_at)},
          {"unread", unread}};
}

nlohmann::json comment_json(const support::Comment& c) {
  return {{"id", c.id},
          {"author", c.author_login},
          {"from_federation", c.from_federation},
          {"body", c.body},
          {"created_at", c.created_at}};
}

nlohmann::json ticket_file_json(const support::TicketFile& f) {
  return {{"id", f.id},
          {"name", f.file_name},
          {"media_type", f.media_type},
          {"size_bytes", f.size_bytes},
          {"href", "/support/files/" + std::to_string(f.id)}};
}

nlohmann::json ticket_detail_json(const app::TicketDetail& d, const app::Context& ctx) {
  const bool federation = ctx.can(users::Permission::support_triage);
  auto out = ticket_json(d.ticket, federation ? d.ticket.federation_unread : d.ticket.asker_unread);
  nlohmann::json comments = nlohmann::json::array(), files = nlohmann::json::array();
  for (const auto& c : d.comments) comments.push_back(comment_json(c));
  for (const auto& f : d.files) files.push_back(ticket_file_json(f));
  out["comments"] = comments;
  out["files"] = files;
  out["article"] = d.article ? nlohmann::json{{"id", d.article->id},
                                              {"title_fr", d.article->title_fr},
                                              {"title_nl", d.article->title_nl},
                                              {"title_en", d.article->title_en}}
                             : nlohmann::json();
  return out;
}

nlohmann::json article_json(const support::Article& a, const std::string& lang, bool full) {
  nlohmann::json out = {{"id", a.id},
                        {"title", a.title(lang)},
                        {"body", a.body(lang)},
                        {"published", a.published},
                        {"updated_at", a.updated_at}};
  if (full) {
    out["title_fr"] = a.title_fr;
    out["body_fr"] = a.body_fr;
    out["title_nl"] = a.title_nl;
    out["body_nl"] = a.body_nl;
    out["title_en"] = a.title_en;
    out["body_en"] = a.body_en;
    out["from_ticket"] = opt_int(a.from_ticket);
  }
  return out;
}

nlohmann::json figures_json(const app::Figures& f) {
  nlohmann::json agencies = nlohmann::json::array(), categories = nlohmann::json::array();
  for (const auto& r : f.agencies) agencies.push_back(row_json(r));
  for (const auto& r : f.categories) categories.push_back(row_json(r));
  return {{"all", row_json(f.all)}, {"agencies", agencies}, {"categories", categories}};
}

app::TicketQuery ticket_query(const Request& req) {
  app::TicketQuery q;
  q.status = req.query_value("status");
  q.category = req.query_value("category");
  q.agency = req.query_value("agency");
  q.open_only = req.query_value("open") == "1";
  return q;
}

}  // namespace hms::http

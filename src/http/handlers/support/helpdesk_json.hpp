// The helpdesk's JSON shapes (issue 13, part 1) and its query parameters. The handlers of the
// support module live beside the page kit in handlers/support/, under the names helpdesk_*.
#pragma once
#include <nlohmann/json.hpp>

#include "app/support/support.hpp"
#include "http/request.hpp"

namespace hms::http {

// {"id", "agency", "asked_by", "subject", "question", "category", "page", "language", "status",
//  "triage", "duplicate_of", "article_id", "created_at", "first_answer_at", "resolved_at",
//  "unread"} — times in Unix seconds, null when not yet.
nlohmann::json ticket_json(const support::Ticket& t, bool unread);
nlohmann::json comment_json(const support::Comment& c);
nlohmann::json ticket_file_json(const support::TicketFile& f);
// The ticket with "comments", "files" and "article" (id and titles, or null).
nlohmann::json ticket_detail_json(const app::TicketDetail& d, const app::Context& ctx);
// One language ("title", "body" of `lang`) plus every language for the federation (`full`).
nlohmann::json article_json(const support::Article& a, const std::string& lang, bool full);
nlohmann::json figures_json(const app::Figures& f);
// ?status, ?category, ?agency, ?open=1.
app::TicketQuery ticket_query(const Request& req);

}  // namespace hms::http

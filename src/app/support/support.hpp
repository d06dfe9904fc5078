// The helpdesk's use cases (issue 13, part 1). Who may:
//   - agency staff and admins (support_ask) ask, follow, comment, resolve and reopen the tickets
//     of their own agency (all of them: a colleague's question is the agency's);
//   - the federation (support_triage) reads every agency's tickets, triages, answers, comments
//     and closes; it writes the knowledge base (support_knowledge_manage);
//   - the system administrator (support_maintain) reads and comments the tickets forwarded as
//     defects (the maintainers' queue) and resolves them;
//   - the federation and the region read the response-time figures (support_figures);
//   - every logged-in user reads and searches the published knowledge articles.
// Another agency's ticket, or one outside the reader's queue, is the 404 "support.not_found".
// Audited: a ticket's creation (support.create), its triage (support.triage), a change of
// status (support.status), a file attached (support.file_upload), an article written or
// published (support.article_create, support.article_update, support.article_publish); never a
// ticket's or article's text.
//   auto t = create_ticket(store, ctx, {.subject = "Loyer plafond", .question = "…", .category = "usage",
//                                       .from = "/dwellings?q=Dupont"}, "fr");   // t.page_path == "/dwellings"
//   triage_ticket(store, federation_ctx, t.id, {.triage = "usage", .article_id = "3"});
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/support/ticket.hpp"

namespace hms::app {

// What the "Ask for help" form sends.
struct TicketFields {
  std::optional<std::string> subject;
  std::optional<std::string> question;
  std::optional<std::string> category;  // rules | usage | defect
  std::optional<std::string> from;      // the page the button was pressed on; only its path is kept
};
template <typename F>
void for_each_field(TicketFields& f, F&& fn) {
  fn("subject", f.subject);
  fn("question", f.question);
  fn("category", f.category);
  fn("from", f.from);
}

// Opens a ticket for the actor's agency in `language` (the reader's: fr, nl or en). Every
// problem at once: support.subject_required / subject_too_long, support.question_required /
// question_too_long, support.invalid_category; nothing written then.
support::Ticket create_ticket(Store& store, const Context& ctx, const TicketFields& fields, const std::string& language);

// A list of tickets: the agency's own for agency users, every agency's for the federation
// (narrowed by ?agency code), the forwarded defects for the system administrator.
struct TicketQuery {
  std::string status;    // "" or a status; an unknown one is support.invalid_status
  std::string category;  // "" or a category
  std::string agency;    // "" or an agency code (cross-agency readers)
  bool open_only = false;
};
Page<support::Ticket> list_tickets(Store& store, const Context& ctx, const TicketQuery& q, const Paging& paging);

struct TicketDetail {
  support::Ticket ticket;
  std::vector<support::Comment> comments;
  std::vector<support::TicketFile> files;
  std::optional<support::Article> article;  // the published article the answer links to
};
// A ticket with its comments and files; reading it clears the reader's side's unread flag.
TicketDetail read_ticket(Store& store, const Context& ctx, std::int64_t id);
// The ticket if the actor reaches it (else 403 / support.not_found), without marking it read.
support::Ticket find_ticket(Store& store, const Context& ctx, std::int64_t id);

// A comment from the asker's agency (the federation is notified) or from the federation or the
// maintainers (the asker is notified; the first one is the first answer). support.comment_required,
// support.comment_too_long; a closed ticket takes none (support.ticket_closed).
support::Comment comment_ticket(Store& store, const Context& ctx, std::int64_t id, const std::string& body);

// The federation's triage.
struct TriageFields {
  std::optional<std::string> triage;        // business | usage | defect | duplicate
  std::optional<std::string> answer;        // the answer's text (required for business)
  std::optional<std::string> article_id;    // usage: a published article (or an answer with a tutorial link)
  std::optional<std::string> duplicate_of;  // duplicate: another ticket's id
};
template <typename F>
void for_each_field(TriageFields& f, F&& fn) {
  fn("triage", f.triage);
  fn("answer", f.answer);
  fn("article_id", f.article_id);
  fn("duplicate_of", f.duplicate_of);
}
// The status follows support::next_status; the answer, if any, is a comment of the federation.
support::Ticket triage_ticket(Store& store, const Context& ctx, std::int64_t id, const TriageFields& fields);

// resolve (the asker's agency, the federation, the maintainers for a forwarded one), close (the
// federation), reopen (the asker's agency).
support::Ticket change_ticket_status(Store& store, const Context& ctx, std::int64_t id, support::Action action);
std::optional<support::Action> parse_status_action(const std::string& s);  // "resolve" | "close" | "reopen"

// A file attached to a ticket by someone who reads it: the checks of attached documents
// (attachments.file_missing, too_large, type_refused, extension_mismatch), stored in the same
// folder under the ticket's agency.
support::TicketFile attach_ticket_file(Store& store, const Context& ctx, std::int64_t ticket_id,
                                       const std::string& file_name, const std::string& bytes);
struct TicketFileBytes {
  support::TicketFile file;
  std::string bytes;
};
// The file's bytes, checked against their SHA-256 (attachments.file_damaged otherwise).
TicketFileBytes download_ticket_file(Store& store, const Context& ctx, std::int64_t file_id);

// The header's count: tickets the federation answered since the asker read them (agency users),
// tickets new or commented since the federation read them (federation), defects forwarded or
// commented since the maintainers read them (system administrator); 0 for the region.
std::int64_t support_unread(Store& store, const Context& ctx);

// Response times, in seconds, of every agency's tickets.
struct FigureRow {
  std::string key;  // an agency code, a category, or "all"
  std::int64_t tickets = 0;
  std::int64_t open = 0;
  support::Durations first_answer;
  support::Durations resolution;
};
struct Figures {
  FigureRow all;
  std::vector<FigureRow> agencies;    // by agency code
  std::vector<FigureRow> categories;  // in the order of support::kCategories
};
Figures support_figures(Store& store, const Context& ctx);

// ---- The knowledge base ----

struct ArticleFields {
  std::optional<std::string> title_fr, body_fr, title_nl, body_nl, title_en, body_en;
  std::optional<std::string> published;  // "true" | "false" (a form's check box: "on")
};
template <typename F>
void for_each_field(ArticleFields& f, F&& fn) {
  fn("title_fr", f.title_fr);
  fn("body_fr", f.body_fr);
  fn("title_nl", f.title_nl);
  fn("body_nl", f.body_nl);
  fn("title_en", f.title_en);
  fn("body_en", f.body_en);
  fn("published", f.published);
}

// Published articles matching the words of `q` (every article for support_knowledge_manage),
// best first: a word in the title of the reader's language counts most, then its body, then the
// other languages. An empty `q` lists them all, most recently changed first. At most `limit`.
std::vector<support::Article> search_articles(Store& store, const Context& ctx, const std::string& q,
                                              const std::string& lang, std::size_t limit = 50);
// A published article (or any, for support_knowledge_manage); else support.article_not_found.
support::Article read_article(Store& store, const Context& ctx, std::int64_t id);
// Titles 1–200 and bodies 1–5000 characters in all three languages (support.article_*_required,
// *_too_long on each field), every problem at once.
support::Article create_article(Store& store, const Context& ctx, const ArticleFields& fields);
// Changes the fields given (unset ones kept); publishing is audited as support.article_publish.
support::Article update_article(Store& store, const Context& ctx, std::int64_t id, const ArticleFields& fields);
// A draft article (not published) from an answered ticket: its subject and question in the
// ticket's language, and the federation's answers; the other languages start as that text too,
// to be translated before publishing.
support::Article article_from_ticket(Store& store, const Context& ctx, std::int64_t ticket_id);

}  // namespace hms::app

#include "storage/support/support_repository.hpp"

#include <stdexcept>

#include "storage/db/where.hpp"

namespace hms::storage {
namespace {

using db::Where;

constexpr const char* kInsertTicket =
    "INSERT INTO support_tickets (agency_id, asked_by, subject, question, category, page_path, language, status,"
    " created_at, updated_at, asker_unread, federation_unread)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
constexpr const char* kTicketColumns =
    "SELECT t.id, t.agency_id, a.code, t.asked_by, u.login, t.subject, t.question, t.category, t.page_path, t.language,"
    " t.status, t.triage, t.duplicate_of, t.article_id, t.created_at, t.first_answer_at, t.resolved_at, t.updated_at,"
    " t.asker_unread, t.federation_unread, t.maintainers_unread"
    " FROM support_tickets t JOIN agencies a ON a.id = t.agency_id JOIN users u ON u.id = t.asked_by ";
constexpr const char* kUpdateTicket =
    "UPDATE support_tickets SET status = $2, triage = $3, duplicate_of = $4, article_id = $5, first_answer_at = $6,"
    " resolved_at = $7, updated_at = $8, asker_unread = $9, federation_unread = $10, maintainers_unread = $11 WHERE id = $1";
// Led by agency_id: the index support_tickets_asker.
constexpr const char* kCountAskerUnread =
    "SELECT COUNT(*) FROM support_tickets WHERE agency_id = $1 AND asked_by = $2 AND asker_unread = 1";
constexpr const char* kCountFederationUnread = "SELECT COUNT(*) FROM support_tickets WHERE federation_unread = 1";
constexpr const char* kCountMaintainersUnread =
    "SELECT COUNT(*) FROM support_tickets WHERE triage = 'defect' AND maintainers_unread = 1";

constexpr const char* kInsertComment =
    "INSERT INTO support_comments (agency_id, ticket_id, author_id, from_federation, body, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr const char* kComments =
    "SELECT c.id, c.agency_id, c.ticket_id, c.author_id, u.login, c.from_federation, c.body, c.created_at"
    " FROM support_comments c LEFT JOIN users u ON u.id = c.author_id"
    " WHERE c.agency_id = $1 AND c.ticket_id = $2 ORDER BY c.created_at, c.id";

constexpr const char* kInsertFile =
    "INSERT INTO support_files (agency_id, ticket_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr const char* kFileColumns =
    "SELECT id, agency_id, ticket_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at FROM support_files ";

constexpr const char* kInsertArticle =
    "INSERT INTO support_articles (title_fr, body_fr, title_nl, body_nl, title_en, body_en, published, from_ticket,"
    " created_by, created_at, updated_at, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    " RETURNING id";
constexpr const char* kUpdateArticle =
    "UPDATE support_articles SET title_fr = $2, body_fr = $3, title_nl = $4, body_nl = $5, title_en = $6, body_en = $7,"
    " published = $8, updated_at = $9, published_at = $10 WHERE id = $1";
constexpr const char* kArticleColumns =
    "SELECT id, title_fr, body_fr, title_nl, body_nl, title_en, body_en, published, from_ticket, created_by, created_at,"
    " updated_at, published_at FROM support_articles ";

support::Ticket read_ticket(const db::Row& r) {
  support::Ticket t;
  t.id = r.integer(0);
  t.agency_id = r.integer(1);
  t.agency_code = r.text(2);
  t.asked_by = r.integer(3);
  t.asked_by_login = r.text(4);
  t.subject = r.text(5);
  t.question = r.text(6);
  auto category = support::parse_category(r.text(7));
  auto status = support::parse_status(r.text(10));
  if (!category || !status) throw std::runtime_error("support: unknown value in ticket " + std::to_string(t.id));
  t.category = *category;
  t.page_path = r.text(8);
  t.language = r.text(9);
  t.status = *status;
  if (auto triage = r.opt_text(11)) t.triage = support::parse_triage(*triage);
  t.duplicate_of = r.opt_integer(12);
  t.article_id = r.opt_integer(13);
  t.created_at = r.integer(14);
  t.first_answer_at = r.opt_integer(15);
  t.resolved_at = r.opt_integer(16);
  t.updated_at = r.integer(17);
  t.asker_unread = r.integer(18) != 0;
  t.federation_unread = r.integer(19) != 0;
  t.maintainers_unread = r.integer(20) != 0;
  return t;
}

support::TicketFile read_file(const db::Row& r) {
  support::TicketFile f;
  f.id = r.integer(0);
  f.agency_id = r.integer(1);
  f.ticket_id = r.integer(2);
  f.file_name = r.text(3);
  f.media_type = r.text(4);
  f.size_bytes = r.integer(5);
  f.sha256 = r.text(6);
  f.uploaded_by = r.opt_integer(7);
  f.uploaded_at = r.integer(8);
  return f;
}

support::Article read_article(const db::Row& r) {
  support::Article a;
  a.id = r.integer(0);
  a.title_fr = r.text(1);
  a.body_fr = r.text(2);
  a.title_nl = r.text(3);
  a.body_nl = r.text(4);
  a.title_en = r.text(5);
  a.body_en = r.text(6);
  a.published = r.integer(7) != 0;
  a.from_ticket = r.opt_integer(8);
  a.created_by = r.opt_integer(9);
  a.created_at = r.integer(10);
  a.updated_at = r.integer(11);
  a.published_at = r.opt_integer(12);
  return a;
}

Where where_of(const support::TicketFilter& f) {
  Where w;
  if (f.agency_id) w.add("t.agency_id = ?", {*f.agency_id});
  if (f.status) w.add("t.status = ?", {std::string(support::to_string(*f.status))});
  if (f.category) w.add("t.category = ?", {std::string(support::to_string(*f.category))});
  if (f.open_only) w.add("t.status IN ('new', 'answered', 'forwarded')", {});
  if (f.forwarded_only) w.add("t.triage = 'defect'", {});
  return w;
}

db::Value flag(bool b) { return std::int64_t{b ? 1 : 0}; }
db::Value opt_triage(const std::optional<support::Triage>& t) {
  return t ? db::Value(std::string(support::to_string(*t))) : db::Value();
}

}  // namespace

std::int64_t SqlSupportRepository::insert_ticket(const support::Ticket& t) {
  return c_.query_one(kInsertTicket, {t.agency_id, t.asked_by, t.subject, t.question, std::string(support::to_string(t.category)),
                                      t.page_path, t.language, std::string(support::to_string(t.status)), t.created_at,
                                      t.updated_at, flag(t.asker_unread), flag(t.federation_unread)})
      ->integer(0);
}

std::optional<support::Ticket> SqlSupportRepository::find_ticket(std::int64_t id) {
  auto r = c_.query_one(std::string(kTicketColumns) + "WHERE t.id = $1", {id});
  if (!r) return std::nullopt;
  return read_ticket(*r);
}

std::vector<support::Ticket> SqlSupportRepository::list_tickets(const support::TicketFilter& f, int limit, int offset) {
  Where w = where_of(f);
  std::string sql = std::string(kTicketColumns) + w.sql + " ORDER BY t.created_at DESC, t.id DESC" + w.limit_offset(limit, offset);
  std::vector<support::Ticket> out;
  for (const auto& r : c_.query(sql, w.params)) out.push_back(read_ticket(r));
  return out;
}

std::int64_t SqlSupportRepository::count_tickets(const support::TicketFilter& f) {
  Where w = where_of(f);
  return c_.query_one("SELECT COUNT(*) FROM support_tickets t " + w.sql, w.params)->integer(0);
}

void SqlSupportRepository::update_ticket(const support::Ticket& t) {
  c_.execute(kUpdateTicket, {t.id, std::string(support::to_string(t.status)), opt_triage(t.triage),
                             db::nullable(t.duplicate_of), db::nullable(t.article_id), db::nullable(t.first_answer_at),
                             db::nullable(t.resolved_at), t.updated_at, flag(t.asker_unread), flag(t.federation_unread),
                             flag(t.maintainers_unread)});
}

std::int64_t SqlSupportRepository::count_asker_unread(std::int64_t agency_id, std::int64_t user_id) {
  return c_.query_one(kCountAskerUnread, {agency_id, user_id})->integer(0);
}

std::int64_t SqlSupportRepository::count_federation_unread() {
  return c_.query_one(kCountFederationUnread)->integer(0);
}

std::int64_t SqlSupportRepository::count_maintainers_unread() {
  return c_.query_one(kCountMaintainersUnread)->integer(0);
}

std::int64_t SqlSupportRepository::insert_comment(const support::Comment& c) {
  return c_.query_one(kInsertComment, {c.agency_id, c.ticket_id, db::nullable(c.author_id), flag(c.from_federation), c.body,
                                       c.created_at})
      ->integer(0);
}

std::vector<support::Comment> SqlSupportRepository::comments(std::int64_t agency_id, std::int64_t ticket_id) {
  std::vector<support::Comment> out;
  for (const auto& r : c_.query(kComments, {agency_id, ticket_id})) {
    support::Comment c;
    c.id = r.integer(0);
    c.agency_id = r.integer(1);
    c.ticket_id = r.integer(2);
    c.author_id = r.opt_integer(3);
    c.author_login = r.opt_text(4).value_or("");
    c.from_federation = r.integer(5) != 0;
    c.body = r.text(6);
    c.created_at = r.integer(7);
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t SqlSupportRepository::insert_file(const support::TicketFile& f) {
  return c_.query_one(kInsertFile, {f.agency_id, f.ticket_id, f.file_name, f.media_type, f.size_bytes, f.sha256,
                                    db::nullable(f.uploaded_by), f.uploaded_at})
      ->integer(0);
}

std::optional<support::TicketFile> SqlSupportRepository::find_file(std::int64_t id) {
  auto r = c_.query_one(std::string(kFileColumns) + "WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return read_file(*r);
}

std::vector<support::TicketFile> SqlSupportRepository::files(std::int64_t agency_id, std::int64_t ticket_id) {
  std::vector<support::TicketFile> out;
  for (const auto& r : c_.query(std::string(kFileColumns) + "WHERE agency_id = $1 AND ticket_id = $2 ORDER BY id",
                                {agency_id, ticket_id}))
    out.push_back(read_file(r));
  return out;
}

std::int64_t SqlSupportRepository::insert_article(const support::Article& a) {
  return c_.query_one(kInsertArticle, {a.title_fr, a.body_fr, a.title_nl, a.body_nl, a.title_en, a.body_en,
                                       flag(a.published), db::nullable(a.from_ticket), db::nullable(a.created_by),
                                       a.created_at, a.updated_at, db::nullable(a.published_at)})
      ->integer(0);
}

void SqlSupportRepository::update_article(const support::Article& a) {
  c_.execute(kUpdateArticle, {a.id, a.title_fr, a.body_fr, a.title_nl, a.body_nl, a.title_en, a.body_en, flag(a.published),
                              a.updated_at, db::nullable(a.published_at)});
}

std::optional<support::Article> SqlSupportRepository::find_article(std::int64_t id) {
  auto r = c_.query_one(std::string(kArticleColumns) + "WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return read_article(*r);
}

std::vector<support::Article> SqlSupportRepository::list_articles(bool published_only) {
  std::vector<support::Article> out;
  for (const auto& r : c_.query(std::string(kArticleColumns) + (published_only ? "WHERE published = 1 " : "") +
                                "ORDER BY updated_at DESC, id DESC"))
    out.push_back(read_article(r));
  return out;
}

}  // namespace hms::storage

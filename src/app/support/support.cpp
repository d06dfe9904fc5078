#include "app/support/support.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/attachments/attachments.hpp"  // store_file_then
#include "app/fields/fields.hpp"
#include "app/stock/dwellings.hpp"  // agency_filter
#include "common/text.hpp"
#include "domain/attachments/attachment.hpp"

namespace hms::app {
namespace {

using support::Action;
using support::Status;
using support::Ticket;
using users::Permission;

// A text typed by a person: trimmed, 1..max characters of valid UTF-8 without control characters
// (line breaks and tabs allowed in a long text). The problem goes on `field` as `<prefix>_required`
// or `<prefix>_too_long` (with {max}).
std::string checked_text(Problems& problems, const std::optional<std::string>& value, const char* field,
                         const std::string& prefix, std::size_t max, bool multiline) {
  std::string text(trim(value.value_or("")));
  if (text.empty()) {
    problems.add(std::move(DomainError(ErrorKind::validation, prefix + "_required").field(field)));
    return text;
  }
  bool control = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f) control = true;
  }
  if (!is_valid_utf8(text) || control) {
    problems.add(std::move(DomainError(ErrorKind::validation, "support.invalid_text").field(field)));
    return text;
  }
  if (text.size() > max) {
    problems.add(std::move(
        DomainError(ErrorKind::validation, prefix + "_too_long").field(field).param("max", std::to_string(max))));
  }
  return text;
}

// The helpdesk side of the actor: the federation and the maintainers answer, agencies ask.
bool answers(const Context& ctx) { return ctx.can(Permission::support_triage) || ctx.can(Permission::support_maintain); }

// 403 for who may neither ask, triage nor maintain.
void require_helpdesk(const Context& ctx) {
  if (!ctx.can(Permission::support_ask) && !ctx.can(Permission::support_triage) && !ctx.can(Permission::support_maintain))
    throw DomainError(ErrorKind::forbidden, "common.forbidden");
}

// A ticket the actor reaches (their agency's, every one for the federation, a forwarded defect
// for the maintainers); 403 without any helpdesk permission; else support.not_found.
Ticket visible_ticket(UnitOfWork& uow, const Context& ctx, std::int64_t id) {
  require_helpdesk(ctx);
  const bool ask = ctx.can(Permission::support_ask), triage = ctx.can(Permission::support_triage),
             maintain = ctx.can(Permission::support_maintain);
  auto t = uow.support().find_ticket(id);
  const bool reached = t && ((triage && ctx.scope().reaches(t->agency_id)) ||
                             (ask && ctx.user && ctx.user->agency_id && *ctx.user->agency_id == t->agency_id) ||
                             (maintain && t->triage == support::Triage::defect) || ctx.is_cli());
  if (!reached) throw DomainError(ErrorKind::not_found, "support.not_found");
  return *t;
}

std::optional<std::int64_t> user_id(const Context& ctx) { return ctx.user ? std::optional(ctx.user->id) : std::nullopt; }

// The first answer and the resolution, stamped once.
void stamp(Ticket& t, std::int64_t now, bool answer) {
  if (answer && !t.first_answer_at) t.first_answer_at = now;
  if ((t.status == Status::resolved || t.status == Status::closed || t.status == Status::duplicate) && !t.resolved_at)
    t.resolved_at = now;
  if (t.status == Status::new_) t.resolved_at.reset();
  t.updated_at = now;
}

support::Comment add_comment(UnitOfWork& uow, const Context& ctx, const Ticket& t, std::string body, bool from_support) {
  support::Comment c;
  c.agency_id = t.agency_id;
  c.ticket_id = t.id;
  c.author_id = user_id(ctx);
  c.author_login = ctx.user ? ctx.user->login : "cli";
  c.from_federation = from_support;
  c.body = std::move(body);
  c.created_at = ctx.clock.now_seconds();
  c.id = uow.support().insert_comment(c);
  return c;
}

// Lower-case ASCII; the words of a search (2 bytes or more, letters and digits, any non-ASCII
// byte kept inside a word).
std::vector<std::string> words_of(const std::string& q) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
    word.clear();
  };
  for (char ch : to_lower_ascii(q)) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) word += ch;
    else flush();
  }
  flush();
  return out;
}

int score(const support::Article& a, const std::vector<std::string>& words, const std::string& lang) {
  const std::string title = to_lower_ascii(a.title(lang)), body = to_lower_ascii(a.body(lang));
  std::string others;
  for (const char* l : {"fr", "nl", "en"})
    if (lang != l) others += to_lower_ascii(a.title(l)) + " " + to_lower_ascii(a.body(l)) + " ";
  int s = 0;
  for (const auto& w : words) {
    if (title.find(w) != std::string::npos) s += 4;
    if (body.find(w) != std::string::npos) s += 2;
    if (others.find(w) != std::string::npos) s += 1;
  }
  return s;
}

bool is_true(const std::string& s) { return s == "true" || s == "on" || s == "1" || s == "yes"; }

}  // namespace

support::Ticket create_ticket(Store& store, const Context& ctx, const TicketFields& fields, const std::string& language) {
  ctx.require(Permission::support_ask);
  if (!ctx.user || !ctx.user->agency_id) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  // 1. What the asker typed, every problem at once.
  Problems problems;
  Ticket t;
  t.subject = checked_text(problems, fields.subject, "subject", "support.subject", support::kMaxSubject, false);
  t.question = checked_text(problems, fields.question, "question", "support.question", support::kMaxText, true);
  if (auto c = support::parse_category(trim(fields.category.value_or("")))) t.category = *c;
  else problems.add(std::move(DomainError(ErrorKind::validation, "support.invalid_category").field("category")));
  problems.throw_if_any();
  // 2. What is attached by itself: the page's path only, the agency, the user, the language, the time.
  t.page_path = support::page_path_of(fields.from.value_or("/"));
  t.agency_id = *ctx.user->agency_id;
  t.asked_by = ctx.user->id;
  t.asked_by_login = ctx.user->login;
  t.language = language == "nl" || language == "en" ? language : "fr";
  t.status = Status::new_;
  t.created_at = t.updated_at = ctx.clock.now_seconds();
  t.federation_unread = true;
  // 3. One transaction, one audit entry (the category, never the text).
  auto uow = store.write();
  t.id = uow->support().insert_ticket(t);
  if (auto a = uow->agencies().find_by_id(t.agency_id)) t.agency_code = a->code;
  record(*uow, ctx, "support.create", "support_ticket", std::to_string(t.id), t.agency_id,
         "category=" + std::string(support::to_string(t.category)) + ",page=" + t.page_path + ",language=" + t.language);
  uow->commit();
  return t;
}

Page<support::Ticket> list_tickets(Store& store, const Context& ctx, const TicketQuery& q, const Paging& paging) {
  const bool triage = ctx.can(Permission::support_triage), ask = ctx.can(Permission::support_ask),
             maintain = ctx.can(Permission::support_maintain);
  if (!triage && !ask && !maintain) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  support::TicketFilter f;
  Problems problems;
  if (!q.status.empty()) {
    if (auto s = support::parse_status(q.status)) f.status = *s;
    else problems.add(std::move(DomainError(ErrorKind::validation, "support.invalid_status").field("status")));
  }
  if (!q.category.empty()) {
    if (auto c = support::parse_category(q.category)) f.category = *c;
    else problems.add(std::move(DomainError(ErrorKind::validation, "support.invalid_category").field("category")));
  }
  problems.throw_if_any();
  f.open_only = q.open_only;
  auto uow = store.read();
  // The scope: an agency user's own agency, never a parameter.
  f.agency_id = agency_filter(*uow, ctx, q.agency);
  if (!triage && ask && !f.agency_id) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  if (!triage && !ask) f.forwarded_only = true;  // the maintainers' queue
  return {uow->support().list_tickets(f, paging.limit, paging.offset), uow->support().count_tickets(f)};
}

support::Ticket find_ticket(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible_ticket(*uow, ctx, id);
}

TicketDetail read_ticket(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.write();
  TicketDetail d;
  d.ticket = visible_ticket(*uow, ctx, id);
  // Read: the reader's side has nothing new on it any more.
  bool changed = false;
  if (ctx.can(Permission::support_triage) && d.ticket.federation_unread) {
    d.ticket.federation_unread = false;
    changed = true;
  }
  if (ctx.can(Permission::support_maintain) && d.ticket.maintainers_unread) {
    d.ticket.maintainers_unread = false;
    changed = true;
  }
  if (ctx.user && ctx.user->id == d.ticket.asked_by && d.ticket.asker_unread) {
    d.ticket.asker_unread = false;
    changed = true;
  }
  if (changed) uow->support().update_ticket(d.ticket);
  d.comments = uow->support().comments(d.ticket.agency_id, d.ticket.id);
  d.files = uow->support().files(d.ticket.agency_id, d.ticket.id);
  if (d.ticket.article_id) {
    auto a = uow->support().find_article(*d.ticket.article_id);
    if (a && a->published) d.article = std::move(a);
  }
  uow->commit();
  return d;
}

support::Comment comment_ticket(Store& store, const Context& ctx, std::int64_t id, const std::string& body) {
  auto uow = store.write();
  auto t = visible_ticket(*uow, ctx, id);
  Problems problems;
  auto text = checked_text(problems, body, "body", "support.comment", support::kMaxText, true);
  problems.throw_if_any();
  if (t.status == Status::closed) throw DomainError(ErrorKind::conflict, "support.ticket_closed");
  const bool from_support = answers(ctx);
  auto c = add_comment(*uow, ctx, t, std::move(text), from_support);
  // The others are notified: the asker of the federation's or maintainers' words, the federation
  // of the agency's or maintainers', the maintainers of anything written on a defect.
  const bool maintainer = ctx.can(Permission::support_maintain);
  if (from_support) t.asker_unread = true;
  if (!from_support || maintainer) t.federation_unread = true;
  if (t.triage == support::Triage::defect && !maintainer) t.maintainers_unread = true;
  stamp(t, c.created_at, from_support);
  uow->support().update_ticket(t);
  uow->commit();
  return c;
}

support::Ticket triage_ticket(Store& store, const Context& ctx, std::int64_t id, const TriageFields& fields) {
  auto uow = store.write();
  auto t = visible_ticket(*uow, ctx, id);
  ctx.require(Permission::support_triage);
  // 1. The decision and what it needs, every problem at once.
  Problems problems;
  const auto triage = support::parse_triage(trim(fields.triage.value_or("")));
  if (!triage) problems.add(std::move(DomainError(ErrorKind::validation, "support.invalid_triage").field("triage")));
  std::string answer(trim(fields.answer.value_or("")));
  if (!answer.empty() || triage == support::Triage::business)
    answer = checked_text(problems, fields.answer, "answer", "support.answer", support::kMaxText, true);
  std::optional<std::int64_t> article, duplicate;
  if (triage == support::Triage::usage) {
    const bool given = !trim(fields.article_id.value_or("")).empty();
    article = fields::id_or_none(fields.article_id);
    auto a = article ? uow->support().find_article(*article) : std::nullopt;
    if (given && (!a || !a->published))
      problems.add(std::move(DomainError(ErrorKind::validation, "support.unknown_article").field("article_id")));
    else if (!given && answer.empty())
      problems.add(std::move(DomainError(ErrorKind::validation, "support.usage_needs_link").field("article_id")));
  }
  if (triage == support::Triage::duplicate) {
    duplicate = fields::id_or_none(fields.duplicate_of);
    auto other = duplicate ? uow->support().find_ticket(*duplicate) : std::nullopt;
    if (!other || other->id == t.id)
      problems.add(std::move(DomainError(ErrorKind::validation, "support.unknown_duplicate").field("duplicate_of")));
  }
  problems.throw_if_any();
  // 2. The new status (support::next_status), the links, the times, the asker notified.
  const auto now = ctx.clock.now_seconds();
  t.status = support::next_status(t.status, support::action_of(*triage));
  t.triage = *triage;
  t.article_id = article;
  t.duplicate_of = duplicate;
  t.asker_unread = true;
  t.federation_unread = false;
  t.maintainers_unread = *triage == support::Triage::defect;
  stamp(t, now, true);
  uow->support().update_ticket(t);
  if (!answer.empty()) add_comment(*uow, ctx, t, answer, true);
  // 3. Audited without any text.
  std::string details = "triage=" + std::string(support::to_string(*triage)) + ",status=" +
                        std::string(support::to_string(t.status));
  if (article) details += ",article=" + std::to_string(*article);
  if (duplicate) details += ",duplicate_of=" + std::to_string(*duplicate);
  record(*uow, ctx, "support.triage", "support_ticket", std::to_string(t.id), t.agency_id, details);
  uow->commit();
  return t;
}

std::optional<support::Action> parse_status_action(const std::string& s) {
  if (s == "resolve") return Action::resolve;
  if (s == "close") return Action::close;
  if (s == "reopen") return Action::reopen;
  return std::nullopt;
}

support::Ticket change_ticket_status(Store& store, const Context& ctx, std::int64_t id, support::Action action) {
  auto uow = store.write();
  auto t = visible_ticket(*uow, ctx, id);
  const bool asker_side = ctx.can(Permission::support_ask);
  // Who may: close is the federation's; reopen the asker's agency's; resolve whoever reads it.
  if (action == Action::close) ctx.require(Permission::support_triage);
  if (action == Action::reopen) ctx.require(Permission::support_ask);
  if (action != Action::close && action != Action::reopen && action != Action::resolve)
    throw DomainError(ErrorKind::forbidden, "common.forbidden");
  const auto before = t.status;
  t.status = support::next_status(t.status, action);
  if (asker_side) t.federation_unread = true;
  else t.asker_unread = true;
  stamp(t, ctx.clock.now_seconds(), false);
  uow->support().update_ticket(t);
  record(*uow, ctx, "support.status", "support_ticket", std::to_string(t.id), t.agency_id,
         "from=" + std::string(support::to_string(before)) + ",to=" + std::string(support::to_string(t.status)));
  uow->commit();
  return t;
}

support::TicketFile attach_ticket_file(Store& store, const Context& ctx, std::int64_t ticket_id,
                                       const std::string& file_name, const std::string& bytes) {
  auto uow = store.write();
  auto t = visible_ticket(*uow, ctx, ticket_id);
  if (t.status == Status::closed) throw DomainError(ErrorKind::conflict, "support.ticket_closed");
  // 1. The checks of attached documents (size, first bytes, extension).
  support::TicketFile f;
  Problems problems;
  problems.check([&] { f.media_type = attachments::accepted_media_type(bytes, file_name); });
  problems.throw_if_any();
  f.agency_id = t.agency_id;
  f.ticket_id = t.id;
  f.file_name = attachments::clean_file_name(file_name);
  f.size_bytes = static_cast<std::int64_t>(bytes.size());
  f.sha256 = attachments::sha256_hex(bytes);
  f.uploaded_by = user_id(ctx);
  f.uploaded_at = ctx.clock.now_seconds();
  // 2. The file first, in the agency's folder; removed if the row is not committed.
  store_file_then(store, f.agency_id, f.sha256, bytes, [&] {
    f.id = uow->support().insert_file(f);
    if (answers(ctx)) t.asker_unread = true;
    else t.federation_unread = true;
    t.updated_at = f.uploaded_at;
    uow->support().update_ticket(t);
    record(*uow, ctx, "support.file_upload", "support_ticket", std::to_string(t.id), t.agency_id,
           "file=" + std::to_string(f.id) + ",type=" + f.media_type + ",bytes=" + std::to_string(f.size_bytes));
    uow->commit();
  });
  return f;
}

TicketFileBytes download_ticket_file(Store& store, const Context& ctx, std::int64_t file_id) {
  auto uow = store.read();
  require_helpdesk(ctx);
  auto f = uow->support().find_file(file_id);
  if (!f) throw DomainError(ErrorKind::not_found, "support.file_not_found");
  try {
    visible_ticket(*uow, ctx, f->ticket_id);
  } catch (const DomainError& e) {
    if (e.kind() == ErrorKind::not_found) throw DomainError(ErrorKind::not_found, "support.file_not_found");
    throw;
  }
  auto bytes = store.attachment_files().read(f->agency_id, f->sha256);
  if (!bytes || attachments::sha256_hex(*bytes) != f->sha256) throw DomainError(ErrorKind::conflict, "attachments.file_damaged");
  return {*f, std::move(*bytes)};
}

std::int64_t support_unread(Store& store, const Context& ctx) {
  if (!ctx.user) return 0;
  if (ctx.can(Permission::support_triage)) return store.read()->support().count_federation_unread();
  if (ctx.can(Permission::support_maintain)) return store.read()->support().count_maintainers_unread();
  if (ctx.can(Permission::support_ask) && ctx.user->agency_id)
    return store.read()->support().count_asker_unread(*ctx.user->agency_id, ctx.user->id);
  return 0;
}

Figures support_figures(Store& store, const Context& ctx) {
  ctx.require(Permission::support_figures);
  auto uow = store.read();
  support::TicketFilter all;
  const auto total = uow->support().count_tickets(all);
  const auto tickets = uow->support().list_tickets(all, static_cast<int>(std::max<std::int64_t>(total, 1)), 0);
  struct Acc {
    std::int64_t tickets = 0, open = 0;
    std::vector<std::int64_t> first, resolution;
  };
  auto add = [](Acc& a, const Ticket& t) {
    ++a.tickets;
    if (support::is_open(t.status)) ++a.open;
    if (t.first_answer_at) a.first.push_back(*t.first_answer_at - t.created_at);
    if (t.resolved_at) a.resolution.push_back(*t.resolved_at - t.created_at);
  };
  Acc everything;
  std::map<std::string, Acc> by_agency, by_category;
  for (const auto& t : tickets) {
    add(everything, t);
    add(by_agency[t.agency_code], t);
    add(by_category[std::string(support::to_string(t.category))], t);
  }
  auto row = [](const std::string& key, const Acc& a) {
    return FigureRow{key, a.tickets, a.open, support::summarise(a.first), support::summarise(a.resolution)};
  };
  Figures f;
  f.all = row("all", everything);
  for (const auto& [code, a] : by_agency) f.agencies.push_back(row(code, a));
  for (auto c : support::kCategories) {
    const std::string key(support::to_string(c));
    f.categories.push_back(row(key, by_category[key]));
  }
  return f;
}

// ---- The knowledge base ----

namespace {

void check_article(Problems& problems, support::Article& a, const ArticleFields& f, bool partial) {
  auto field_text = [&](const std::optional<std::string>& v, std::string& target, const char* field, const char* prefix,
                  std::size_t max) {
    if (partial && !v) return;
    target = checked_text(problems, v, field, prefix, max, std::string(field).rfind("body", 0) == 0);
  };
  field_text(f.title_fr, a.title_fr, "title_fr", "support.article_title", support::kMaxSubject);
  field_text(f.body_fr, a.body_fr, "body_fr", "support.article_body", support::kMaxText);
  field_text(f.title_nl, a.title_nl, "title_nl", "support.article_title", support::kMaxSubject);
  field_text(f.body_nl, a.body_nl, "body_nl", "support.article_body", support::kMaxText);
  field_text(f.title_en, a.title_en, "title_en", "support.article_title", support::kMaxSubject);
  field_text(f.body_en, a.body_en, "body_en", "support.article_body", support::kMaxText);
}

}  // namespace

std::vector<support::Article> search_articles(Store& store, const Context& ctx, const std::string& q,
                                              const std::string& lang, std::size_t limit) {
  if (!ctx.user && !ctx.is_cli()) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  const bool manage = ctx.can(Permission::support_knowledge_manage);
  auto all = store.read()->support().list_articles(!manage);
  const auto words = words_of(q);
  if (words.empty()) {
    if (all.size() > limit) all.resize(limit);
    return all;
  }
  std::vector<std::pair<int, support::Article>> scored;
  for (auto& a : all)
    if (int s = score(a, words, lang); s > 0) scored.emplace_back(s, std::move(a));
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<support::Article> out;
  for (auto& [s, a] : scored) {
    if (out.size() >= limit) break;
    out.push_back(std::move(a));
  }
  return out;
}

support::Article read_article(Store& store, const Context& ctx, std::int64_t id) {
  auto a = store.read()->support().find_article(id);
  if (!a || (!a->published && !ctx.can(Permission::support_knowledge_manage)))
    throw DomainError(ErrorKind::not_found, "support.article_not_found");
  return *a;
}

support::Article create_article(Store& store, const Context& ctx, const ArticleFields& fields) {
  ctx.require(Permission::support_knowledge_manage);
  support::Article a;
  Problems problems;
  check_article(problems, a, fields, false);
  problems.throw_if_any();
  a.published = is_true(fields.published.value_or(""));
  a.created_by = user_id(ctx);
  a.created_at = a.updated_at = ctx.clock.now_seconds();
  if (a.published) a.published_at = a.created_at;
  auto uow = store.write();
  a.id = uow->support().insert_article(a);
  record(*uow, ctx, "support.article_create", "support_article", std::to_string(a.id), std::nullopt);
  if (a.published) record(*uow, ctx, "support.article_publish", "support_article", std::to_string(a.id), std::nullopt);
  uow->commit();
  return a;
}

support::Article update_article(Store& store, const Context& ctx, std::int64_t id, const ArticleFields& fields) {
  ctx.require(Permission::support_knowledge_manage);
  auto uow = store.write();
  auto found = uow->support().find_article(id);
  if (!found) throw DomainError(ErrorKind::not_found, "support.article_not_found");
  auto a = *found;
  Problems problems;
  check_article(problems, a, fields, true);
  problems.throw_if_any();
  const bool was_published = a.published;
  if (fields.published) a.published = is_true(*fields.published);
  a.updated_at = ctx.clock.now_seconds();
  if (a.published && !was_published) a.published_at = a.updated_at;
  uow->support().update_article(a);
  record(*uow, ctx, "support.article_update", "support_article", std::to_string(a.id), std::nullopt);
  if (a.published && !was_published)
    record(*uow, ctx, "support.article_publish", "support_article", std::to_string(a.id), std::nullopt);
  uow->commit();
  return a;
}

support::Article article_from_ticket(Store& store, const Context& ctx, std::int64_t ticket_id) {
  auto uow = store.write();
  auto t = visible_ticket(*uow, ctx, ticket_id);
  ctx.require(Permission::support_knowledge_manage);
  if (t.status != Status::answered && t.status != Status::resolved)
    throw DomainError(ErrorKind::conflict, "support.not_answered");
  std::string body = t.question;
  for (const auto& c : uow->support().comments(t.agency_id, t.id))
    if (c.from_federation) body += "\n\n" + c.body;
  if (body.size() > support::kMaxText) {
    std::size_t n = support::kMaxText;
    while (n > 0 && (static_cast<unsigned char>(body[n]) & 0xC0) == 0x80) --n;
    body.resize(n);
  }
  support::Article a;
  a.title_fr = a.title_nl = a.title_en = t.subject;
  a.body_fr = a.body_nl = a.body_en = body;
  a.from_ticket = t.id;
  a.created_by = user_id(ctx);
  a.created_at = a.updated_at = ctx.clock.now_seconds();
  a.id = uow->support().insert_article(a);
  record(*uow, ctx, "support.article_create", "support_article", std::to_string(a.id), std::nullopt,
         "from_ticket=" + std::to_string(t.id));
  uow->commit();
  return a;
}

}  // namespace hms::app

// The helpdesk (issue 13, part 1): a question an agency user asks from any page, triaged by the
// federation. E.g. ticket 12 of AIS-A, asked by staff.a from "/dwellings" in French on
// 2026-12-06 at 14:02: "Le loyer plafond ne s'affiche pas", category usage; the federation
// answers it at 14:40 with knowledge article 3 (triage usage, status answered); staff.a marks it
// resolved at 15:10. First answer: 38 minutes; resolution: 68 minutes.
// A ticket holds no personal data of households or owners: the page is a path without its query
// string (which may hold a searched name), and the texts are what the asker typed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::support {

// What the asker thinks the question is about (chosen on the form).
enum class Category { rules, usage, defect };  // the business rules; how to use hms; something does not work
std::string_view to_string(Category c);
std::optional<Category> parse_category(std::string_view s);
inline constexpr Category kCategories[] = {Category::rules, Category::usage, Category::defect};

// Where a ticket is. new → answered | forwarded | duplicate; answered | forwarded → resolved;
// any open one → closed; resolved → new when the asker reopens it.
enum class Status { new_, answered, forwarded, resolved, closed, duplicate };
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);
inline constexpr Status kStatuses[] = {Status::new_,     Status::answered, Status::forwarded,
                                       Status::resolved, Status::closed,   Status::duplicate};
// Open: someone still has to act (new, answered, forwarded).
bool is_open(Status s);

// The federation's decision on a ticket.
enum class Triage {
  business,   // a question on the rules, answered by the federation itself (an answer text)
  usage,      // a question of use, answered with a knowledge article or a tutorial link
  defect,     // a real defect, forwarded to the maintainers' queue (the system administrator)
  duplicate,  // the same as another ticket (duplicate_of)
};
std::string_view to_string(Triage t);
std::optional<Triage> parse_triage(std::string_view s);
inline constexpr Triage kTriages[] = {Triage::business, Triage::usage, Triage::defect, Triage::duplicate};

// What someone does to a ticket's status.
enum class Action { triage_business, triage_usage, triage_defect, triage_duplicate, resolve, close, reopen };
Action action_of(Triage t);

// The status after `action`, by these rules:
//   1. triage (any kind) from new, answered or forwarded: business and usage → answered,
//      defect → forwarded, duplicate → duplicate;
//   2. resolve from answered or forwarded → resolved;
//   3. close from new, answered or forwarded → closed;
//   4. reopen from resolved or answered → new (the asker is not satisfied);
//   5. anything else: DomainError(conflict, "support.invalid_transition").
Status next_status(Status from, Action action);

struct Ticket {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;          // read along ("AIS-A")
  std::int64_t asked_by = 0;
  std::string asked_by_login;       // read along
  std::string subject;              // 1–200 characters
  std::string question;             // 1–5000 characters
  Category category = Category::usage;
  std::string page_path;            // "/dwellings", never a query string (page_path_of)
  std::string language = "fr";      // fr | nl | en: the asker's, when asked
  Status status = Status::new_;
  std::optional<Triage> triage;
  std::optional<std::int64_t> duplicate_of;
  std::optional<std::int64_t> article_id;
  std::int64_t created_at = 0;      // Unix seconds
  std::optional<std::int64_t> first_answer_at;
  std::optional<std::int64_t> resolved_at;
  std::int64_t updated_at = 0;
  bool asker_unread = false;        // the federation answered since the asker last read it
  bool federation_unread = true;    // new, or the agency wrote since the federation last read it
  bool maintainers_unread = false;  // forwarded as a defect, or written on since the maintainers last read it
};

inline constexpr std::size_t kMaxSubject = 200;
inline constexpr std::size_t kMaxText = 5000;

// The page a ticket came from, as stored: the path of `from` without query string nor fragment,
// only when it is a local path ("/…", not "//…"), at most 200 bytes; else "/".
//   page_path_of("/owners?q=Dupont#x") == "/owners"
std::string page_path_of(std::string_view from);

struct Comment {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t ticket_id = 0;
  std::optional<std::int64_t> author_id;
  std::string author_login;  // read along
  bool from_federation = false;
  std::string body;          // 1–5000 characters
  std::int64_t created_at = 0;
};

// A file attached to a ticket: the same checks and folder as attached documents
// (attachments::accepted_media_type, FileFolder under the ticket's agency).
struct TicketFile {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t ticket_id = 0;
  std::string file_name;
  std::string media_type;
  std::int64_t size_bytes = 0;
  std::string sha256;
  std::optional<std::int64_t> uploaded_by;
  std::int64_t uploaded_at = 0;
};

// A knowledge-base article, in the three languages; written by the federation, read by every
// logged-in user once published.
struct Article {
  std::int64_t id = 0;
  std::string title_fr, body_fr, title_nl, body_nl, title_en, body_en;
  bool published = false;
  std::optional<std::int64_t> from_ticket;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> published_at;
  const std::string& title(std::string_view lang) const;  // fr, nl or en (fr for any other)
  const std::string& body(std::string_view lang) const;
};

// A summary of durations in seconds: how many, the median and the 90th percentile, both by the
// nearest-rank method (the smallest value with at least p % of the values at or below it:
// rank ⌈p·n/100⌉ of the sorted values), so each is one of the measured durations.
//   summarise({60, 120, 180, 240}) == {4, 120, 240}
struct Durations {
  std::int64_t count = 0;
  std::optional<std::int64_t> median;
  std::optional<std::int64_t> p90;
};
std::optional<std::int64_t> percentile(std::vector<std::int64_t> values, int p);
Durations summarise(const std::vector<std::int64_t>& values);

// Narrowing a list of tickets. The scope (the actor's agency) is put in agency_id by the use case.
struct TicketFilter {
  std::optional<std::int64_t> agency_id;
  std::optional<Status> status;
  std::optional<Category> category;
  bool open_only = false;
  bool forwarded_only = false;  // the maintainers' queue: triaged as a defect
};

class SupportRepository {
 public:
  virtual ~SupportRepository() = default;
  virtual std::int64_t insert_ticket(const Ticket& t) = 0;
  virtual std::optional<Ticket> find_ticket(std::int64_t id) = 0;
  // Newest first.
  virtual std::vector<Ticket> list_tickets(const TicketFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count_tickets(const TicketFilter& f) = 0;
  virtual void update_ticket(const Ticket& t) = 0;  // status, triage, links, times, unread flags
  // Tickets asked by `user` in `agency` that the federation answered since the asker read them.
  virtual std::int64_t count_asker_unread(std::int64_t agency_id, std::int64_t user_id) = 0;
  // Tickets new or commented by an agency since the federation last read them.
  virtual std::int64_t count_federation_unread() = 0;
  // Defects forwarded or written on since the maintainers last read them.
  virtual std::int64_t count_maintainers_unread() = 0;

  virtual std::int64_t insert_comment(const Comment& c) = 0;
  virtual std::vector<Comment> comments(std::int64_t agency_id, std::int64_t ticket_id) = 0;

  virtual std::int64_t insert_file(const TicketFile& f) = 0;
  virtual std::optional<TicketFile> find_file(std::int64_t id) = 0;
  virtual std::vector<TicketFile> files(std::int64_t agency_id, std::int64_t ticket_id) = 0;

  virtual std::int64_t insert_article(const Article& a) = 0;
  virtual void update_article(const Article& a) = 0;
  virtual std::optional<Article> find_article(std::int64_t id) = 0;
  // Every article (published_only: those only), most recently changed first.
  virtual std::vector<Article> list_articles(bool published_only) = 0;
};

}  // namespace hms::support

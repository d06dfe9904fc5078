#include "domain/support/ticket.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace hms::support {
namespace {

template <typename E, std::size_t N>
std::optional<E> parse_of(std::string_view s, const E (&all)[N]) {
  for (auto e : all)
    if (to_string(e) == s) return e;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Category c) {
  switch (c) {
    case Category::rules: return "rules";
    case Category::usage: return "usage";
    case Category::defect: return "defect";
  }
  return "usage";
}
std::optional<Category> parse_category(std::string_view s) { return parse_of(s, kCategories); }

std::string_view to_string(Status s) {
  switch (s) {
    case Status::new_: return "new";
    case Status::answered: return "answered";
    case Status::forwarded: return "forwarded";
    case Status::resolved: return "resolved";
    case Status::closed: return "closed";
    case Status::duplicate: return "duplicate";
  }
  return "new";
}
std::optional<Status> parse_status(std::string_view s) { return parse_of(s, kStatuses); }

bool is_open(Status s) { return s == Status::new_ || s == Status::answered || s == Status::forwarded; }

std::string_view to_string(Triage t) {
  switch (t) {
    case Triage::business: return "business";
    case Triage::usage: return "usage";
    case Triage::defect: return "defect";
    case Triage::duplicate: return "duplicate";
  }
  return "business";
}
std::optional<Triage> parse_triage(std::string_view s) { return parse_of(s, kTriages); }

Action action_of(Triage t) {
  switch (t) {
    case Triage::business: return Action::triage_business;
    case Triage::usage: return Action::triage_usage;
    case Triage::defect: return Action::triage_defect;
    case Triage::duplicate: return Action::triage_duplicate;
  }
  return Action::triage_business;
}

Status next_status(Status from, Action action) {
  const bool open = is_open(from);
  switch (action) {
    // 1. Triage, from an open ticket.
    case Action::triage_business:
    case Action::triage_usage:
      if (open) return Status::answered;
      break;
    case Action::triage_defect:
      if (open) return Status::forwarded;
      break;
    case Action::triage_duplicate:
      if (open) return Status::duplicate;
      break;
    // 2. Resolve an answered or forwarded one.
    case Action::resolve:
      if (from == Status::answered || from == Status::forwarded) return Status::resolved;
      break;
    // 3. Close an open one.
    case Action::close:
      if (open) return Status::closed;
      break;
    // 4. Reopen a resolved or answered one.
    case Action::reopen:
      if (from == Status::resolved || from == Status::answered) return Status::new_;
      break;
  }
  // 5. Anything else.
  throw DomainError(ErrorKind::conflict, "support.invalid_transition");
}

std::string page_path_of(std::string_view from) {
  const auto end = from.find_first_of("?#");
  std::string_view path = from.substr(0, end);
  if (path.empty() || path.front() != '/' || (path.size() > 1 && (path[1] == '/' || path[1] == '\\'))) return "/";
  for (char ch : path)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return "/";
  if (path.size() > 200) {
    std::size_t n = 200;
    while (n > 0 && (static_cast<unsigned char>(path[n]) & 0xC0) == 0x80) --n;  // at a character boundary
    path = path.substr(0, n);
  }
  return std::string(path);
}

const std::string& Article::title(std::string_view lang) const {
  return lang == "nl" ? title_nl : lang == "en" ? title_en : title_fr;
}
const std::string& Article::body(std::string_view lang) const {
  return lang == "nl" ? body_nl : lang == "en" ? body_en : body_fr;
}

std::optional<std::int64_t> percentile(std::vector<std::int64_t> values, int p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<std::int64_t>(values.size());
  std::int64_t rank = (static_cast<std::int64_t>(p) * n + 99) / 100;  // ⌈p·n/100⌉
  rank = std::clamp<std::int64_t>(rank, 1, n);
  return values[static_cast<std::size_t>(rank - 1)];
}

Durations summarise(const std::vector<std::int64_t>& values) {
  return {static_cast<std::int64_t>(values.size()), percentile(values, 50), percentile(values, 90)};
}

}  // namespace hms::support

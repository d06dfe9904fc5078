#include "domain/stock/dwelling.hpp"

#include <algorithm>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::stock {

using std::chrono::year_month_day;

std::string_view to_string(DwellingStatus s) {
  switch (s) {
    case DwellingStatus::active: return "active";
    case DwellingStatus::vacant: return "vacant";
    case DwellingStatus::works: return "works";
    case DwellingStatus::ended: return "ended";
  }
  return "active";
}

std::optional<DwellingStatus> parse_dwelling_status(std::string_view s) {
  for (auto status : kAllDwellingStatuses)
    if (to_string(status) == s) return status;
  return std::nullopt;
}

std::string_view to_string(VacancyReason r) {
  switch (r) {
    case VacancyReason::between_tenants: return "between_tenants";
    case VacancyReason::works_needed: return "works_needed";
    case VacancyReason::owner_decision: return "owner_decision";
    case VacancyReason::no_candidate: return "no_candidate";
    case VacancyReason::other: return "other";
  }
  return "other";
}

std::optional<VacancyReason> parse_vacancy_reason(std::string_view s) {
  for (auto r : kAllVacancyReasons)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::string_view to_string(StatusSource s) {
  switch (s) {
    case StatusSource::user: return "user";
    case StatusSource::import: return "import";
    case StatusSource::system: return "system";
    case StatusSource::unknown: return "unknown";
  }
  return "system";
}

const StatusPeriod* period_on(const std::vector<StatusPeriod>& history, year_month_day day) {
  const StatusPeriod* found = nullptr;
  for (const auto& p : history)
    if (p.from <= day && (!p.to || day < *p.to)) found = &p;
  return found;
}

std::optional<DwellingStatus> status_on(const std::vector<StatusPeriod>& history, year_month_day day) {
  for (const auto& p : history)
    if (p.from <= day && (!p.to || day < *p.to)) return p.status;
  return std::nullopt;
}

int days_in_status(const std::vector<StatusPeriod>& history, DwellingStatus status, year_month_day from,
                   year_month_day to) {
  int days = 0;
  for (const auto& p : history) {
    if (p.status != status) continue;
    // The overlap of [p.from, p.to) and [from, to).
    year_month_day start = std::max(p.from, from);
    year_month_day end = p.to ? std::min(*p.to, to) : to;
    if (start < end) days += days_between(start, end);
  }
  return days;
}

namespace {

DomainError invalid(const char* code, const char* field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

// Valid UTF-8 without control characters. (Invalid UTF-8 stored from a form or a file made
// every JSON answer listing the dwelling fail: regression test InvalidUtf8IsRefused.)
bool printable(std::string_view s) {
  return is_valid_utf8(s) &&
         std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
}

// The length in characters (code points) of valid UTF-8: "Chaussée" is 8, not 9.
std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string validate_reference(std::string_view reference) {
  std::string r(trim(reference));
  if (r.empty() || !printable(r) || characters(r) > 32) throw invalid("stock.invalid_reference", "reference");
  return r;
}

std::optional<std::int64_t> parse_surface(std::string_view text) {
  std::string t(trim(text));
  if (t.empty()) return std::nullopt;
  std::int64_t whole = 0;
  int decimals = -1;  // -1: no separator seen yet
  std::int64_t tenth = 0;
  for (char c : t) {
    if (c == ',' || c == '.') {
      if (decimals >= 0) throw invalid("stock.invalid_surface", "surface_m2");
      decimals = 0;
    } else if (c >= '0' && c <= '9') {
      if (decimals < 0) {
        whole = whole * 10 + (c - '0');
        if (whole > 100000) throw invalid("stock.invalid_surface", "surface_m2");
      } else if (++decimals == 1) {
        tenth = c - '0';
      } else if (c != '0') {
        throw invalid("stock.invalid_surface", "surface_m2");  // more than one decimal
      }
    } else {
      throw invalid("stock.invalid_surface", "surface_m2");
    }
  }
  std::int64_t dm2 = whole * 10 + tenth;
  if (dm2 < 100 || dm2 > 10000) throw invalid("stock.invalid_surface", "surface_m2");
  return dm2;
}

std::optional<char> parse_peb_class(std::string_view text) {
  std::string t(trim(text));
  if (t.empty()) return std::nullopt;
  if (t.size() != 1) throw invalid("stock.invalid_peb_class", "peb_class");
  char c = t[0];
  if (c >= 'a' && c <= 'g') c = static_cast<char>(c - 'a' + 'A');
  if (c < 'A' || c > 'G') throw invalid("stock.invalid_peb_class", "peb_class");
  return c;
}

std::vector<std::string> parse_categories(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& part : split(text, ',')) {
    std::string name = to_lower_ascii(trim(part));
    if (name.empty()) continue;
    if (std::find(kSpecialCategories.begin(), kSpecialCategories.end(), name) == kSpecialCategories.end())
      throw std::move(invalid("stock.invalid_category", "categories").param("category", name));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void validate_dwelling(const Dwelling& d) {
  Problems problems;
  problems.check([&] { validate_reference(d.reference); });
  if (trim(d.street).empty() || !printable(d.street) || characters(d.street) > 120)
    problems.add(invalid("stock.invalid_street", "street"));
  if (trim(d.number).empty() || !printable(d.number) || characters(d.number) > 10)
    problems.add(invalid("stock.invalid_number", "number"));
  if (!printable(d.box) || characters(d.box) > 10) problems.add(invalid("stock.invalid_box", "box"));
  if (d.floor && (*d.floor < -5 || *d.floor > 200)) problems.add(invalid("stock.invalid_floor", "floor"));
  if (d.bedrooms < 0 || d.bedrooms > 20) problems.add(invalid("stock.invalid_bedrooms", "bedrooms"));
  if (d.surface_dm2 && (*d.surface_dm2 < 100 || *d.surface_dm2 > 10000))
    problems.add(invalid("stock.invalid_surface", "surface_m2"));
  if (!printable(d.peb_number) || characters(d.peb_number) > 40) problems.add(invalid("stock.invalid_peb_number", "peb_number"));
  if (!printable(d.cadastral_reference) || characters(d.cadastral_reference) > 40)
    problems.add(invalid("stock.invalid_cadastral_reference", "cadastral_reference"));
  problems.throw_if_any();
}

}  // namespace hms::stock

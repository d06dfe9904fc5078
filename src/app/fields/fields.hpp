// Reading a field typed by a person (a form, the API, an import file, the command line) into
// its value: one parser per kind of value, each refusing with the caller's error code, so that
// "2026-02-30" as a contract's end is "common.invalid_date" and "abc" as a floor is
// "stock.invalid_floor". Surrounding whitespace is ignored; an empty text is refused like any
// other (whether a field may be left blank is the caller's rule: read_field, optional_field).
// Example: fields::parse_percent("8,5 %", "owners.invalid_management_fee") is 850 basis points.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/money.hpp"
#include "common/rate.hpp"
#include "common/text.hpp"

namespace hms::app::fields {

// Every parser throws DomainError(ErrorKind::validation, code), without a field.

// "2026-11-29": exactly YYYY-MM-DD naming a day that exists (common/date.hpp).
std::chrono::year_month_day parse_date(std::string_view text, const std::string& code);

// A date as a person types it in a form, day first as in French and Dutch — "05/09/2026",
// "5.9.2026", "05-09-2026" — or ISO "2026-09-05" (what a browser's date input sends): its ISO
// text, for parse_date. A text of neither shape comes back as typed (parse_date then refuses
// it); one of a date's shape naming no day ("31/02/2026") comes back as "2026-02-31" with
// `no_such_day` set, for the message "this date does not exist" (common.date_does_not_exist)
// rather than "not a date". The forms read their dates through it (http/handlers/support/forms.hpp);
// the API keeps to YYYY-MM-DD (contract A).
std::string iso_of_typed_date(std::string_view text, bool* no_such_day = nullptr);

// A whole number written with ASCII digits and an optional leading '-' ("3", "-2", "007"),
// within [min, max].
std::int64_t parse_int(std::string_view text, std::int64_t min, std::int64_t max, const std::string& code);

// An amount as Money::parse reads it ("745", "745,50", "1.234,56", "1 234,56", "745,50 €").
Money parse_money(std::string_view text, const std::string& code);

// yes / true / 1 / on / oui / ja, and no / false / 0 / off / non / nee, in any case.
bool parse_yes_no(std::string_view text, const std::string& code);

// A percentage with at most two decimals after '.' or ',' and an optional '%': "8", "8,5",
// "8.25 %" are 800, 850 and 825 basis points. At least one digit; never negative; below 10,000 %.
Rate parse_percent(std::string_view text, const std::string& code);

// A field read with one of the parsers above: parse(text, args...), or, when it does not read, a
// problem on `field` in `problems` and none, so that a form reports every field at once:
//   q.registered = fields::read_field(o.registered, "registered", problems, fields::parse_yes_no,
//                                     "indexation.invalid_registered").value_or(true);
template <typename Parse, typename... Args>
auto read_field(std::string_view text, const std::string& field, Problems& problems, Parse parse,
                const Args&... args) -> std::optional<decltype(parse(text, args...))> {
  try {
    return parse(text, args...);
  } catch (DomainError& e) {
    if (e.kind() != ErrorKind::validation) throw;
    problems.add(e.field(field));
    return std::nullopt;
  }
}

// The same for a field that may be absent or left blank: none then.
//   k.end = fields::optional_field(f.end, "end", problems, fields::parse_date, "common.invalid_date");
template <typename Parse, typename... Args>
auto optional_field(const std::optional<std::string>& text, const std::string& field, Problems& problems,
                    Parse parse, const Args&... args) -> decltype(read_field(*text, field, problems, parse, args...)) {
  if (!text || trim(*text).empty()) return std::nullopt;
  return read_field(*text, field, problems, parse, args...);
}

// The shorthands every module's fields use: an optional date ("common.invalid_date") and an
// optional amount (the caller's code).
inline std::optional<std::chrono::year_month_day> optional_date(const std::optional<std::string>& text,
                                                                const std::string& field, Problems& problems) {
  return optional_field(text, field, problems, parse_date, "common.invalid_date");
}
inline std::optional<Money> optional_money(const std::optional<std::string>& text, const std::string& field,
                                           const std::string& code, Problems& problems) {
  return optional_field(text, field, problems, parse_money, code);
}

// A record's id as typed (a form's hidden field, a query): a whole number ≥ 1, or none when it is
// not one — the caller says which record is then unknown.
std::optional<std::int64_t> id_or_none(const std::optional<std::string>& text);

}  // namespace hms::app::fields

// The page kit: what every module's pages share — texts of the reader's language, values as
// a page shows them, form errors, the agency choice of the roles that see every agency, and the
// one model of a list page. Example, a list page:
//   ListPage list{items, page.total, paging, {"kind"}, "/owners/export"};
//   auto model = list_page_model(req, s, list);   // + the module's own keys
//   model["kinds"] = …;
#pragma once
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/money.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

// The catalog's text for `key` in the reader's language.
const std::string& text(const Services& s, const Request& req, const std::string& key);
// A text for a view, or null (false for the templates: an empty string would count as true).
nlohmann::json opt_text(const std::string& s);
// A date as 29/11/2026, or null.
nlohmann::json date_text(const std::optional<std::chrono::year_month_day>& d);
// The amount alone, for messages that add the euro sign themselves: "1.234,56" or "1,234.56".
std::string amount_text(Money m, const std::string& lang);

// The form's errors as a view model ({"summary": [{"field", "message"}], "<field>": "message"}),
// the messages' parameters written as the reader writes them (amounts 816,00, dates 01/03/2026),
// the summary in the order of the fields on the page when `order` is given.
nlohmann::json errors_of(const Services& s, const Request& req, const DomainError& e,
                         std::initializer_list<const char*> order = {});

// The UTC day of a moment (seconds since 1970) as a page shows it: 29/11/2026.
std::string day_text(std::int64_t seconds);

// A query parameter as typed, trimmed; none when absent or blank (the use cases' "not given").
std::optional<std::string> query_or_none(const Request& req, const char* name);

// Whether the reader sees every agency (region, federation, system admin) rather than their own.
bool cross_agency(const Request& req);
// The agencies a cross-agency reader may filter a list by, the one of ?agency selected.
nlohmann::json agency_choices(const Services& s, const Request& req);

// A list page: its rows (already views), the total without paging, the paging, the parameters
// that narrow it besides ?q and ?agency, and where its export is ("" for none).
struct ListPage {
  nlohmann::json items = nlohmann::json::array();
  std::int64_t total = 0;
  app::Paging paging;
  std::vector<std::string> filters;
  std::string export_path;
  bool agency_filter = true;  // cross-agency readers may narrow it to one agency (?agency)
};

// What every list page shows around its rows: {"items", "total", "has_items", "filtered", "q",
// "cross_agency", "agencies" (for cross-agency readers), "export_csv", "export_xlsx" (every
// matching row, same parameters), "pagination" (links keeping every parameter)}.
nlohmann::json list_page_model(const Request& req, const Services& s, const ListPage& list);

// The sortable column headers of a list: for each key {"href", "aria_sort", "arrow"}, the link
// sorting by that column (reversed on a second click) and keeping every other parameter.
// `current` is the order in force (?sort, or the list's default).
nlohmann::json sort_headers(const Request& req, std::initializer_list<const char*> keys, const std::string& current);

}  // namespace hms::http

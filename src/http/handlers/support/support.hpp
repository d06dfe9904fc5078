// What every handler shares, whatever its module: the page frame of a request, lists in the
// contract's shape, pagination, form errors, downloads and exports. Module code (the JSON shape
// of a dwelling, an owner…) lives in the module's folder: handlers/<module>/.
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "formats/table.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/server.hpp"

namespace hms::http {

// The frame of a page for this request: language, user, CSRF token, translated title.
web::PageInfo page_info(const Request& req, const Services& s, const std::string& title_key, const std::string& nav);

// A list in the contract's shape: {"items": [...], "total": N}.
template <typename T, typename F>
nlohmann::json list_json(const app::Page<T>& page, F&& to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", items}, {"total", page.total}};
}

// The list's parameters as a query string ("q=rue&status=vacant"), without paging nor format:
// what the next page, the sort links and the export of the same list keep. `overrides` replace
// or add parameters ("" drops one): list_query(req, {{"sort", "-bedrooms"}}).
std::string list_query(const Request& req, const std::map<std::string, std::string>& overrides = {});

// Pagination links for a list page: {"from", "to", "total", "previous", "next"} (hrefs or null).
nlohmann::json pagination(const Request& req, const app::Paging& p, std::int64_t total, std::size_t shown);

// Who did an audited action, for a page: the login, or "the command line" / "someone not logged in".
std::string actor_label(const web::Views& v, const std::string& lang, const std::string& actor_login);

// The form's errors as a view model: {"summary": [{"field", "message"}], "<field>": "message"}.
nlohmann::json form_errors(const web::Views& v, const std::string& lang, const DomainError& e);

// A file to download: 200 with Content-Disposition attachment (the name kept to [A-Za-z0-9._-]).
Response download(const std::string& file_name, const std::string& content_type, std::string bytes);
// The ?format= of an export, checked before anything is read (an export of personal data is
// counted and audited): "csv" (default) or "xlsx", else 400 "export.unknown_format".
std::string export_format(const Request& req);
// Every row of a list as a file, by ?format=csv (default) or xlsx: "<base_name>-YYYY-MM-DD.csv|.xlsx"
// (today's date is added; the XLSX sheet is named base_name). Any other format: 400 "export.unknown_format".
// Example: export_list(req, "dwellings-AIS-BXL", columns, rows) → dwellings-AIS-BXL-2026-11-29.csv.
Response export_list(const Request& req, const std::string& base_name, const std::vector<formats::Column>& columns,
                     const std::vector<std::vector<std::string>>& rows);

}  // namespace hms::http

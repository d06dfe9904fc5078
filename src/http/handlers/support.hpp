// What every handler shares: the page frame of a request, JSON bodies, and the JSON shapes
// of the objects the API returns (also the view models of the pages).
#pragma once
#include <nlohmann/json.hpp>

#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"
#include "formats/table.hpp"
#include "http/server.hpp"

namespace hms::http {

// The frame of a page for this request: language, user, CSRF token, translated title.
web::PageInfo page_info(const Request& req, const Services& s, const std::string& title_key, const std::string& nav);

// The JSON body, or DomainError(bad_request, "common.malformed_json") — also when it is not an object.
nlohmann::json json_body(const Request& req);
// A string member of a JSON body: "" if absent; bad_request if present but not a string.
std::string json_string(const nlohmann::json& body, const char* name);

nlohmann::json user_json(const users::User& u);                   // contract A: login, name, role, agency
nlohmann::json user_admin_json(const users::User& u, const web::Views& v, const std::string& lang);  // + id, disabled, created
nlohmann::json agency_json(const agencies::Agency& a);
nlohmann::json dwelling_json(const stock::Dwelling& d);          // contract B (stock_json.cpp)
nlohmann::json owner_json(const owners::Owner& o);
nlohmann::json contract_json(const owners::OwnerContract& k);
// A JSON body as the fields of a use case; an unknown key is a 422 on that key.
app::DwellingFields dwelling_fields(const nlohmann::json& body);
app::OwnerFields owner_fields(const nlohmann::json& body);
app::ContractFields contract_fields(const nlohmann::json& body);
// The list filters of a request's query (?q, ?postcode, ?status, ?type, ?bedrooms, ?sort=-bedrooms;
// ?kind; ?dwelling_id, ?owner_id, ?in_force_on, ?ending_from, ?ending_to); 422 on a bad value.
stock::DwellingFilter dwelling_filter(const Request& req);
stock::SortOrder dwelling_sort(const Request& req);
owners::OwnerFilter owner_filter(const Request& req);
owners::ContractFilter contract_filter(const Request& req);

// A list in the contract's shape: {"items": [...], "total": N}.
template <typename T, typename F>
nlohmann::json list_json(const app::Page<T>& page, F&& to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return {{"items", items}, {"total", page.total}};
}

// The list's parameters as a query string ("q=rue&status=vacant"), without paging nor format:
// what the next page and the export of the same list keep.
std::string list_query(const Request& req);

// Pagination links for a list page: {"from", "to", "total", "previous", "next"} (hrefs or null).
nlohmann::json pagination(const Request& req, const app::Paging& p, std::int64_t total, std::size_t shown);

// Who did an audited action, for a page: the login, or "the command line" / "someone not logged in".
std::string actor_label(const web::Views& v, const std::string& lang, const std::string& actor_login);

// The form's errors as a view model: {"summary": [{"field", "message"}], "<field>": "message"}.
nlohmann::json form_errors(const web::Views& v, const std::string& lang, const DomainError& e);

// A file to download: 200 with Content-Disposition attachment (the name kept to [A-Za-z0-9._-]).
Response download(const std::string& file_name, const std::string& content_type, std::string bytes);
// Every row of a list as a file, by ?format=csv (default) or xlsx: "<base_name>-YYYY-MM-DD.csv|.xlsx"
// (today's date is added; the XLSX sheet is named base_name). Any other format: 400 "export.unknown_format".
// Example: export_list(req, "dwellings-AIS-BXL", columns, rows) → dwellings-AIS-BXL-2026-11-29.csv.
Response export_list(const Request& req, const std::string& base_name, const std::vector<formats::Column>& columns,
                     const std::vector<std::vector<std::string>>& rows);

void add_session_routes(std::vector<Route>& routes, Services& s);
void add_dashboard_routes(std::vector<Route>& routes, Services& s);
void add_agency_routes(std::vector<Route>& routes, Services& s);
void add_user_routes(std::vector<Route>& routes, Services& s);
void add_account_routes(std::vector<Route>& routes, Services& s);
void add_audit_routes(std::vector<Route>& routes, Services& s);
void add_calculator_routes(std::vector<Route>& routes, Services& s);
void add_static_routes(std::vector<Route>& routes, Services& s);
void add_rules_routes(std::vector<Route>& routes, Services& s);
void add_stock_api_routes(std::vector<Route>& routes, Services& s);
void add_stock_page_routes(std::vector<Route>& routes, Services& s);
void add_owner_api_routes(std::vector<Route>& routes, Services& s);
void add_owner_page_routes(std::vector<Route>& routes, Services& s);
void add_indexation_page_routes(std::vector<Route>& routes, Services& s);
void add_import_page_routes(std::vector<Route>& routes, Services& s);

}  // namespace hms::http

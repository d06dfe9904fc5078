// GET /search?q= : the header's search box (issue 15.10) — dwellings, owners and owner contracts
// in one page, each part a short list with a link to the whole list of the same search.
#include "app/search/search.hpp"
#include "common/text.hpp"
#include "domain/owners/bank_account.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/stock/stock_json.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using nlohmann::json;

// "See the 42 results in the list" when the part shows fewer than it found.
json more_link(const Services& s, const Request& req, std::int64_t total, std::size_t shown, const std::string& path,
               const std::string& query) {
  if (total <= static_cast<std::int64_t>(shown)) return json();
  return {{"href", path + "?q=" + url_encode(query)},
          {"text", s.views.catalog().format(req.lang, "search.see_all", {{"count", web::thousands_text(total, req.lang)}})}};
}

json results_model(const Services& s, const Request& req, const app::SearchResults& r) {
  const auto& cat = s.views.catalog();
  json model = {{"q", r.query}, {"searched", !r.query.empty()}, {"too_short", r.query.size() == 1}};
  std::int64_t found = 0;
  if (r.dwellings) {
    json items = json::array();
    for (const auto& d : r.dwellings->items)
      items.push_back({{"href", "/dwellings/" + std::to_string(d.id)},
                       {"label", d.reference},
                       {"detail", dwelling_address(s.views.catalog(), d, req.lang) + " · " +
                                      cat.text(req.lang, "stock.dwellings.statuses." + std::string(stock::to_string(d.status)))}});
    found += r.dwellings->total;
    model["dwellings"] = {{"items", items}, {"has_items", !items.empty()},
                          {"more", more_link(s, req, r.dwellings->total, items.size(), "/dwellings", r.query)}};
  }
  if (r.owners) {
    json items = json::array();
    for (const auto& o : r.owners->matches) {
      std::string detail = o.commune;
      if (!o.iban_last4.empty())
        detail += (detail.empty() ? "" : " · ") + cat.format(req.lang, "owners.search.iban", {{"last4", o.iban_last4}});
      if (!o.company_number.empty())
        detail += (detail.empty() ? "" : " · ") +
                  cat.format(req.lang, "owners.search.company", {{"number", owners::format_company_number(o.company_number)}});
      items.push_back({{"href", "/owners/" + std::to_string(o.id)}, {"label", o.name}, {"detail", detail}});
    }
    found += static_cast<std::int64_t>(items.size());
    json more;
    if (r.owners->more) more = {{"href", "/owners?q=" + url_encode(r.query)}, {"text", cat.text(req.lang, "search.see_all_owners")}};
    model["owners"] = {{"items", items}, {"has_items", !items.empty()}, {"more", more}};
  }
  if (r.contracts) {
    json items = json::array();
    for (const auto& k : r.contracts->items)
      items.push_back({{"href", "/owner-contracts/" + std::to_string(k.id)},
                       {"label", k.dwelling_reference + " — " + k.owner_name},
                       {"detail", cat.text(req.lang, "stock.dwellings.contract_kinds." + std::string(owners::to_string(k.kind))) +
                                      " · " + cat.format(req.lang, "search.since", {{"date", to_belgian(k.start)}})}});
    found += r.contracts->total;
    model["contracts"] = {{"items", items}, {"has_items", !items.empty()},
                          {"more", more_link(s, req, r.contracts->total, items.size(), "/owner-contracts", r.query)}};
  }
  model["nothing"] = !r.query.empty() && r.query.size() > 1 && found == 0;
  return model;
}

}  // namespace

void add_search_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/search", Access::logged_in, [&s](Request& req) {
    auto results = app::search(s.store, req.context(), req.query_value("q"));
    auto info = page_info(req, s, "search.title", "search");
    return Response::html(s.views.page(info, "search/results", results_model(s, req, results)));
  }});
}

}  // namespace hms::http

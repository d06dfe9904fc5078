// The JSON shape of a dwelling (contract B), also the view model of the dwelling pages; a JSON
// body as the fields of the use cases; the list filters of a request's query.
#pragma once
#include <nlohmann/json.hpp>

#include "app/stock/dwellings.hpp"
#include "http/request.hpp"
#include "web/catalog.hpp"

namespace hms::http {

nlohmann::json dwelling_json(const stock::Dwelling& d);
// The address on one line in the reader's language, the box as the post writes it:
// "Rue Haute 12 bte 3, 1000 Bruxelles" (fr), "Rue Haute 12 bus 3, 1000 Brussel" (nl).
std::string dwelling_address(const web::Catalog& cat, const stock::Dwelling& d, const std::string& lang);
// A JSON body as the fields of a use case; an unknown key is a 422 on that key.
app::DwellingFields dwelling_fields(const nlohmann::json& body);
// ?q, ?postcode, ?status, ?type, ?bedrooms; ?sort=-bedrooms. 422 on a bad value.
stock::DwellingFilter dwelling_filter(const Request& req);
stock::SortOrder dwelling_sort(const Request& req);

}  // namespace hms::http

// The JSON shapes of leases and the income mix (contract D), also the view models of their pages;
// a JSON body as the fields of the use cases; the list filters of a request's query.
#pragma once
#include <nlohmann/json.hpp>

#include "app/leases/leases.hpp"
#include "http/request.hpp"

namespace hms::http {

nlohmann::json lease_json(const leases::Lease& l);
nlohmann::json income_mix_json(const app::IncomeMix& m);
nlohmann::json inventory_json(const leases::Inventory& inv);
// {"done_on", "remarks", "items": [{"room", "item", "condition", "remarks"}]}; another key: 422.
app::InventoryInput inventory_input(const nlohmann::json& body);
// A JSON body as the fields of a use case; an unknown key is a 422 on that key.
app::LeaseFields lease_fields(const nlohmann::json& body);
// ?q, ?kind, ?dwelling_id, ?applicant_id, ?in_force_on. 422 on a bad value.
leases::LeaseFilter lease_filter(const Request& req);

}  // namespace hms::http

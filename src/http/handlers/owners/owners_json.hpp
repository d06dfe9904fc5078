// The JSON shapes of owners and owner contracts (contract B), also the view models of their
// pages; a JSON body as the fields of the use cases; the list filters of a request's query.
#pragma once
#include <nlohmann/json.hpp>

#include "app/owners/owners.hpp"
#include "http/request.hpp"

namespace hms::http {

nlohmann::json owner_json(const owners::Owner& o);
nlohmann::json contract_json(const owners::OwnerContract& k);
// A JSON body as the fields of a use case; an unknown key is a 422 on that key.
app::OwnerFields owner_fields(const nlohmann::json& body);
app::ContractFields contract_fields(const nlohmann::json& body);
// ?q, ?kind; ?dwelling_id, ?owner_id, ?in_force_on, ?ending_from, ?ending_to. 422 on a bad value.
owners::OwnerFilter owner_filter(const Request& req);
owners::ContractFilter contract_filter(const Request& req);

}  // namespace hms::http

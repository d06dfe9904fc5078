// The JSON shapes of owners and owner contracts (contract B) and how a JSON body or a query
// becomes the fields and filters of the use cases.
#include "http/handlers/owners/owners_json.hpp"

#include <cstdio>

#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "http/handlers/support/json_body.hpp"

namespace hms::http {

nlohmann::json owner_json(const owners::Owner& o) {
  nlohmann::json incomplete = nlohmann::json::array();  // the fields still missing, e.g. ["company_number"]
  for (const auto& m : owners::missing_details(o)) incomplete.push_back(m.field);
  return {{"id", o.id},
          {"agency", o.agency_code},
          {"kind", owners::to_string(o.kind)},
          {"name", o.name},
          {"iban", o.iban},
          {"company_number", o.company_number.empty() ? nlohmann::json() : nlohmann::json(o.company_number)},
          {"email", o.email},
          {"phone", o.phone},
          {"address", o.address},
          {"language", o.language},
          {"dwellings", o.dwellings},
          {"incomplete", incomplete}};
}

nlohmann::json contract_json(const owners::OwnerContract& k) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& v : k.rent_history)
    history.push_back({{"valid_from", to_iso(v.valid_from)},
                       {"amount", v.amount.format_plain()},
                       {"reason", v.reason},
                       {"cap", money_json(v.cap)}});
  nlohmann::json fee;
  if (k.management_fee) {
    const auto bp = k.management_fee->basis_points();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(bp / 100), static_cast<long long>(bp % 100));
    fee = buf;
  }
  nlohmann::json j = {{"id", k.id},
                      {"agency", k.agency_code},
                      {"dwelling_id", k.dwelling_id},
                      {"dwelling_reference", k.dwelling_reference},
                      {"owner_id", k.owner_id},
                      {"owner_name", k.owner_name},
                      {"kind", owners::to_string(k.kind)},
                      {"start", to_iso(k.start)},
                      {"end", opt_date(k.end)},
                      {"signed_on", opt_date(k.signed_on)},
                      {"registered", k.registered},
                      {"management_fee", fee},
                      {"management_fee_default", k.management_fee_default},
                      {"guarantee_vacancy", k.guarantee_vacancy},
                      {"guarantee_unpaid_rent", k.guarantee_unpaid_rent},
                      {"guarantee_damage", k.guarantee_damage},
                      {"owner_rent", k.owner_rent.format_plain()},
                      {"cap", money_json(k.cap)}};
  if (!k.rent_history.empty()) j["rent_history"] = history;
  return j;
}

app::OwnerFields owner_fields(const nlohmann::json& body) {
  return read_body<app::OwnerFields>(body, {"id", "dwellings"});
}

app::ContractFields contract_fields(const nlohmann::json& body) {
  return read_body<app::ContractFields>(body, {"id", "dwelling_reference", "owner_name", "cap", "rent_history"});
}

owners::OwnerFilter owner_filter(const Request& req) {
  owners::OwnerFilter f;
  f.query = req.query_value("q");
  if (auto k = req.query_value("kind"); !k.empty()) {
    f.kind = owners::parse_owner_kind(k);
    if (!f.kind) throw DomainError(ErrorKind::validation, "owners.invalid_kind").field("kind");
  }
  return f;
}

owners::ContractFilter contract_filter(const Request& req) {
  owners::ContractFilter f;
  f.query = req.query_value("q");
  f.dwelling_id = query_id(req, "dwelling_id");
  f.owner_id = query_id(req, "owner_id");
  if (auto k = req.query_value("kind"); !k.empty()) {
    f.kind = owners::parse_contract_kind(k);
    if (!f.kind) throw DomainError(ErrorKind::validation, "owners.invalid_contract_kind").field("kind");
  }
  f.in_force_on = query_date(req, "in_force_on");
  f.ending_from = query_date(req, "ending_from");
  f.ending_to = query_date(req, "ending_to");
  return f;
}

}  // namespace hms::http

#include "http/handlers/leases/leases_json.hpp"

#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "http/handlers/support/json_body.hpp"

namespace hms::http {

nlohmann::json lease_json(const leases::Lease& l) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& v : l.rent_history)
    history.push_back({{"valid_from", to_iso(v.valid_from)},
                       {"amount", v.amount.format_plain()},
                       {"reason", v.reason},
                       {"cap", money_json(v.cap)}});
  nlohmann::json j = {
      {"id", l.id},
      {"agency", l.agency_code},
      {"dwelling_id", l.dwelling_id},
      {"dwelling_reference", l.dwelling_reference},
      {"applicant_id", l.applicant_id},
      {"applicant_number", l.applicant_number},
      {"household_name", l.household_name},
      {"kind", leases::to_string(l.kind)},
      {"start", to_iso(l.start)},
      {"end", opt_date(l.end)},
      {"tenant_rent", l.tenant_rent.format_plain()},
      {"cap", money_json(l.cap)},
      {"charges", l.charges.format_plain()},
      {"deposit", l.deposit.format_plain()},
      {"deposit_form", l.deposit_form ? nlohmann::json(leases::to_string(*l.deposit_form)) : nlohmann::json()},
      {"deposit_held_by", l.deposit_held_by},
      {"deposit_returned_on", opt_date(l.deposit_returned_on)},
      {"deposit_returned", money_json(l.deposit_returned)},
      {"payment_reference", leases::format_payment_reference(l.payment_reference)},
      {"band", l.band},
      {"income_year", l.income_year},
      {"extended", l.extended},
      {"notice_by", l.notice_by ? nlohmann::json(leases::to_string(*l.notice_by)) : nlohmann::json()},
      {"notice_received_on", opt_date(l.notice_received_on)},
      {"end_reason", l.end_reason.empty() ? nlohmann::json() : nlohmann::json(l.end_reason)}};
  if (!l.rent_history.empty()) j["rent_history"] = history;
  return j;
}

nlohmann::json income_mix_json(const app::IncomeMix& m) {
  return {{"agency", m.agency_code},
          {"leases", m.leases},
          {"at_or_below", m.at_or_below},
          {"share", m.share},
          {"meets_two_thirds", m.meets_two_thirds}};
}

nlohmann::json inventory_json(const leases::Inventory& inv) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& line : inv.items)
    items.push_back({{"room", line.room},
                     {"item", line.item},
                     {"condition", leases::to_string(line.condition)},
                     {"remarks", line.remarks}});
  return {{"kind", leases::to_string(inv.kind)},
          {"done_on", to_iso(inv.done_on)},
          {"remarks", inv.remarks},
          {"items", items}};
}

app::InventoryInput inventory_input(const nlohmann::json& body) {
  auto unknown = [](const std::string& key) {
    return DomainError(ErrorKind::validation, "common.unknown_field").param("field", key).field(key);
  };
  app::InventoryInput in;
  for (const auto& [key, value] : body.items()) {
    if (key == "done_on") in.done_on = value.is_null() ? "" : as_text(value, key);
    else if (key == "remarks") in.remarks = value.is_null() ? "" : as_text(value, key);
    else if (key == "kind") continue;  // read-only, sent back as read
    else if (key != "items") throw unknown(key);
  }
  if (auto items = body.find("items"); items != body.end()) {
    if (!items->is_array()) throw DomainError(ErrorKind::validation, "leases.inventory_empty").field("items");
    for (const auto& line : *items) {
      if (!line.is_object()) throw DomainError(ErrorKind::validation, "leases.inventory_empty").field("items");
      app::InventoryInput::Line l;
      for (const auto& [key, value] : line.items()) {
        const std::string v = value.is_null() ? "" : as_text(value, key);
        if (key == "room") l.room = v;
        else if (key == "item") l.item = v;
        else if (key == "condition") l.condition = v;
        else if (key == "remarks") l.remarks = v;
        else throw unknown("items." + key);
      }
      in.lines.push_back(std::move(l));
    }
  }
  return in;
}

app::LeaseFields lease_fields(const nlohmann::json& body) {
  return read_body<app::LeaseFields>(body, {"id", "dwelling_reference", "applicant_number", "household_name", "cap",
                                            "payment_reference", "band", "income_year", "end_reason", "rent_history"});
}

leases::LeaseFilter lease_filter(const Request& req) {
  leases::LeaseFilter f;
  f.query = req.query_value("q");
  f.dwelling_id = query_id(req, "dwelling_id");
  f.applicant_id = query_id(req, "applicant_id");
  if (auto k = req.query_value("kind"); !k.empty()) {
    f.kind = leases::parse_lease_kind(k);
    if (!f.kind) throw DomainError(ErrorKind::validation, "leases.invalid_kind").field("kind");
  }
  f.in_force_on = query_date(req, "in_force_on");
  return f;
}

}  // namespace hms::http

#include "http/handlers/subsidies/subsidies_json.hpp"

#include "common/date.hpp"
#include "common/money.hpp"
#include "http/handlers/support/json_body.hpp"

namespace hms::http {

namespace {

nlohmann::json money(std::optional<std::int64_t> cents) {
  return cents ? nlohmann::json(Money::from_cents(*cents).format_plain()) : nlohmann::json();
}

nlohmann::json counts_json(const subsidies::Counts& c) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, n] : c) out[k] = n;
  return out;
}

nlohmann::json categories_json(const std::string& text) {
  nlohmann::json out = nlohmann::json::array();
  std::string::size_type from = 0;
  while (from < text.size()) {
    auto comma = text.find(',', from);
    if (comma == std::string::npos) comma = text.size();
    if (comma > from) out.push_back(text.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

nlohmann::json item_json(const subsidies::InventoryItem& it) {
  return {{"dwelling_id", it.dwelling_id},
          {"reference", it.reference},
          {"street", it.street},
          {"number", it.number},
          {"box", it.box},
          {"postcode", it.postcode},
          {"commune_fr", it.commune_fr},
          {"commune_nl", it.commune_nl},
          {"type", it.type},
          {"bedrooms", it.bedrooms},
          {"surface", it.surface_dm2 ? nlohmann::json(surface_text(it.surface_dm2)) : nlohmann::json()},
          {"energy_class", it.peb_class ? nlohmann::json(std::string(1, *it.peb_class)) : nlohmann::json()},
          {"categories", categories_json(it.categories)},
          {"contract_kind", it.contract_kind},
          {"contract_start", to_iso(it.contract_start)},
          {"contract_end", opt_date(it.contract_end)},
          {"owner_rent", money(it.owner_rent_cents)},
          {"leased", it.leased},
          {"tenant_rent", money(it.tenant_rent_cents)},
          {"band", it.leased && !it.band.empty() ? nlohmann::json(it.band) : nlohmann::json()},
          {"status", it.status.empty() ? nlohmann::json() : nlohmann::json(it.status)},
          {"status_since", opt_date(it.status_since)},
          {"subsidisable", it.subsidisable}};
}

}  // namespace

std::string surface_text(std::optional<std::int64_t> dm2) {
  if (!dm2) return "";
  return std::to_string(*dm2 / 10) + (*dm2 % 10 ? "." + std::to_string(*dm2 % 10) : "");
}

nlohmann::json inventory_json(const subsidies::Inventory& inv) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : inv.items) items.push_back(item_json(it));
  return {{"agency", inv.agency_code},
          {"date", to_iso(inv.date)},
          {"dwellings", inv.dwellings},
          {"leased", inv.leased},
          {"vacant", inv.vacant},
          {"works", inv.works},
          {"subsidisable", inv.subsidisable},
          {"cap", inv.cap},
          {"over_cap", inv.over_cap},
          {"counts",
           {{"status", counts_json(inv.by_status)},
            {"type", counts_json(inv.by_type)},
            {"bedrooms", counts_json(inv.by_bedrooms)},
            {"commune", counts_json(inv.by_commune)},
            {"band", counts_json(inv.by_band)}}},
          {"items", items}};
}

nlohmann::json frozen_json(const subsidies::FrozenInventory& f, bool with_items) {
  nlohmann::json out = with_items ? inventory_json(f.inventory)
                                  : nlohmann::json{{"agency", f.inventory.agency_code},
                                                   {"date", to_iso(f.inventory.date)},
                                                   {"dwellings", f.inventory.dwellings},
                                                   {"subsidisable", f.inventory.subsidisable},
                                                   {"cap", f.inventory.cap},
                                                   {"over_cap", f.inventory.over_cap}};
  out["id"] = f.id;
  out["submitted_at"] = f.submitted_at;
  out["submitted_by"] = f.submitted_by_name;
  return out;
}

nlohmann::json diff_json(const app::InventoryDiff& d) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : d.changes) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : c.fields) fields.push_back({{"field", f.field}, {"frozen", f.frozen}, {"live", f.live}});
    items.push_back({{"change", c.change}, {"dwelling_id", c.dwelling_id}, {"reference", c.reference}, {"fields", fields}});
  }
  return {{"id", d.frozen.id}, {"date", to_iso(d.frozen.inventory.date)}, {"items", items}, {"total", items.size()}};
}

nlohmann::json derogation_json(const subsidies::Derogation& d) {
  return {{"id", d.id}, {"cap", d.cap}, {"decided_on", to_iso(d.decided_on)}, {"reference", d.reference}};
}

nlohmann::json request_json(const subsidies::SubsidyRequest& r, bool whole) {
  nlohmann::json out = {{"id", r.id},
                        {"agency", r.agency_code},
                        {"inventory_id", r.inventory_id},
                        {"inventory_date", to_iso(r.inventory_date)},
                        {"year", r.year},
                        {"rates_from", to_iso(r.rates_from)},
                        {"rates_status", r.rates_status},
                        {"total", money(r.total_cents)},
                        {"status", std::string(subsidies::to_string(r.status))}};
  if (!whole) return out;
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : r.lines)
    lines.push_back({{"part", l.part}, {"count", l.count}, {"rate", money(l.rate_cents)}, {"amount", money(l.amount_cents)}});
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : r.events)
    events.push_back({{"kind", e.kind}, {"comment", e.comment}, {"by", e.user_name}, {"at", e.at}});
  nlohmann::json tranches = nlohmann::json::array();
  for (const auto& t : r.tranches) {
    nlohmann::json j = {{"number", t.number},
                        {"share", t.share_percent},
                        {"amount", money(t.amount_cents)},
                        {"due_on", to_iso(t.due_on)},
                        {"justification", t.justification.empty() ? nlohmann::json() : nlohmann::json(t.justification)},
                        {"justified_on", t.justified_on ? nlohmann::json(to_iso(*t.justified_on)) : nlohmann::json()},
                        {"paid_on", t.paid_on ? nlohmann::json(to_iso(*t.paid_on)) : nlohmann::json()}};
    if (t.justified_on) j["income_mix"] = {{"leases", t.leases}, {"at_or_below", t.at_or_below}};
    tranches.push_back(std::move(j));
  }
  out["lines"] = lines;
  out["events"] = events;
  out["tranches"] = tranches;
  return out;
}

nlohmann::json property_tax_json(const app::PropertyTaxList& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : list.lines)
    items.push_back({{"dwelling_id", l.dwelling_id},
                     {"reference", l.reference},
                     {"street", l.street},
                     {"number", l.number},
                     {"box", l.box},
                     {"postcode", l.postcode},
                     {"commune_fr", l.commune_fr},
                     {"commune_nl", l.commune_nl},
                     {"cadastral_reference", l.cadastral_reference.empty() ? nlohmann::json() : nlohmann::json(l.cadastral_reference)},
                     {"owner", {{"id", l.owner_id}, {"kind", l.owner_kind}, {"name", l.owner_name},
                                {"company_number", l.company_number}, {"address", l.owner_address}}},
                     {"contract", {{"id", l.contract_id}, {"kind", l.contract_kind}, {"start", to_iso(l.contract_start)},
                                   {"end", l.contract_end ? nlohmann::json(to_iso(*l.contract_end)) : nlohmann::json()}}},
                     {"from", to_iso(l.from)},
                     {"to", to_iso(l.to)}});
  return {{"agency", list.agency.code},
          {"year", list.year},
          {"total", items.size()},
          {"without_cadastral_reference", list.without_cadastral_reference},
          {"items", items}};
}

}  // namespace hms::http

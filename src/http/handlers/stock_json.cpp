// The JSON shapes of dwellings, owners and owner contracts (contract B), and how a JSON body
// becomes the fields of the use cases. The pages use the same shapes as their view models.
#include <algorithm>
#include <limits>
#include <set>

#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "domain/owners/bank_account.hpp"
#include "http/handlers/support.hpp"

namespace hms::http {
namespace {

nlohmann::json opt_date(const std::optional<std::chrono::year_month_day>& d) {
  return d ? nlohmann::json(to_iso(*d)) : nlohmann::json();
}

nlohmann::json money_json(const std::optional<Money>& m) { return m ? nlohmann::json(m->format_plain()) : nlohmann::json(); }

// A JSON value as the text a form would have sent: strings as they are, numbers as written,
// booleans as "true"/"false", null as "" (clears the field), arrays joined with commas.
std::string as_text(const nlohmann::json& v, const std::string& key) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) {
    std::string s = v.dump();
    return s;
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!item.is_string()) throw DomainError(ErrorKind::bad_request, "common.malformed_json").param("field", key);
      out += (out.empty() ? "" : ",") + item.get<std::string>();
    }
    return out;
  }
  throw DomainError(ErrorKind::bad_request, "common.malformed_json").param("field", key);
}

// Reads a JSON object into named optional fields; read-only fields of the object's JSON shape
// are ignored (a client may send back what it read); any other key is a 422 on that key.
struct BodyReader {
  const nlohmann::json& body;
  std::vector<std::string> read_only;
  std::set<std::string> seen;
  void read(const char* key, std::optional<std::string>& target) {
    seen.insert(key);
    if (auto it = body.find(key); it != body.end()) target = as_text(*it, key);
  }
  void finish() {
    for (const auto& [key, value] : body.items()) {
      if (seen.count(key) || std::find(read_only.begin(), read_only.end(), key) != read_only.end()) continue;
      throw DomainError(ErrorKind::validation, "common.unknown_field").param("field", key).field(key);
    }
  }
};

}  // namespace

nlohmann::json dwelling_json(const stock::Dwelling& d) {
  nlohmann::json categories = d.categories;
  std::string commune = d.commune.name_fr == d.commune.name_nl ? d.commune.name_fr
                                                               : d.commune.name_fr + " / " + d.commune.name_nl;
  nlohmann::json surface;
  if (d.surface_dm2) {
    if (*d.surface_dm2 % 10 == 0) surface = *d.surface_dm2 / 10;
    else surface = static_cast<double>(*d.surface_dm2) / 10.0;
  }
  return {{"id", d.id},
          {"agency", d.agency_code},
          {"reference", d.reference},
          {"building_id", d.building_id},
          {"street", d.street},
          {"number", d.number},
          {"box", d.box},
          {"postcode", d.commune.postcode},
          {"commune", commune},
          {"commune_fr", d.commune.name_fr},
          {"commune_nl", d.commune.name_nl},
          {"nis_code", d.commune.nis_code},
          {"floor", d.floor ? nlohmann::json(*d.floor) : nlohmann::json()},
          {"type", stock::to_string(d.type)},
          {"bedrooms", d.bedrooms},
          {"surface_m2", surface},
          {"peb_class", d.peb_class ? nlohmann::json(std::string(1, *d.peb_class)) : nlohmann::json()},
          {"peb_number", d.peb_number},
          {"peb_date", opt_date(d.peb_date)},
          {"cadastral_reference", d.cadastral_reference},
          {"categories", categories},
          {"status", stock::to_string(d.status)},
          {"status_since", to_iso(d.status_since)},
          {"updated_at", d.updated_at}};
}

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
  if (k.management_fee_bp) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(*k.management_fee_bp / 100),
                  static_cast<long long>(*k.management_fee_bp % 100));
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

app::DwellingFields dwelling_fields(const nlohmann::json& body) {
  app::DwellingFields f;
  BodyReader r{body, {"id", "commune", "commune_fr", "commune_nl", "nis_code", "building_id", "updated_at"}, {}};
  r.read("agency", f.agency);
  r.read("reference", f.reference);
  r.read("street", f.street);
  r.read("number", f.number);
  r.read("box", f.box);
  r.read("postcode", f.postcode);
  r.read("floor", f.floor);
  r.read("type", f.type);
  r.read("bedrooms", f.bedrooms);
  r.read("surface_m2", f.surface_m2);
  r.read("peb_class", f.peb_class);
  r.read("peb_number", f.peb_number);
  r.read("peb_date", f.peb_date);
  r.read("cadastral_reference", f.cadastral_reference);
  r.read("categories", f.categories);
  r.read("status", f.status);
  r.read("status_since", f.status_since);
  r.finish();
  return f;
}

app::OwnerFields owner_fields(const nlohmann::json& body) {
  app::OwnerFields f;
  BodyReader r{body, {"id", "dwellings"}, {}};
  r.read("agency", f.agency);
  r.read("kind", f.kind);
  r.read("name", f.name);
  r.read("iban", f.iban);
  r.read("company_number", f.company_number);
  r.read("email", f.email);
  r.read("phone", f.phone);
  r.read("address", f.address);
  r.read("language", f.language);
  r.read("password", f.password);  // optional: confirms a new IBAN from a browser session (ADR 0007)
  r.finish();
  return f;
}

app::ContractFields contract_fields(const nlohmann::json& body) {
  app::ContractFields f;
  BodyReader r{body, {"id", "dwelling_reference", "owner_name", "cap", "rent_history"}, {}};
  r.read("agency", f.agency);
  r.read("dwelling_id", f.dwelling_id);
  r.read("owner_id", f.owner_id);
  r.read("kind", f.kind);
  r.read("start", f.start);
  r.read("end", f.end);
  r.read("signed_on", f.signed_on);
  r.read("registered", f.registered);
  r.read("management_fee", f.management_fee);
  r.read("guarantee_vacancy", f.guarantee_vacancy);
  r.read("guarantee_unpaid_rent", f.guarantee_unpaid_rent);
  r.read("guarantee_damage", f.guarantee_damage);
  r.read("owner_rent", f.owner_rent);
  r.read("rent_from", f.rent_from);
  r.finish();
  return f;
}

}  // namespace hms::http

namespace hms::http {

stock::DwellingFilter dwelling_filter(const Request& req) {
  stock::DwellingFilter f;
  f.query = req.query_value("q");
  f.postcode = req.query_value("postcode");
  if (auto s = req.query_value("status"); !s.empty()) {
    f.status = stock::parse_dwelling_status(s);
    if (!f.status) throw DomainError(ErrorKind::validation, "stock.invalid_status").field("status");
  }
  if (auto t = req.query_value("type"); !t.empty()) {
    f.type = stock::parse_dwelling_type(t);
    if (!f.type) throw DomainError(ErrorKind::validation, "stock.invalid_type").field("type");
  }
  Problems problems;
  if (auto b = app::fields::optional_field(req.query_value("bedrooms"), "bedrooms", problems, app::fields::parse_int, 0,
                                           99, "stock.invalid_bedrooms"))
    f.bedrooms = static_cast<int>(*b);
  problems.throw_if_any();
  return f;
}

stock::SortOrder dwelling_sort(const Request& req) {
  std::string s = req.query_value("sort");
  stock::SortOrder order;
  if (!s.empty() && s[0] == '-') {
    order.descending = true;
    s = s.substr(1);
  }
  if (s.empty() || s == "reference") order.by = stock::DwellingSort::reference;
  else if (s == "address") order.by = stock::DwellingSort::address;
  else if (s == "commune" || s == "postcode") order.by = stock::DwellingSort::commune;
  else if (s == "bedrooms") order.by = stock::DwellingSort::bedrooms;
  else if (s == "status") order.by = stock::DwellingSort::status;
  else if (s == "updated") order.by = stock::DwellingSort::updated;
  else throw DomainError(ErrorKind::validation, "common.invalid_sort").field("sort");
  return order;
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
  Problems problems;
  for (auto [name, id] : {std::pair{"dwelling_id", &f.dwelling_id}, std::pair{"owner_id", &f.owner_id}})
    *id = app::fields::optional_field(req.query_value(name), name, problems, app::fields::parse_int, 0,
                                      std::numeric_limits<std::int64_t>::max(), "common.invalid_id");
  problems.throw_if_any();
  if (auto k = req.query_value("kind"); !k.empty()) {
    f.kind = owners::parse_contract_kind(k);
    if (!f.kind) throw DomainError(ErrorKind::validation, "owners.invalid_contract_kind").field("kind");
  }
  for (auto [name, date] : {std::pair{"in_force_on", &f.in_force_on}, std::pair{"ending_from", &f.ending_from},
                            std::pair{"ending_to", &f.ending_to}})
    *date = app::fields::optional_field(req.query_value(name), name, problems, app::fields::parse_date,
                                        "common.invalid_date");
  problems.throw_if_any();
  return f;
}

}  // namespace hms::http

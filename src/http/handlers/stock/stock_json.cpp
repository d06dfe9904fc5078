// The JSON shape of a dwelling (contract B) and how a JSON body or a query becomes the fields
// and filters of the use cases.
#include "http/handlers/stock/stock_json.hpp"

#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "http/handlers/support/json_body.hpp"
#include "web/postal_address.hpp"

namespace hms::http {

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
          {"vacancy_reason", d.status_record.vacancy_reason ? nlohmann::json(stock::to_string(*d.status_record.vacancy_reason)) : nlohmann::json()},
          {"vacancy_note", d.status_record.vacancy_note},
          {"planned_status", d.planned_status ? nlohmann::json(stock::to_string(*d.planned_status)) : nlohmann::json()},
          {"planned_from", opt_date(d.planned_from)},
          {"updated_at", d.updated_at}};
}

std::string dwelling_address(const web::Catalog& cat, const stock::Dwelling& d, const std::string& lang) {
  const std::string& commune = lang == "nl" ? d.commune.name_nl : d.commune.name_fr;
  return web::street_line(cat, lang, d.street, d.number, d.box) + ", " + d.commune.postcode + " " + commune;
}

app::DwellingFields dwelling_fields(const nlohmann::json& body) {
  return read_body<app::DwellingFields>(body, {"id", "commune", "commune_fr", "commune_nl", "nis_code", "building_id", "updated_at",
                                                  "planned_status", "planned_from"});
}

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
  if (auto b = req.query_value("bedrooms"); !b.empty())
    f.bedrooms = static_cast<int>(query_field(b, "bedrooms", app::fields::parse_int, 0, 99, "stock.invalid_bedrooms"));
  // managed=1: the dwellings the dashboard counts (not ended); peb=none: without an energy
  // certificate; commune=21004: every postcode of a commune (the dashboard's commune bars).
  if (auto m = req.query_value("managed"); !m.empty()) {
    if (m != "1" && m != "0") throw DomainError(ErrorKind::validation, "stock.invalid_managed").field("managed");
    f.managed_only = m == "1";
  }
  if (auto p = req.query_value("peb"); !p.empty()) {
    if (p != "none") throw DomainError(ErrorKind::validation, "stock.invalid_peb_filter").field("peb");
    f.without_peb = true;
  }
  if (auto c = req.query_value("commune"); !c.empty()) {
    if (c.size() != 5 || c.find_first_not_of("0123456789") != std::string::npos)
      throw DomainError(ErrorKind::validation, "stock.invalid_commune_filter").field("commune");
    f.nis_code = c;
  }
  if (auto v = req.query_value("vacant_days"); !v.empty())
    f.vacant_days =
        static_cast<int>(query_field(v, "vacant_days", app::fields::parse_int, 0, 36500, "stock.invalid_vacant_days"));
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

}  // namespace hms::http

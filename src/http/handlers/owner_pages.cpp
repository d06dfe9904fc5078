// The pages of owners and owner contracts (issue 3): /owners (list, export, add, detail, edit) and
// /owner-contracts (list, export, add, detail, edit, change of rent). Forms work without
// JavaScript; htmx only replaces the results of a list while searching. Owners are personal
// data: every list and every detail is audited by the use cases (owners.list, owners.read).
// Money is shown the Belgian way ("1.234,56 €"; English "€1,234.56"), dates as 29/11/2026.
#include <chrono>
#include <limits>
#include <map>

#include "app/agencies/agency_admin.hpp"
#include "app/fields/fields.hpp"
#include "app/rules/rules_admin.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/owners/bank_account.hpp"
#include "domain/rules/rent_caps.hpp"
#include "http/handlers/support.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using std::chrono::year_month_day;
using users::Permission;

// At most this many dwellings or owners in the select of the contract form.
constexpr int kChoiceLimit = 2000;
// An export holds every matching row, up to this many.
constexpr int kExportLimit = 1'000'000;

const std::string& text(const Services& s, const Request& req, const std::string& key) {
  return s.views.catalog().text(req.lang, key);
}

using web::money_text;
using web::percent_text;

// The amount alone, for messages that add the euro sign themselves: "1.234,56" or "1,234.56".
std::string amount_text(Money m, const std::string& lang) {
  std::string s = money_text(m, lang);
  const std::string euro = "\u20AC", nbsp_euro = "\u00A0\u20AC";
  if (auto at = s.find(nbsp_euro); at != std::string::npos) s.erase(at, nbsp_euro.size());
  if (auto at = s.find(euro); at != std::string::npos) s.erase(at, euro.size());
  return s;
}

// A text for a view, or null (false for the templates: an empty string would count as true).
nlohmann::json opt_text(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json date_text(const std::optional<year_month_day>& d) { return d ? nlohmann::json(to_belgian(*d)) : nlohmann::json(); }
std::string iso_or_empty(const std::optional<year_month_day>& d) { return d ? to_iso(*d) : ""; }

// A percentage in basis points as people write it: 850 → "8,5 %" ("8.5 %" in English).
// The message parameters of an error as the reader writes them: amounts "816,00", dates 01/03/2026.
DomainError localised(const DomainError& e, const std::string& lang) {
  DomainError copy = e;
  for (const auto& [name, value] : e.params()) {
    if (name == "rent" || name == "cap") {
      if (auto m = Money::parse(value)) copy.param(name, amount_text(m.value(), lang));
    } else if (name == "start" || name == "end" || name == "date") {
      if (auto d = parse_date(value)) copy.param(name, to_belgian(d.value()));
    }
  }
  return copy;
}

nlohmann::json errors_of(const Services& s, const Request& req, const DomainError& e) {
  return form_errors(s.views, req.lang, localised(e, req.lang));
}

bool is_form_error(const DomainError& e) {
  return e.kind() == ErrorKind::validation || e.kind() == ErrorKind::conflict;
}

int status_of(const DomainError& e) { return e.kind() == ErrorKind::conflict ? 409 : 422; }

// The agencies a cross-agency reader may filter a list by, the chosen one selected.
nlohmann::json agency_choices(const Services& s, const Request& req) {
  nlohmann::json out = nlohmann::json::array();
  auto chosen = req.query_value("agency");
  for (const auto& a : app::list_agencies(s.store, req.context(), app::Paging{app::Paging::kMaxLimit, 0}).items)
    out.push_back({{"code", a.code}, {"name", a.name}, {"selected", a.code == chosen}});
  return out;
}

bool cross_agency(const Request& req) { return req.auth && !users::is_agency_role(req.auth->user.role); }

std::string dwelling_address(const stock::Dwelling& d, const std::string& lang) {
  std::string line = d.street + " " + d.number;
  if (!d.box.empty()) line += " " + d.box;
  const std::string& commune = lang == "nl" ? d.commune.name_nl : d.commune.name_fr;
  return line + ", " + d.commune.postcode + " " + commune;
}

// ---------------------------------------------------------------------------------------------
// Owners

nlohmann::json owner_view(const Services& s, const Request& req, const owners::Owner& o) {
  auto j = owner_json(o);
  std::string kind(owners::to_string(o.kind));
  j["kind_label"] = text(s, req, "owner_pages.kinds." + kind);
  j["is_company"] = o.kind == owners::OwnerKind::company;
  j["iban_display"] = owners::format_iban(o.iban);
  j["iban_masked"] = owners::mask_iban(o.iban);
  j["company_number_display"] = opt_text(o.company_number.empty() ? "" : owners::format_company_number(o.company_number));
  j["language_label"] = opt_text(o.language.empty() ? "" : text(s, req, "owner_pages.languages." + o.language));
  for (const char* field : {"email", "phone", "address"}) j[field] = opt_text(j[field].get<std::string>());
  nlohmann::json todos = nlohmann::json::array();  // e.g. "Enterprise number missing: …"
  for (const auto& m : owners::missing_details(o)) todos.push_back(text(s, req, m.code));
  j["has_todos"] = !todos.empty();
  j["todos"] = std::move(todos);
  return j;
}

// A search for a company number as people type it ("0403.170.701", "BE 0403 170 701") looks for
// its ten digits, as the owners are stored.
owners::OwnerFilter owner_list_filter(const Request& req) {
  auto f = owner_filter(req);
  std::string q(trim(f.query));
  std::string rest = q;
  if (rest.size() > 2 && (rest.rfind("BE", 0) == 0 || rest.rfind("be", 0) == 0)) rest = rest.substr(2);
  std::string digits;
  bool only_number = !rest.empty();
  for (char c : rest) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != '.' && c != ' ') only_number = false;
  }
  if (only_number && digits.size() >= 4 && digits != q) f.query = digits;
  return f;
}

struct OwnerForm {
  std::string kind, name, iban, company_number, email, phone, address, language;
  std::string password;  // the user's, to confirm a new IBAN; never shown back
};

OwnerForm owner_form_of(const Request& req) {
  return {req.form_value("kind"),  req.form_value("name"),  req.form_value("iban"),    req.form_value("company_number"),
          req.form_value("email"), req.form_value("phone"), req.form_value("address"), req.form_value("language"),
          req.form_value("password")};
}

OwnerForm owner_form_of(const owners::Owner& o) {
  return {std::string(owners::to_string(o.kind)),
          o.name,
          owners::format_iban(o.iban),
          o.company_number.empty() ? "" : owners::format_company_number(o.company_number),
          o.email,
          o.phone,
          o.address,
          o.language,
          ""};
}

app::OwnerFields owner_fields_of(const OwnerForm& f) {
  app::OwnerFields out;
  out.kind = f.kind;
  out.name = f.name;
  out.iban = f.iban;
  out.company_number = f.company_number;
  out.email = f.email;
  out.phone = f.phone;
  out.address = f.address;
  out.language = f.language;
  if (!f.password.empty()) out.password = f.password;
  return out;
}

// The add or edit form of an owner: `id` none to add one.
Response owner_form_page(const Request& req, const Services& s, const OwnerForm& f, std::optional<std::int64_t> id,
                         const std::string& owner_name, const DomainError* error, int status) {
  nlohmann::json kinds = nlohmann::json::array();
  for (const char* k : {"person", "company"})
    kinds.push_back({{"value", k},
                     {"label", text(s, req, std::string("owner_pages.kinds.") + k)},
                     {"hint", text(s, req, std::string("owner_pages.kind_hint.") + k)},
                     {"checked", f.kind == k || (f.kind.empty() && std::string(k) == "person")}});
  nlohmann::json languages = nlohmann::json::array();
  std::string language = f.language.empty() ? req.lang : f.language;
  for (const char* l : {"fr", "nl", "en"})
    languages.push_back(
        {{"value", l}, {"label", text(s, req, std::string("owner_pages.languages.") + l)}, {"checked", language == l}});
  nlohmann::json model = {{"form",
                           {{"name", f.name},
                            {"iban", f.iban},
                            {"company_number", f.company_number},
                            {"email", f.email},
                            {"phone", f.phone},
                            {"address", f.address}}},
                          {"kinds", kinds},
                          {"languages", languages},
                          {"editing", id.has_value()},
                          {"owner_name", owner_name},
                          {"action", id ? "/owners/" + std::to_string(*id) + "/edit" : std::string("/owners")},
                          {"cancel", id ? "/owners/" + std::to_string(*id) : std::string("/owners")}};
  if (error) model["errors"] = errors_of(s, req, *error);
  auto info = page_info(req, s, id ? "owner_pages.edit_title" : "owner_pages.new_title", "owners");
  return Response::html(s.views.page(info, "owners/form", model), status);
}

void add_owner_pages(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/owners", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto paging = req.paging();
    auto filter = owner_list_filter(req);
    auto page = app::list_owners(s.store, ctx, filter, req.query_value("agency"), paging);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& o : page.items) items.push_back(owner_view(s, req, o));
    std::string kind = req.query_value("kind");
    nlohmann::json kinds = nlohmann::json::array();
    for (const char* k : {"person", "company"})
      kinds.push_back({{"value", k}, {"label", text(s, req, std::string("owner_pages.kinds.") + k)}, {"selected", kind == k}});
    bool filtered = !req.query_value("q").empty() || !kind.empty() || !req.query_value("agency").empty();
    std::string export_query = list_query(req);
    nlohmann::json model = {{"items", items},
                            {"total", page.total},
                            {"has_items", page.total > 0},
                            {"filtered", filtered},
                            {"q", req.query_value("q")},
                            {"kinds", kinds},
                            {"cross_agency", cross_agency(req)},
                            {"can_manage", ctx.can(Permission::owners_manage)},
                            {"can_import", ctx.can(Permission::stock_manage)},
                            {"export_csv", "/owners/export?format=csv&" + export_query},
                            {"export_xlsx", "/owners/export?format=xlsx&" + export_query},
                            {"pagination", pagination(req, paging, page.total, page.items.size())}};
    if (cross_agency(req)) model["agencies"] = agency_choices(s, req);
    auto info = page_info(req, s, "owner_pages.title", "owners");
    if (req.htmx()) return Response::html(s.views.fragment(info, "owners/results", model));
    return Response::html(s.views.page(info, "owners/list", model));
  }});

  // Every matching owner with the IBAN in full (the agency pays into it): one "owners.list" entry.
  routes.push_back({"GET", "/owners/export", Access::logged_in, [&s](Request& req) {
    auto page = app::list_owners(s.store, req.context(), owner_list_filter(req), req.query_value("agency"),
                                 app::Paging{kExportLimit, 0});
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {{"id", K::integer},   {"agency", K::text},         {"kind", K::text},
                                            {"name", K::text},    {"iban", K::text},           {"company_number", K::text},
                                            {"email", K::text},   {"phone", K::text},          {"address", K::text},
                                            {"language", K::text}, {"dwellings", K::integer}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& o : page.items)
      rows.push_back({std::to_string(o.id), o.agency_code, std::string(owners::to_string(o.kind)), o.name,
                      owners::format_iban(o.iban),
                      o.company_number.empty() ? "" : owners::format_company_number(o.company_number), o.email, o.phone,
                      o.address, o.language, std::to_string(o.dwellings)});
    std::string base = "owners";
    if (req.auth && req.auth->user.agency_code) base += "-" + *req.auth->user.agency_code;
    else if (auto a = req.query_value("agency"); !a.empty()) base += "-" + a;
    return export_list(req, base, columns, rows);
  }});

  routes.push_back({"GET", "/owners/new", Access::logged_in, [&s](Request& req) {
    req.context().require(Permission::owners_manage);
    return owner_form_page(req, s, OwnerForm{}, std::nullopt, "", nullptr, 200);
  }});

  routes.push_back({"POST", "/owners", Access::logged_in, [&s](Request& req) {
    req.context().require(Permission::owners_manage);
    auto form = owner_form_of(req);
    try {
      auto o = app::create_owner(s.store, req.context(), owner_fields_of(form));
      return Response::redirect("/owners/" + std::to_string(o.id) + "?created=1");
    } catch (const DomainError& e) {
      if (!is_form_error(e)) throw;
      return owner_form_page(req, s, form, std::nullopt, "", &e, status_of(e));
    }
  }});

  routes.push_back({"GET", "/owners/{id}", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto o = app::find_owner(s.store, ctx, req.path_id());
    owners::ContractFilter filter;
    filter.owner_id = o.id;
    auto contracts = app::list_contracts(s.store, ctx, filter, "", app::Paging{app::Paging::kMaxLimit, 0});
    auto today = req.clock->today();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& k : contracts.items) {
      bool in_force = k.start <= today && (!k.end || today <= *k.end);
      rows.push_back({{"id", k.id},
                      {"dwelling_id", k.dwelling_id},
                      {"dwelling_reference", k.dwelling_reference},
                      {"kind_label", text(s, req, "contract_pages.kinds." + std::string(owners::to_string(k.kind)))},
                      {"start", to_belgian(k.start)},
                      {"end", k.end ? to_belgian(*k.end) : text(s, req, "contract_pages.open_ended")},
                      {"owner_rent", money_text(k.owner_rent, req.lang)},
                      {"in_force", in_force}});
    }
    nlohmann::json model = {{"owner", owner_view(s, req, o)},
                            {"contracts", rows},
                            {"has_contracts", !rows.empty()},
                            {"can_manage", ctx.can(Permission::owners_manage)},
                            {"cross_agency", cross_agency(req)},
                            {"created", req.query_value("created") == "1"},
                            {"updated", req.query_value("updated") == "1"}};
    auto info = page_info(req, s, "owner_pages.detail_title", "owners");
    info.title = o.name + " — " + info.title;
    return Response::html(s.views.page(info, "owners/detail", model));
  }});

  routes.push_back({"GET", "/owners/{id}/edit", Access::logged_in, [&s](Request& req) {
    auto o = app::find_owner(s.store, req.context(), req.path_id());
    req.context().require(Permission::owners_manage);
    return owner_form_page(req, s, owner_form_of(o), o.id, o.name, nullptr, 200);
  }});

  // Posted to /owners/{id}/edit, not /owners/{id}: a POST /owners/{id} route would also take
  // POST /owners/new and /owners/export (404 instead of 405 "method not allowed").
  routes.push_back({"POST", "/owners/{id}/edit", Access::logged_in, [&s](Request& req) {
    auto id = req.path_id();
    auto form = owner_form_of(req);
    try {
      app::update_owner(s.store, req.context(), id, owner_fields_of(form));
      return Response::redirect("/owners/" + std::to_string(id) + "?updated=1");
    } catch (const DomainError& e) {
      if (!is_form_error(e)) throw;
      return owner_form_page(req, s, form, id, form.name, &e, status_of(e));
    }
  }});
}

// ---------------------------------------------------------------------------------------------
// Owner contracts

// The dwellings read for a page, each once.
class DwellingCache {
 public:
  DwellingCache(const Services& s, const Request& req) : s_(s), ctx_(req.context()) {}
  const stock::Dwelling* get(std::int64_t id) {
    auto it = cache_.find(id);
    if (it == cache_.end()) {
      std::optional<stock::Dwelling> d;
      try {
        d = app::find_dwelling(s_.store, ctx_, id);
      } catch (const DomainError&) {
        // not visible: shown by its reference only
      }
      it = cache_.emplace(id, std::move(d)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  const Services& s_;
  app::Context ctx_;
  std::map<std::int64_t, std::optional<stock::Dwelling>> cache_;
};

// The row of the cap table a recorded cap came from: the one in force on `day` for the dwelling,
// else any row of the dwelling's type and size with that amount (the table changed since).
std::optional<rules::RentCap> cap_row(const rules::RentCapTable& caps, year_month_day day, const stock::Dwelling* d,
                                      Money amount) {
  if (!d) return std::nullopt;
  if (auto c = caps.cap_for(day, d->type, d->bedrooms); c && c->amount == amount) return c;
  for (const auto& r : caps.rows())
    if (r.type == d->type && (r.bedrooms == d->bedrooms || (r.and_more && r.bedrooms < d->bedrooms)) &&
        r.amount == amount)
      return r;
  return std::nullopt;
}

// A cap as a view: {"amount", "tag", "source"}; tag only when the row is not verified.
nlohmann::json cap_view(const Services& s, const Request& req, std::optional<Money> cap,
                        const std::optional<rules::RentCap>& row) {
  if (!cap) return nullptr;
  nlohmann::json j = {{"amount", money_text(*cap, req.lang)}};
  if (row && row->status != "verified") {
    j["tag"] = row->status == "illustrative" ? text(s, req, "rules.caps.illustrative") : row->status;
    j["source"] = row->source;
  }
  return j;
}

std::string cap_status_of(const std::optional<rules::RentCap>& row) { return row ? row->status : ""; }

std::string kind_label(const Services& s, const Request& req, owners::ContractKind k) {
  return text(s, req, "contract_pages.kinds." + std::string(owners::to_string(k)));
}

// One contract for a list row.
nlohmann::json contract_row(const Services& s, const Request& req, const owners::OwnerContract& k,
                            const stock::Dwelling* d, const rules::RentCapTable& caps, year_month_day today) {
  return {{"id", k.id},
          {"agency", k.agency_code},
          {"dwelling_id", k.dwelling_id},
          {"dwelling_reference", k.dwelling_reference},
          {"dwelling_address", opt_text(d ? dwelling_address(*d, req.lang) : "")},
          {"owner_id", k.owner_id},
          {"owner_name", k.owner_name},
          {"kind_label", kind_label(s, req, k.kind)},
          {"start", to_belgian(k.start)},
          {"end", k.end ? to_belgian(*k.end) : text(s, req, "contract_pages.open_ended")},
          {"owner_rent", money_text(k.owner_rent, req.lang)},
          {"cap", cap_view(s, req, k.cap, k.cap ? cap_row(caps, today, d, *k.cap) : std::nullopt)}};
}

// "Ending in the next 6 months": from today to the same day six months later.
year_month_day six_months_after(year_month_day d) {
  auto ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{6};
  year_month_day out{ym.year(), ym.month(), d.day()};
  if (!out.ok()) out = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
  return out;
}

owners::ContractFilter contract_list_filter(const Request& req) {
  auto f = contract_filter(req);
  if (req.query_value("ending_soon") == "1") {
    auto today = req.clock->today();
    f.ending_from = today;
    f.ending_to = six_months_after(today);
  }
  return f;
}

constexpr std::initializer_list<const char*> kContractFilters = {"kind", "in_force_on", "ending_soon", "ending_from",
                                                                 "ending_to", "owner_id", "dwelling_id", "agency"};

struct ContractForm {
  std::string dwelling_id, owner_id, kind, management_fee, start, end, signed_on, registered = "yes", owner_rent;
  bool guarantee_vacancy = true, guarantee_unpaid_rent = true, guarantee_damage = true;
};

ContractForm contract_form_of(const Request& req) {
  ContractForm f;
  f.dwelling_id = req.form_value("dwelling_id");
  f.owner_id = req.form_value("owner_id");
  f.kind = req.form_value("kind");
  f.management_fee = req.form_value("management_fee");
  f.start = req.form_value("start");
  f.end = req.form_value("end");
  f.signed_on = req.form_value("signed_on");
  f.registered = req.form_value("registered");
  f.owner_rent = req.form_value("owner_rent");
  // A checkbox left unticked is not sent at all.
  f.guarantee_vacancy = !req.form_value("guarantee_vacancy").empty();
  f.guarantee_unpaid_rent = !req.form_value("guarantee_unpaid_rent").empty();
  f.guarantee_damage = !req.form_value("guarantee_damage").empty();
  return f;
}

bool is_mandate(const std::string& kind) { return kind == "management_mandate"; }

nlohmann::json guarantees_view(const Services& s, const Request& req, const ContractForm& f) {
  nlohmann::json out = nlohmann::json::array();
  for (auto [name, checked] : {std::pair{"guarantee_vacancy", f.guarantee_vacancy},
                               std::pair{"guarantee_unpaid_rent", f.guarantee_unpaid_rent},
                               std::pair{"guarantee_damage", f.guarantee_damage}})
    out.push_back({{"name", name},
                   {"label", text(s, req, std::string("contract_pages.") + name)},
                   {"hint", text(s, req, std::string("contract_pages.") + name + "_hint")},
                   {"checked", checked}});
  return out;
}

nlohmann::json registered_view(const Services& s, const Request& req, const std::string& registered) {
  nlohmann::json out = nlohmann::json::array();
  bool value = true;  // checked "yes" when the form sent nothing that reads
  try {
    value = app::fields::parse_yes_no(registered, "owners.invalid_yes_no");
  } catch (const DomainError&) {
  }
  for (bool yes : {true, false})
    out.push_back({{"value", yes ? "yes" : "no"},
                   {"label", text(s, req, yes ? "contract_pages.yes" : "contract_pages.no")},
                   {"checked", value == yes}});
  return out;
}

// What the cap for a dwelling on a day is, for the hint next to the rent.
nlohmann::json cap_hint(const Services& s, const Request& req, const stock::Dwelling& d, year_month_day day) {
  auto caps = app::rent_caps_in_force(s.store, rules::CapKind::owner_rent);
  auto row = caps.cap_for(day, d.type, d.bedrooms);
  std::map<std::string, std::string> date{{"date", to_belgian(day)}};
  nlohmann::json j = nlohmann::json::object();
  if (row) {
    j["cap"] = cap_view(s, req, row->amount, row);
    j["cap"]["label"] = s.views.catalog().format(req.lang, "contract_pages.cap_on", date);
  } else {
    j["none"] = s.views.catalog().format(req.lang, "contract_pages.no_cap_on", date);
  }
  return j;
}

// The id a form sent back, 0 when it is not one (nothing chosen yet).
std::int64_t id_or_zero(const std::string& text) {
  try {
    return app::fields::parse_int(text, 0, std::numeric_limits<std::int64_t>::max(), "common.invalid_id");
  } catch (const DomainError&) {
    return 0;
  }
}

Response contract_form_page(const Request& req, const Services& s, const ContractForm& f, const DomainError* error,
                            int status) {
  auto ctx = req.context();
  nlohmann::json model;
  // The dwelling: fixed when the page was opened for one, else a choice among the agency's.
  std::optional<stock::Dwelling> dwelling;
  const std::int64_t dwelling_id = id_or_zero(f.dwelling_id);
  if (dwelling_id > 0) {
    try {
      dwelling = app::find_dwelling(s.store, ctx, dwelling_id);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::not_found) throw;
    }
  }
  bool fixed_dwelling = !req.query_value("dwelling_id").empty() || req.form_value("dwelling_fixed") == "1";
  if (fixed_dwelling && dwelling) {
    model["fixed_dwelling"] = {{"id", dwelling->id},
                               {"reference", dwelling->reference},
                               {"address", dwelling_address(*dwelling, req.lang)}};
  } else {
    nlohmann::json options = nlohmann::json::array();
    auto page = app::list_dwellings(s.store, ctx, stock::DwellingFilter{}, "", stock::SortOrder{},
                                    app::Paging{kChoiceLimit, 0});
    for (const auto& d : page.items)
      options.push_back({{"id", d.id},
                         {"label", d.reference + " — " + dwelling_address(d, req.lang)},
                         {"selected", d.id == dwelling_id}});
    model["dwellings"] = options;
    model["no_dwellings"] = options.empty();
  }
  // The owner: the same.
  const std::int64_t owner_id = id_or_zero(f.owner_id);
  bool fixed_owner = !req.query_value("owner_id").empty() || req.form_value("owner_fixed") == "1";
  if (fixed_owner && owner_id > 0) {
    auto o = app::find_owner(s.store, ctx, owner_id);
    model["fixed_owner"] = {{"id", o.id}, {"name", o.name}};
  } else {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : app::list_owners(s.store, ctx, owners::OwnerFilter{}, "", app::Paging{kChoiceLimit, 0}).items)
      options.push_back({{"id", o.id}, {"label", o.name}, {"selected", o.id == owner_id}});
    model["owners"] = options;
    model["no_owners"] = options.empty();
  }
  nlohmann::json kinds = nlohmann::json::array();
  for (const char* k : {"management_mandate", "main_lease"})
    kinds.push_back({{"value", k},
                     {"label", text(s, req, std::string("contract_pages.kinds.") + k)},
                     {"hint", text(s, req, std::string("contract_pages.kind_hint.") + k)},
                     {"checked", f.kind == k || (f.kind.empty() && std::string(k) == "main_lease")}});
  model["kinds"] = kinds;
  model["form"] = {{"management_fee", f.management_fee}, {"start", f.start},     {"end", f.end},
                   {"signed_on", f.signed_on},           {"owner_rent", f.owner_rent}};
  model["guarantees"] = guarantees_view(s, req, f);
  model["registered"] = registered_view(s, req, f.registered);
  if (dwelling) {
    auto start = parse_date(trim(f.start));
    model["cap_hint"] = cap_hint(s, req, *dwelling, start ? start.value() : req.clock->today());
  }
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "contract_pages.new_title", "contracts"), "contracts/new", model),
                        status);
}

// The dwelling, owner, kind and start of a contract: the fixed part shown above its forms.
nlohmann::json contract_head(const Services& s, const Request& req, const owners::OwnerContract& k,
                             const stock::Dwelling* d) {
  nlohmann::json j = {{"id", k.id},
                      {"dwelling_id", k.dwelling_id},
                      {"dwelling_reference", k.dwelling_reference},
                      {"dwelling_address", opt_text(d ? dwelling_address(*d, req.lang) : "")},
                      {"owner_id", k.owner_id},
                      {"owner_name", k.owner_name},
                      {"kind_label", kind_label(s, req, k.kind)},
                      {"is_mandate", k.kind == owners::ContractKind::management_mandate},
                      {"start", to_belgian(k.start)},
                      {"end", k.end ? to_belgian(*k.end) : text(s, req, "contract_pages.open_ended")},
                      {"owner_rent", money_text(k.owner_rent, req.lang)}};
  return j;
}

nlohmann::json contract_detail_view(const Services& s, const Request& req, const owners::OwnerContract& k,
                                    const stock::Dwelling* d) {
  auto caps = app::rent_caps_in_force(s.store, rules::CapKind::owner_rent);
  auto today = req.clock->today();
  auto j = contract_head(s, req, k, d);
  j["signed_on"] = date_text(k.signed_on);
  j["registered"] = text(s, req, k.registered ? "contract_pages.yes" : "contract_pages.no");
  j["management_fee"] = opt_text(k.management_fee_bp ? percent_text(*k.management_fee_bp, req.lang) : "");
  j["management_fee_default"] = k.management_fee_default;
  // Before the first grid, said in words: the start was never checked against a cap.
  if (!caps.cap_for(k.start, d ? d->type : stock::DwellingType::apartment, d ? d->bedrooms : 0)) {
    const auto dates = caps.validity_dates();
    j["no_grid_at_start"] = s.views.catalog().format(
        req.lang, "contract_pages.no_grid_at_start",
        {{"date", to_belgian(k.start)}, {"first", dates.empty() ? "—" : to_belgian(dates.front())}});
  }
  nlohmann::json guarantees = nlohmann::json::array();
  for (auto [name, on] : {std::pair{"guarantee_vacancy", k.guarantee_vacancy},
                          std::pair{"guarantee_unpaid_rent", k.guarantee_unpaid_rent},
                          std::pair{"guarantee_damage", k.guarantee_damage}})
    if (on) guarantees.push_back(text(s, req, std::string("contract_pages.") + name));
  j["guarantees"] = guarantees;
  j["no_guarantee"] = guarantees.empty();
  // The version in force today (the latest one before or on today; the first while none is yet).
  std::size_t current = 0;
  for (std::size_t i = 0; i < k.rent_history.size(); ++i)
    if (k.rent_history[i].valid_from <= today) current = i;
  nlohmann::json history = nlohmann::json::array();
  for (std::size_t i = 0; i < k.rent_history.size(); ++i) {
    const auto& v = k.rent_history[i];
    history.push_back({{"valid_from", to_belgian(v.valid_from)},
                       {"amount", money_text(v.amount, req.lang)},
                       {"reason", text(s, req, "contract_pages.reasons." + v.reason)},
                       {"cap", cap_view(s, req, v.cap, v.cap ? cap_row(caps, v.valid_from, d, *v.cap) : std::nullopt)},
                       {"in_force", i == current},
                       {"future", today < v.valid_from}});
  }
  j["history"] = history;
  if (!k.rent_history.empty()) {
    const auto& v = k.rent_history[current];
    j["rent_in_force"] = money_text(v.amount, req.lang);
    j["rent_since"] = to_belgian(v.valid_from);
    j["rent_cap"] = cap_view(s, req, v.cap, v.cap ? cap_row(caps, v.valid_from, d, *v.cap) : std::nullopt);
    j["rent_cap_date"] = to_belgian(v.valid_from);
  } else {
    j["rent_in_force"] = money_text(k.owner_rent, req.lang);
    j["rent_cap"] = cap_view(s, req, k.cap, k.cap ? cap_row(caps, k.start, d, *k.cap) : std::nullopt);
    j["rent_cap_date"] = to_belgian(k.start);
  }
  return j;
}

struct EditForm {
  std::string end, signed_on, registered = "yes", management_fee;
  bool guarantee_vacancy = true, guarantee_unpaid_rent = true, guarantee_damage = true;
};

Response contract_edit_page(const Request& req, const Services& s, const owners::OwnerContract& k, const EditForm& f,
                            const DomainError* error, int status) {
  DwellingCache dwellings(s, req);
  nlohmann::json model = {{"contract", contract_head(s, req, k, dwellings.get(k.dwelling_id))}};
  model["form"] = {{"end", f.end}, {"signed_on", f.signed_on}, {"management_fee", f.management_fee}};
  ContractForm g;
  g.guarantee_vacancy = f.guarantee_vacancy;
  g.guarantee_unpaid_rent = f.guarantee_unpaid_rent;
  g.guarantee_damage = f.guarantee_damage;
  model["guarantees"] = guarantees_view(s, req, g);
  model["registered"] = registered_view(s, req, f.registered);
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(
      s.views.page(page_info(req, s, "contract_pages.edit_title", "contracts"), "contracts/edit", model), status);
}

Response contract_rent_page(const Request& req, const Services& s, const owners::OwnerContract& k,
                            const std::string& owner_rent, const std::string& rent_from, const DomainError* error,
                            int status) {
  DwellingCache dwellings(s, req);
  const auto* d = dwellings.get(k.dwelling_id);
  nlohmann::json model = {{"contract", contract_head(s, req, k, d)},
                          {"form", {{"owner_rent", owner_rent}, {"rent_from", rent_from}}}};
  if (!k.rent_history.empty()) model["contract"]["rent_since"] = to_belgian(k.rent_history.back().valid_from);
  if (d) {
    auto from = parse_date(trim(rent_from));
    model["cap_hint"] = cap_hint(s, req, *d, from ? from.value() : req.clock->today());
  }
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(
      s.views.page(page_info(req, s, "contract_pages.rent_title", "contracts"), "contracts/rent", model), status);
}

void add_contract_pages(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/owner-contracts", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto paging = req.paging();
    auto page = app::list_contracts(s.store, ctx, contract_list_filter(req), req.query_value("agency"), paging);
    auto caps = app::rent_caps_in_force(s.store, rules::CapKind::owner_rent);
    auto today = req.clock->today();
    DwellingCache dwellings(s, req);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& k : page.items) items.push_back(contract_row(s, req, k, dwellings.get(k.dwelling_id), caps, today));
    std::string kind = req.query_value("kind");
    nlohmann::json kinds = nlohmann::json::array();
    for (const char* k : {"management_mandate", "main_lease"})
      kinds.push_back({{"value", k}, {"label", text(s, req, std::string("contract_pages.kinds.") + k)}, {"selected", kind == k}});
    bool filtered = !req.query_value("q").empty();
    for (const char* name : kContractFilters) filtered = filtered || !req.query_value(name).empty();
    std::string export_query = list_query(req);
    nlohmann::json model = {{"items", items},
                            {"total", page.total},
                            {"has_items", page.total > 0},
                            {"filtered", filtered},
                            {"q", req.query_value("q")},
                            {"in_force_on", req.query_value("in_force_on")},
                            {"ending_soon", req.query_value("ending_soon") == "1"},
                            {"kinds", kinds},
                            {"cross_agency", cross_agency(req)},
                            {"can_manage", ctx.can(Permission::owners_manage)},
                            {"export_csv", "/owner-contracts/export?format=csv&" + export_query},
                            {"export_xlsx", "/owner-contracts/export?format=xlsx&" + export_query},
                            {"pagination", pagination(req, paging, page.total, page.items.size())}};
    if (cross_agency(req)) model["agencies"] = agency_choices(s, req);
    auto info = page_info(req, s, "contract_pages.title", "contracts");
    if (req.htmx()) return Response::html(s.views.fragment(info, "contracts/results", model));
    return Response::html(s.views.page(info, "contracts/list", model));
  }});

  routes.push_back({"GET", "/owner-contracts/export", Access::logged_in, [&s](Request& req) {
    auto page = app::list_contracts(s.store, req.context(), contract_list_filter(req), req.query_value("agency"),
                                    app::Paging{kExportLimit, 0});
    auto caps = app::rent_caps_in_force(s.store, rules::CapKind::owner_rent);
    auto today = req.clock->today();
    DwellingCache dwellings(s, req);
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {
        {"id", K::integer},           {"agency", K::text},          {"dwelling_id", K::integer},
        {"dwelling_reference", K::text}, {"street", K::text},       {"number", K::text},
        {"box", K::text},             {"postcode", K::text},        {"owner_id", K::integer},
        {"owner_name", K::text},      {"kind", K::text},            {"start", K::date},
        {"end", K::date},             {"signed_on", K::date},       {"registered", K::text},
        {"management_fee", K::text},  {"guarantee_vacancy", K::text}, {"guarantee_unpaid_rent", K::text},
        {"guarantee_damage", K::text}, {"owner_rent", K::money_cents}, {"cap", K::money_cents},
        {"cap_status", K::text}};
    auto yes_no = [](bool b) { return std::string(b ? "yes" : "no"); };
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : page.items) {
      const auto* d = dwellings.get(k.dwelling_id);
      rows.push_back({std::to_string(k.id), k.agency_code, std::to_string(k.dwelling_id), k.dwelling_reference,
                      d ? d->street : "", d ? d->number : "", d ? d->box : "", d ? d->commune.postcode : "",
                      std::to_string(k.owner_id), k.owner_name, std::string(owners::to_string(k.kind)),
                      to_iso(k.start), iso_or_empty(k.end), iso_or_empty(k.signed_on), yes_no(k.registered),
                      k.management_fee_bp ? percent_text(*k.management_fee_bp, "en", false) : "",
                      yes_no(k.guarantee_vacancy), yes_no(k.guarantee_unpaid_rent), yes_no(k.guarantee_damage),
                      std::to_string(k.owner_rent.cents()), k.cap ? std::to_string(k.cap->cents()) : "",
                      k.cap ? cap_status_of(cap_row(caps, today, d, *k.cap)) : ""});
    }
    std::string base = "owner-contracts";
    if (req.auth && req.auth->user.agency_code) base += "-" + *req.auth->user.agency_code;
    else if (auto a = req.query_value("agency"); !a.empty()) base += "-" + a;
    return export_list(req, base, columns, rows);
  }});

  routes.push_back({"GET", "/owner-contracts/new", Access::logged_in, [&s](Request& req) {
    req.context().require(Permission::owners_manage);
    ContractForm f;
    f.dwelling_id = req.query_value("dwelling_id");
    f.owner_id = req.query_value("owner_id");
    return contract_form_page(req, s, f, nullptr, 200);
  }});

  routes.push_back({"POST", "/owner-contracts", Access::logged_in, [&s](Request& req) {
    req.context().require(Permission::owners_manage);
    auto f = contract_form_of(req);
    app::ContractFields fields;
    fields.dwelling_id = f.dwelling_id;
    fields.owner_id = f.owner_id;
    fields.kind = f.kind;
    fields.start = f.start;
    fields.end = f.end;
    fields.signed_on = f.signed_on;
    fields.registered = f.registered;
    // The fee field is hidden for a main lease: what it still holds is not sent.
    if (is_mandate(f.kind)) fields.management_fee = f.management_fee;
    fields.guarantee_vacancy = f.guarantee_vacancy ? "yes" : "no";
    fields.guarantee_unpaid_rent = f.guarantee_unpaid_rent ? "yes" : "no";
    fields.guarantee_damage = f.guarantee_damage ? "yes" : "no";
    fields.owner_rent = f.owner_rent;
    try {
      auto k = app::create_contract(s.store, req.context(), fields);
      return Response::redirect("/owner-contracts/" + std::to_string(k.id) + "?created=1");
    } catch (const DomainError& e) {
      if (!is_form_error(e)) throw;
      return contract_form_page(req, s, f, &e, status_of(e));
    }
  }});

  routes.push_back({"GET", "/owner-contracts/{id}", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto k = app::find_contract(s.store, ctx, req.path_id());
    DwellingCache dwellings(s, req);
    nlohmann::json model = {{"contract", contract_detail_view(s, req, k, dwellings.get(k.dwelling_id))},
                            {"can_manage", ctx.can(Permission::owners_manage)},
                            {"created", req.query_value("created") == "1"},
                            {"updated", req.query_value("updated") == "1"},
                            {"rent_changed", req.query_value("rent_changed") == "1"}};
    auto info = page_info(req, s, "contract_pages.detail_title", "contracts");
    info.title = k.dwelling_reference + " — " + info.title;
    return Response::html(s.views.page(info, "contracts/detail", model));
  }});

  routes.push_back({"GET", "/owner-contracts/{id}/rent", Access::logged_in, [&s](Request& req) {
    auto k = app::find_contract(s.store, req.context(), req.path_id());
    req.context().require(Permission::owners_manage);
    return contract_rent_page(req, s, k, "", to_iso(req.clock->today()), nullptr, 200);
  }});

  routes.push_back({"POST", "/owner-contracts/{id}/rent", Access::logged_in, [&s](Request& req) {
    auto id = req.path_id();
    auto k = app::find_contract(s.store, req.context(), id);
    req.context().require(Permission::owners_manage);
    auto owner_rent = req.form_value("owner_rent");
    auto rent_from = req.form_value("rent_from");
    try {
      if (trim(owner_rent).empty())
        throw DomainError(ErrorKind::validation, "owners.invalid_rent").field("owner_rent");
      app::ContractFields fields;
      fields.owner_rent = owner_rent;
      fields.rent_from = rent_from;
      app::update_contract(s.store, req.context(), id, fields);
      return Response::redirect("/owner-contracts/" + std::to_string(id) + "?rent_changed=1");
    } catch (const DomainError& e) {
      if (!is_form_error(e)) throw;
      return contract_rent_page(req, s, k, owner_rent, rent_from, &e, status_of(e));
    }
  }});

  routes.push_back({"GET", "/owner-contracts/{id}/edit", Access::logged_in, [&s](Request& req) {
    auto k = app::find_contract(s.store, req.context(), req.path_id());
    req.context().require(Permission::owners_manage);
    EditForm f;
    f.end = iso_or_empty(k.end);
    f.signed_on = iso_or_empty(k.signed_on);
    f.registered = k.registered ? "yes" : "no";
    f.management_fee = k.management_fee_bp ? percent_text(*k.management_fee_bp, req.lang, false) : "";
    f.guarantee_vacancy = k.guarantee_vacancy;
    f.guarantee_unpaid_rent = k.guarantee_unpaid_rent;
    f.guarantee_damage = k.guarantee_damage;
    return contract_edit_page(req, s, k, f, nullptr, 200);
  }});

  routes.push_back({"POST", "/owner-contracts/{id}/edit", Access::logged_in, [&s](Request& req) {
    auto id = req.path_id();
    auto k = app::find_contract(s.store, req.context(), id);
    req.context().require(Permission::owners_manage);
    EditForm f;
    f.end = req.form_value("end");
    f.signed_on = req.form_value("signed_on");
    f.registered = req.form_value("registered");
    f.management_fee = req.form_value("management_fee");
    f.guarantee_vacancy = !req.form_value("guarantee_vacancy").empty();
    f.guarantee_unpaid_rent = !req.form_value("guarantee_unpaid_rent").empty();
    f.guarantee_damage = !req.form_value("guarantee_damage").empty();
    app::ContractFields fields;
    fields.end = f.end;
    fields.signed_on = f.signed_on;
    fields.registered = f.registered;
    if (k.kind == owners::ContractKind::management_mandate) fields.management_fee = f.management_fee;
    fields.guarantee_vacancy = f.guarantee_vacancy ? "yes" : "no";
    fields.guarantee_unpaid_rent = f.guarantee_unpaid_rent ? "yes" : "no";
    fields.guarantee_damage = f.guarantee_damage ? "yes" : "no";
    try {
      app::update_contract(s.store, req.context(), id, fields);
      return Response::redirect("/owner-contracts/" + std::to_string(id) + "?updated=1");
    } catch (const DomainError& e) {
      if (!is_form_error(e)) throw;
      return contract_edit_page(req, s, k, f, &e, status_of(e));
    }
  }});
}

}  // namespace

void add_owner_page_routes(std::vector<Route>& routes, Services& s) {
  add_owner_pages(routes, s);
  add_contract_pages(routes, s);
}

}  // namespace hms::http

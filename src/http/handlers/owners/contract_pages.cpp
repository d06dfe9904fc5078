// The owner-contract pages (issue 3): /owner-contracts (list, export, add, detail, edit, change
// of rent). A contract's rent is a list of dated versions, each checked against the owner-rent cap
// in force on its day; the cap shown next to an amount says when its table is only illustrative.
#include <chrono>
#include <map>

#include "app/owners/owners.hpp"
#include "app/rules/rules_admin.hpp"
#include "app/stock/dwellings.hpp"
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/owners/bank_account.hpp"
#include "domain/rules/rent_caps.hpp"
#include "http/handlers/attachments/attachment_pages.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/owners/owners_json.hpp"
#include "http/handlers/stock/stock_json.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using std::chrono::year_month_day;
using users::Permission;
using web::money_text;
using web::percent_text;



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
  return text(s, req, "owners.contract_pages.kinds." + std::string(owners::to_string(k)));
}

// One contract for a list row.
nlohmann::json contract_row(const Services& s, const Request& req, const owners::OwnerContract& k,
                            const stock::Dwelling* d, const rules::RentCapTable& caps, year_month_day today) {
  return {{"id", k.id},
          {"agency", k.agency_code},
          {"dwelling_id", k.dwelling_id},
          {"dwelling_reference", k.dwelling_reference},
          {"dwelling_address", opt_text(d ? dwelling_address(s.views.catalog(), *d, req.lang) : "")},
          {"owner_id", k.owner_id},
          {"owner_name", k.owner_name},
          {"kind_label", kind_label(s, req, k.kind)},
          {"start", to_belgian(k.start)},
          {"end", k.end ? to_belgian(*k.end) : text(s, req, "owners.contract_pages.open_ended")},
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

// The inputs of the new-contract form and of the change of its terms.
constexpr std::string_view kNewContractFields[] = {
    "dwelling_id", "owner_id", "kind", "management_fee", "start", "end", "signed_on", "registered",
    "owner_rent", "guarantee_vacancy", "guarantee_unpaid_rent", "guarantee_damage"};
constexpr std::string_view kTermsFields[] = {
    "end", "signed_on", "registered", "management_fee", "guarantee_vacancy", "guarantee_unpaid_rent", "guarantee_damage"};
// The inputs of a change of rent.
constexpr std::string_view kRentFields[] = {"owner_rent", "rent_from"};
constexpr const char* kGuarantees[] = {"guarantee_vacancy", "guarantee_unpaid_rent", "guarantee_damage"};

// A contract form as the use case's fields: a guarantee box left unticked is not sent at all
// ("no"), a ticked one is "yes"; the fee is only a mandate's (the field is hidden for a main
// lease: what it still holds is not sent).
FormInput<app::ContractFields> read_contract_form(const Request& req, std::span<const std::string_view> on_page,
                                                  bool mandate) {
  auto in = read_form<app::ContractFields>(req, on_page);
  for (auto* field : {&in.fields.guarantee_vacancy, &in.fields.guarantee_unpaid_rent, &in.fields.guarantee_damage})
    *field = field->value_or("").empty() ? "no" : "yes";
  for (const char* name : kGuarantees) in.values[name] = in.values.value(name, "").empty() ? "no" : "yes";
  if (!mandate) in.fields.management_fee.reset();
  return in;
}

// A number typed in a form field ("12"), or 0.
std::int64_t id_in(const nlohmann::json& form, const char* name) {
  auto v = form.value(name, std::string());
  if (v.empty() || v.size() >= 18 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(v);
}

bool is_mandate(const std::string& kind) { return kind == "management_mandate"; }

// The guarantee boxes, ticked unless the form says "no" (a new contract has all three).
nlohmann::json guarantees_view(const Services& s, const Request& req, const nlohmann::json& form) {
  nlohmann::json out = nlohmann::json::array();
  for (const char* name : kGuarantees) {
    bool checked = form.value(name, std::string("yes")) != "no";
    out.push_back({{"name", name},
                   {"label", text(s, req, std::string("owners.contract_pages.") + name)},
                   {"hint", text(s, req, std::string("owners.contract_pages.") + name + "_hint")},
                   {"checked", checked}});
  }
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
                   {"label", text(s, req, yes ? "owners.contract_pages.yes" : "owners.contract_pages.no")},
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
    j["cap"]["label"] = s.views.catalog().format(req.lang, "owners.contract_pages.cap_on", date);
  } else {
    j["none"] = s.views.catalog().format(req.lang, "owners.contract_pages.no_cap_on", date);
  }
  return j;
}

// The choice of a dwelling or an owner on the contract form (issue 8 B7, issue 15.3): a search
// box, a "search" button that sends the form back with the matches as radio buttons (without
// JavaScript), the same matches live as one types (htmx, choices_fragment). `field` is the
// form field chosen ("owner_id"), `query_field` the search box ("owner_query").
struct Choices {
  std::string field, query_field, query;
  nlohmann::json options = nlohmann::json::array();
  bool more = false;
  nlohmann::json view(const Services& s, const Request& req) const {
    nlohmann::json j = {{"field", field}, {"query_field", query_field}, {"query", query}, {"options", options}};
    j["none"] = !trim(query).empty() && options.empty();
    if (more)
      j["more"] = s.views.catalog().format(req.lang, "owners.search.more", {{"count", std::to_string(app::kChoicesShown)}});
    return j;
  }
};

// An owner as a choice: the name, then what tells namesakes apart (commune, IBAN ending,
// company number).
nlohmann::json owner_option(const Services& s, const Request& req, const owners::OwnerChoice& o, bool checked) {
  std::vector<std::string> parts;
  if (!o.commune.empty()) parts.push_back(o.commune);
  if (!o.iban_last4.empty())
    parts.push_back(s.views.catalog().format(req.lang, "owners.search.iban", {{"last4", o.iban_last4}}));
  if (!o.company_number.empty())
    parts.push_back(s.views.catalog().format(req.lang, "owners.search.company",
                                             {{"number", owners::format_company_number(o.company_number)}}));
  std::string detail;
  for (const auto& p : parts) detail += (detail.empty() ? "" : " · ") + p;
  return {{"id", o.id}, {"label", o.name}, {"detail", detail}, {"checked", checked}};
}

Choices owner_choices(const Request& req, const Services& s, const std::string& query, std::int64_t owner_id) {
  Choices c{"owner_id", "owner_query", query};
  auto found = app::choose_owner(s.store, req.context(), query,
                                 owner_id > 0 ? std::optional<std::int64_t>(owner_id) : std::nullopt);
  if (found.chosen) c.options.push_back(owner_option(s, req, *found.chosen, true));
  for (const auto& o : found.matches)
    if (!found.chosen || o.id != found.chosen->id) c.options.push_back(owner_option(s, req, o, false));
  c.more = found.more;
  return c;
}

nlohmann::json dwelling_option(const Services& s, const Request& req, const stock::Dwelling& d, bool checked) {
  return {{"id", d.id}, {"label", d.reference}, {"detail", dwelling_address(s.views.catalog(), d, req.lang)}, {"checked", checked}};
}

// Dwellings are no personal data: their search is not audited (as the dwelling list).
Choices dwelling_choices(const Request& req, const Services& s, const std::string& query,
                         const std::optional<stock::Dwelling>& chosen) {
  Choices c{"dwelling_id", "dwelling_query", query};
  if (chosen) c.options.push_back(dwelling_option(s, req, *chosen, true));
  if (!trim(query).empty()) {
    stock::DwellingFilter filter;
    filter.query = std::string(trim(query));
    auto page = app::list_dwellings(s.store, req.context(), filter, "", stock::SortOrder{},
                                    app::Paging{app::kChoicesShown + 1, 0});
    c.more = page.items.size() > static_cast<std::size_t>(app::kChoicesShown);
    if (c.more) page.items.resize(app::kChoicesShown);
    for (const auto& d : page.items)
      if (!chosen || d.id != chosen->id) c.options.push_back(dwelling_option(s, req, d, false));
  }
  return c;
}

Response contract_form_page(const Request& req, const Services& s, const nlohmann::json& form, const DomainError* error,
                            int status) {
  auto ctx = req.context();
  nlohmann::json model;
  // The dwelling: fixed when the page was opened for one, else found by a search.
  std::optional<stock::Dwelling> dwelling;
  std::int64_t dwelling_id = id_in(form, "dwelling_id");
  if (dwelling_id > 0) {
    try {
      dwelling = app::find_dwelling(s.store, ctx, dwelling_id);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::not_found) throw;
    }
  }
  bool fixed_dwelling = !req.query_value("dwelling_id").empty() || form.value("dwelling_fixed", "") == "1";
  if (fixed_dwelling && dwelling) {
    model["fixed_dwelling"] = {{"id", dwelling->id},
                               {"reference", dwelling->reference},
                               {"address", dwelling_address(s.views.catalog(), *dwelling, req.lang)}};
  } else {
    model["dwelling_choice"] = dwelling_choices(req, s, form.value("dwelling_query", ""), dwelling).view(s, req);
  }
  // The owner: the same.
  std::int64_t owner_id = id_in(form, "owner_id");
  bool fixed_owner = !req.query_value("owner_id").empty() || form.value("owner_fixed", "") == "1";
  if (fixed_owner && owner_id > 0) {
    auto o = app::find_owner(s.store, ctx, owner_id);
    model["fixed_owner"] = {{"id", o.id}, {"name", o.name}};
  } else {
    model["owner_choice"] = owner_choices(req, s, form.value("owner_query", ""), owner_id).view(s, req);
  }
  nlohmann::json kinds = nlohmann::json::array();
  for (const char* k : {"management_mandate", "main_lease"})
    kinds.push_back({{"value", k},
                     {"label", text(s, req, std::string("owners.contract_pages.kinds.") + k)},
                     {"hint", text(s, req, std::string("owners.contract_pages.kind_hint.") + k)},
                     {"checked", form.value("kind", "") == k || (form.value("kind", "").empty() && std::string(k) == "main_lease")}});
  model["kinds"] = kinds;
  model["form"] = form;
  model["guarantees"] = guarantees_view(s, req, form);
  model["registered"] = registered_view(s, req, form.value("registered", ""));
  if (dwelling) {
    auto start = parse_date(trim(form.value("start", "")));
    model["cap_hint"] = cap_hint(s, req, *dwelling, start ? start.value() : req.clock->today());
  }
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "owners.contract_pages.new_title", "contracts"), "contracts/new", model),
                        status);
}

// The dwelling, owner, kind and start of a contract: the fixed part shown above its forms.
nlohmann::json contract_head(const Services& s, const Request& req, const owners::OwnerContract& k,
                             const stock::Dwelling* d) {
  nlohmann::json j = {{"id", k.id},
                      {"dwelling_id", k.dwelling_id},
                      {"dwelling_reference", k.dwelling_reference},
                      {"dwelling_address", opt_text(d ? dwelling_address(s.views.catalog(), *d, req.lang) : "")},
                      {"owner_id", k.owner_id},
                      {"owner_name", k.owner_name},
                      {"kind_label", kind_label(s, req, k.kind)},
                      {"is_mandate", k.kind == owners::ContractKind::management_mandate},
                      {"start", to_belgian(k.start)},
                      {"end", k.end ? to_belgian(*k.end) : text(s, req, "owners.contract_pages.open_ended")},
                      {"owner_rent", money_text(k.owner_rent, req.lang)}};
  return j;
}

nlohmann::json contract_detail_view(const Services& s, const Request& req, const owners::OwnerContract& k,
                                    const stock::Dwelling* d) {
  auto caps = app::rent_caps_in_force(s.store, rules::CapKind::owner_rent);
  auto today = req.clock->today();
  auto j = contract_head(s, req, k, d);
  j["signed_on"] = date_text(k.signed_on);
  j["registered"] = text(s, req, k.registered ? "owners.contract_pages.yes" : "owners.contract_pages.no");
  j["management_fee"] = opt_text(k.management_fee ? percent_text(*k.management_fee, req.lang) : "");
  j["management_fee_default"] = k.management_fee_default;
  // Before the first grid, said in words: the start was never checked against a cap.
  if (!caps.cap_for(k.start, d ? d->type : stock::DwellingType::apartment, d ? d->bedrooms : 0)) {
    const auto dates = caps.validity_dates();
    j["no_grid_at_start"] = s.views.catalog().format(
        req.lang, "owners.contract_pages.no_grid_at_start",
        {{"date", to_belgian(k.start)}, {"first", dates.empty() ? "—" : to_belgian(dates.front())}});
  }
  nlohmann::json guarantees = nlohmann::json::array();
  for (auto [name, on] : {std::pair{"guarantee_vacancy", k.guarantee_vacancy},
                          std::pair{"guarantee_unpaid_rent", k.guarantee_unpaid_rent},
                          std::pair{"guarantee_damage", k.guarantee_damage}})
    if (on) guarantees.push_back(text(s, req, std::string("owners.contract_pages.") + name));
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
                       {"reason", text(s, req, "owners.contract_pages.reasons." + v.reason)},
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

Response contract_edit_page(const Request& req, const Services& s, const owners::OwnerContract& k, const nlohmann::json& form,
                            const DomainError* error, int status) {
  DwellingCache dwellings(s, req);
  nlohmann::json model = {{"contract", contract_head(s, req, k, dwellings.get(k.dwelling_id))}};
  model["form"] = form;
  model["guarantees"] = guarantees_view(s, req, form);
  model["registered"] = registered_view(s, req, form.value("registered", ""));
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(
      s.views.page(page_info(req, s, "owners.contract_pages.edit_title", "contracts"), "contracts/edit", model), status);
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
    auto from = parse_date(app::fields::iso_of_typed_date(rent_from));
    model["cap_hint"] = cap_hint(s, req, *d, from ? from.value() : req.clock->today());
  }
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(
      s.views.page(page_info(req, s, "owners.contract_pages.rent_title", "contracts"), "contracts/rent", model), status);
}

void add_contract_pages(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/owner-contracts", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto paging = req.paging();
    auto page = app::list_contracts(s.store, ctx, contract_list_filter(req), req.query_value("agency"), paging);
    auto caps = app::rent_caps_in_force(s.store, rules::CapKind::owner_rent);
    auto today = req.clock->today();
    DwellingCache dwellings(s, req);
    ListPage list{nlohmann::json::array(), page.total, paging,
                  {"kind", "in_force_on", "ending_soon", "ending_from", "ending_to", "owner_id", "dwelling_id"},
                  "/owner-contracts/export"};
    for (const auto& k : page.items)
      list.items.push_back(contract_row(s, req, k, dwellings.get(k.dwelling_id), caps, today));
    auto model = list_page_model(req, s, list);
    std::string kind = req.query_value("kind");
    nlohmann::json kinds = nlohmann::json::array();
    for (const char* k : {"management_mandate", "main_lease"})
      kinds.push_back({{"value", k}, {"label", text(s, req, std::string("owners.contract_pages.kinds.") + k)}, {"selected", kind == k}});
    model["kinds"] = kinds;
    model["in_force_on"] = req.query_value("in_force_on");
    model["ending_soon"] = req.query_value("ending_soon") == "1";
    model["can_manage"] = ctx.can(Permission::owners_manage);
    auto info = page_info(req, s, "owners.contract_pages.title", "contracts");
    if (req.htmx()) return Response::html(s.views.fragment(info, "contracts/results", model));
    return Response::html(s.views.page(info, "contracts/list", model));
  }});

  routes.push_back({"GET", "/owner-contracts/export", Access::logged_in, [&s](Request& req) {
    export_format(req);  // an unknown format is refused before the export is counted
    auto page = app::export_contracts(s.store, req.context(), contract_list_filter(req), req.query_value("agency"));
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
                      to_iso(k.start), (k.end ? to_iso(*k.end) : ""), (k.signed_on ? to_iso(*k.signed_on) : ""), yes_no(k.registered),
                      k.management_fee ? percent_text(*k.management_fee, "en", false) : "",
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
    if (auto draft = form_draft(req, s)) return contract_form_page(req, s, draft->values, &draft->error, draft->status);
    nlohmann::json form = {{"dwelling_id", req.query_value("dwelling_id")}, {"owner_id", req.query_value("owner_id")}};
    return contract_form_page(req, s, form, nullptr, 200);
  }});

  routes.push_back({"POST", "/owner-contracts", needing(Permission::owners_manage), [&s](Request& req) {
    auto input = read_contract_form(req, kNewContractFields, is_mandate(req.form_value("kind")));
    for (const char* box : {"owner_query", "dwelling_query", "dwelling_fixed", "owner_fixed"})
      input.values[box] = req.form_value(box);
    // The "search" button (a page without JavaScript): the form again with the matches, as typed.
    if (req.form_value("action") == "search") return contract_form_page(req, s, input.values, nullptr, 200);
    return submit_form(
        req, s, "/owner-contracts/new", input,
        [&] {
          auto k = app::create_contract(s.store, req.context(), input.fields);
          return Response::redirect("/owner-contracts/" + std::to_string(k.id) + "?created=1");
        },
        [&](const DomainError& e, int status) { return contract_form_page(req, s, input.values, &e, status); });
  }});

  // The matches as one types (htmx): the radio buttons of one choice, the one chosen kept. A POST,
  // so that a name typed stays out of URLs and logs.
  routes.push_back({"POST", "/owner-contracts/owner-choices", needing(Permission::owners_manage), [&s](Request& req) {
    auto c = owner_choices(req, s, req.form_value("owner_query"), id_in({{"owner_id", req.form_value("owner_id")}}, "owner_id"));
    return Response::html(s.views.fragment(page_info(req, s, "owners.contract_pages.new_title", "contracts"),
                                           "contracts/choices", c.view(s, req)));
  }});
  routes.push_back({"POST", "/owner-contracts/dwelling-choices", needing(Permission::owners_manage), [&s](Request& req) {
    std::optional<stock::Dwelling> chosen;
    if (auto id = id_in({{"dwelling_id", req.form_value("dwelling_id")}}, "dwelling_id"); id > 0) {
      try {
        chosen = app::find_dwelling(s.store, req.context(), id);
      } catch (const DomainError& e) {
        if (e.kind() != ErrorKind::not_found) throw;
      }
    }
    auto c = dwelling_choices(req, s, req.form_value("dwelling_query"), chosen);
    return Response::html(s.views.fragment(page_info(req, s, "owners.contract_pages.new_title", "contracts"),
                                           "contracts/choices", c.view(s, req)));
  }});

  routes.push_back({"GET", "/owner-contracts/{id}", reaching("owner_contract"), [&s](Request& req) {
    auto ctx = req.context();
    auto k = app::read_contract(s.store, ctx, req.path_id());
    DwellingCache dwellings(s, req);
    nlohmann::json model = {{"contract", contract_detail_view(s, req, k, dwellings.get(k.dwelling_id))},
                            {"can_manage", ctx.can(Permission::owners_manage)},
                            {"created", req.query_value("created") == "1"},
                            {"updated", req.query_value("updated") == "1"},
                            {"rent_changed", req.query_value("rent_changed") == "1"},
                            {"documents", attachments_section(req, s, attachments::AttachedTo::owner_contract, k.id)}};
    auto info = page_info(req, s, "owners.contract_pages.detail_title", "contracts");
    info.title = k.dwelling_reference + " — " + info.title;
    return Response::html(s.views.page(info, "contracts/detail", model));
  }});

  routes.push_back({"GET", "/owner-contracts/{id}/rent", reaching("owner_contract"), [&s](Request& req) {
    auto k = app::read_contract(s.store, req.context(), req.path_id());
    req.context().require(Permission::owners_manage);
    if (auto draft = form_draft(req, s))
      return contract_rent_page(req, s, k, draft->values.value("owner_rent", ""), draft->values.value("rent_from", ""),
                                &draft->error, draft->status);
    return contract_rent_page(req, s, k, "", to_belgian(req.clock->today()), nullptr, 200);
  }});

  routes.push_back({"POST", "/owner-contracts/{id}/rent", reaching("owner_contract", Permission::owners_manage), [&s](Request& req) {
    auto id = req.path_id();
    auto k = app::find_contract(s.store, req.context(), id);
    auto input = read_form<app::ContractFields>(req, kRentFields);
    auto owner_rent = input.values.value("owner_rent", "");
    auto rent_from = input.values.value("rent_from", "");
    if (rent_from.empty()) input.fields.rent_from.reset();  // from today
    return submit_form(
        req, s, "/owner-contracts/" + std::to_string(id) + "/rent", input,
        [&] {
          if (trim(owner_rent).empty())
            throw DomainError(ErrorKind::validation, "owners.invalid_rent").field("owner_rent");
          app::update_contract(s.store, req.context(), id, input.fields);
          return Response::redirect("/owner-contracts/" + std::to_string(id) + "?rent_changed=1");
        },
        [&](const DomainError& e, int status) { return contract_rent_page(req, s, k, owner_rent, rent_from, &e, status); });
  }});

  routes.push_back({"GET", "/owner-contracts/{id}/edit", reaching("owner_contract"), [&s](Request& req) {
    auto k = app::read_contract(s.store, req.context(), req.path_id());
    req.context().require(Permission::owners_manage);
    if (auto draft = form_draft(req, s)) return contract_edit_page(req, s, k, draft->values, &draft->error, draft->status);
    app::ContractFields terms;
    terms.end = k.end ? to_belgian(*k.end) : "";
    terms.signed_on = k.signed_on ? to_belgian(*k.signed_on) : "";
    terms.registered = k.registered ? "yes" : "no";
    terms.management_fee = k.management_fee ? percent_text(*k.management_fee, req.lang, false) : "";
    terms.guarantee_vacancy = k.guarantee_vacancy ? "yes" : "no";
    terms.guarantee_unpaid_rent = k.guarantee_unpaid_rent ? "yes" : "no";
    terms.guarantee_damage = k.guarantee_damage ? "yes" : "no";
    return contract_edit_page(req, s, k, form_values(terms), nullptr, 200);
  }});

  routes.push_back({"POST", "/owner-contracts/{id}/edit", reaching("owner_contract", Permission::owners_manage), [&s](Request& req) {
    auto id = req.path_id();
    auto k = app::find_contract(s.store, req.context(), id);
    auto input = read_contract_form(req, kTermsFields, k.kind == owners::ContractKind::management_mandate);
    return submit_form(
        req, s, "/owner-contracts/" + std::to_string(id) + "/edit", input,
        [&] {
          app::update_contract(s.store, req.context(), id, input.fields);
          return Response::redirect("/owner-contracts/" + std::to_string(id) + "?updated=1");
        },
        [&](const DomainError& e, int status) { return contract_edit_page(req, s, k, input.values, &e, status); });
  }});
}

}  // namespace

void add_contract_page_routes(std::vector<Route>& routes, Services& s) { add_contract_pages(routes, s); }

}  // namespace hms::http

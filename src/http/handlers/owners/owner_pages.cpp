// The owner pages (issue 3): /owners (list, export, add, detail, edit). Forms work without
// JavaScript; htmx only replaces the results of the list while searching. Owners are personal
// data: every list and every detail is audited by the use cases (owners.list, owners.read).
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/owners/bank_account.hpp"
#include "http/handlers/attachments/attachment_pages.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/owners/owners_json.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using users::Permission;
using web::money_text;



nlohmann::json owner_view(const Services& s, const Request& req, const owners::Owner& o) {
  auto j = owner_json(o);
  std::string kind(owners::to_string(o.kind));
  j["kind_label"] = text(s, req, "owners.owner_pages.kinds." + kind);
  j["is_company"] = o.kind == owners::OwnerKind::company;
  j["iban_display"] = owners::format_iban(o.iban);
  j["iban_masked"] = owners::mask_iban(o.iban);
  j["company_number_display"] = opt_text(o.company_number.empty() ? "" : owners::format_company_number(o.company_number));
  j["language_label"] = opt_text(o.language.empty() ? "" : text(s, req, "owners.owner_pages.languages." + o.language));
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

// The inputs of the owner form; "password" (the user's, to confirm a new IBAN) is never shown back.
constexpr std::string_view kOwnerFormFields[] = {
    "kind", "name", "iban", "company_number", "email", "phone", "address", "language", "password"};

FormInput<app::OwnerFields> read_owner_form(const Request& req) {
  auto input = read_form<app::OwnerFields>(req, kOwnerFormFields);
  input.values.erase("password");
  return input;
}

// An owner as the form shows it: the IBAN and the company number written the usual way.
nlohmann::json owner_form_values(const owners::Owner& o) {
  app::OwnerFields f;
  f.kind = std::string(owners::to_string(o.kind));
  f.name = o.name;
  f.iban = owners::format_iban(o.iban);
  f.company_number = o.company_number.empty() ? "" : owners::format_company_number(o.company_number);
  f.email = o.email;
  f.phone = o.phone;
  f.address = o.address;
  f.language = o.language;
  return form_values(f);
}

// The add or edit form of an owner: `id` none to add one.
Response owner_form_page(const Request& req, const Services& s, const nlohmann::json& form, std::optional<std::int64_t> id,
                         const std::string& owner_name, const DomainError* error, int status) {
  auto value = [&](const char* name) { return form.value(name, std::string()); };
  nlohmann::json kinds = nlohmann::json::array();
  for (const char* k : {"person", "company"})
    kinds.push_back({{"value", k},
                     {"label", text(s, req, std::string("owners.owner_pages.kinds.") + k)},
                     {"hint", text(s, req, std::string("owners.owner_pages.kind_hint.") + k)},
                     {"checked", value("kind") == k || (value("kind").empty() && std::string(k) == "person")}});
  nlohmann::json languages = nlohmann::json::array();
  std::string language = value("language").empty() ? req.lang : value("language");
  for (const char* l : {"fr", "nl", "en"})
    languages.push_back(
        {{"value", l}, {"label", text(s, req, std::string("owners.owner_pages.languages.") + l)}, {"checked", language == l}});
  nlohmann::json model = {{"form", form},
                          {"kinds", kinds},
                          {"languages", languages},
                          {"editing", id.has_value()},
                          {"owner_name", owner_name},
                          {"action", id ? "/owners/" + std::to_string(*id) + "/edit" : std::string("/owners")},
                          {"cancel", id ? "/owners/" + std::to_string(*id) : std::string("/owners")}};
  if (error) model["errors"] = errors_of(s, req, *error);
  auto info = page_info(req, s, id ? "owners.owner_pages.edit_title" : "owners.owner_pages.new_title", "owners");
  return Response::html(s.views.page(info, "owners/form", model), status);
}

void add_owner_pages(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/owners", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    auto paging = req.paging();
    auto page = app::list_owners(s.store, ctx, owner_list_filter(req), req.query_value("agency"), paging);
    ListPage list{nlohmann::json::array(), page.total, paging, {"kind"}, "/owners/export"};
    for (const auto& o : page.items) list.items.push_back(owner_view(s, req, o));
    auto model = list_page_model(req, s, list);
    std::string kind = req.query_value("kind");
    nlohmann::json kinds = nlohmann::json::array();
    for (const char* k : {"person", "company"})
      kinds.push_back({{"value", k}, {"label", text(s, req, std::string("owners.owner_pages.kinds.") + k)}, {"selected", kind == k}});
    model["kinds"] = kinds;
    model["can_manage"] = ctx.can(Permission::owners_manage);
    model["can_import"] = ctx.can(Permission::stock_manage);
    auto info = page_info(req, s, "owners.owner_pages.title", "owners");
    if (req.htmx()) return Response::html(s.views.fragment(info, "owners/results", model));
    return Response::html(s.views.page(info, "owners/list", model));
  }});

  // Every matching owner with the IBAN in full (the agency pays into it): one of the user's
  // exports, one "owners.export" entry.
  routes.push_back({"GET", "/owners/export", Access::logged_in, [&s](Request& req) {
    export_format(req);  // an unknown format is refused before the export is counted
    auto page = app::export_owners(s.store, req.context(), owner_list_filter(req), req.query_value("agency"));
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
    if (auto draft = form_draft(req, s))
      return owner_form_page(req, s, draft->values, std::nullopt, "", &draft->error, draft->status);
    return owner_form_page(req, s, nlohmann::json::object(), std::nullopt, "", nullptr, 200);
  }});

  routes.push_back({"POST", "/owners", needing(Permission::owners_manage), [&s](Request& req) {
    auto input = read_owner_form(req);
    return submit_form(
        req, s, "/owners/new", input,
        [&] {
          auto o = app::create_owner(s.store, req.context(), input.fields);
          return Response::redirect("/owners/" + std::to_string(o.id) + "?created=1");
        },
        [&](const DomainError& e, int status) {
          return owner_form_page(req, s, input.values, std::nullopt, "", &e, status);
        });
  }});

  routes.push_back({"GET", "/owners/{id}", reaching("owner"), [&s](Request& req) {
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
                      {"kind_label", text(s, req, "owners.contract_pages.kinds." + std::string(owners::to_string(k.kind)))},
                      {"start", to_belgian(k.start)},
                      {"end", k.end ? to_belgian(*k.end) : text(s, req, "owners.contract_pages.open_ended")},
                      {"owner_rent", money_text(k.owner_rent, req.lang)},
                      {"in_force", in_force}});
    }
    nlohmann::json model = {{"owner", owner_view(s, req, o)},
                            {"contracts", rows},
                            {"has_contracts", !rows.empty()},
                            {"can_manage", ctx.can(Permission::owners_manage)},
                            {"cross_agency", cross_agency(req)},
                            {"created", req.query_value("created") == "1"},
                            {"updated", req.query_value("updated") == "1"},
                            {"documents", attachments_section(req, s, attachments::AttachedTo::owner, o.id)}};
    auto info = page_info(req, s, "owners.owner_pages.detail_title", "owners");
    info.title = o.name + " — " + info.title;
    return Response::html(s.views.page(info, "owners/detail", model));
  }});

  routes.push_back({"GET", "/owners/{id}/edit", reaching("owner"), [&s](Request& req) {
    auto o = app::find_owner(s.store, req.context(), req.path_id());
    req.context().require(Permission::owners_manage);
    if (auto draft = form_draft(req, s))
      return owner_form_page(req, s, draft->values, o.id, draft->values.value("name", ""), &draft->error, draft->status);
    return owner_form_page(req, s, owner_form_values(o), o.id, o.name, nullptr, 200);
  }});

  // Posted to /owners/{id}/edit, not /owners/{id}: a POST /owners/{id} route would also take
  // POST /owners/new and /owners/export (404 instead of 405 "method not allowed").
  routes.push_back({"POST", "/owners/{id}/edit", reaching("owner", Permission::owners_manage), [&s](Request& req) {
    auto id = req.path_id();
    auto input = read_owner_form(req);
    return submit_form(
        req, s, "/owners/" + std::to_string(id) + "/edit", input,
        [&] {
          app::update_owner(s.store, req.context(), id, input.fields);
          return Response::redirect("/owners/" + std::to_string(id) + "?updated=1");
        },
        [&](const DomainError& e, int status) {
          return owner_form_page(req, s, input.values, id, input.values.value("name", ""), &e, status);
        });
  }});
}

}  // namespace

void add_owner_page_routes(std::vector<Route>& routes, Services& s) { add_owner_pages(routes, s); }

}  // namespace hms::http

// The lease pages (issue 9): /leases (list, export), /leases/new (from a dwelling, a household
// found by name or number), /leases/{id} (the lease, its rent history, deposit, notice), and its
// forms: terms and deposit, change of rent, notice, end. The tenant rent's cap is shown with the
// tag of its table (illustrative until the region loads the real grid).
#include <chrono>
#include <map>

#include "app/fields/fields.hpp"
#include "app/leases/leases.hpp"
#include "app/rules/rules_admin.hpp"
#include "app/stock/dwellings.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/leases/payment_reference.hpp"
#include "domain/rules/rent_caps.hpp"
#include "http/handlers/attachments/attachment_pages.hpp"
#include "http/handlers/leases/leases_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/stock/stock_json.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using std::chrono::year_month_day;
using users::Permission;
using web::money_text;

constexpr std::string_view kNewLeaseFields[] = {"dwelling_id", "applicant_id", "kind", "start", "end",
                                                "tenant_rent", "charges", "deposit", "deposit_form",
                                                "deposit_held_by"};
constexpr std::string_view kTermsFields[] = {"end", "charges", "deposit", "deposit_form", "deposit_held_by",
                                             "extended"};
constexpr std::string_view kRentFields[] = {"tenant_rent", "rent_from"};
constexpr std::string_view kNoticeFields[] = {"notice_by", "notice_received_on", "end"};

std::string kind_label(const Services& s, const Request& req, leases::LeaseKind k) {
  return text(s, req, "leases.kinds." + std::string(leases::to_string(k)));
}

std::int64_t id_in(const nlohmann::json& form, const char* name) {
  auto v = form.value(name, std::string());
  if (v.empty() || v.size() >= 18 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(v);
}

std::optional<stock::Dwelling> dwelling_of(const Services& s, const Request& req, std::int64_t id) {
  if (id <= 0) return std::nullopt;
  try {
    return app::find_dwelling(s.store, req.context(), id);
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::not_found) throw;
    return std::nullopt;
  }
}

// A cap as a view: {"amount", "tag", "source"}; the tag when its table is not verified.
nlohmann::json cap_view(const Services& s, const Request& req, const rules::RentCapTable& caps, year_month_day day,
                        const std::optional<stock::Dwelling>& d, std::optional<Money> cap) {
  if (!cap) return nullptr;
  nlohmann::json j = {{"amount", money_text(*cap, req.lang)}};
  if (d) {
    if (auto row = caps.cap_for(day, d->type, d->bedrooms); row && row->status != "verified") {
      j["tag"] = row->status == "illustrative" ? text(s, req, "rules.caps.illustrative") : row->status;
      j["source"] = row->source;
    }
  }
  return j;
}

nlohmann::json lease_row(const Services& s, const Request& req, const leases::Lease& l) {
  return {{"id", l.id},
          {"dwelling_id", l.dwelling_id},
          {"dwelling_reference", l.dwelling_reference},
          {"household", l.household_name},
          {"applicant_number", l.applicant_number},
          {"kind_label", kind_label(s, req, l.kind)},
          {"start", to_belgian(l.start)},
          {"end", l.end ? to_belgian(*l.end) : text(s, req, "leases.open_ended")},
          {"ended", !l.end_reason.empty()},
          {"tenant_rent", money_text(l.tenant_rent, req.lang)},
          {"charges", money_text(l.charges, req.lang)},
          {"payment_reference", leases::format_payment_reference(l.payment_reference)}};
}

leases::LeaseFilter list_filter(const Request& req) {
  auto f = lease_filter(req);
  if (req.query_value("in_force") == "1") f.in_force_on = req.clock->today();
  return f;
}

// The household chosen on the lease form: a search box, matches as radio buttons (htmx as one
// types, a "search" button without JavaScript).
nlohmann::json applicant_choice(const Services& s, const Request& req, const std::string& query, std::int64_t chosen,
                                std::string* chosen_band) {
  auto found = app::choose_applicant(s.store, req.context(), query,
                                     chosen > 0 ? std::optional<std::int64_t>(chosen) : std::nullopt);
  auto option = [&](const applicants::Applicant& a, bool checked) {
    std::string band = a.band ? text(s, req, "leases.bands." + std::string(applicants::to_string(*a.band)))
                              : text(s, req, "leases.bands.unknown");
    return nlohmann::json{
        {"id", a.id},
        {"label", "n° " + std::to_string(a.number) + " — " + a.name()},
        {"detail", s.views.catalog().format(req.lang, "leases.form.household_detail",
                                            {{"size", std::to_string(a.household_size())}, {"band", band}})},
        {"checked", checked}};
  };
  nlohmann::json options = nlohmann::json::array();
  if (found.chosen) {
    options.push_back(option(*found.chosen, true));
    if (chosen_band && found.chosen->band) *chosen_band = std::string(applicants::to_string(*found.chosen->band));
  }
  for (const auto& a : found.matches)
    if (!found.chosen || a.id != found.chosen->id) options.push_back(option(a, false));
  nlohmann::json j = {{"field", "applicant_id"}, {"query_field", "applicant_query"}, {"query", query}, {"options", options}};
  j["none"] = !trim(query).empty() && options.empty();
  if (found.more)
    j["more"] = s.views.catalog().format(req.lang, "owners.search.more", {{"count", std::to_string(app::kApplicantChoices)}});
  return j;
}

nlohmann::json kind_options(const Services& s, const Request& req, const std::string& chosen) {
  nlohmann::json out = nlohmann::json::array();
  for (auto k : {leases::LeaseKind::standard, leases::LeaseKind::short_term, leases::LeaseKind::transit}) {
    const std::string v(leases::to_string(k));
    out.push_back({{"value", v},
                   {"label", kind_label(s, req, k)},
                   {"hint", text(s, req, "leases.kind_hints." + v)},
                   {"checked", chosen == v || (chosen.empty() && k == leases::LeaseKind::standard)}});
  }
  return out;
}

nlohmann::json deposit_form_options(const Services& s, const Request& req, const std::string& chosen) {
  nlohmann::json out = nlohmann::json::array();
  for (auto f : leases::kAllDepositForms) {
    const std::string v(leases::to_string(f));
    out.push_back({{"value", v}, {"label", text(s, req, "leases.deposit_forms." + v)}, {"selected", chosen == v}});
  }
  return out;
}

// The tenant-rent cap of the dwelling on the lease's first day and, once a household is chosen,
// what the lease would do to the agency's two-thirds share.
void add_hints(const Services& s, const Request& req, nlohmann::json& model, const std::optional<stock::Dwelling>& d,
               const nlohmann::json& form, const std::string& band) {
  auto typed = parse_date(app::fields::iso_of_typed_date(form.value("start", "")));
  const auto day = typed ? typed.value() : req.clock->today();
  std::map<std::string, std::string> date{{"date", to_belgian(day)}};
  if (d) {
    auto caps = app::rent_caps_in_force(s.store, rules::CapKind::tenant_rent);
    if (auto row = caps.cap_for(day, d->type, d->bedrooms)) {
      model["cap_hint"] = {{"cap", cap_view(s, req, caps, day, d, row->amount)},
                           {"label", s.views.catalog().format(req.lang, "leases.form.cap_on", date)}};
      model["cap_hint"]["cap"]["label"] = model["cap_hint"]["label"];
      model["deposit_max"] = s.views.catalog().format(req.lang, "leases.form.deposit_max",
                                                      {{"months", std::to_string(leases::kDepositMonthsMax)}});
    } else {
      model["cap_hint"] = {{"none", s.views.catalog().format(req.lang, "leases.form.no_cap_on", date)}};
    }
  }
  if (!band.empty()) {
    auto mix = app::income_mix_with(s.store, req.context(), day, band);
    if (!mix.meets_two_thirds)
      model["mix_warning"] = s.views.catalog().format(
          req.lang, "leases.form.mix_warning",
          {{"share", web::share_text(mix.share, req.lang)},
           {"leases", std::to_string(mix.leases)}});
  }
}

Response new_lease_page(const Request& req, const Services& s, const nlohmann::json& form, const DomainError* error,
                        int status) {
  nlohmann::json model;
  auto dwelling = dwelling_of(s, req, id_in(form, "dwelling_id"));
  if (dwelling)
    model["dwelling"] = {{"id", dwelling->id},
                         {"reference", dwelling->reference},
                         {"address", dwelling_address(s.views.catalog(), *dwelling, req.lang)}};
  std::string band;
  model["applicant_choice"] = applicant_choice(s, req, form.value("applicant_query", ""), id_in(form, "applicant_id"), &band);
  model["kinds"] = kind_options(s, req, form.value("kind", ""));
  model["deposit_forms"] = deposit_form_options(s, req, form.value("deposit_form", ""));
  model["form"] = form;
  add_hints(s, req, model, dwelling, form, band);
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "leases.new_title", "leases"), "leases/new", model), status);
}

nlohmann::json lease_head(const Services& s, const Request& req, const leases::Lease& l) {
  return {{"id", l.id},
          {"dwelling_id", l.dwelling_id},
          {"dwelling_reference", l.dwelling_reference},
          {"applicant_id", l.applicant_id},
          {"applicant_number", l.applicant_number},
          {"household", l.household_name},
          {"kind_label", kind_label(s, req, l.kind)},
          {"start", to_belgian(l.start)},
          {"end", l.end ? to_belgian(*l.end) : text(s, req, "leases.open_ended")},
          {"tenant_rent", money_text(l.tenant_rent, req.lang)},
          {"ended", !l.end_reason.empty()}};
}

nlohmann::json lease_detail(const Services& s, const Request& req, const leases::Lease& l) {
  auto j = lease_head(s, req, l);
  auto d = dwelling_of(s, req, l.dwelling_id);
  if (d) j["dwelling_address"] = dwelling_address(s.views.catalog(), *d, req.lang);
  auto caps = app::rent_caps_in_force(s.store, rules::CapKind::tenant_rent);
  const auto today = req.clock->today();
  j["charges"] = money_text(l.charges, req.lang);
  j["total"] = money_text(l.tenant_rent + l.charges, req.lang);
  j["payment_reference"] = leases::format_payment_reference(l.payment_reference);
  j["band"] = text(s, req, "leases.bands." + l.band);
  j["income_year"] = l.income_year;
  j["deposit"] = money_text(l.deposit, req.lang);
  j["deposit_form"] = opt_text(l.deposit_form ? text(s, req, "leases.deposit_forms." + std::string(leases::to_string(*l.deposit_form))) : "");
  j["deposit_held_by"] = opt_text(l.deposit_held_by);
  j["deposit_returned"] = opt_text(l.deposit_returned ? money_text(*l.deposit_returned, req.lang) : "");
  j["deposit_returned_on"] = date_text(l.deposit_returned_on);
  j["extended"] = l.extended;
  j["end_reason"] = opt_text(l.end_reason);
  if (l.notice_by && l.notice_received_on) {
    auto outcome = leases::notice_outcome(l, *l.notice_by, *l.notice_received_on);
    j["notice"] = {{"by", text(s, req, "leases.notice_by." + std::string(leases::to_string(*l.notice_by)))},
                   {"received_on", to_belgian(*l.notice_received_on)}};
    if (outcome.rule_known && outcome.indemnity_months > 0)
      j["notice"]["indemnity"] = s.views.catalog().format(
          req.lang, "leases.notice.indemnity",
          {{"months", std::to_string(outcome.indemnity_months)},
           {"amount", money_text(Money::from_cents(l.tenant_rent.cents() * outcome.indemnity_months), req.lang)}});
  }
  nlohmann::json history = nlohmann::json::array();
  std::size_t current = 0;
  for (std::size_t i = 0; i < l.rent_history.size(); ++i)
    if (l.rent_history[i].valid_from <= today) current = i;
  for (std::size_t i = 0; i < l.rent_history.size(); ++i) {
    const auto& v = l.rent_history[i];
    history.push_back({{"valid_from", to_belgian(v.valid_from)},
                       {"amount", money_text(v.amount, req.lang)},
                       {"reason", text(s, req, "leases.reasons." + v.reason)},
                       {"cap", cap_view(s, req, caps, v.valid_from, d, v.cap)},
                       {"in_force", i == current && v.valid_from <= today},  // none yet while the lease is to come
                       {"future", today < v.valid_from}});
  }
  j["history"] = history;
  return j;
}

Response terms_page(const Request& req, const Services& s, const leases::Lease& l, const nlohmann::json& form,
                    const DomainError* error, int status) {
  nlohmann::json model = {{"lease", lease_head(s, req, l)}, {"form", form}};
  model["deposit_forms"] = deposit_form_options(s, req, form.value("deposit_form", ""));
  model["can_extend"] = l.kind == leases::LeaseKind::short_term && !l.extended;
  model["deposit_max"] = s.views.catalog().format(req.lang, "leases.form.deposit_max",
                                                  {{"months", std::to_string(leases::kDepositMonthsMax)}});
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "leases.edit_title", "leases"), "leases/edit", model), status);
}

Response rent_page(const Request& req, const Services& s, const leases::Lease& l, const nlohmann::json& form,
                   const DomainError* error, int status) {
  nlohmann::json model = {{"lease", lease_head(s, req, l)}, {"form", form}};
  if (!l.rent_history.empty()) model["lease"]["rent_since"] = to_belgian(l.rent_history.back().valid_from);
  auto d = dwelling_of(s, req, l.dwelling_id);
  nlohmann::json for_day = {{"start", form.value("rent_from", "")}};
  add_hints(s, req, model, d, for_day, "");
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "leases.rent_title", "leases"), "leases/rent", model), status);
}

Response notice_page(const Request& req, const Services& s, const leases::Lease& l, const nlohmann::json& form,
                     const DomainError* error, int status) {
  nlohmann::json model = {{"lease", lease_head(s, req, l)}, {"form", form}};
  nlohmann::json by = nlohmann::json::array();
  for (const char* v : {"tenant", "agency"})
    by.push_back({{"value", v},
                  {"label", text(s, req, std::string("leases.notice_by.") + v)},
                  {"checked", form.value("notice_by", "tenant") == v}});
  model["notice_by"] = by;
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "leases.notice_title", "leases"), "leases/notice", model), status);
}

Response end_page(const Request& req, const Services& s, const leases::Lease& l, const nlohmann::json& form,
                  const DomainError* error, int status) {
  nlohmann::json model = {{"lease", lease_head(s, req, l)}, {"form", form}};
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "leases.end_title", "leases"), "leases/end", model), status);
}

// "2026-02-01" as 01/02/2026; anything else as typed.
std::string to_belgian_if_iso(const std::string& text) {
  auto d = parse_date(text);
  return d ? to_belgian(d.value()) : text;
}

// The lines of an inventory form: the ones typed (or recorded), then blank ones to fill in
// (`blank` of them). The exit inventory starts from the entry's lines, each with the condition
// it had at entry, so that the two can be compared line by line.
constexpr int kBlankLines = 8;

std::vector<std::string> values_named(const Request& req, const char* name) {
  std::vector<std::string> out;
  auto [from, to] = req.form.equal_range(name);
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

app::InventoryInput inventory_input(const Request& req) {
  app::InventoryInput in;
  auto value = [&](const char* name) {
    auto it = req.form.find(name);
    return it == req.form.end() ? std::string() : it->second;
  };
  in.done_on = app::fields::iso_of_typed_date(value("done_on"));
  in.remarks = value("remarks");
  const auto rooms = values_named(req, "room"), items = values_named(req, "item"),
             conditions = values_named(req, "condition"), remarks = values_named(req, "line_remarks");
  for (std::size_t i = 0; i < rooms.size(); ++i)
    in.lines.push_back({rooms[i], i < items.size() ? items[i] : "", i < conditions.size() ? conditions[i] : "",
                        i < remarks.size() ? remarks[i] : ""});
  return in;
}

Response inventory_page(const Request& req, const Services& s, const leases::Lease& l, leases::InventoryKind kind,
                        const app::InventoryInput& typed, int blank, const DomainError* error, int status) {
  const std::string kind_name(leases::to_string(kind));
  nlohmann::json model = {{"lease", lease_head(s, req, l)},
                          {"kind", kind_name},
                          {"title", text(s, req, "leases.inventory." + kind_name + "_title")},
                          {"done_on", typed.done_on.empty() ? "" : to_belgian_if_iso(typed.done_on)},
                          {"remarks", typed.remarks}};
  std::map<std::string, std::string> at_entry;  // room|item → condition at entry (exit form)
  if (kind == leases::InventoryKind::exit)
    for (const auto& inv : app::lease_inventories(s.store, req.context(), l.id))
      if (inv.kind == leases::InventoryKind::entry)
        for (const auto& line : inv.items) at_entry[line.room + "|" + line.item] = std::string(leases::to_string(line.condition));
  nlohmann::json lines = nlohmann::json::array();
  auto add_line = [&](const app::InventoryInput::Line& line) {
    const auto n = lines.size() + 1;
    nlohmann::json conditions = nlohmann::json::array();
    for (auto c : leases::kAllConditions) {
      const std::string v(leases::to_string(c));
      conditions.push_back({{"value", v}, {"label", text(s, req, "leases.conditions." + v)}, {"selected", line.condition == v}});
    }
    nlohmann::json row = {{"n", n}, {"room", line.room}, {"item", line.item}, {"remarks", line.remarks}, {"conditions", conditions}};
    if (auto it = at_entry.find(line.room + "|" + line.item); it != at_entry.end())
      row["at_entry"] = text(s, req, "leases.conditions." + it->second);
    if (error)
      if (auto f = error->fields().find("items." + std::to_string(n)); f != error->fields().end()) row["error"] = true;
    lines.push_back(row);
  };
  for (const auto& line : typed.lines) add_line(line);
  for (int i = 0; i < blank; ++i) add_line({"", "", "good", ""});
  model["lines"] = lines;
  model["line_count"] = lines.size();
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "leases.inventory." + kind_name + "_title", "leases"),
                                     "leases/inventory", model),
                        status);
}

// What an inventory form starts from: the one recorded, else (exit) the entry's lines.
app::InventoryInput inventory_start(const Services& s, const Request& req, const leases::Lease& l, leases::InventoryKind kind) {
  app::InventoryInput in;
  for (const auto& inv : app::lease_inventories(s.store, req.context(), l.id)) {
    const bool same = inv.kind == kind;
    if (!same && !(kind == leases::InventoryKind::exit && inv.kind == leases::InventoryKind::entry)) continue;
    if (!same && !in.lines.empty()) continue;
    in = {};
    if (same) {
      in.done_on = to_iso(inv.done_on);
      in.remarks = inv.remarks;
    }
    for (const auto& line : inv.items)
      in.lines.push_back({line.room, line.item, std::string(leases::to_string(line.condition)), same ? line.remarks : ""});
    if (same) break;
  }
  return in;
}

nlohmann::json inventories_view(const Services& s, const Request& req, const leases::Lease& l) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& inv : app::lease_inventories(s.store, req.context(), l.id)) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : inv.items)
      lines.push_back({{"room", line.room},
                       {"item", line.item},
                       {"condition", text(s, req, "leases.conditions." + std::string(leases::to_string(line.condition)))},
                       {"bad", line.condition == leases::Condition::damaged || line.condition == leases::Condition::missing},
                       {"remarks", line.remarks}});
    out[std::string(leases::to_string(inv.kind))] = {{"done_on", to_belgian(inv.done_on)},
                                                     {"remarks", opt_text(inv.remarks)},
                                                     {"recorded_by", inv.recorded_by_name},
                                                     {"lines", lines},
                                                     {"count", lines.size()}};
  }
  return out;
}

nlohmann::json values_of(const leases::Lease& l) {
  return {{"end", l.end ? to_belgian(*l.end) : ""},
          {"charges", l.charges.format_plain()},
          {"deposit", l.deposit.format_plain()},
          {"deposit_form", l.deposit_form ? std::string(leases::to_string(*l.deposit_form)) : ""},
          {"deposit_held_by", l.deposit_held_by},
          {"extended", l.extended ? "yes" : ""}};
}

}  // namespace

void add_lease_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/leases", needing(Permission::leases_view), [&s](Request& req) {
    auto paging = req.paging();
    auto page = app::list_leases(s.store, req.context(), list_filter(req), paging);
    ListPage list{nlohmann::json::array(), page.total, paging, {"kind", "in_force", "dwelling_id", "applicant_id"},
                  "/leases/export", false};
    for (const auto& l : page.items) list.items.push_back(lease_row(s, req, l));
    auto model = list_page_model(req, s, list);
    nlohmann::json kinds = nlohmann::json::array();
    for (auto k : {leases::LeaseKind::standard, leases::LeaseKind::short_term, leases::LeaseKind::transit})
      kinds.push_back({{"value", leases::to_string(k)},
                       {"label", kind_label(s, req, k)},
                       {"selected", req.query_value("kind") == leases::to_string(k)}});
    model["kinds"] = kinds;
    model["in_force"] = req.query_value("in_force") == "1";
    model["can_manage"] = req.context().can(Permission::leases_manage);
    auto info = page_info(req, s, "leases.title", "leases");
    if (req.htmx()) return Response::html(s.views.fragment(info, "leases/results", model));
    return Response::html(s.views.page(info, "leases/list", model));
  }});

  routes.push_back({"GET", "/leases/export", needing(Permission::leases_view), [&s](Request& req) {
    export_format(req);
    auto page = app::export_leases(s.store, req.context(), list_filter(req));
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {
        {"id", K::integer},          {"dwelling_id", K::integer},    {"dwelling_reference", K::text},
        {"applicant_id", K::integer}, {"applicant_number", K::integer}, {"household_name", K::text},
        {"kind", K::text},           {"start", K::date},             {"end", K::date},
        {"tenant_rent", K::money_cents}, {"charges", K::money_cents}, {"deposit", K::money_cents},
        {"payment_reference", K::text}, {"band", K::text}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : page.items)
      rows.push_back({std::to_string(l.id), std::to_string(l.dwelling_id), l.dwelling_reference,
                      std::to_string(l.applicant_id), std::to_string(l.applicant_number), l.household_name,
                      std::string(leases::to_string(l.kind)), to_iso(l.start), l.end ? to_iso(*l.end) : "",
                      std::to_string(l.tenant_rent.cents()), std::to_string(l.charges.cents()),
                      std::to_string(l.deposit.cents()), leases::format_payment_reference(l.payment_reference), l.band});
    std::string base = "leases";
    if (req.auth && req.auth->user.agency_code) base += "-" + *req.auth->user.agency_code;
    return export_list(req, base, columns, rows);
  }});

  routes.push_back({"GET", "/leases/new", needing(Permission::leases_manage), [&s](Request& req) {
    if (auto d = form_draft(req, s)) return new_lease_page(req, s, d->values, &d->error, d->status);
    nlohmann::json form = {{"dwelling_id", req.query_value("dwelling_id")},
                           {"applicant_id", req.query_value("applicant_id")},
                           {"charges", "0"},
                           {"deposit", ""}};
    return new_lease_page(req, s, form, nullptr, 200);
  }});

  // The household search of the form, as one types (htmx).
  routes.push_back({"POST", "/leases/applicant-choices", needing(Permission::leases_manage), [&s](Request& req) {
    auto chosen = req.form.find("applicant_id");
    std::int64_t id = 0;
    if (chosen != req.form.end()) id = id_in(nlohmann::json{{"v", chosen->second}}, "v");
    auto query = req.form.find("applicant_query");
    nlohmann::json model = applicant_choice(s, req, query == req.form.end() ? "" : query->second, id, nullptr);
    return Response::html(s.views.fragment(page_info(req, s, "leases.new_title", "leases"), "contracts/choices", model));
  }});

  routes.push_back({"POST", "/leases", needing(Permission::leases_manage), [&s](Request& req) {
    auto input = read_form<app::LeaseFields>(req, kNewLeaseFields);
    auto query = req.form.find("applicant_query");
    if (query != req.form.end()) input.values["applicant_query"] = query->second;
    if (req.form.count("action") && req.form.find("action")->second == "search")
      return new_lease_page(req, s, input.values, nullptr, 200);
    return submit_form(
        req, s, "/leases/new", input,
        [&] {
          auto l = app::create_lease(s.store, req.context(), input.fields);
          return Response::redirect("/leases/" + std::to_string(l.id) + "?created=1");
        },
        [&](const DomainError& e, int status) { return new_lease_page(req, s, input.values, &e, status); });
  }});

  routes.push_back({"GET", "/leases/{id}", reaching("lease"), [&s](Request& req) {
    auto l = app::read_lease(s.store, req.context(), req.path_id());
    nlohmann::json model = {{"lease", lease_detail(s, req, l)},
                            {"inventories", inventories_view(s, req, l)},
                            {"can_manage", req.context().can(Permission::leases_manage) && l.end_reason.empty()},
                            {"can_inventory", req.context().can(Permission::leases_manage)},
                            {"documents", attachments_section(req, s, attachments::AttachedTo::dwelling, l.dwelling_id)}};
    for (const char* flag : {"created", "updated", "rent_changed", "notice_recorded", "ended", "inventory_saved"})
      model[flag] = req.query_value(flag) == "1";
    return Response::html(s.views.page(page_info(req, s, "leases.detail_title", "leases"), "leases/detail", model));
  }});

  routes.push_back({"GET", "/leases/{id}/edit", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    auto l = app::find_lease(s.store, req.context(), req.path_id());
    if (auto d = form_draft(req, s)) return terms_page(req, s, l, d->values, &d->error, d->status);
    return terms_page(req, s, l, values_of(l), nullptr, 200);
  }});
  routes.push_back({"POST", "/leases/{id}/edit", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    const auto id = req.path_id();
    auto l = app::find_lease(s.store, req.context(), id);
    auto input = read_form<app::LeaseFields>(req, kTermsFields);
    input.fields.extended = input.fields.extended.value_or("").empty() ? (l.extended ? "yes" : "no") : "yes";
    return submit_form(
        req, s, "/leases/" + std::to_string(id) + "/edit", input,
        [&] {
          app::update_lease(s.store, req.context(), id, input.fields);
          return Response::redirect("/leases/" + std::to_string(id) + "?updated=1");
        },
        [&](const DomainError& e, int status) { return terms_page(req, s, l, input.values, &e, status); });
  }});

  routes.push_back({"GET", "/leases/{id}/rent", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    auto l = app::find_lease(s.store, req.context(), req.path_id());
    if (auto d = form_draft(req, s)) return rent_page(req, s, l, d->values, &d->error, d->status);
    return rent_page(req, s, l, {{"tenant_rent", l.tenant_rent.format_plain()}, {"rent_from", ""}}, nullptr, 200);
  }});
  routes.push_back({"POST", "/leases/{id}/rent", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    const auto id = req.path_id();
    auto l = app::find_lease(s.store, req.context(), id);
    auto input = read_form<app::LeaseFields>(req, kRentFields);
    return submit_form(
        req, s, "/leases/" + std::to_string(id) + "/rent", input,
        [&] {
          app::update_lease(s.store, req.context(), id, input.fields);
          return Response::redirect("/leases/" + std::to_string(id) + "?rent_changed=1");
        },
        [&](const DomainError& e, int status) { return rent_page(req, s, l, input.values, &e, status); });
  }});

  routes.push_back({"GET", "/leases/{id}/notice", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    auto l = app::find_lease(s.store, req.context(), req.path_id());
    if (auto d = form_draft(req, s)) return notice_page(req, s, l, d->values, &d->error, d->status);
    return notice_page(req, s, l, {{"notice_by", "tenant"}, {"notice_received_on", ""}, {"end", ""}}, nullptr, 200);
  }});
  routes.push_back({"POST", "/leases/{id}/notice", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    const auto id = req.path_id();
    auto l = app::find_lease(s.store, req.context(), id);
    auto input = read_form<app::LeaseFields>(req, kNoticeFields);
    if (input.fields.end && input.fields.end->empty()) input.fields.end.reset();  // empty: the rules' end
    return submit_form(
        req, s, "/leases/" + std::to_string(id) + "/notice", input,
        [&] {
          app::update_lease(s.store, req.context(), id, input.fields);
          return Response::redirect("/leases/" + std::to_string(id) + "?notice_recorded=1");
        },
        [&](const DomainError& e, int status) { return notice_page(req, s, l, input.values, &e, status); });
  }});

  for (auto kind : {leases::InventoryKind::entry, leases::InventoryKind::exit}) {
    const std::string path = "/leases/{id}/" + std::string(leases::to_string(kind)) + "-inventory";
    routes.push_back({"GET", path, reaching("lease", Permission::leases_manage), [&s, kind](Request& req) {
      auto l = app::find_lease(s.store, req.context(), req.path_id());
      return inventory_page(req, s, l, kind, inventory_start(s, req, l, kind), kBlankLines, nullptr, 200);
    }});
    routes.push_back({"POST", path, reaching("lease", Permission::leases_manage), [&s, kind](Request& req) {
      const auto id = req.path_id();
      auto l = app::find_lease(s.store, req.context(), id);
      auto input = inventory_input(req);
      // "More lines": the form again with blank lines added, nothing saved.
      if (auto a = req.form.find("action"); a != req.form.end() && a->second == "more")
        return inventory_page(req, s, l, kind, input, kBlankLines, nullptr, 200);
      return submit_form(
          [&] {
            app::record_inventory(s.store, req.context(), id, std::string(leases::to_string(kind)), input);
            return Response::redirect("/leases/" + std::to_string(id) + "?inventory_saved=1#inventories");
          },
          [&](const DomainError& e, int status) { return inventory_page(req, s, l, kind, input, 2, &e, status); });
    }});
  }

  routes.push_back({"GET", "/leases/{id}/end", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    auto l = app::find_lease(s.store, req.context(), req.path_id());
    if (auto d = form_draft(req, s)) return end_page(req, s, l, d->values, &d->error, d->status);
    return end_page(req, s, l, {{"end", l.end ? to_belgian(*l.end) : ""}, {"reason", ""}}, nullptr, 200);
  }});
  routes.push_back({"POST", "/leases/{id}/end", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    const auto id = req.path_id();
    auto l = app::find_lease(s.store, req.context(), id);
    auto value = [&](const char* name) {
      auto it = req.form.find(name);
      return it == req.form.end() ? std::string() : it->second;
    };
    FormState typed(nlohmann::json{{"end", value("end")}, {"reason", value("reason")}});
    typed.date_fields = {"end"};
    bool no_such_day = false;
    std::string end_iso = value("end").empty() ? "" : app::fields::iso_of_typed_date(value("end"), &no_such_day);
    if (no_such_day) typed.no_such_day["end"] = value("end");
    return submit_form(
        req, s, "/leases/" + std::to_string(id) + "/end", typed,
        [&] {
          app::end_lease(s.store, req.context(), id, end_iso, value("reason"));
          return Response::redirect("/leases/" + std::to_string(id) + "?ended=1");
        },
        [&](const DomainError& e, int status) { return end_page(req, s, l, typed.values, &e, status); });
  }});
}

}  // namespace hms::http

// The regulatory tables in force, with their sources (GET /rules, for every logged-in user),
// and the upload of a new table by the region (POST /rules). Also GET /api/v1/rules/health-index,
// /api/v1/rules/admission-incomes, and (contract B) /api/v1/rules/owner-rent-caps and
// /api/v1/rules/tenant-rent-caps?date=YYYY-MM-DD: the caps in force that day (default: today).
#include <algorithm>
#include <map>
#include <set>

#include "app/fields/fields.hpp"
#include "app/rules/rules_admin.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace {

nlohmann::json index_rows(const indexation::HealthIndex& index) {
  nlohmann::json rows = nlohmann::json::array();
  for (auto it = index.values().rbegin(); it != index.values().rend(); ++it)
    rows.push_back({{"month", it->first.to_string()},
                    {"value", it->second.text()},
                    {"status", it->second.status},
                    {"verified", it->second.status == "verified"},
                    {"source", it->second.source}});
  return rows;
}

// Amounts as the contract's "1234.56" for the API (lang empty), the Belgian or English way on pages.
nlohmann::json income_rows(const applicants::AdmissionIncomeTable& table, const std::string& lang) {
  auto fmt = [&lang](Money m) { return lang.empty() ? m.format_plain() : web::money_text(m, lang); };
  nlohmann::json rows = nlohmann::json::array();
  for (auto it = table.years().rbegin(); it != table.years().rend(); ++it) {
    const auto& a = it->second;
    rows.push_back({{"year", a.year},
                    {"single", fmt(a.single)},
                    {"household_one_income", fmt(a.household_one_income)},
                    {"household_two_or_more_incomes", fmt(a.household_two_or_more_incomes)},
                    {"per_dependent_child", fmt(a.per_dependent_child)},
                    {"per_disabled_adult", fmt(a.per_disabled_adult)},
                    {"status", a.status},
                    {"verified", a.status == "verified"},
                    {"source", a.source}});
  }
  return rows;
}

// The notes shipped with the tables in rules/*.csv (written in English, as the API gives them)
// in the reader's language on the pages; a source loaded by the region (a site's name, a
// publication) is shown as typed.
std::string source_text(const web::Catalog& cat, const std::string& lang, const std::string& source) {
  static const std::map<std::string, std::string> kShipped = {
      {"public data file (secondary; other years matched) - re-check against Statbel", "rules.sources.secondary_file"},
      {"illustrative — replace with the grid published by Bruxelles Logement", "rules.sources.illustrative_grid"},
      {"illustrative — social-housing adequacy norm (AGRBC 26-09-1996 art. 3), replace with the rule of the Region", "rules.sources.illustrative_occupancy"},
      {"Statbel health index via indexatiehulp.be / febed.be tables", "rules.sources.statbel_tables"},
      {"illustrative — amounts not published (tenancy-rules.md), replace with the table of the Region", "rules.sources.illustrative_subsidies"},
      {"woneninbrussel.be (social housing rent page)", "rules.sources.woneninbrussel"},
  };
  auto it = kShipped.find(source);
  return it == kShipped.end() ? source : cat.text(lang, it->second);
}

// A table's status in the reader's language ("verified-old" → "vérifié, ancienne année").
std::string status_text(const web::Catalog& cat, const std::string& lang, const std::string& status) {
  for (std::string known : {"verified", "verified-old", "single_secondary_source", "illustrative"})
    if (status == known) {
      std::replace(known.begin(), known.end(), '-', '_');  // catalog keys hold no '-'
      return cat.text(lang, "rules.statuses." + known);
    }
  return status;
}

// The page's rows: sources and statuses in the reader's language.
nlohmann::json localised(nlohmann::json rows, const web::Catalog& cat, const std::string& lang) {
  for (auto& r : rows) {
    r["source"] = source_text(cat, lang, r["source"].get<std::string>());
    r["status"] = status_text(cat, lang, r["status"].get<std::string>());
  }
  return rows;
}

// Amounts as the contract's "1234.56" for the API (lang empty), the Belgian or English way on pages.
std::string amount_text(Money m, const std::string& lang) {
  return lang.empty() ? m.format_plain() : web::money_text(m, lang);
}

// ?date=YYYY-MM-DD, today (the server's clock) when absent or empty; 422 on field "date" otherwise.
std::chrono::year_month_day requested_date(const Request& req) {
  Problems problems;
  auto date = app::fields::optional_field(req.query_value("date"), "date", problems, app::fields::parse_date,
                                          "rules.invalid_date");
  problems.throw_if_any();
  return date.value_or(req.clock->today());
}

// One cap as the API shows it (contract B, plus status, valid_from and and_more).
nlohmann::json cap_json(const rules::RentCap& c) {
  return {{"type", stock::to_string(c.type)},
          {"bedrooms", c.bedrooms},
          {"amount", c.amount.format_plain()},
          {"source", c.source},
          {"status", c.status},
          {"valid_from", to_iso(c.valid_from)},
          {"and_more", c.and_more}};
}

// A grid of caps for a page: one line per number of bedrooms, a column per type, and on each
// line the status and source of its amounts (a tag when not verified: the illustrative mark).
nlohmann::json cap_grid(const std::vector<rules::RentCap>& rows, const Request& req, const Services& s,
                        const std::string& heading_key) {
  const auto& cat = s.views.catalog();
  int last = -1;
  std::optional<std::chrono::year_month_day> since;
  for (const auto& r : rows) {
    last = std::max(last, r.bedrooms);
    if (!since || r.valid_from > *since) since = r.valid_from;
  }
  nlohmann::json lines = nlohmann::json::array();
  bool unverified = false;
  for (int n = 0; n <= last; ++n) {
    nlohmann::json line = {{"apartment", "–"}, {"house", "–"}};
    bool and_more = false;
    std::set<std::pair<std::string, std::string>> seen;
    nlohmann::json marks = nlohmann::json::array();
    for (const auto& r : rows) {
      if (r.bedrooms != n) continue;
      line[std::string(stock::to_string(r.type))] = amount_text(r.amount, req.lang);
      and_more = and_more || r.and_more;
      if (!seen.insert({r.status, r.source}).second) continue;
      const bool verified = r.status == "verified";
      unverified = unverified || !verified;
      marks.push_back({{"verified", verified},
                       {"status", r.status == "illustrative" ? cat.text(req.lang, "rules.caps.illustrative")
                                                             : status_text(cat, req.lang, r.status)},
                       {"source", source_text(cat, req.lang, r.source)}});
    }
    line["bedrooms"] = n == 0 ? cat.text(req.lang, "rules.caps.studio")
                       : and_more ? cat.format(req.lang, "rules.caps.and_more", {{"bedrooms", std::to_string(n)}})
                                  : std::to_string(n);
    line["marks"] = marks;
    lines.push_back(line);
  }
  return {{"heading", since ? cat.format(req.lang, heading_key, {{"date", to_belgian(*since)}}) : ""},
          {"lines", lines},
          {"unverified", unverified}};
}

// Both cap tables for the page: the grid in force today, then every other validity date, newest first.
nlohmann::json cap_tables(const Request& req, const Services& s) {
  const auto today = req.clock->today();
  nlohmann::json tables = nlohmann::json::array();
  for (auto kind : {rules::CapKind::owner_rent, rules::CapKind::tenant_rent}) {
    const auto table = app::rent_caps_in_force(s.store, kind);
    const auto current = table.in_force(today);
    std::set<std::chrono::year_month_day> shown;
    for (const auto& r : current) shown.insert(r.valid_from);
    nlohmann::json others = nlohmann::json::array();
    const auto dates = table.validity_dates();
    for (auto it = dates.rbegin(); it != dates.rend(); ++it)
      if (!shown.contains(*it)) others.push_back(cap_grid(table.of_date(*it), req, s, "rules.caps.from"));
    const bool owner = kind == rules::CapKind::owner_rent;
    const auto& cat = s.views.catalog();
    tables.push_back({{"id", owner ? "owner-rent-caps" : "tenant-rent-caps"},
                      {"title", cat.text(req.lang, owner ? "rules.table.owner_rent_caps" : "rules.table.tenant_rent_caps")},
                      {"lead", cat.text(req.lang, owner ? "rules.caps.owner_lead" : "rules.caps.tenant_lead")},
                      {"current", current.empty() ? nlohmann::json(nullptr) : cap_grid(current, req, s, "rules.caps.in_force")},
                      {"has_others", !others.empty()},
                      {"others", others}});
  }
  return tables;
}

// The occupancy rule in force today: a line per household size, with the bedrooms it may take.
nlohmann::json occupancy_view(const Request& req, const Services& s) {
  const auto& cat = s.views.catalog();
  const auto rows = app::occupancy_in_force(s.store).in_force(req.clock->today());
  nlohmann::json lines = nlohmann::json::array();
  bool unverified = false;
  for (const auto& r : rows) {
    const bool verified = r.status == "verified";
    unverified = unverified || !verified;
    const std::string persons = std::to_string(r.persons);
    lines.push_back({{"persons", r.and_more ? cat.format(req.lang, "rules.occupancy.and_more", {{"persons", persons}}) : persons},
                     {"bedrooms", r.min_bedrooms == r.max_bedrooms
                                      ? std::to_string(r.min_bedrooms)
                                      : cat.format(req.lang, "rules.occupancy.range", {{"min", std::to_string(r.min_bedrooms)},
                                                                                       {"max", std::to_string(r.max_bedrooms)}})},
                     {"verified", verified},
                     {"status", r.status == "illustrative" ? cat.text(req.lang, "rules.caps.illustrative")
                                                           : status_text(cat, req.lang, r.status)},
                     {"source", source_text(cat, req.lang, r.source)}});
  }
  return {{"lines", lines},
          {"has_lines", !lines.empty()},
          {"unverified", unverified},
          {"heading", rows.empty() ? "" : cat.format(req.lang, "rules.caps.in_force", {{"date", to_belgian(rows.front().valid_from)}})}};
}

// The subsidy table in force today: the yearly amounts and the tranches, with their status.
nlohmann::json subsidy_rates_view(const Request& req, const Services& s) {
  const auto& cat = s.views.catalog();
  const web::Texts tx{cat, req.lang};
  const auto table = app::subsidy_rates_in_force(s.store);
  const auto rates = table.in_force(req.clock->today());
  if (!rates) return {{"has_lines", false}};
  std::string source;
  for (const auto& r : table.rows())
    if (r.valid_from == rates->valid_from) source = source_text(cat, req.lang, r.source);
  nlohmann::json lines = nlohmann::json::array();
  auto amount = [&](const char* part, std::int64_t cents) {
    lines.push_back({{"part", tx.text(std::string("subsidies.parts.") + part)}, {"value", tx.money(Money::from_cents(cents))}});
  };
  amount("dwelling.management_mandate", rates->per_mandate_cents);
  amount("dwelling.main_lease", rates->per_main_lease_cents);
  amount("transit_complement", rates->transit_cents);
  amount("fixed", rates->fixed_cents);
  for (const auto& t : rates->tranches)
    lines.push_back({{"part", tx.format("rules.subsidies.tranche", {{"number", std::to_string(t.number)}})},
                     {"value", tx.format("rules.subsidies.tranche_value",
                                         {{"share", tx.percent(std::to_string(t.share_percent))},
                                          {"due", tx.format("rules.subsidies.due", {{"day", std::to_string(unsigned(t.due.day()))},
                                                                                    {"month", tx.text("calculators.month.m" + std::to_string(unsigned(t.due.month())))}})}}) +
                                   (t.justification.empty() ? "" : " — " + tx.text("subsidies.justifications." + t.justification))}});
  return {{"has_lines", true},
          {"lines", lines},
          {"unverified", rates->status != "verified"},
          {"source", source},
          {"heading", cat.format(req.lang, "rules.caps.in_force", {{"date", to_belgian(rates->valid_from)}})}};
}

Response rules_page(const Request& req, const Services& s, const nlohmann::json& notice, const DomainError* error,
                    int status) {
  auto index = app::health_index_in_force(s.store);
  auto incomes = app::admission_incomes_in_force(s.store);
  const auto& cat = s.views.catalog();
  nlohmann::json model = {{"index", localised(index_rows(index), cat, req.lang)},
                          {"base_year", index.base_year()},
                          {"last_month", index.last() ? index.last()->to_string() : "-"},
                          {"incomes", localised(income_rows(incomes, req.lang), cat, req.lang)},
                          {"caps", cap_tables(req, s)},
                          {"occupancy", occupancy_view(req, s)},
                          {"subsidies", subsidy_rates_view(req, s)},
                          {"can_load", req.context().can(users::Permission::rules_manage)},
                          {"notice", notice}};
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "rules.title", "rules"), "rules/index", model), status);
}

}  // namespace

void add_rules_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/rules", Access::logged_in, [&s](Request& req) {
    return rules_page(req, s, nullptr, nullptr, 200);
  }});

  routes.push_back({"POST", "/rules", needing(Permission::rules_manage), [&s](Request& req) {
    auto file = req.files.find("file");
    return submit_form([&] {
      if (file == req.files.end() || file->second.empty())
        throw DomainError(ErrorKind::validation, "rules.file_required").field("file");
      auto load = app::load_rules(s.store, req.context(), file->second, req.form_value("replace") == "yes");
      nlohmann::json notice = {
          {"text", s.views.catalog().format(req.lang, "cli.rules_loaded",
                                            {{"table", s.views.catalog().text(req.lang, "rules.table." +
                                                                                   std::string(app::to_string(load.table)))},
                                             {"added", std::to_string(load.count.added)},
                                             {"changed", std::to_string(load.count.changed)},
                                             {"unchanged", std::to_string(load.count.unchanged)}})}};
      return rules_page(req, s, notice, nullptr, 200);
    }, [&](const DomainError& e, int status) {
      // The table's own errors name a line, not a form field: point them at the file input.
      DomainError shown = e;
      if (shown.fields().empty()) shown.field("file", e.code());
      return rules_page(req, s, nullptr, &shown, status);
    });
  }, kMaxUpload});

  routes.push_back({"GET", "/api/v1/rules/health-index", Access::logged_in, [&s](Request&) {
    auto index = app::health_index_in_force(s.store);
    nlohmann::json items = index_rows(index);
    for (auto& i : items) i.erase("verified");
    return Response::json(nlohmann::json{{"base", index.base_year()}, {"items", items}, {"total", items.size()}}.dump());
  }});

  routes.push_back({"GET", "/api/v1/rules/admission-incomes", Access::logged_in, [&s](Request&) {
    nlohmann::json items = income_rows(app::admission_incomes_in_force(s.store), "");
    for (auto& i : items) i.erase("verified");
    return Response::json(nlohmann::json{{"items", items}, {"total", items.size()}}.dump());
  }});

  for (auto [path, kind] : {std::pair{"/api/v1/rules/owner-rent-caps", rules::CapKind::owner_rent},
                            std::pair{"/api/v1/rules/tenant-rent-caps", rules::CapKind::tenant_rent}})
    routes.push_back({"GET", path, Access::logged_in, [&s, kind](Request& req) {
      const auto date = requested_date(req);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& c : app::rent_caps_in_force(s.store, kind).in_force(date)) items.push_back(cap_json(c));
      return Response::json(
          nlohmann::json{{"items", items}, {"total", items.size()}, {"date", to_iso(date)}}.dump());
    }});
}

}  // namespace hms::http

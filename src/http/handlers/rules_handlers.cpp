// The regulatory tables in force, with their sources (GET /rules, for every logged-in user),
// and the upload of a new table by the region (POST /rules). Also GET /api/v1/rules/health-index
// and /api/v1/rules/admission-incomes.
#include "app/rules/rules_admin.hpp"
#include "http/handlers/support.hpp"

namespace hms::http {
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
  auto fmt = [&lang](Money m) {
    return lang.empty() ? m.format_plain() : lang == "en" ? m.format_english() : m.format_belgian();
  };
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

Response rules_page(const Request& req, const Services& s, const nlohmann::json& notice, const DomainError* error,
                    int status) {
  auto index = app::health_index_in_force(s.store);
  auto incomes = app::admission_incomes_in_force(s.store);
  nlohmann::json model = {{"index", index_rows(index)},
                          {"base_year", index.base_year()},
                          {"last_month", index.last() ? index.last()->to_string() : "-"},
                          {"incomes", income_rows(incomes, req.lang)},
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

  routes.push_back({"POST", "/rules", Access::logged_in, [&s](Request& req) {
    req.context().require(users::Permission::rules_manage);
    auto file = req.files.find("file");
    try {
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
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      // The table's own errors name a line, not a form field: point them at the file input.
      DomainError shown = e;
      if (shown.fields().empty()) shown.field("file", e.code());
      return rules_page(req, s, nullptr, &shown, 422);
    }
  }});

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
}

}  // namespace hms::http

// The allocation pages: GET /allocation/report (+ .pdf, /export) the yearly report; GET /dwellings/{id}/candidates (the candidates of a free dwelling best
// first, each with its reasons, where it stands and what can be decided; the decisions taken),
// POST /dwellings/{id}/decisions (a decision, then back to the list), and the agency's weights
// of its objective priorities: GET|POST /settings/priorities.
#include <algorithm>

#include "app/fields/fields.hpp"
#include "app/stock/dwellings.hpp"
#include "common/date.hpp"
#include "http/handlers/allocation/allocation_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/allocation_report.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace al = allocation;

namespace {

// The page shows the best placed; the API answers them all.
constexpr std::size_t kShownCandidates = 50;

std::string kind_label(const Services& s, const Request& req, al::DecisionKind k) {
  return text(s, req, "allocation.kinds." + std::string(al::to_string(k)));
}

nlohmann::json priorities_view(const Services& s, const Request& req, const al::Priorities& p) {
  nlohmann::json out = nlohmann::json::array();
  for (auto [key, points] : {std::pair{"referral", p.referral}, {"urgent", p.urgent}, {"preferred_commune", p.preferred_commune}})
    out.push_back({{"label", text(s, req, std::string("allocation.priorities.") + key)}, {"points", points}});
  return out;
}

Response candidates_page(const Request& req, const Services& s, std::int64_t id, const nlohmann::json& typed,
                         const DomainError* error, int status) {
  auto list = app::dwelling_candidates(s.store, req.context(), id);
  const auto& d = list.dwelling;
  const bool can_decide = req.context().can(Permission::applicants_manage);
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t shown = std::min(list.candidates.size(), kShownCandidates);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& c = list.candidates[i];
    const auto& st = list.standings[i];
    const auto& a = c.applicant;
    nlohmann::json reasons = nlohmann::json::array();
    for (auto& r : reason_texts(s.views.catalog(), req.lang, c)) reasons.push_back(r);
    const bool chosen = typed.value("applicant_id", "") == std::to_string(a.id);
    rows.push_back({{"place", i + 1},
                    {"applicant_id", a.id},
                    {"number", a.number},
                    {"name", a.name()},
                    {"household_size", a.household_size()},
                    {"band", text(s, req, "applicants.bands." + std::string(applicants::to_string(*a.band)))},
                    {"registered_on", date_text(a.registered_on)},
                    {"points", c.points},
                    {"reasons", reasons},
                    {"last", st.last ? nlohmann::json(kind_label(s, req, *st.last)) : nlohmann::json()},
                    {"accepted", st.last == al::DecisionKind::accepted},
                    {"can_propose", can_decide && !st.last && st.waiting_before == 0},
                    {"can_derogate", can_decide && !st.last && st.waiting_before > 0},
                    {"can_answer", can_decide && st.proposed()},
                    {"waiting_before", st.waiting_before},
                    {"typed_reason", chosen ? typed.value("reason", "") : ""},
                    {"typed_approved_by", chosen ? typed.value("approved_by", "") : ""},
                    {"open", chosen && error}});
  }
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& x : list.decisions)
    decisions.push_back({{"date", date_text(x.decided_on)},
                         {"applicant_id", x.applicant_id},
                         {"number", x.applicant_number},
                         {"name", x.household_name},
                         {"kind", kind_label(s, req, x.kind)},
                         {"place", x.place},
                         {"reason", opt_text(x.reason)},
                         {"approved_by", opt_text(x.approved_by)},
                         {"user", x.user_name}});
  nlohmann::json model = {
      {"dwelling", {{"id", d.id}, {"reference", d.reference}, {"bedrooms", d.bedrooms},
                    {"postcode", d.commune.postcode},
                    {"commune", req.lang == "nl" ? d.commune.name_nl : d.commune.name_fr}}},
      {"rule_loaded", list.rule_loaded},
      {"illustrative", list.rule_loaded && !list.rule_verified},
      {"priorities", priorities_view(s, req, list.priorities)},
      {"can_set_priorities", req.context().can(Permission::agency_settings_manage)},
      {"candidates", rows},
      {"has_candidates", !rows.empty()},
      {"count", web::Texts{s.views.catalog(), req.lang}.format("allocation.count", {{"count", std::to_string(list.candidates.size())},
                                                                                   {"shown", std::to_string(shown)}})},
      {"decisions", decisions},
      {"has_decisions", !decisions.empty()},
      {"decided", req.query_value("decided") == "1"}};
  if (error) model["errors"] = errors_of(s, req, *error);
  return Response::html(s.views.page(page_info(req, s, "allocation.candidates_title", "dwellings"),
                                     "allocation/candidates", model),
                        status);
}

Response priorities_page(const Request& req, const Services& s, const nlohmann::json& typed, const DomainError* error,
                         int status) {
  auto p = app::allocation_priorities(s.store, req.context());
  nlohmann::json form = {{"referral", std::to_string(p.referral)},
                         {"urgent", std::to_string(p.urgent)},
                         {"preferred_commune", std::to_string(p.preferred_commune)}};
  for (auto& [k, v] : typed.items()) form[k] = v;
  nlohmann::json model = {{"form", form}, {"saved", req.query_value("saved") == "1"}};
  if (error) model["errors"] = errors_of(s, req, *error, {"referral", "urgent", "preferred_commune"});
  return Response::html(s.views.page(page_info(req, s, "allocation.priorities_title", "settings"),
                                     "allocation/priorities", model),
                        status);
}

// ?year=, this year by default.
int report_year(const Request& req) {
  auto v = req.query_value("year");
  if (v.empty()) return static_cast<int>(req.clock->today().year());
  return static_cast<int>(query_field(v, "year", app::fields::parse_int, 2000, 2100, "allocation.invalid_year"));
}

}  // namespace

void add_allocation_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/dwellings/{id}/candidates", reaching("dwelling", Permission::applicants_view),
                    [&s](Request& req) { return candidates_page(req, s, req.path_id(), nlohmann::json::object(), nullptr, 200); }});

  routes.push_back({"POST", "/dwellings/{id}/decisions", reaching("dwelling", Permission::applicants_manage),
                    [&s](Request& req) {
    const auto id = req.path_id();
    app::DecisionFields f;
    nlohmann::json typed = nlohmann::json::object();
    for_each_field(f, [&](const char* name, std::optional<std::string>& target) {
      if (auto it = req.form.find(name); it != req.form.end()) {
        target = it->second;
        typed[name] = it->second;
      }
    });
    return submit_form(
        [&] {
          app::record_decision(s.store, req.context(), id, f);
          return Response::redirect("/dwellings/" + std::to_string(id) + "/candidates?decided=1");
        },
        [&](const DomainError& e, int status) { return candidates_page(req, s, id, typed, &e, status); });
  }});

  routes.push_back({"GET", "/settings/priorities", needing(Permission::agency_settings_manage), [&s](Request& req) {
    return priorities_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/settings/priorities", needing(Permission::agency_settings_manage), [&s](Request& req) {
    app::PriorityFields f;
    nlohmann::json typed = nlohmann::json::object();
    auto take = [&](const char* name, std::optional<std::string>& target) {
      if (auto it = req.form.find(name); it != req.form.end()) {
        target = it->second;
        typed[name] = it->second;
      }
    };
    take("referral", f.referral);
    take("urgent", f.urgent);
    take("preferred_commune", f.preferred_commune);
    return submit_form(
        [&] {
          app::save_allocation_priorities(s.store, req.context(), f);
          return Response::redirect("/settings/priorities?saved=1");
        },
        [&](const DomainError& e, int status) { return priorities_page(req, s, typed, &e, status); });
  }});

  // The yearly allocation report: the page, its PDF and its rows as XLSX or CSV.
  routes.push_back({"GET", "/allocation/report", needing(Permission::applicants_view), [&s](Request& req) {
    const int year = report_year(req);
    auto r = app::allocation_report(s.store, req.context(), year);
    const auto& cat = s.views.catalog();
    auto table = web::allocation_report_table(cat, req.lang, r);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) rows.push_back({{"cells", row}});
    nlohmann::json without = nlohmann::json::array();
    for (const auto& l : r.without_decision)
      without.push_back({{"lease_id", l.id}, {"dwelling", l.dwelling_reference}, {"household", l.household_name},
                         {"number", l.applicant_number}, {"start", date_text(l.start)}});
    nlohmann::json years = nlohmann::json::array();
    const int this_year = static_cast<int>(req.clock->today().year());
    for (int y = this_year; y >= this_year - 5; --y) years.push_back({{"year", y}, {"selected", y == year}});
    nlohmann::json model = {{"year", year},
                            {"years", years},
                            {"heading", web::Texts{cat, req.lang}.format("allocation.report.title", {{"year", std::to_string(year)}})},
                            {"summary", web::allocation_report_summary(cat, req.lang, r)},
                            {"header", table.header},
                            {"rows", rows},
                            {"has_rows", !rows.empty()},
                            {"without", without},
                            {"has_without", !without.empty()}};
    return Response::html(s.views.page(page_info(req, s, "allocation.report.page_title", "applicants"), "allocation/report", model));
  }});

  routes.push_back({"GET", "/allocation/report.pdf", needing(Permission::applicants_view), [&s](Request& req) {
    const int year = report_year(req);
    auto r = app::allocation_report(s.store, req.context(), year);
    return download("allocation-report-" + std::to_string(year) + ".pdf", "application/pdf",
                    web::allocation_report_pdf(s.views.catalog(), req.lang, r, req.clock->today()));
  }});

  routes.push_back({"GET", "/allocation/report/export", needing(Permission::applicants_view), [&s](Request& req) {
    export_format(req);
    const int year = report_year(req);
    auto r = app::allocation_report(s.store, req.context(), year);
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {{"decided_on", K::date},   {"dwelling_reference", K::text},
                                            {"applicant_number", K::integer}, {"household_name", K::text},
                                            {"decision", K::text},     {"place", K::integer},
                                            {"reason", K::text},       {"approved_by", K::text}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : r.decisions)
      rows.push_back({to_iso(d.decided_on), d.dwelling_reference, std::to_string(d.applicant_number), d.household_name,
                      std::string(allocation::to_string(d.kind)), std::to_string(d.place), d.reason, d.approved_by});
    return export_list(req, "allocation-" + std::to_string(year), columns, rows);
  }});
}

}  // namespace hms::http

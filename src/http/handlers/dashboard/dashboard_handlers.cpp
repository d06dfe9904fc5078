// GET / : each role's dashboard with live figures.
#include <map>

#include "app/dashboard/dashboard.hpp"
#include "app/support/committee.hpp"
#include "http/handlers/support/pages.hpp"
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

constexpr int kChartWidth = 400;

struct Bar {
  std::string label;
  std::int64_t value = 0;
  std::string modifier;  // a CSS class of the bar ("chart__bar--vacant"), or ""
  std::string href;      // the list of the dwellings the bar counts
};

// A horizontal bar chart drawn on the server (no inline style: the CSP forbids it), 400 units
// wide (two charts side by side keep a legible text size): the labels in the first
// `label_width` units, the bars after them, the value at each bar's end. The same rows feed
// the table behind the chart.
nlohmann::json bar_chart(const std::string& id, const std::string& title, const std::vector<Bar>& bars, int label_width,
                         const std::string& lang) {
  std::int64_t max = 1;
  for (const auto& b : bars) max = std::max(max, b.value);
  const int room = kChartWidth - label_width - 48;  // leave room for the value after the longest bar
  nlohmann::json out = nlohmann::json::array();
  int y = 4;
  for (const auto& b : bars) {
    const auto width = static_cast<int>(b.value * room / max);
    out.push_back({{"y", y},
                   {"text_y", y + 13},
                   {"x", label_width},
                   {"width", std::max(width, 1)},
                   {"value_x", label_width + std::max(width, 1) + 6},
                   {"label", b.label},
                   {"value", web::thousands_text(b.value, lang)},
                   {"modifier", b.modifier},
                   {"href", b.href}});
    y += 24;
  }
  return {{"id", id}, {"title", title}, {"width", kChartWidth}, {"height", y + 4}, {"bars", out}, {"has_bars", !out.empty()}};
}

// The commune in the language of the page (English: the French name, the shorter of the two
// official ones for a chart label).
std::string commune_label(const stock::Commune& c, const std::string& lang) {
  return lang == "nl" ? c.name_nl : c.name_fr;
}

// The stock of an agency: figures, charts, contracts ending soon, owner rents against the caps.
nlohmann::json stock_model(const app::StockDashboard& st, const Request& req, const Services& s) {
  const auto& cat = s.views.catalog();
  const auto& lang = req.lang;
  std::map<std::string, std::int64_t> by_status;
  for (const auto& [status, count] : st.figures.by_status) by_status[status] = count;
  std::int64_t managed = 0;
  for (const auto& [status, count] : by_status)
    if (status != "ended") managed += count;
  std::int64_t all = managed + by_status["ended"];

  std::vector<Bar> status_bars;
  for (auto status : stock::kAllDwellingStatuses) {
    std::string name(stock::to_string(status));
    status_bars.push_back({cat.text(lang, "stock.dwellings.statuses." + name), by_status[name], "chart__bar--" + name,
                           "/dwellings?status=" + name});
  }

  // By commune: the postcodes of one commune (the City of Brussels has four) added up, largest first.
  std::map<std::string, const stock::Commune*> by_postcode;
  for (const auto& c : st.communes) by_postcode[c.postcode] = &c;
  struct CommuneCount {
    std::string name, nis;
    std::int64_t dwellings = 0;
  };
  std::vector<CommuneCount> communes;
  std::map<std::string, std::size_t> index;  // NIS code → position in communes
  for (const auto& [postcode, count] : st.figures.by_commune) {
    auto it = by_postcode.find(postcode);
    std::string nis = it != by_postcode.end() ? it->second->nis_code : postcode;
    std::string name = it != by_postcode.end() ? commune_label(*it->second, lang) : postcode;
    if (auto pos = index.find(nis); pos != index.end()) {
      communes[pos->second].dwellings += count;
    } else {
      // The commune's own name, without the section in brackets ("Bruxelles (Laeken)" → "Bruxelles").
      if (auto bracket = name.find(" ("); bracket != std::string::npos) name = name.substr(0, bracket);
      index[nis] = communes.size();
      communes.push_back({name, nis, count});
    }
  }
  std::stable_sort(communes.begin(), communes.end(), [](const auto& a, const auto& b) { return a.dwellings > b.dwellings; });
  std::vector<Bar> commune_bars;
  for (const auto& c : communes) commune_bars.push_back({c.name, c.dwellings, "", "/dwellings?managed=1&commune=" + c.nis});

  std::vector<Bar> bedroom_bars;
  for (const auto& [bedrooms, count] : st.figures.by_bedrooms) {
    std::string label = bedrooms == 0   ? cat.text(lang, "stock.dwellings.studio")
                        : bedrooms == 1 ? cat.text(lang, "dashboard.stock.bedrooms_one")
                                        : cat.format(lang, "dashboard.stock.bedrooms_many", {{"count", std::to_string(bedrooms)}});
    bedroom_bars.push_back({label, count, "", "/dwellings?managed=1&bedrooms=" + std::to_string(bedrooms)});
  }

  nlohmann::json model = {
      {"empty", all == 0},
      {"can_manage", req.context().can(users::Permission::stock_manage)},
      {"managed", web::thousands_text(managed, lang)},
      {"active", web::thousands_text(by_status["active"], lang)},
      {"vacant", web::thousands_text(by_status["vacant"], lang)},
      {"works", web::thousands_text(by_status["works"], lang)},
      {"charts",
       nlohmann::json::array({bar_chart("chart-status", cat.text(lang, "dashboard.stock.by_status"), status_bars, 120, lang),
                              bar_chart("chart-bedrooms", cat.text(lang, "dashboard.stock.by_bedrooms"), bedroom_bars, 100, lang),
                              bar_chart("chart-commune", cat.text(lang, "dashboard.stock.by_commune"), commune_bars, 160, lang)})},
  };
  model["charts"][1]["note"] = cat.text(lang, "dashboard.stock.not_ended");
  model["charts"][2]["note"] = cat.text(lang, "dashboard.stock.not_ended");

  // The to-do list: each card the count of the list it opens.
  const web::Texts tx{cat, lang};
  nlohmann::json todo = nlohmann::json::array();
  // A card is "done" (green) when nothing is left, waiting included.
  auto task = [&](std::int64_t count, std::string label, std::string href, std::string hint = "", std::int64_t waiting = 0) {
    todo.push_back({{"value", web::thousands_text(count, lang)}, {"label", std::move(label)}, {"href", std::move(href)},
                    {"hint", std::move(hint)}, {"done", count == 0 && waiting == 0}});
  };
  if (st.indexations) {
    const auto& ix = *st.indexations;
    task(ix.to_apply, cat.format(lang, "dashboard.todo.indexation", {{"month", tx.month(ix.month)}}),
         "/indexation?month=" + ix.month.to_string(),
         ix.waiting_for_index ? cat.format(lang, "dashboard.todo.indexation_waiting",
                                           {{"count", web::thousands_text(ix.waiting_for_index, lang)}})
                              : "",
         ix.waiting_for_index);
    task(st.ending_total, cat.text(lang, "dashboard.todo.ending"),
         "/owner-contracts?ending_from=" + to_iso(st.ending_from) + "&ending_to=" + to_iso(st.ending_to));
  }
  task(st.vacant_long, cat.format(lang, "dashboard.todo.vacant_long", {{"days", std::to_string(st.vacant_days)}}),
       "/dwellings?status=vacant&vacant_days=" + std::to_string(st.vacant_days));
  task(st.without_peb, cat.text(lang, "dashboard.todo.without_peb"), "/dwellings?managed=1&peb=none");
  model["todo"] = todo;

  if (!st.caps) return model;  // no owners_view: neither contracts nor rents
  const auto today = req.clock->today();
  nlohmann::json ending = nlohmann::json::array();
  for (const auto& k : st.ending) {
    std::string kind(owners::to_string(k.kind));
    ending.push_back({{"id", k.id},
                      {"dwelling_id", k.dwelling_id},
                      {"dwelling", k.dwelling_reference},
                      {"owner", k.owner_name},
                      {"kind", cat.text(lang, "stock.dwellings.contract_kinds." + kind)},
                      {"end", k.end ? to_belgian(*k.end) : ""},
                      {"days", k.end ? days_between(today, *k.end) : 0}});
  }
  model["show_owners"] = true;
  model["ending"] = ending;
  model["has_ending"] = !ending.empty();
  if (st.ending_total > static_cast<std::int64_t>(st.ending.size()))
    model["ending_more"] = {{"text", cat.format(lang, "dashboard.stock.ending_more", {{"count", web::thousands_text(st.ending_total, lang)}})},
                            {"href", "/owner-contracts?ending_from=" + to_iso(st.ending_from) + "&ending_to=" + to_iso(st.ending_to)}};

  const auto& c = *st.caps;
  const std::int64_t rents = c.at_cap + c.below_cap + c.above_cap + c.no_cap;
  auto percent = [&](std::int64_t n) { return rents ? std::to_string((n * 100 + rents / 2) / rents) + " %" : "0 %"; };
  nlohmann::json rows = nlohmann::json::array();
  auto row = [&](const char* key, std::int64_t n, const char* modifier, bool always) {
    if (!always && n == 0) return;  // above the cap, or without a cap: shown when they happen, never hidden
    rows.push_back({{"label", cat.text(lang, std::string("dashboard.stock.") + key)},
                    {"count", web::thousands_text(n, lang)},
                    {"percent", percent(n)},
                    {"width", rents ? std::max<std::int64_t>(n * 300 / rents, n ? 2 : 0) : 0},
                    {"modifier", modifier}});
  };
  row("at_cap", c.at_cap, "share__bar--at", true);
  row("below_cap", c.below_cap, "share__bar--below", true);
  row("above_cap", c.above_cap, "share__bar--above", false);
  row("no_cap", c.no_cap, "share__bar--none", false);
  std::string sources;
  for (const auto& src : st.unverified_cap_sources) sources += (sources.empty() ? "" : " · ") + src;
  model["caps"] = {{"rents", web::thousands_text(rents, lang)},
                   {"has_rents", rents > 0},
                   {"rows", rows},
                   {"unverified", !sources.empty()},
                   {"source", sources}};
  return model;
}



// The two-thirds panel: the scope's share today against two thirds, each agency's for the
// cross-agency roles, and the trend as bars positioned here (the CSP forbids inline styles):
// 100 units high for 100 %, the two-thirds line at 33.3 from the top.
nlohmann::json income_mix_model(const app::Dashboard& d, const Request& req, const Services& s, bool cross_agency) {
  const auto& cat = s.views.catalog();
  const auto& today = d.income_mix_trend.back().mix;
  nlohmann::json j = {{"leases", web::thousands_text(today.leases, req.lang)},
                      {"at_or_below", web::thousands_text(today.at_or_below, req.lang)},
                      {"share", web::share_text(today.share, req.lang)},
                      {"meets", today.meets_two_thirds},
                      {"has_leases", today.leases > 0},
                      {"cross_agency", cross_agency}};
  nlohmann::json agencies = nlohmann::json::array();
  for (const auto& m : d.income_mix)
    agencies.push_back({{"code", m.agency_code},
                        {"leases", web::thousands_text(m.leases, req.lang)},
                        {"at_or_below", web::thousands_text(m.at_or_below, req.lang)},
                        {"share", web::share_text(m.share, req.lang)},
                        {"meets", m.meets_two_thirds}});
  if (cross_agency) j["agencies"] = agencies;
  nlohmann::json bars = nlohmann::json::array();
  int x = 40;
  for (const auto& p : d.income_mix_trend) {
    const int tenths = static_cast<int>(web::share_basis_points(p.mix.share) / 100);  // 0..100
    const std::string month = to_belgian(p.day).substr(3);  // "01/2026"
    bars.push_back({{"x", x},
                    {"y", 10 + 100 - tenths},
                    {"height", std::max(tenths, 0)},
                    {"label_x", x + 12},
                    {"label", month.substr(0, 2) + "/" + month.substr(5, 2)},
                    {"share", web::share_text(p.mix.share, req.lang)},
                    {"day", to_belgian(p.day)},
                    {"leases", p.mix.leases},
                    {"low", !p.mix.meets_two_thirds && p.mix.leases > 0}});
    x += 34;
  }
  j["bars"] = bars;
  j["chart_width"] = x + 10;
  j["explained"] = cat.text(req.lang, "dashboard.income_mix.explained");
  return j;
}

// The month at a glance: the agency's cards (called, collected and the rate, due to and paid to
// the owners, what is owed today by age), or a row per agency for the region and the federation.
nlohmann::json money_model(const app::Dashboard& d, const Request& req, const Services& s, bool cross_agency) {
  const auto& m = *d.money;
  const web::Texts tx{s.views.catalog(), req.lang};
  const auto rate = [&](const ledger::MonthFigures& f) {
    const auto bp = f.collection_rate();
    return bp ? web::percent_text(Rate::from_basis_points(*bp), req.lang) : std::string("—");
  };
  const auto figures_json = [&](const ledger::MonthFigures& f) {
    return nlohmann::json{{"called", tx.money(f.called)},       {"collected", tx.money(f.collected)},
                          {"rate", rate(f)},                    {"owners_due", tx.money(f.owners_due)},
                          {"owners_paid", tx.money(f.owners_paid)}, {"low", f.collection_rate().value_or(10'000) < 9'000}};
  };
  nlohmann::json j = {{"title", tx.format("dashboard.money.title", {{"month", tx.month(m.month)}})},
                      {"cross_agency", cross_agency}};
  if (cross_agency) {
    std::map<std::int64_t, const ledger::MonthFigures*> by_agency;
    for (const auto& f : m.figures) by_agency[f.agency_id] = &f;
    nlohmann::json rows = nlohmann::json::array();
    ledger::MonthFigures total;
    for (const auto& a : d.agencies) {
      auto it = by_agency.find(a.agency.id);
      const ledger::MonthFigures f = it == by_agency.end() ? ledger::MonthFigures{a.agency.id, {}, {}, {}, {}} : *it->second;
      auto row = figures_json(f);
      row["code"] = a.agency.code;
      row["name"] = a.agency.name;
      rows.push_back(row);
      total.called += f.called;
      total.collected += f.collected;
      total.owners_due += f.owners_due;
      total.owners_paid += f.owners_paid;
    }
    j["agencies"] = rows;
    j["total"] = figures_json(total);
    // What the households of each agency owe today, by age.
    nlohmann::json owed = nlohmann::json::array();
    app::AgencyArrears all;
    const auto ages_json = [&](const app::AgencyArrears& a) {
      nlohmann::json ages = nlohmann::json::array();
      for (const auto& amount : a.ageing) ages.push_back({{"amount", tx.money(amount)}});
      return nlohmann::json{{"ages", ages}, {"total", tx.money(a.total)}, {"leases", a.leases}};
    };
    for (const auto& a : d.agencies) {
      const auto it = m.arrears_by_agency.find(a.agency.id);
      const auto sum = it == m.arrears_by_agency.end() ? app::AgencyArrears{} : it->second;
      auto row = ages_json(sum);
      row["code"] = a.agency.code;
      row["name"] = a.agency.name;
      owed.push_back(row);
      for (std::size_t i = 0; i < all.ageing.size(); ++i) all.ageing[i] += sum.ageing[i];
      all.total += sum.total;
      all.leases += sum.leases;
    }
    nlohmann::json labels = nlohmann::json::array();
    for (std::size_t i = 0; i < all.ageing.size(); ++i) labels.push_back({{"label", tx.text("arrears.ages.a" + std::to_string(i))}});
    j["arrears_agencies"] = owed;
    j["arrears_labels"] = labels;
    j["arrears_all"] = ages_json(all);
    return j;
  }
  const auto own = m.figures.empty() ? ledger::MonthFigures{} : m.figures.front();  // the agency's own, if any
  j["own"] = figures_json(own);
  // Nothing called nor due: the month's rent run is still to do (for whom may post it).
  if (own.called == Money::zero() && own.owners_due == Money::zero() && req.context().can(users::Permission::ledger_post))
    j["rent_run"] = "/rent-run?month=" + m.month.to_string();
  if (m.ageing) {
    nlohmann::json ages = nlohmann::json::array();
    for (std::size_t i = 0; i < m.ageing->size(); ++i)
      ages.push_back({{"label", tx.text("arrears.ages.a" + std::to_string(i))}, {"amount", tx.money((*m.ageing)[i])}});
    j["arrears"] = {{"ages", ages},
                    {"total", tx.money(m.arrears_total)},
                    {"count", tx.format("dashboard.money.leases_in_arrears", {{"count", std::to_string(m.leases_in_arrears)}})}};
  }
  return j;
}

}  // namespace

void add_dashboard_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/", Access::logged_in, [&s](Request& req) {
    auto d = app::dashboard(s.store, req.context());
    const auto& cat = s.views.catalog();
    const auto& user = req.auth->user;
    nlohmann::json agencies = nlohmann::json::array();
    std::int64_t max_users = 1;
    for (const auto& a : d.agencies) max_users = std::max(max_users, a.users);
    for (const auto& a : d.agencies)
      agencies.push_back({{"code", a.agency.code},
                          {"name", a.agency.name},
                          {"users", a.users},
                          {"bar_width", a.users * 100 / max_users},
                          {"last_activity", a.last_activity ? web::format_date_time(a.last_activity)
                                                            : cat.text(req.lang, "dashboard.never")}});
    nlohmann::json activity = nlohmann::json::array();
    for (const auto& e : d.recent_activity)
      activity.push_back({{"at", web::format_date_time(e.at)},
                          {"actor", actor_label(s.views, req.lang, e.actor_login)},
                          {"action", cat.text(req.lang, "audit.action." + e.action)}});
    const bool cross_agency = !users::is_agency_role(user.role);
    nlohmann::json model = {
        {"cross_agency", cross_agency},
        {"agency_count", d.agencies.size()},
        {"active_users", d.active_users},
        {"agencies_active", d.agencies_active_last_30_days},
        {"agencies", agencies},
        {"has_activity", !activity.empty()},
        {"activity", activity},
        {"agency_name", (!cross_agency && !d.agencies.empty()) ? d.agencies.front().agency.name : ""},
        {"chart_height", 24 * static_cast<int>(d.agencies.size()) + 8},
    };
    // The chart's bars, positioned on the server (no inline style: the CSP forbids it).
    nlohmann::json bars = nlohmann::json::array();
    int y = 4;
    for (const auto& a : agencies) {
      bars.push_back({{"y", y}, {"text_y", y + 14}, {"width", a["bar_width"].get<std::int64_t>() * 3 + 1},
                      {"code", a["code"]}, {"users", a["users"]}, {"value_x", a["bar_width"].get<std::int64_t>() * 3 + 136}});
      y += 24;
    }
    model["bars"] = bars;
    if (d.stock) model["stock"] = stock_model(*d.stock, req, s);
    // Cross-agency roles: each agency's dwellings, as two more columns of the table behind the
    // chart (the chart stays the users per agency) and two cards with the totals.
    if (!d.stock_per_agency.empty()) {
      std::map<std::string, const app::AgencyStock*> by_code;
      for (const auto& a : d.stock_per_agency) by_code[a.code] = &a;
      std::int64_t total = 0, active = 0;
      for (auto& a : model["agencies"]) {
        auto it = by_code.find(a["code"].get<std::string>());
        if (it == by_code.end()) continue;
        a["stock"] = {{"code", it->second->code}, {"dwellings", web::thousands_text(it->second->dwellings, req.lang)}, {"active", web::thousands_text(it->second->active, req.lang)}};
        total += it->second->dwellings;
        active += it->second->active;
      }
      model["stock_agencies"] = {{"total", web::thousands_text(total, req.lang)}, {"active", web::thousands_text(active, req.lang)}};
    }
    if (!d.income_mix_trend.empty()) model["income_mix"] = income_mix_model(d, req, s, cross_agency);
    if (d.money) model["money"] = money_model(d, req, s, cross_agency);
    if (const auto& due = d.inventory_due) {
      // The agency: a reminder until it submitted; the Region and the federation: how many did.
      const std::map<std::string, std::string> params = {
          {"date", to_belgian(due->reference)}, {"due", to_belgian(due->due)},
          {"submitted", std::to_string(due->agencies_submitted)}, {"agencies", std::to_string(due->agencies)}};
      const auto& catalog = s.views.catalog();
      if (cross_agency)
        model["inventory_due"] = {{"text", catalog.format(req.lang, "dashboard.inventory.region", params)}, {"warning", false}};
      else if (!due->submitted)
        model["inventory_due"] = {
            {"text", catalog.format(req.lang, due->overdue ? "dashboard.inventory.overdue" : "dashboard.inventory.due", params)},
            {"warning", true}};
    }
    if (!cross_agency) {
      // The agency's first steps in hms, until every one is done.
      nlohmann::json steps = nlohmann::json::array();
      bool all = true;
      for (const auto& i : app::my_checklist(s.store, req.context())) {
        steps.push_back({{"label", text(s, req, "support.checklist." + i.key)}, {"done", i.done}});
        all = all && i.done;
      }
      if (!steps.empty() && !all) model["first_day"] = {{"steps", steps}};
    }
    auto info = page_info(req, s, "dashboard.title", "dashboard");
    return Response::html(s.views.page(info, "dashboard", model));
  }});
}

}  // namespace hms::http

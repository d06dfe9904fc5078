#include "web/views.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <ctime>
#include <stdexcept>
#include <unordered_map>

#include "common/embedded.hpp"
#include "domain/users/permissions.hpp"

namespace hms::embedded {
std::span<const File> vendor_assets();
}

namespace hms::web {
namespace {

namespace mu = kainjow::mustache;

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The template engine's set() and push_back() copy their argument, subtree and all: a model of
// 50 list rows was copied once per level of nesting (a third of a list page's time). Each child
// goes in as a cheap placeholder and is then moved into place; the data is ours, not const.
mu::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mu::data d{mu::data::type::object};
      for (const auto& [k, v] : j.items()) {
        d.set(k, mu::data{mu::data::type::bool_false});
        *const_cast<mu::data*>(d.get(k)) = to_data(v);
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mu::data d{mu::data::type::list};
      for (const auto& v : j) {
        d.push_back(mu::data{mu::data::type::bool_false});
        const_cast<mu::list&>(d.list_value()).back() = to_data(v);
      }
      return d;
    }
    case nlohmann::json::value_t::boolean: return j.get<bool>() ? mu::data{mu::data::type::bool_true} : mu::data{mu::data::type::bool_false};
    case nlohmann::json::value_t::string: return mu::data{j.get<std::string>()};
    case nlohmann::json::value_t::null: return mu::data{mu::data::type::bool_false};
    default: return mu::data{j.dump()};
  }
}

// The catalog of one language as nested objects: "users.login_page.title" → t.users.login_page.title.
nlohmann::json nested_catalog(const std::map<std::string, std::string>& texts) {
  nlohmann::json t = nlohmann::json::object();
  for (const auto& [key, value] : texts) t[nlohmann::json::json_pointer("/" + [&] {
    std::string p = key;
    for (auto& c : p)
      if (c == '.') c = '/';
    return p;
  }())] = value;
  return t;
}

const std::string& template_text(std::string_view name) {
  static const std::unordered_map<std::string, std::string> cache = [] {
    std::unordered_map<std::string, std::string> m;
    for (const auto& f : embedded::web_assets())
      if (f.path.rfind("templates/", 0) == 0) m.emplace(std::string(f.path.substr(10)), std::string(f.contents));
    return m;
  }();
  auto it = cache.find(std::string(name) + ".mustache");
  if (it == cache.end()) throw std::runtime_error("no template " + std::string(name));
  return it->second;
}

const std::vector<std::string>& template_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& f : embedded::web_assets())
      if (f.path.rfind("templates/", 0) == 0 && f.path.ends_with(".mustache"))
        v.emplace_back(f.path.substr(10, f.path.size() - 10 - 9));
    return v;
  }();
  return names;
}

mu::mustache& compiled(std::string_view name) {
  // kainjow's render is not const: one compiled copy per thread.
  thread_local std::unordered_map<std::string, std::unique_ptr<mu::mustache>> cache;
  auto& slot = cache[std::string(name)];
  if (!slot) {
    slot = std::make_unique<mu::mustache>(template_text(name));
    if (!slot->is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + slot->error_message());
    slot->set_custom_escape(escape);
  }
  return *slot;
}

// The main navigation, in one place: a link of its own for the dashboard, then one menu per
// group, in the order of kNavGroups, with its pages in the order below. A page the role may not
// open is not shown, a group with no page shown is not shown (Households and Money wait for
// their modules). A new module adds one line here, with its label `common.nav.<id>` in
// i18n/<lang>/common.txt; its pages name `<id>` as their active entry (page_info's `nav`).
struct NavItem {
  std::string_view group;  // "": a link of its own; else the menu it is in (label common.nav.group.<group>)
  const char* id;
  const char* href;
  users::Permission permission;
  bool cross_agency_only;
};

constexpr std::string_view kNavGroups[] = {"", "stock", "households", "money", "region", "administration", "help"};

constexpr NavItem kNav[] = {
    {"", "dashboard", "/", users::Permission::dashboard_view, false},
    {"stock", "dwellings", "/dwellings", users::Permission::stock_view, false},
    {"stock", "owners", "/owners", users::Permission::owners_view, false},
    {"stock", "contracts", "/owner-contracts", users::Permission::owners_view, false},
    {"stock", "indexation", "/indexation", users::Permission::owners_manage, false},
    {"stock", "import", "/import", users::Permission::stock_manage, false},
    {"stock", "inventory", "/inventory", users::Permission::inventory_view, false},
    {"stock", "property_tax", "/property-tax", users::Permission::owners_view, false},
    {"households", "applicants", "/applicants", users::Permission::applicants_view, false},
    {"households", "leases", "/leases", users::Permission::leases_view, false},
    {"money", "ledger", "/ledger", users::Permission::ledger_view, false},
    {"money", "rent_run", "/rent-run", users::Permission::ledger_post, false},
    {"money", "arrears", "/arrears", users::Permission::ledger_view, false},
    {"money", "bank", "/bank", users::Permission::ledger_post, false},
    {"money", "payouts", "/payouts", users::Permission::payouts_run, false},
    {"money", "accounting", "/accounting", users::Permission::accounting_export, false},
    {"region", "agencies", "/agencies", users::Permission::agencies_view, true},
    {"region", "rules", "/rules", users::Permission::calculators_use, false},
    {"region", "adoption", "/adoption", users::Permission::adoption_view, false},
    {"region", "compliance", "/compliance", users::Permission::adoption_view, false},
    {"region", "committee", "/committee", users::Permission::adoption_view, false},
    {"region", "coaching", "/coaching", users::Permission::adoption_view, false},
    {"region", "subsidy_requests", "/subsidy-requests", users::Permission::inventory_view, false},
    {"administration", "users", "/users", users::Permission::users_view, false},
    {"administration", "audit", "/audit", users::Permission::audit_view, false},
    {"administration", "settings", "/settings", users::Permission::agency_settings_manage, false},
    // The help requests: the agency's own, the federation's queue, the maintainers' defects (one
    // page, narrowed by the use case; one entry a role, the roles holding these being apart).
    {"help", "support", "/support/tickets", users::Permission::support_ask, false},
    {"help", "support", "/support/tickets", users::Permission::support_triage, false},
    {"help", "support", "/support/tickets", users::Permission::support_maintain, false},
    {"help", "support_articles", "/support/articles", users::Permission::dashboard_view, false},
    {"help", "support_figures", "/support/figures", users::Permission::support_figures, false},
    {"help", "calculators", "/calculators/indexation", users::Permission::calculators_use, false},
};

constexpr bool every_group_declared() {
  for (const auto& item : kNav) {
    bool found = false;
    for (auto group : kNavGroups) found = found || group == item.group;
    if (!found) return false;
  }
  return true;
}
static_assert(every_group_declared(), "a page of kNav names a group missing from kNavGroups: it would never be shown");

// The navigation of one user on one page: [{label, href, active}] for a link of its own,
// [{label, menu: true, id, active, entries: [{label, href, active}]}] for a group.
nlohmann::json navigation(const Catalog& catalog, const PageInfo& info) {
  nlohmann::json nav = nlohmann::json::array();
  auto entry = [&](const NavItem& item) {
    return nlohmann::json{{"href", item.href},
                          {"label", catalog.text(info.lang, std::string("common.nav.") + item.id)},
                          {"active", info.nav == item.id}};
  };
  for (auto group : kNavGroups) {
    nlohmann::json entries = nlohmann::json::array();
    bool active = false;
    for (const auto& item : kNav) {
      if (item.group != group || !users::allows(info.user->role, item.permission)) continue;
      if (item.cross_agency_only && users::is_agency_role(info.user->role)) continue;
      entries.push_back(entry(item));
      active = active || info.nav == item.id;
    }
    if (group.empty()) {
      for (auto& e : entries) nav.push_back(std::move(e));
    } else if (!entries.empty()) {
      nav.push_back({{"menu", true},
                     {"id", std::string(group)},
                     {"label", catalog.text(info.lang, "common.nav.group." + std::string(group))},
                     {"active", active},
                     {"entries", std::move(entries)}});
    }
  }
  return nav;
}

}  // namespace

struct Views::Shared {
  mu::data data{mu::data::type::object};
};

Views::Views() {
  for (auto lang : kLanguages) {
    auto shared = std::make_shared<Shared>();
    shared->data.set("t", to_data(nested_catalog(catalog_.all(lang))));
    // Partials: {{> partials/error_summary}} renders templates/partials/error_summary.mustache.
    // Only names with a '/': a model key such as "login" must not be hidden by a template.
    for (const auto& name : template_names())
      if (name.find('/') != std::string::npos)
        shared->data.set(name, mu::partial{[&name] { return template_text(name); }});
    shared_.emplace(std::string(lang), std::move(shared));
  }
}

std::string Views::render(std::string_view template_name, const PageInfo& info, const nlohmann::json& model,
                          const std::string* body) const {
  // The model is converted once, in place (no copy of the JSON first).
  mu::data data = model.is_object() ? to_data(model) : mu::data{mu::data::type::object};
  data.set("lang", info.lang);
  data.set("csrf_token", info.csrf_token);
  data.set("title", info.title);
  data.set("page_path", info.path);
  if (body) {
    if (info.user) {
      data.set("nav", to_data(navigation(catalog_, info)));
      data.set("user", to_data({{"name", info.user->name},
                                {"login", info.user->login},
                                {"can_search", users::allows(info.user->role, users::Permission::stock_view) ||
                                                   users::allows(info.user->role, users::Permission::owners_view)},
                                {"can_ask_help", users::allows(info.user->role, users::Permission::support_ask)},
                                {"support_unread", info.support_unread > 0 ? nlohmann::json(info.support_unread) : nlohmann::json()},
                                {"role", catalog_.text(info.lang, "users.roles." + std::string(users::to_string(info.user->role)))},
                                {"agency", info.user->agency_name ? nlohmann::json(*info.user->agency_name) : nlohmann::json()}}));
    }
    nlohmann::json langs = nlohmann::json::array();
    for (auto l : kLanguages)
      langs.push_back({{"code", l}, {"label", catalog_.text(l, "common.language.short")},
                       {"name", catalog_.text(l, "common.language.name")}, {"current", l == info.lang},
                       {"href", info.path + "?lang=" + std::string(l)}});
    data.set("languages", to_data(langs));
    data.set("body", *body);
  }
  // Names are looked up in this page's values first, then in the language's shared texts and
  // partials (read in place, not copied).
  mu::context<std::string> context(&shared_.at(info.lang)->data);
  context.push(&data);
  return compiled(template_name).render(context);
}

std::string Views::page(const PageInfo& info, std::string_view template_name, const nlohmann::json& model) const {
  std::string body = render(template_name, info, model, nullptr);
  // The layout needs only what render() adds (title, user, navigation, languages, body), not
  // the model, which can be large (the dashboard's agencies and chart, a list of users).
  return render("layout", info, nlohmann::json::object(), &body);
}

std::string Views::fragment(const PageInfo& info, std::string_view template_name,
                            const nlohmann::json& model) const {
  return render(template_name, info, model, nullptr);
}

std::optional<std::string_view> Views::static_file(std::string_view name) const {
  if (auto f = embedded::find(embedded::web_assets(), "static/" + std::string(name))) return f;
  return embedded::find(embedded::vendor_assets(), "static/" + std::string(name));
}

namespace {
std::tm local(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}
}  // namespace

std::string format_date(std::int64_t seconds) {
  std::tm tm = local(seconds);
  char buf[16];
  std::strftime(buf, sizeof buf, "%d/%m/%Y", &tm);
  return buf;
}

std::string format_date_time(std::int64_t seconds) {
  std::tm tm = local(seconds);
  char buf[24];
  std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &tm);
  return buf;
}

}  // namespace hms::web

// The web layer's hot paths: rendering a whole page (template inside the layout, texts from
// the catalogs) and looking a text up in the catalogs, as every request does.
#include <benchmark/benchmark.h>

#include "web/catalog.hpp"
#include "web/views.hpp"

namespace hms {
namespace {

const web::Views& views() {
  static const web::Views v;  // parses the catalogs and templates once, as `hms serve` does
  return v;
}

// GET /login: the smallest page, no user (so no navigation), a fresh CSRF token.
void render_login_page(benchmark::State& state) {
  const auto& v = views();
  web::PageInfo info;
  info.lang = "fr";
  info.title = v.catalog().text("fr", "users.login_page.title");
  info.csrf_token = std::string(64, 'a');
  info.path = "/login";
  const nlohmann::json model = {{"login", ""}};
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto html = v.page(info, "login", model);
    bytes += html.size();
    benchmark::DoNotOptimize(html);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(render_login_page);

// The same page for a logged-in user: the layout adds the navigation and the user's menu.
void render_login_page_logged_in(benchmark::State& state) {
  const auto& v = views();
  web::PageInfo info;
  info.lang = "nl";
  info.title = v.catalog().text("nl", "users.login_page.title");
  info.csrf_token = std::string(64, 'a');
  info.path = "/login";
  users::User u;
  u.id = 1;
  u.login = "sysadmin";
  u.name = "Demo System Administrator";
  u.role = users::Role::system_admin;
  info.user = u;
  const nlohmann::json model = {{"login", ""}};
  for (auto _ : state) benchmark::DoNotOptimize(v.page(info, "login", model));
}
BENCHMARK(render_login_page_logged_in);

void catalog_text(benchmark::State& state) {
  const auto& cat = views().catalog();
  const std::string key = "dashboard.title";
  for (auto _ : state) benchmark::DoNotOptimize(cat.text("fr", key));
}
BENCHMARK(catalog_text);

// What the dashboard does per audit row: a key built at run time, then looked up.
void catalog_text_built_key(benchmark::State& state) {
  const auto& cat = views().catalog();
  const std::string action = "users.create";
  for (auto _ : state) benchmark::DoNotOptimize(cat.text("nl", "audit.action." + action));
}
BENCHMARK(catalog_text_built_key);

void catalog_format(benchmark::State& state) {
  const auto& cat = views().catalog();
  const std::map<std::string, std::string> params = {{"seconds", "60"}};
  for (auto _ : state) benchmark::DoNotOptimize(cat.format("fr", "users.too_many_attempts", params));
}
BENCHMARK(catalog_format);

void language_from_accept(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(web::language_from_accept("de-DE,de;q=0.9,nl-BE;q=0.8,fr;q=0.7"));
}
BENCHMARK(language_from_accept);

}  // namespace
}  // namespace hms

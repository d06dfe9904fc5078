// Server-rendered HTML: a page is a template of templates/<module>/ rendered with a view
// model (JSON, the same shape the API returns where it can) inside the layout, with every
// text from the catalogs (`{{t.login.title}}`) and every value escaped by default.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/users/user.hpp"
#include "web/catalog.hpp"

namespace hms::web {

struct PageInfo {
  std::string lang = "fr";
  std::string title;                         // already translated
  std::string nav;                           // the active navigation item: "dashboard", "users", …
  std::optional<users::User> user;           // none: the login page
  std::string csrf_token;                    // the session's, or the login form's
  std::string path;                          // this page's path, for the language switch
  std::int64_t support_unread = 0;           // the helpdesk's unread tickets of this reader (the header's count)
};

class Views {
 public:
  Views();
  // A whole page: the template inside the layout.
  std::string page(const PageInfo& info, std::string_view template_name, const nlohmann::json& model) const;
  // A template alone (an htmx fragment), with the same `t` and `csrf_token`.
  std::string fragment(const PageInfo& info, std::string_view template_name, const nlohmann::json& model) const;
  const Catalog& catalog() const { return catalog_; }
  // The contents of a static file ("hms.css", "htmx.min.js"), if it exists.
  std::optional<std::string_view> static_file(std::string_view name) const;

 private:
  std::string render(std::string_view template_name, const PageInfo& info, const nlohmann::json& model,
                     const std::string* body) const;
  Catalog catalog_;
  // Per language, built once: the catalog as nested objects (`t`) and the partials, in the
  // template engine's own form. Every render reads it in place (read-only, shared by threads)
  // under the page's own values, instead of copying the whole catalog twice per page.
  struct Shared;
  std::map<std::string, std::shared_ptr<const Shared>, std::less<>> shared_;
};

// "29/11/2026" and "29/11/2026 14:05" from seconds since 1970, in Brussels time (the process
// runs with TZ=Europe/Brussels, set by `hms serve`), the Belgian way in all three languages.
std::string format_date(std::int64_t seconds);
std::string format_date_time(std::int64_t seconds);

}  // namespace hms::web

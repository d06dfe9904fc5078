// The page kit's forms: a posted form read into the fields of a use case (the form twin of
// BodyReader, through the same list of fields, app::for_each_field), the values to show the form
// again, and the one way a page submits. Example, the owner form:
//   auto input = read_form<app::OwnerFields>(req, kOwnerFormFields);
//   return submit_form(
//       [&] { auto o = app::create_owner(s.store, req.context(), input.fields);
//             return Response::redirect("/owners/" + std::to_string(o.id) + "?created=1"); },
//       [&](const DomainError& e, int status) { return owner_form_page(req, s, input.values, &e, status); });
#pragma once
#include <span>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "http/error_mapping.hpp"
#include "http/request.hpp"

namespace hms::http {

// A form as the use case's fields, and as typed (name → text) to show it again.
template <typename Fields>
struct FormInput {
  Fields fields;
  nlohmann::json values = nlohmann::json::object();
};

// The fields of `Fields` named in `on_page` (the inputs the page has), each "" when the form sent
// nothing for it — an unchecked box, an emptied input —, so a change clears it; the others stay
// unset (kept on a change). A name sent several times (check boxes) is joined with commas, as the
// API's arrays are.
template <typename Fields>
FormInput<Fields> read_form(const Request& req, std::span<const std::string_view> on_page) {
  FormInput<Fields> in;
  for_each_field(in.fields, [&](const char* name, std::optional<std::string>& target) {
    bool shown = false;
    for (auto n : on_page) shown = shown || n == name;
    if (!shown) return;
    std::string value;
    auto [from, to] = req.form.equal_range(name);
    for (auto it = from; it != to; ++it)
      if (!it->second.empty()) value += (value.empty() ? "" : ",") + it->second;
    target = value;
    in.values[name] = value;
  });
  return in;
}

// The values of fields as a form shows them (name → text, "" for an unset field).
template <typename Fields>
nlohmann::json form_values(Fields fields) {
  nlohmann::json out = nlohmann::json::object();
  for_each_field(fields, [&](const char* name, std::optional<std::string>& v) { out[name] = v.value_or(""); });
  return out;
}

// Runs a form's action (which answers, usually with a redirect). A validation or conflict error
// shows the form again — `show_again(error, status)` — with the status the API gives the same
// error (status_of: 422, or 409 for a conflict such as a reference already taken); any other
// error (not found, forbidden) goes on to the error page.
template <typename Action, typename ShowAgain>
Response submit_form(Action&& action, ShowAgain&& show_again) {
  try {
    return action();
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::validation && e.kind() != ErrorKind::conflict) throw;
    return show_again(e, status_of(e.kind()));
  }
}

}  // namespace hms::http

// The page kit's forms: a posted form read into the fields of a use case (the form twin of
// BodyReader, through the same list of fields, app::for_each_field), the values to show the form
// again, and the one way a page submits. A refused form is never lost (issue 15.7): the POST is
// answered with a redirect to the form's page and ?draft=<token> (post/redirect/get), the page
// shows the draft — what was typed, the errors — so Back and Forward keep the input and never ask
// to resend it. Example, the owner form:
//   routes GET /owners/new:
//     if (auto d = form_draft(req, s)) return owner_form_page(req, s, d->values, &d->error, d->status);
//   routes POST /owners:
//     auto input = read_form<app::OwnerFields>(req, kOwnerFormFields);
//     return submit_form(req, s, "/owners/new", input,
//         [&] { auto o = app::create_owner(s.store, req.context(), input.fields);
//               return Response::redirect("/owners/" + std::to_string(o.id) + "?created=1"); },
//         [&](const DomainError& e, int status) { return owner_form_page(req, s, input.values, &e, status); });
#pragma once
#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/fields/fields.hpp"
#include "common/error.hpp"
#include "http/error_mapping.hpp"
#include "http/request.hpp"
#include "http/server.hpp"

namespace hms::http {

// What a form sent, as typed: the values to show it again (name → text), its date fields, and
// those whose text names no day ("31/02/2026"), to say "this date does not exist" on them.
struct FormState {
  FormState() = default;
  // A form read by hand (without a fields struct): its values as typed, no date field.
  explicit FormState(nlohmann::json typed) : values(std::move(typed)) {}

  nlohmann::json values = nlohmann::json::object();
  std::vector<std::string> date_fields;            // the page's inputs that hold dates
  std::map<std::string, std::string> no_such_day;  // field → the date as typed
};

// A form as the use case's fields, and as typed.
template <typename Fields>
struct FormInput : FormState {
  Fields fields;
};

// The fields of `Fields` named in `on_page` (the inputs the page has), each "" when the form sent
// nothing for it — an unchecked box, an emptied input —, so a change clears it; the others stay
// unset (kept on a change). A name sent several times (check boxes) is joined with commas, as the
// API's arrays are. The fields the use case lists as dates (Fields::kDateFields) are read as a
// person types them — 05/09/2026, 5.9.2026, 2026-09-05 — and handed on as ISO
// (app::fields::iso_of_typed_date); the values keep the text as typed.
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
    if constexpr (requires { Fields::kDateFields; }) {
      for (auto date : Fields::kDateFields) {
        if (date != name) continue;
        in.date_fields.emplace_back(name);
        if (value.empty()) continue;
        bool no_such_day = false;
        target = app::fields::iso_of_typed_date(value, &no_such_day);
        if (no_such_day) in.no_such_day[name] = value;
      }
    }
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

// The error as a form's reader needs it on its date fields: "this date does not exist"
// (common.date_does_not_exist, the date as typed in the field's own parameter "<field>.date")
// where the text names no day, and "enter a date like 05/09/2026" (common.form.invalid_date)
// rather than the API's "like 2026-03-01" where it is no date at all.
inline DomainError explain_dates(const DomainError& e, const FormState& typed) {
  DomainError out = e;
  for (const auto& [field, code] : e.fields()) {
    if (auto missing = typed.no_such_day.find(field); missing != typed.no_such_day.end()) {
      out.field(field, "common.date_does_not_exist");
      out.param(field + ".date", missing->second);
    } else if (code == "common.invalid_date" &&
               std::find(typed.date_fields.begin(), typed.date_fields.end(), field) != typed.date_fields.end()) {
      out.field(field, "common.form.invalid_date");
    }
  }
  return out;
}

// A form shown again from its draft: the values as typed, the error, the status of the refusal.
struct ShownDraft {
  nlohmann::json values;
  DomainError error;
  int status = 422;
};

// The draft of ?draft= for this page (req.path), if this session left it and it has not expired;
// none otherwise (another session's or user's draft, an unknown token: the plain form).
std::optional<ShownDraft> form_draft(const Request& req, const Services& s);

// A refused full-page form kept as a draft of the form's page `form`: the address to redirect to
// ("/owners/new?draft=5c0e…"), or none when the request keeps to showing the form again (an htmx
// request, which wants its fragment, or no session). Passwords are never kept: a value whose
// name contains "password" is left out.
std::optional<std::string> keep_draft(const Request& req, const Services& s, const std::string& form,
                                      const nlohmann::json& values, const DomainError& e, int status);

// The session's drafts of `form` forgotten (the form succeeded).
void forget_drafts(const Request& req, const Services& s, const std::string& form);

// Runs a form's action (which answers, usually with a redirect). A validation or conflict error
// shows the form again — `show_again(error, status)` — with the status the API gives the same
// error (status_of: 422, or 409 for a conflict such as a reference already taken); any other
// error (not found, forbidden) goes on to the error page. For forms that keep no draft (a
// password, a file).
template <typename Action, typename ShowAgain>
Response submit_form(Action&& action, ShowAgain&& show_again) {
  try {
    return action();
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::validation && e.kind() != ErrorKind::conflict) throw;
    return show_again(e, status_of(e.kind()));
  }
}

// The same for a page form shown at `form` (its GET path, e.g. "/dwellings/12/edit"): a refusal
// is kept as a draft and answered 303 to `form`?draft=… (whose page calls form_draft), or shown
// again at once for htmx; a success forgets the session's drafts of that form.
template <typename Action, typename ShowAgain>
Response submit_form(const Request& req, const Services& s, const std::string& form, const FormState& typed,
                     Action&& action, ShowAgain&& show_again) {
  std::optional<Response> done;
  try {
    done = action();
  } catch (const DomainError& raw) {
    if (raw.kind() != ErrorKind::validation && raw.kind() != ErrorKind::conflict) throw;
    auto e = explain_dates(raw, typed);
    const int status = status_of(e.kind());
    if (auto to = keep_draft(req, s, form, typed.values, e, status)) return Response::redirect(*to);
    return show_again(e, status);
  }
  forget_drafts(req, s, form);
  return std::move(*done);
}

}  // namespace hms::http

// The drafts of refused forms (issue 15.7), for the session of the request: a page keeps what was
// typed and the errors (`content`, opaque here: the page kit's JSON) and answers with a redirect
// to the form's address and ?draft=<token>; the form's page reads it back. A draft is the
// session's own: another session, another user or an expired draft reads as none. Not audited:
// a draft holds what the user typed in this session, nothing read from the agency's records.
//   auto token = app::save_form_draft(store, ctx, "/owners/new", content);   // "5c0e…"
//   auto again = app::find_form_draft(store, ctx, token, "/owners/new");     // content
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"

namespace hms::app {

// Stores a draft of `form` for the context's session (expired drafts and the session's older
// drafts of that form beyond users::kDraftsPerForm are purged); its token. None without a session
// (the command line, a bearer token): the caller shows the form again directly.
std::optional<std::string> save_form_draft(Store& store, const Context& ctx, std::string_view form,
                                           std::string_view content);

// The content of the draft `token` of `form`, if the context's session made it and it has not expired.
std::optional<std::string> find_form_draft(Store& store, const Context& ctx, std::string_view token,
                                           std::string_view form);

// Forgets the session's drafts of `form` (it succeeded).
void forget_form_drafts(Store& store, const Context& ctx, std::string_view form);

}  // namespace hms::app

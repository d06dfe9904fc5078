// The end of a login on the pages, shared by the password form (session_handlers.cpp) and the
// second-factor pages (mfa_pages.cpp): a session cookie and the way in, or a pending login
// cookie and the page that asks for the code (or the enrolment the policy requires).
#pragma once
#include "app/users/mfa.hpp"
#include "http/server.hpp"

namespace hms::http {

inline app::LoginPolicy login_policy(const Services& s) { return app::LoginPolicy{s.config.require_mfa}; }

// The session cookie, the login form's CSRF cookie cleared, and the language chosen on the login
// page (form field "lang") made the user's; then a redirect to `to`.
Response logged_in_redirect(const Request& req, const Services& s, const app::LoginResult& result, const std::string& to);
// The pending login's cookie (HttpOnly, as long as the pending login lives) and a redirect to
// /login/code or /login/enrol, keeping the language chosen on the login page.
Response pending_login_redirect(const Request& req, const Services& s, const app::PasswordStep& step);

}  // namespace hms::http

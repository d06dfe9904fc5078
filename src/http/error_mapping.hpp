// The one place where failures become HTTP responses: a DomainError's kind gives the
// status (validation 422, not_found 404, conflict 409, forbidden 403, unauthenticated 401,
// bad_request 400, too_many_requests 429), its code the message in the user's language.
// The API answers {"error": {"code", "message", "fields"}}; pages get a friendly page.
// Anything else is a 500 that shows only the request id — never a stack trace or SQL.
#pragma once
#include "common/error.hpp"
#include "http/request.hpp"
#include "web/views.hpp"

namespace hms::http {

int status_of(ErrorKind kind);
// {"code", "message", "fields"?} for the API, in the request's language.
nlohmann::json error_json(const web::Views& views, const std::string& lang, const DomainError& e);
// `status`: another status than the kind's (405, 413, 415); the page's title follows it.
Response error_response(const web::Views& views, const Request& request, const DomainError& e, int status = 0);
Response internal_error_response(const web::Views& views, const Request& request);

}  // namespace hms::http

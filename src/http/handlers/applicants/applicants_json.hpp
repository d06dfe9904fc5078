// The JSON shape of an applicant (contract D), also the view model of its pages; a JSON body
// as the fields of the use cases; the list filters of a request's query.
#pragma once
#include <nlohmann/json.hpp>

#include "app/applicants/applicants.hpp"
#include "http/request.hpp"

namespace hms::http {

// `national_numbers`: only GET /api/v1/applicants/{id} (and the detail page, masked unless
// revealed) has the members' national_number; a list, a file or an audit value never.
nlohmann::json applicant_json(const applicants::Applicant& a, bool national_numbers);
// A JSON body as the fields of a use case; an unknown key is a 422 on that key; "members" an
// array of objects (400 otherwise).
app::ApplicantFields applicant_fields(const nlohmann::json& body);
// ?q, ?status, ?band (eligible … above, unknown), ?not_renewed=1.
app::ApplicantQuery applicant_query(const Request& req);

}  // namespace hms::http

// The documents section of a detail page (dwelling, owner, owner contract): the list, the upload
// form (multipart, works without JavaScript) and the message of the last upload or deletion.
// The detail page's handler adds it to its model, and its template includes
// {{> attachments/section}}:
//   model["documents"] = attachments_section(req, s, AttachedTo::dwelling, d.id);  // null: not shown
#pragma once
#include <nlohmann/json.hpp>

#include "domain/attachments/attachment.hpp"
#include "http/server.hpp"

namespace hms::http {

// Null when the reader may not see documents (attachments_view); else the section's view model.
nlohmann::json attachments_section(const Request& req, const Services& s, attachments::AttachedTo to, std::int64_t id);

}  // namespace hms::http

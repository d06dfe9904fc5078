// The shapes of allocation (contract D, "candidates"): a candidate with its reasons in the
// reader's words, a decision, and the form fields of a decision and of the agency's weights.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/allocation/allocation.hpp"
#include "web/catalog.hpp"

namespace hms::http {

// The reasons of a candidate in `lang`: "First in the order", "Registered on 12/03/2021 (no. 154)"…
std::vector<std::string> reason_texts(const web::Catalog& catalog, const std::string& lang, const allocation::Candidate& c);
// {"applicant_id", "number", "registered_on", "household_size", "band", "points", "reasons"}
nlohmann::json candidate_json(const web::Catalog& catalog, const std::string& lang, const allocation::Candidate& c);
// {"id", "dwelling_id", "applicant_id", "applicant_number", "kind", "place", "reason", "approved_by", "decided_on", "user"}
nlohmann::json decision_json(const allocation::Decision& d);

}  // namespace hms::http

// The JSON shape of an applicant (contract D) and how a JSON body or a query becomes the fields
// and filters of the use cases.
#include "http/handlers/applicants/applicants_json.hpp"

#include "common/date.hpp"
#include "http/handlers/support/json_body.hpp"

namespace hms::http {

namespace ap = applicants;

nlohmann::json applicant_json(const ap::Applicant& a, bool national_numbers) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : a.members) {
    nlohmann::json j = {{"first_name", m.first_name},
                        {"last_name", m.last_name},
                        {"birth_date", to_iso(m.birth_date)},
                        {"relation", ap::to_string(m.relation)},
                        {"dependent", m.dependent},
                        {"disabled", m.disabled}};
    if (national_numbers) j["national_number"] = m.national_number.empty() ? nlohmann::json() : nlohmann::json(m.national_number);
    members.push_back(std::move(j));
  }
  nlohmann::json postcodes = nlohmann::json::array();
  for (const auto& p : a.preferred_postcodes) postcodes.push_back(p);
  return {{"id", a.id},
          {"agency", a.agency_code},
          {"number", a.number},
          {"name", a.name()},
          {"registered_on", to_iso(a.registered_on)},
          {"status", ap::to_string(a.status)},
          {"status_reason", a.status_reason},
          {"status_since", to_iso(a.status_since)},
          {"referral", a.referral ? nlohmann::json(*a.referral) : nlohmann::json()},
          {"members", members},
          {"household_size", a.household_size()},
          {"income_year", a.income_year},
          {"income", a.income.format_plain()},
          {"incomes", a.incomes},
          {"preferred_postcodes", postcodes},
          {"over_indebted", a.over_indebted},
          {"urgent", a.urgent},
          {"band", a.band ? nlohmann::json(ap::to_string(*a.band)) : nlohmann::json()},
          {"language", a.language},
          {"email", a.email},
          {"phone", a.phone},
          {"address", a.address},
          {"renewed_on", to_iso(a.renewed_on)}};
}

app::ApplicantFields applicant_fields(const nlohmann::json& body) {
  auto f = read_body<app::ApplicantFields>(
      body, {"id", "number", "name", "status_since", "household_size", "band", "renewed_on", "members"});
  if (body.contains("members")) {
    const auto& list = body.at("members");
    if (!list.is_array()) throw DomainError(ErrorKind::bad_request, "common.malformed_json");
    std::vector<app::MemberFields> members;
    for (const auto& m : list) {
      if (!m.is_object()) throw DomainError(ErrorKind::bad_request, "common.malformed_json");
      members.push_back(read_body<app::MemberFields>(m, {}));
    }
    f.members = std::move(members);
  }
  return f;
}

app::ApplicantQuery applicant_query(const Request& req) {
  app::ApplicantQuery q;
  q.q = req.query_value("q");
  q.status = req.query_value("status");
  q.band = req.query_value("band");
  const auto nr = req.query_value("not_renewed");
  q.not_renewed = nr == "1" || nr == "true" || nr == "yes";
  return q;
}

}  // namespace hms::http

#include "http/handlers/allocation/allocation_json.hpp"

#include <map>

#include "common/date.hpp"
#include "web/texts.hpp"

namespace hms::http {

std::vector<std::string> reason_texts(const web::Catalog& catalog, const std::string& lang, const allocation::Candidate& c) {
  const web::Texts tx{catalog, lang};
  std::vector<std::string> out;
  for (const auto& r : c.reasons)
    out.push_back(tx.format(r.key, tx.localized(std::map<std::string, std::string>(r.params.begin(), r.params.end()))));
  return out;
}

nlohmann::json candidate_json(const web::Catalog& catalog, const std::string& lang, const allocation::Candidate& c) {
  const auto& a = c.applicant;
  return {{"applicant_id", a.id},
          {"number", a.number},
          {"registered_on", to_iso(a.registered_on)},
          {"household_size", a.household_size()},
          {"band", a.band ? nlohmann::json(applicants::to_string(*a.band)) : nlohmann::json()},
          {"points", c.points},
          {"reasons", reason_texts(catalog, lang, c)}};
}

nlohmann::json decision_json(const allocation::Decision& d) {
  return {{"id", d.id},
          {"dwelling_id", d.dwelling_id},
          {"applicant_id", d.applicant_id},
          {"applicant_number", d.applicant_number},
          {"kind", allocation::to_string(d.kind)},
          {"place", d.place},
          {"reason", d.reason},
          {"approved_by", d.approved_by},
          {"decided_on", to_iso(d.decided_on)},
          {"user", d.user_name}};
}

}  // namespace hms::http

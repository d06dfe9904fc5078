// hms index … and hms eligibility … : the two calculators of contract C, on the tables
// shipped with hms. Their steps are printed in the user's language.
#include <cmath>
#include <ostream>

#include "app/fields/fields.hpp"
#include "app/rules/reference_data.hpp"
#include "app/rules/rules_admin.hpp"
#include "cli/command.hpp"
#include "common/date.hpp"
#include "domain/applicants/eligibility.hpp"
#include "domain/indexation/indexation.hpp"

namespace hms::cli {
namespace {

nlohmann::json index_json(const indexation::IndexValue& v) {
  return {{"month", v.month.to_string()}, {"value", v.value()}, {"status", v.status}};
}

double rounded(double v, double scale) { return std::round(v * scale) / scale; }

std::unique_ptr<storage::SqlStore> store_of(const std::string& url) {
  return std::make_unique<storage::SqlStore>(open_store(url, false));
}

struct IndexOptions {
  std::string rent, signed_on, start, on;
  std::optional<std::string> peb;   // A..G, none (no certificate), or not given
  std::string registered = "yes";  // yes | no
  std::string db;                   // the tables stored there; empty: the tables shipped with hms
};

int index(Env& env, const IndexOptions& o) {
  indexation::Request q;
  Problems problems;
  problems.check([&] { q.base_rent = Money::parse(o.rent).value(); });
  problems.check([&] { q.signed_on = parse_date(o.signed_on).value(); });
  problems.check([&] { q.start = parse_date(o.start).value(); });
  problems.check([&] { q.on = parse_date(o.on).value(); });
  if (o.peb == "none") {
    q.certificate = false;
  } else if (o.peb) {
    if (o.peb->size() != 1 || (*o.peb)[0] < 'A' || (*o.peb)[0] > 'G')
      problems.add(DomainError(ErrorKind::validation, "indexation.invalid_peb").field("peb"));
    else
      q.peb = (*o.peb)[0];
  }
  q.registered = app::fields::read_field(o.registered, "registered", problems, app::fields::parse_yes_no,
                                         "indexation.invalid_registered").value_or(true);
  problems.throw_if_any();

  auto r = o.db.empty() ? indexation::index_rent(app::shipped_health_index(), q)
                        : indexation::index_rent(app::health_index_in_force(*store_of(o.db)), q);
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps)
    steps.push_back({{"key", s.key}, {"params", s.params}, {"text", env.say(s.key, s.params)}});
  if (env.json) {
    env.out << nlohmann::json{{"rent", r.rent.format_plain()},
                              {"base_index", r.base_index ? index_json(*r.base_index) : nlohmann::json()},
                              {"new_index", r.new_index ? index_json(*r.new_index) : nlohmann::json()},
                              {"anniversary", r.anniversary ? nlohmann::json(to_iso(*r.anniversary)) : nlohmann::json()},
                              {"regime", indexation::to_string(r.regime)},
                              {"factor", rounded(r.factor(), 1e6)},
                              {"steps", steps}}
                   .dump()
            << "\n";
    return 0;
  }
  for (const auto& s : steps) env.out << "- " << s["text"].get<std::string>() << "\n";
  env.out << env.say("indexation.result", {{"rent", r.rent.format_plain()}}) << "\n";
  return 0;
}

struct EligibilityOptions {
  int year = 0, adults = 1, incomes = 1, children = 0, disabled_children = 0, disabled_adults = 0;
  std::string income;
  std::string db;  // as for IndexOptions
};

int eligibility(Env& env, const EligibilityOptions& o) {
  Problems problems;
  Money income;
  problems.check([&] { income = Money::parse(o.income).value(); });
  problems.throw_if_any();
  const auto stored = o.db.empty() ? app::shipped_admission_incomes() : app::admission_incomes_in_force(*store_of(o.db));
  const auto& table = stored.year(o.year);
  applicants::Household h{o.adults, o.incomes, o.children, o.disabled_children, o.disabled_adults};
  auto e = applicants::assess(table, h, income);
  if (env.json) {
    env.out << nlohmann::json{{"ceiling", e.ceiling.format_plain()},
                              {"ratio", e.ratio()},
                              {"band", applicants::to_string(e.band)},
                              {"composition", applicants::to_string(e.composition)},
                              {"year", table.year},
                              {"status", table.status},
                              {"source", table.source}}
                   .dump()
            << "\n";
    return 0;
  }
  char ratio[16];
  std::snprintf(ratio, sizeof ratio, "%.2f", static_cast<double>(e.ratio_percent_hundredths) / 100.0);
  env.out << env.say("calculators.eligibility.result", {{"year", std::to_string(table.year)},
                                            {"ceiling", e.ceiling.format_plain()},
                                            {"ratio", ratio},
                                            {"band", env.say("calculators.eligibility.band_with_range." + std::string(applicants::to_string(e.band)))}})
          << "\n";
  return 0;
}

}  // namespace

void register_calculators(Registry& registry) {
  auto i = std::make_shared<IndexOptions>();
  Command index_command = registry.command("index");
  index_command.option("--rent", i->rent)->required();
  index_command.option("--signed", i->signed_on)->required();
  index_command.option("--start", i->start)->required();
  index_command.option("--on", i->on)->required();
  index_command.option("--peb", i->peb);
  index_command.option("--registered", i->registered);
  index_command.option("--db", i->db);
  index_command.json();
  index_command.runs([i](Env& env) { return index(env, *i); });

  auto e = std::make_shared<EligibilityOptions>();
  Command eligibility_command = registry.command("eligibility");
  eligibility_command.option("--year", e->year)->required();
  eligibility_command.option("--adults", e->adults)->required();
  eligibility_command.option("--incomes", e->incomes)->required();
  eligibility_command.option("--children", e->children)->required();
  eligibility_command.option("--disabled-children", e->disabled_children);
  eligibility_command.option("--disabled-adults", e->disabled_adults);
  eligibility_command.option("--income", e->income)->required();
  eligibility_command.option("--db", e->db);
  eligibility_command.json();
  eligibility_command.runs([e](Env& env) { return eligibility(env, *e); });
}

}  // namespace hms::cli

// hms indexation run --db URL --agency CODE --month YYYY-MM [--dry-run] [--letters DIR] [--json]:
// the yearly indexation of the owner contracts whose anniversary falls in that month, a new
// dated rent version for each, and a PDF letter per owner (not on a dry run).
#include <filesystem>
#include <fstream>
#include <ostream>

#include "app/indexation/indexation_run.hpp"
#include "cli/command.hpp"
#include "common/date.hpp"
#include "web/letters/indexation_letters.hpp"
#include "web/texts.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, month;
  bool dry_run = false;
  std::string letters;  // folder; empty: indexation-<AGENCY>-<YYYY-MM>
};

int indexation_run(Env& env, const Options& o) {
  auto month = YearMonth::parse(o.month);
  if (!month) throw DomainError(month.error()).field("month");
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  // The month is typed on the command line, on purpose: a month more than 3 months back is taken
  // as confirmed (the pages ask for the confirmation with the warning).
  app::IndexationChoices choices;
  choices.retroactive_confirmed = true;
  auto run = app::run_indexation(store, ctx, o.agency, month.value(), o.dry_run, choices);

  // One PDF per owner, named after the agency, the month and the owner.
  std::vector<std::string> letters;
  std::string folder = o.letters.empty() ? "indexation-" + run.agency_code + "-" + run.month.to_string() : o.letters;
  if (!o.dry_run) {
    auto owners = web::owners_to_write_to(run);
    if (!owners.empty()) std::filesystem::create_directories(folder);
    for (auto owner_id : owners) {
      auto path = (std::filesystem::path(folder) /
                   ("indexation-" + run.agency_code + "-" + run.month.to_string() + "-owner-" + std::to_string(owner_id) + ".pdf"))
                      .string();
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << web::indexation_letters_pdf(env.catalog, run, owner_id, env.clock.today());
      if (!out) throw std::runtime_error("cannot write " + path);
      letters.push_back(path);
    }
  }

  const web::Texts tx{env.catalog, env.lang};
  if (env.json) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : run.lines) {
      lines.push_back({{"contract_id", l.contract.id},
                       {"dwelling", l.dwelling.reference},
                       {"owner_id", l.owner.id},
                       {"owner", l.owner.name},
                       {"anniversary", to_iso(l.anniversary)},
                       {"base_rent", l.base_rent.format_plain()},
                       {"current_rent", l.current_rent.format_plain()},
                       {"indexed_rent", l.result ? nlohmann::json(l.result->rent.format_plain()) : nlohmann::json()},
                       {"cap", l.cap ? nlohmann::json(l.cap->format_plain()) : nlohmann::json()},
                       {"new_rent", l.new_rent.format_plain()},
                       {"outcome", app::to_string(l.outcome)},
                       {"regime", l.result ? nlohmann::json(indexation::to_string(l.result->regime)) : nlohmann::json()},
                       {"steps", web::indexation_steps(env.catalog, env.lang, l)}});
    }
    env.out << nlohmann::json{{"ok", true},
                              {"agency", run.agency_code},
                              {"month", run.month.to_string()},
                              {"dry_run", run.dry_run},
                              {"versions_created", run.versions_created},
                              {"lines", lines},
                              {"letters", letters}}
                   .dump()
            << "\n";
    return 0;
  }
  for (const auto& l : run.lines)
    env.out << env.say("indexation.indexation_run.cli_line", {{"dwelling", l.dwelling.reference},
                                                   {"owner", l.owner.name},
                                                   {"current", tx.money(l.current_rent)},
                                                   {"new", tx.money(l.new_rent)},
                                                   {"date", to_belgian(l.anniversary)},
                                                   {"outcome", tx.text("indexation.indexation_run.outcome." + std::string(app::to_string(l.outcome)))}})
            << "\n";
  env.out << env.say(run.dry_run ? "indexation.indexation_run.cli_summary_dry" : "indexation.indexation_run.cli_summary",
                     {{"month", tx.month(run.month)},
                      {"lines", std::to_string(run.lines.size())},
                      {"created", std::to_string(run.versions_created)}})
          << "\n";
  if (!letters.empty())
    env.out << env.say("indexation.indexation_run.cli_letters", {{"count", std::to_string(letters.size())}, {"folder", folder}}) << "\n";
  return 0;
}

}  // namespace

void register_indexation_run(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("indexation run");
  c.db(o->db);
  c.option("--agency", o->agency)->required();
  c.option("--month", o->month)->required();
  c.flag("--dry-run", o->dry_run);
  c.option("--letters", o->letters);
  c.json();
  c.runs([o](Env& env) { return indexation_run(env, *o); });
}

}  // namespace hms::cli

// hms payouts --db URL --agency CODE --month YYYY-MM --out FILE [--execution YYYY-MM-DD] [--json]
// (contract E): the owner payment run of the month as a SEPA credit transfer file written to FILE
// (app/payouts/payouts.hpp). --execution defaults to the first day of the month when it is still
// to come, else today (--today). A second run of the same month writes the same bytes.
// --json → {"month", "transfers", "total", "excluded": [{"owner_id", "reason"}], "file", "format",
// "message_id"}; otherwise one line of figures and one line per owner excluded.
#include <fstream>
#include <ostream>

#include "app/ledger/ledger.hpp"
#include "app/payouts/payouts.hpp"
#include "cli/command.hpp"
#include "common/error.hpp"
#include "web/texts.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, month, out, execution;
};

int payouts(Env& env, const Options& o) {
  const auto month = app::parse_ledger_month(o.month);
  const auto execution = o.execution.empty() ? std::nullopt
                                             : std::optional(app::parse_execution_date(o.execution, env.clock.today()));
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  const auto file = app::write_payout_file(store, ctx, o.agency, month, execution);
  {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out << file.bytes;
    if (!out.flush()) throw std::runtime_error("cannot write " + o.out);
  }
  const auto& plan = file.view.plan;
  if (env.json) {
    auto excluded = nlohmann::json::array();
    for (const auto& x : plan.excluded)
      excluded.push_back({{"owner_id", x.owner_id}, {"reason", std::string(payouts::to_string(x.reason))}});
    env.out << nlohmann::json{{"month", month.to_string()},
                              {"transfers", plan.transfers.size()},
                              {"total", plan.net().format_plain()},
                              {"excluded", excluded},
                              {"file", o.out},
                              {"format", std::string(payouts::to_string(file.view.format))},
                              {"message_id", file.view.run->message_id}}
                   .dump()
            << "\n";
    return 0;
  }
  const web::Texts tx{env.catalog, env.lang};
  env.out << env.say("payouts.cli_summary", {{"month", tx.month(month)},
                                             {"transfers", std::to_string(plan.transfers.size())},
                                             {"total", tx.money(plan.net())},
                                             {"fees", tx.money(plan.fee)},
                                             {"file", o.out}})
          << "\n";
  for (const auto& x : plan.excluded)
    env.out << env.say("payouts.cli_excluded", {{"owner", x.owner_name},
                                                {"reason", env.say("payouts.exclusion." + std::string(payouts::to_string(x.reason)))},
                                                {"amount", tx.money(x.gross)}})
            << "\n";
  return 0;
}

}  // namespace

void register_payouts(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("payouts");
  c.db(o->db);
  c.option("--agency", o->agency)->required();
  c.option("--month", o->month)->required();
  c.option("--out", o->out)->required();
  c.option("--execution", o->execution);
  c.json();
  c.runs([o](Env& env) { return payouts(env, *o); });
}

}  // namespace hms::cli

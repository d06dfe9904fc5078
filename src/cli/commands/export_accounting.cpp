// hms export accounting --db URL --agency CODE --from YYYY-MM-DD --to YYYY-MM-DD
//   --format winbooks|csv --out DIR [--json] (contract E): the journal entries of the span for
// the agency's accounting software, written into DIR (made if missing): ACT.txt and CSF.txt
// (WinBooks) or journal.csv. The same span exported twice gives the same bytes. Each file is
// written beside its name and renamed into place, so DIR never holds half a file.
// --json → {"id", "agency", "from", "to", "format", "entries", "lines", "files": [...]}.
#include <filesystem>
#include <fstream>
#include <ostream>

#include "app/accounting/accounting.hpp"
#include "app/fields/fields.hpp"
#include "cli/command.hpp"
#include "common/date.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, from, to, format, out;
};

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  auto partial = path;
  partial += ".partial";
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.flush();
    if (!f) throw std::runtime_error("cannot write " + partial.string());
  }
  std::filesystem::rename(partial, path);
}

int export_accounting(Env& env, const Options& o) {
  const auto from = app::fields::parse_date(o.from, "common.invalid_date");
  const auto to = app::fields::parse_date(o.to, "common.invalid_date");
  const auto format = app::parse_accounting_format(o.format);
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  const auto done = app::export_accounting(store, ctx, o.agency, from, to, format);
  const std::filesystem::path dir(o.out);
  std::filesystem::create_directories(dir);
  std::string names;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : done.files) {
    write_file(dir / f.name, f.bytes);
    names += (names.empty() ? "" : ", ") + f.name;
    files.push_back(f.name);
  }
  const auto& r = done.record;
  if (env.json) {
    env.out << nlohmann::json{{"id", r.id}, {"agency", o.agency}, {"from", to_iso(r.from)}, {"to", to_iso(r.to)},
                              {"format", accounting::to_string(r.format)}, {"entries", r.entries},
                              {"lines", r.lines}, {"files", files}}
                   .dump()
            << "\n";
    return 0;
  }
  env.out << env.say("accounting.cli_summary", {{"entries", std::to_string(r.entries)},
                                                {"lines", std::to_string(r.lines)},
                                                {"from", to_iso(r.from)},
                                                {"to", to_iso(r.to)},
                                                {"dir", o.out},
                                                {"files", names}})
          << "\n";
  return 0;
}

}  // namespace

void register_export_accounting(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("export accounting");
  c.db(o->db);
  c.option("--agency", o->agency)->required();
  c.option("--from", o->from)->required();
  c.option("--to", o->to)->required();
  c.option("--format", o->format)->required();
  c.option("--out", o->out)->required();
  c.json();
  c.runs([o](Env& env) { return export_accounting(env, *o); });
}

}  // namespace hms::cli

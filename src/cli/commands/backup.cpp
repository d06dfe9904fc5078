// hms backup --db URL --out FILE [--passphrase-file F] [--json]
// hms restore --from FILE --db URL [--passphrase-file F]
// (issue 14.2; storage/backup/backup.hpp): the database with its key file, audit checkpoint and
// attachments in one file encrypted with a passphrase, and back into an empty database, which
// is then checked as `hms check` does (exit 1 if something does not hold). The passphrase comes
// from the first line of --passphrase-file, else from HMS_BACKUP_PASSPHRASE: never from the
// command line, which other users of the machine can read.
#include <cstdlib>
#include <fstream>
#include <ostream>

#include "cli/command.hpp"
#include "common/error.hpp"
#include "storage/backup/backup.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, out, from, passphrase_file;
};

std::string passphrase(const Options& o) {
  if (!o.passphrase_file.empty()) {
    std::ifstream in(o.passphrase_file);
    std::string line;
    if (!in || !std::getline(in, line))
      throw DomainError(ErrorKind::validation, "cli.import_unreadable").param("file", o.passphrase_file);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (const char* p = std::getenv("HMS_BACKUP_PASSPHRASE")) return p;
  throw DomainError(ErrorKind::validation, "backup.passphrase_missing");
}

std::map<std::string, std::string> params(const storage::BackupSummary& s, const std::string& file) {
  return {{"file", file},
          {"backend", s.backend == "sqlite" ? "SQLite" : "PostgreSQL"},
          {"created_at", s.created_at},
          {"migrations", std::to_string(s.migrations)},
          {"attachments", std::to_string(s.attachments)},
          {"megabytes", std::to_string((s.bytes + 999'999) / 1'000'000)}};
}

int backup(Env& env, const Options& o) {
  const auto secret = passphrase(o);
  open_database(o.db, false);  // a missing or uninitialised database says so first
  const auto summary = storage::backup_database(o.db, o.out, secret, env.clock.now_seconds());
  if (env.json)
    env.out << nlohmann::json{{"file", o.out},          {"backend", summary.backend},
                              {"created_at", summary.created_at}, {"migrations", summary.migrations},
                              {"attachments", summary.attachments}, {"bytes", summary.bytes}}
                   .dump()
            << "\n";
  else
    env.out << env.say("backup.done", params(summary, o.out)) << "\n";
  return 0;
}

int restore(Env& env, const Options& o) {
  const auto summary = storage::restore_database(o.from, o.db, passphrase(o));
  env.out << env.say("backup.restored", params(summary, o.from)) << "\n";
  return check_and_report(env, o.db);
}

}  // namespace

void register_backup(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("backup");
  c.db(o->db);
  c.option("--out", o->out)->required();
  c.option("--passphrase-file", o->passphrase_file);
  c.json();
  c.runs([o](Env& env) { return backup(env, *o); });

  auto r = std::make_shared<Options>();
  Command restore_command = registry.command("restore");
  restore_command.option("--from", r->from)->required();
  restore_command.db(r->db);
  restore_command.option("--passphrase-file", r->passphrase_file);
  restore_command.runs([r](Env& env) { return restore(env, *r); });
}

}  // namespace hms::cli

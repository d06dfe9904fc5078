// hms user add --db URL --login LOGIN --role ROLE [--agency CODE] [--name NAME] : the password
// is read from standard input (one line), so that it never shows in the process list or history.
#include <istream>
#include <ostream>

#include "app/users/user_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, login, role, name;
  std::optional<std::string> agency, language;
};

int user_add(Env& env, const Options& o) {
  std::string password;
  if (!std::getline(env.in, password) || password.empty())
    throw DomainError(ErrorKind::validation, "cli.password_required").field("password");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto u = app::add_user(store, ctx, {o.login, o.name, o.role, o.agency, password, o.language});
  if (env.json)
    env.out << nlohmann::json{{"id", u.id}, {"login", u.login}, {"name", u.name},
                              {"role", users::to_string(u.role)},
                              {"agency", u.agency_code ? nlohmann::json(*u.agency_code) : nlohmann::json()}}
                   .dump()
            << "\n";
  else
    env.out << env.say("cli.user_added", {{"login", u.login},
                                          {"role", std::string(users::to_string(u.role))},
                                          {"agency", u.agency_code ? ", " + *u.agency_code : std::string()}})
            << "\n";
  return 0;
}

}  // namespace

void register_user_add(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("user add");
  c.db(o->db);
  c.option("--login", o->login)->required();
  c.option("--role", o->role)->required();
  c.option("--agency", o->agency);
  c.option("--name", o->name);
  c.option("--language", o->language);
  c.json();
  c.runs([o](Env& env) { return user_add(env, *o); });
}

}  // namespace hms::cli

// hms user add --db URL --login LOGIN --role ROLE [--agency CODE] [--name NAME] : the password
// is read from standard input (one line), so that it never shows in the process list or history.
#include <istream>
#include <ostream>

#include "app/users/user_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

int cmd_user_add(Env& env, const std::string& url, const std::string& login, const std::string& role,
                 const std::optional<std::string>& agency, const std::string& name,
                 const std::optional<std::string>& language) {
  std::string password;
  if (!std::getline(env.in, password) || password.empty())
    throw DomainError(ErrorKind::validation, "cli.password_required").field("password");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  storage::SqlStore store = open_store(url, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto u = app::add_user(store, ctx, {login, name, role, agency, password, language});
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

}  // namespace hms::cli

// hms — the command-line program: every command of contract A, with --help everywhere (in the
// user's language) and --json where it prints results. Each command declares itself in
// commands/<name>.cpp (commands.cpp lists them); here the command line is parsed and failures
// become exit codes.
#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "common/date.hpp"
#include "web/catalog.hpp"

namespace {

std::string message_language() {
  for (const char* var : {"HMS_LANG", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && std::string(v).size() >= 2) {
      auto lang = hms::web::supported_language(std::string(v).substr(0, 2));
      if (!lang.empty()) return lang;
    }
  }
  return "en";
}

std::unique_ptr<hms::Clock> make_clock(const std::string& today) {
  if (today.empty()) return std::make_unique<hms::SystemClock>();
  auto d = hms::parse_date(today).value();
  auto seconds = std::chrono::sys_days{d}.time_since_epoch();
  return std::make_unique<hms::FixedClock>(std::chrono::duration_cast<std::chrono::seconds>(seconds).count() + 12 * 3600);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hms::cli;
  const std::string lang = message_language();
  const hms::web::Catalog catalog;
  Registry commands(catalog, lang);
  std::string today;
  commands.program().option("--today", today);
  register_commands(commands);

  try {
    commands.app().parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return commands.app().exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return commands.app().exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "hms: " << catalog.format(lang, "cli.usage", {{"detail", e.what()}}) << "\n"
              << "     hms --help\n";
    return kExitUsage;
  }

  try {
    auto clock = make_clock(today);
    Env env{std::cout, std::cerr, std::cin, *clock, lang, commands.json(), catalog};
    return commands.run(env);
  } catch (const hms::DomainError& e) {
    std::cerr << "hms: " << catalog.format(lang, e.code(), e.params());
    for (const auto& [field, problem] : e.fields())
      if (problem != e.code()) std::cerr << " (" << field << ": " << catalog.format(lang, problem, e.params()) << ")";
    std::cerr << "\n";
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "hms: " << e.what() << "\n";
    return kExitFailure;
  }
}

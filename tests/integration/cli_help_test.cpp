// The help of `hms` in the user's language: every command and every option of every command has
// its text in the French, Dutch and English catalogs (none shows its catalog key), the Dutch and
// French texts are translations, and the help pages follow HMS_LANG, then LANG. The exact help
// pages are golden scenarios (tests/scenarios/cli/help.test).
#include <gtest/gtest.h>

#include "cli/command.hpp"
#include "support/server_process.hpp"

namespace hms::test {
namespace {

// Every command of the program, groups included, with its path ("agency add").
void walk(const CLI::App& app, const std::string& path, std::vector<std::pair<std::string, const CLI::App*>>& out) {
  out.emplace_back(path, &app);
  for (const CLI::App* sub : app.get_subcommands({}))
    walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

struct Help {
  std::map<std::string, std::string> texts;  // "agency add" and "agency add --code" → its text
  std::string pages;                         // every help page, one after the other
};

Help help_in(const std::string& lang) {
  static const web::Catalog catalog;
  cli::Registry registry(catalog, lang);
  std::string today;
  registry.program().option("--today", today);
  cli::register_commands(registry);
  std::vector<std::pair<std::string, const CLI::App*>> apps;
  walk(registry.app(), "", apps);
  Help help;
  for (const auto& [path, app] : apps) {
    help.texts[path] = app->get_description();
    for (const CLI::Option* option : app->get_options())
      help.texts[path + " " + option->get_name()] = option->get_description();
    help.pages += app->help();
  }
  return help;
}

TEST(CliHelp, EveryCommandAndOptionHasItsTextInEveryLanguage) {
  const auto en = help_in("en");
  EXPECT_GT(en.texts.size(), 70u);
  for (const std::string lang : {"fr", "nl", "en"}) {
    const auto help = lang == "en" ? en : help_in(lang);
    EXPECT_EQ(help.pages.find("cli.help"), std::string::npos) << lang << "\n" << help.pages;
    ASSERT_EQ(help.texts.size(), en.texts.size()) << lang;
    for (const auto& [what, text] : help.texts) {
      EXPECT_FALSE(text.empty()) << lang << ": " << what;
      if (lang != "en") {
        EXPECT_NE(text, en.texts.at(what)) << lang << ": " << what << " is not translated";
      }
    }
  }
}

TEST(CliHelp, FollowsHmsLangThenLang) {
  auto nl = run_hms({"index", "--help"}, "", {{"HMS_LANG", "nl"}});
  EXPECT_EQ(nl.exit_code, 0);
  EXPECT_EQ(nl.out.rfind("De Brusselse indexering van een huurprijs, met haar stappen\nGebruik: hms index [OPTIES]\n", 0), 0u)
      << nl.out;
  EXPECT_NE(nl.out.find("  --rent TEKST VERPLICHT      De basishuurprijs van de huurovereenkomst"), std::string::npos)
      << nl.out;
  auto lang = run_hms({"index", "--help"}, "", {{"LANG", "nl_BE.UTF-8"}});
  EXPECT_EQ(lang.out, nl.out);
  auto first = run_hms({"index", "--help"}, "", {{"HMS_LANG", "fr"}, {"LANG", "nl_BE.UTF-8"}});
  EXPECT_EQ(first.out.rfind("L'indexation bruxelloise d'un loyer de bail, avec ses étapes\nUtilisation: hms index", 0), 0u)
      << first.out;
}

}  // namespace
}  // namespace hms::test

// The message catalogs: French, Dutch and English hold exactly the same keys, none empty, with
// the same {placeholders}; every key starts with its file's module; every error code thrown in
// src/, every {{t.KEY}} of the templates and every key the C++ code asks the catalog for has a
// text in all three; and the language is read from Accept-Language as browsers send it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "web/catalog.hpp"
#include "web/views.hpp"

namespace hms::web {
namespace {

const Catalog& catalog() {
  static const Catalog c;
  return c;
}

std::set<std::string> keys(std::string_view lang) {
  std::set<std::string> out;
  for (const auto& [k, v] : catalog().all(lang)) out.insert(k);
  return out;
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex re(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

TEST(Catalog, EveryLanguageHasTheSameKeys) {
  const auto fr = keys("fr");
  EXPECT_GT(fr.size(), 100u);
  for (std::string_view lang : {"nl", "en"}) {
    const auto other = keys(lang);
    for (const auto& k : fr) EXPECT_TRUE(other.contains(k)) << k << " is missing in " << lang;
    for (const auto& k : other) EXPECT_TRUE(fr.contains(k)) << k << " is in " << lang << " but not in fr";
  }
}

TEST(Catalog, NoMessageIsEmptyAndPlaceholdersMatch) {
  for (auto lang : kLanguages)
    for (const auto& [k, v] : catalog().all(lang)) {
      EXPECT_FALSE(v.empty()) << lang << ": " << k;
      if (lang != "fr" && catalog().has("fr", k)) {
        EXPECT_EQ(placeholders(v), placeholders(catalog().text("fr", k))) << lang << ": " << k;
      }
    }
}

TEST(Catalog, FormatFillsPlaceholdersAndMissingKeysShowThemselves) {
  EXPECT_EQ(catalog().format("en", "users.too_many_attempts", {{"seconds", "8"}}),
            "Too many failed attempts. Try again in 8 s.");
  EXPECT_EQ(catalog().text("en", "no.such.key"), "no.such.key");
  EXPECT_EQ(catalog().text("de", "users.login_page.submit"), catalog().text("fr", "users.login_page.submit")) << "unknown language: French";
}

// Issue 15.6: the code passes dates as ISO text; every message shows them as the user reads them.
TEST(Catalog, DatesInMessagesAreWrittenDayFirst) {
  for (const char* lang : {"fr", "nl", "en"}) {
    const auto text = catalog().format(lang, "stock.status_date_before_current", {{"date", "2026-03-01"}});
    EXPECT_NE(text.find("01/03/2026"), std::string::npos) << lang << ": " << text;
    EXPECT_EQ(text.find("2026-03-01"), std::string::npos) << lang << ": " << text;
  }
  // What only looks like a date, or is not a real one, is left as it is.
  EXPECT_NE(catalog().format("en", "stock.status_date_before_current", {{"date", "2026-02-31"}}).find("2026-02-31"),
            std::string::npos);
}

// src/ next to this test's source (tests/unit/web/catalog_test.cpp), if the source tree is here.
std::optional<std::filesystem::path> source_dir() {
  auto dir = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "src";
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return std::filesystem::weakly_canonical(dir);
  return std::nullopt;
}

// Every "module.code" literal given to DomainError (directly or through a local helper such as
// fail("…"), invalid("…"), money_error("…")) or as a field's problem code.
std::set<std::string> codes_in_source(const std::filesystem::path& src) {
  static const std::regex thrown(
      R"re((?:DomainError\s*(?:\w+\s*)?[\(\{]\s*ErrorKind::\w+\s*,\s*|\b(?:fail|invalid|money_error|error)\s*\(\s*|\.field\(\s*"\w+"\s*,\s*)"([a-z_]+\.[a-z_.]+)")re");
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), thrown); it != std::sregex_iterator(); ++it)
      out.insert((*it)[1]);
  }
  return out;
}

TEST(Catalog, EveryErrorCodeHasAMessageInEveryLanguage) {
  // The codes come from a scan of src/, so a code added anywhere is checked without a list to edit.
  auto src = source_dir();
  ASSERT_TRUE(src) << "the source tree must be next to the test (tests/unit/web/../../../src)";
  auto codes = codes_in_source(*src);
  EXPECT_GT(codes.size(), 100u) << "the scan of " << *src << " found too little: is the regex still right?";
  for (const auto& code : codes)
    for (auto lang : kLanguages) EXPECT_TRUE(catalog().has(lang, code)) << code << " has no " << lang << " message";
}

TEST(Catalog, ReadFileTakesTheKeysOfItsModule) {
  std::map<std::string, std::string> read;
  Catalog::read_file("stock", "# stock (fr)\nstock.dwellings.title = Logements\n\n  stock.count = {count} logements  \n",
                     "i18n/fr/stock.txt", read);
  EXPECT_EQ(read, (std::map<std::string, std::string>{{"stock.dwellings.title", "Logements"}, {"stock.count", "{count} logements"}}));
  std::map<std::string, std::string> alone;
  Catalog::read_file("internal", "internal = Sorry\n", "i18n/en/internal.txt", alone);
  EXPECT_EQ(alone.at("internal"), "Sorry") << "a key that is the module itself";
}

TEST(Catalog, AKeyOutsideItsFilesModuleIsRefusedAtLoad) {
  for (const char* line : {"dwellings.title = Logements", "stocks.title = x", "stockroom = x", "st.title = x",
                           ".stock.title = x", "common.nav.stock = x", "Stock.title = x"}) {
    std::map<std::string, std::string> read;
    EXPECT_THROW(Catalog::read_file("stock", line, "i18n/fr/stock.txt", read), std::runtime_error) << line;
    EXPECT_TRUE(read.empty()) << line;
  }
  std::map<std::string, std::string> read;
  try {
    Catalog::read_file("stock", "stock.title = Logements\n# the list\ndwellings.title = Logements\n", "i18n/fr/stock.txt", read);
    ADD_FAILURE() << "dwellings.title in stock.txt was read";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "i18n/fr/stock.txt line 3: key dwellings.title does not start with stock.");
  }
  // The other refusals still hold.
  std::map<std::string, std::string> twice;
  EXPECT_THROW(Catalog::read_file("stock", "stock.a = 1\nstock.a = 2\n", "i18n/fr/stock.txt", twice), std::runtime_error);
  std::map<std::string, std::string> malformed;
  EXPECT_THROW(Catalog::read_file("stock", "stock.a=1\n", "i18n/fr/stock.txt", malformed), std::runtime_error);
}

TEST(Catalog, EveryKeyStartsWithTheModuleOfItsFile) {
  // The embedded files passed the load check (catalog() is built); and no key is left whose module
  // has no file, so the first segment of a key always finds where it is defined.
  auto src = source_dir();
  ASSERT_TRUE(src);
  for (auto lang : kLanguages)
    for (const auto& [k, v] : catalog().all(lang)) {
      const auto file = *src / "web" / "i18n" / std::string(lang) / (k.substr(0, k.find('.')) + ".txt");
      EXPECT_TRUE(std::filesystem::is_regular_file(file)) << lang << ": " << k << " but no " << file;
    }
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Catalog, EveryKeyOfTheTemplatesHasATextInEveryLanguage) {
  // {{t.KEY}}, {{#t.KEY}}, {{^t.KEY}}, {{/t.KEY}}, {{{t.KEY}}}, {{&t.KEY}}: a key renamed in the
  // catalogs but not in a template (or the other way round) would show as an empty text.
  auto src = source_dir();
  ASSERT_TRUE(src);
  static const std::regex used(R"(\{\{\s*[#^/&{]?\s*t\.([A-Za-z0-9_.]+)\s*\}?\}\})");
  std::set<std::string> seen;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*src / "web" / "templates")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    const std::string s = read_text(entry.path());
    for (auto it = std::sregex_iterator(s.begin(), s.end(), used); it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1];
      seen.insert(key);
      for (auto lang : kLanguages)
        EXPECT_TRUE(catalog().has(lang, key)) << entry.path().filename() << ": {{t." << key << "}} has no " << lang << " text";
    }
  }
  EXPECT_GT(seen.size(), 300u) << "the scan of the templates found too little: is the regex still right?";
}

TEST(Catalog, EveryKeyTheCodeAsksForHasATextInEveryLanguage) {
  // The literal given to the catalog's text/format (and the helpers around them: say, title,
  // options, page_info's title, ...): a key has a text in every language; a literal the code
  // completes ("stock.dwellings.statuses." + name) starts at least one key.
  auto src = source_dir();
  ASSERT_TRUE(src);
  static const std::regex asked(
      R"re(\b(?:text|format|say|title|options|login_step_page|counts_json|problems_json|outcome)\s*\((?:\s*[\w.]+\s*,)*?\s*(?:std::string\(\s*"([a-z_]+(?:\.[a-z_0-9]+)*\.?)"\s*\)\s*(\+)?|"([a-z_]+(?:\.[a-z_0-9]+)*\.?)"\s*(\+)?)|\bpage_info\s*\(\s*\w+\s*,\s*[\w.]+\s*,\s*(?:\w+\s*\?\s*)?"([a-z_]+(?:\.[a-z_0-9]+)*)")re");
  std::set<std::string> seen;
  const auto& fr = catalog().all("fr");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*src)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    const std::string s = read_text(entry.path());
    for (auto it = std::sregex_iterator(s.begin(), s.end(), asked); it != std::sregex_iterator(); ++it) {
      const auto& m = *it;
      const std::string key = m[1].matched ? m[1].str() : m[3].matched ? m[3].str() : m[5].str();
      const bool completed = m[2].matched || m[4].matched || key.ends_with('.');
      seen.insert(key);
      if (completed) {
        auto next = fr.lower_bound(key);
        EXPECT_TRUE(next != fr.end() && next->first.starts_with(key))
            << entry.path().filename() << ": \"" << key << "\" + ... starts no key";
      } else {
        for (auto lang : kLanguages)
          EXPECT_TRUE(catalog().has(lang, key)) << entry.path().filename() << ": \"" << key << "\" has no " << lang << " text";
      }
    }
  }
  EXPECT_GT(seen.size(), 100u) << "the scan of " << *src << " found too little: is the regex still right?";
}

TEST(Catalog, RolesAndAuditActionsHaveLabels) {
  for (const char* role : {"agency_staff", "agency_admin", "federation", "region", "system_admin"})
    for (auto lang : kLanguages) {
      EXPECT_TRUE(catalog().has(lang, std::string("users.roles.") + role)) << lang << " " << role;
      EXPECT_TRUE(catalog().has(lang, std::string("users.role_hints.") + role)) << lang << " " << role;
    }
  for (const char* action : {"users.login", "users.login_failed", "users.logout", "users.create", "users.disable",
                             "users.enable", "users.password_change", "users.mfa_enabled", "users.mfa_disabled",
                             "users.mfa_failed", "users.recovery_code_used", "agencies.create",
                             // the reads of personal data (issue 8 B7) and their refusals
                             "owners.read", "owners.list", "owners.export", "owners.search", "owners.contract_read",
                             "owners.contract_list", "owners.contract_export", "indexation.preview",
                             "indexation.results", "indexation.letters", "owners.export_refused",
                             "owners.contract_export_refused", "indexation.letters_refused", "stock.import"})
    for (auto lang : kLanguages)
      EXPECT_TRUE(catalog().has(lang, std::string("audit.action.") + action)) << lang << " " << action;
  for (int status : {400, 401, 403, 404, 405, 409, 422, 429, 500})
    for (auto lang : kLanguages)
      EXPECT_TRUE(catalog().has(lang, "common.error.title." + std::to_string(status))) << lang << " " << status;
}

TEST(Catalog, TheLanguagesAreReallyTranslated) {
  EXPECT_NE(catalog().text("fr", "users.wrong_credentials"), catalog().text("nl", "users.wrong_credentials"));
  EXPECT_NE(catalog().text("fr", "users.wrong_credentials"), catalog().text("en", "users.wrong_credentials"));
  EXPECT_NE(catalog().text("nl", "users.wrong_credentials"), catalog().text("en", "users.wrong_credentials"));
}

TEST(SupportedLanguage, OnlyOurThree) {
  EXPECT_EQ(supported_language("fr"), "fr");
  EXPECT_EQ(supported_language("nl"), "nl");
  EXPECT_EQ(supported_language("en"), "en");
  for (const char* other : {"", "de", "FR", "fr-BE", "f", "french"}) EXPECT_EQ(supported_language(other), "") << other;
}

TEST(LanguageFromAccept, BrowsersHeaders) {
  struct Case {
    const char* header;
    const char* lang;
  };
  for (const auto& c : std::initializer_list<Case>{
           {"", ""},
           {"nl", "nl"},
           {"fr", "fr"},
           {"en", "en"},
           {"nl-BE,nl;q=0.9,fr;q=0.8", "nl"},
           {"fr-BE,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"},
           {"de-DE,de;q=0.9,en;q=0.8", "en"},
           {"de-DE,de;q=0.9", ""},
           {"*", ""},
           {"en;q=0.5,nl;q=0.8", "nl"},
           {"fr;q=0.3, nl;q=0.2, en;q=0.9", "en"},
           {"NL-be", "nl"},
           {"  en-GB  ;  q=0.9 ", "en"},
           {"nl;q=0", ""},
           {"nl;q=abc,fr", "fr"},
           {",,,", ""},
           {"fr,nl", "fr"},
       })
    EXPECT_EQ(language_from_accept(c.header), c.lang) << "'" << c.header << "'";
}

}  // namespace
}  // namespace hms::web

// Regression: a key that is both a text and a prefix ("audit.actor" and "audit.actor.cli") cannot
// be nested for the templates, and `hms serve` refused to start. Building the views checks it.
TEST(Catalog, EveryKeyNestsForTheTemplates) { EXPECT_NO_THROW(hms::web::Views{}); }

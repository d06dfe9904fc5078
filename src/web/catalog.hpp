// The message catalogs: every user-visible text in French, Dutch and English, read from
// i18n/{fr,nl,en}/<module>.txt ("key = text" lines, {name} placeholders; every key starts with
// "<module>."; a key defined twice is an error). Error codes are keys too, in the file named after
// their first segment: "users.wrong_credentials" → « Identifiant ou mot de passe incorrect. ».
#pragma once
#include <array>
#include <map>
#include <string>
#include <string_view>

namespace hms::web {

inline constexpr std::array<std::string_view, 3> kLanguages = {"fr", "nl", "en"};

class Catalog {
 public:
  Catalog();  // parses the embedded catalogs; throws if one is malformed
  // The text, or the key itself if missing (a test checks that none is).
  const std::string& text(std::string_view lang, const std::string& key) const;
  // The text with {name} placeholders filled; a value that is an ISO date ("2025-03-01") is
  // written as the user reads it ("01/03/2025").
  std::string format(std::string_view lang, const std::string& key,
                     const std::map<std::string, std::string>& params) const;
  bool has(std::string_view lang, const std::string& key) const;
  const std::map<std::string, std::string>& all(std::string_view lang) const;

  // Reads the "key = text" lines of one catalog file, `name` (for the messages), into `into`.
  // Throws on a malformed line, a key already in `into`, or a key whose first segment is not
  // `module` ("dwellings.title" in stock.txt): the load check of every embedded file.
  static void read_file(std::string_view module, std::string_view text, const std::string& name,
                        std::map<std::string, std::string>& into);

 private:
  std::map<std::string, std::map<std::string, std::string>, std::less<>> by_lang_;
};

// "fr", "nl" or "en" if `lang` is one of them, else "".
std::string supported_language(std::string_view lang);
// The best of our languages for an Accept-Language header ("nl-BE,nl;q=0.9,fr;q=0.8" → "nl"), or "".
std::string language_from_accept(std::string_view header);

}  // namespace hms::web

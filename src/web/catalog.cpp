#include "web/catalog.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "common/date.hpp"
#include "common/embedded.hpp"
#include "common/text.hpp"

namespace hms::web {
void Catalog::read_file(std::string_view module, std::string_view text, const std::string& name,
                        std::map<std::string, std::string>& into) {
  int line_no = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find(" = ");
    if (eq == std::string_view::npos)
      throw std::runtime_error(name + " line " + std::to_string(line_no) + ": expected 'key = text'");
    const auto key = trim(line.substr(0, eq));
    // The module is the first segment of every key, so a key says where it is defined.
    if (key.substr(0, key.find('.')) != module)
      throw std::runtime_error(name + " line " + std::to_string(line_no) + ": key " + std::string(key) +
                               " does not start with " + std::string(module) + ".");
    auto [it, added] = into.emplace(std::string(key), std::string(trim(line.substr(eq + 3))));
    if (!added) throw std::runtime_error(name + " line " + std::to_string(line_no) + ": key " + it->first + " defined twice");
  }
}

Catalog::Catalog() {
  // One file per module and language: i18n/<lang>/<module>.txt, each key starting with
  // "<module>.". A key defined twice (in one file or in two) is an error, so two modules can never
  // silently overwrite each other's text.
  for (auto lang : kLanguages) {
    auto& map = by_lang_[std::string(lang)];
    const std::string folder = "i18n/" + std::string(lang) + "/";
    int files = 0;
    for (const auto& file : embedded::web_assets()) {
      if (!file.path.starts_with(folder) || !file.path.ends_with(".txt")) continue;
      ++files;
      const std::string_view module = file.path.substr(folder.size(), file.path.size() - folder.size() - 4);
      read_file(module, file.contents, std::string(file.path), map);
    }
    if (files == 0) throw std::runtime_error("missing catalogs " + folder);
  }
}

const std::string& Catalog::text(std::string_view lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  if (l == by_lang_.end()) l = by_lang_.find(std::string_view("fr"));
  auto it = l->second.find(key);
  return it == l->second.end() ? key : it->second;
}

std::string Catalog::format(std::string_view lang, const std::string& key,
                            const std::map<std::string, std::string>& params) const {
  std::string out = text(lang, key);
  for (const auto& [name, raw] : params) {
    const std::string placeholder = "{" + name + "}";
    // A date is shown as the user reads it (issue 15.6): the code passes "2025-03-01", the
    // message says "01/03/2025".
    const auto date = parse_date(raw);
    const std::string value = date ? to_belgian(date.value()) : raw;
    for (auto pos = out.find(placeholder); pos != std::string::npos; pos = out.find(placeholder, pos + value.size()))
      out.replace(pos, placeholder.size(), value);
  }
  return out;
}

bool Catalog::has(std::string_view lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  return l != by_lang_.end() && l->second.contains(key);
}

const std::map<std::string, std::string>& Catalog::all(std::string_view lang) const {
  return by_lang_.find(lang)->second;
}

std::string supported_language(std::string_view lang) {
  for (auto l : kLanguages)
    if (l == lang) return std::string(l);
  return "";
}

std::string language_from_accept(std::string_view header) {
  // Entries "tag;q=0.8" separated by commas; the highest q among our languages wins.
  std::string best;
  double best_q = 0;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto entry = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    double q = 1.0;
    if (auto semi = entry.find(';'); semi != std::string_view::npos) {
      auto qpart = trim(entry.substr(semi + 1));
      if (qpart.rfind("q=", 0) == 0) {
        try {
          q = std::stod(std::string(qpart.substr(2)));
        } catch (...) {
          q = 0;
        }
      }
      entry = trim(entry.substr(0, semi));
    }
    std::string primary = to_lower_ascii(entry.substr(0, entry.find('-')));
    auto lang = supported_language(primary);
    if (!lang.empty() && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best;
}

}  // namespace hms::web

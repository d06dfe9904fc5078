#include "web/postal_address.hpp"

#include <cctype>

#include "common/text.hpp"

namespace hms::web {

namespace {

std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (char c : trim(text)) {
    const bool space = c == ' ' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Where ", NNNN " starts in `line` (the last one), or npos.
std::size_t postcode_cut(const std::string& line) {
  for (std::size_t i = line.size(); i-- > 0;) {
    if (line[i] != ',') continue;
    std::size_t p = i + 1;
    while (p < line.size() && line[p] == ' ') ++p;
    if (p + 5 <= line.size() && digit(line[p]) && digit(line[p + 1]) && digit(line[p + 2]) && digit(line[p + 3]) &&
        line[p + 4] == ' ' && i > 0)
      return i;
  }
  return std::string::npos;
}

}  // namespace

std::string street_line(const Catalog& catalog, const std::string& lang, std::string_view street,
                        std::string_view number, std::string_view box) {
  std::string line = collapse_spaces(street);
  if (!trim(number).empty()) line += " " + collapse_spaces(number);
  if (!trim(box).empty()) line += " " + catalog.text(lang, "stock.dwellings.box_short") + " " + collapse_spaces(box);
  return line;
}

std::vector<std::string> postal_lines(std::string_view text) {
  std::vector<std::string> out;
  for (auto part : split(text, '\n')) {
    std::string line = collapse_spaces(part);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    line = collapse_spaces(line);
    if (line.empty()) continue;
    if (auto cut = postcode_cut(line); cut != std::string::npos) {
      auto first = collapse_spaces(std::string_view(line).substr(0, cut));
      auto second = collapse_spaces(std::string_view(line).substr(cut + 1));
      if (!first.empty()) out.push_back(first);
      out.push_back(second);
    } else {
      out.push_back(line);
    }
  }
  return out;
}

}  // namespace hms::web

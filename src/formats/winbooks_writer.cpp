// The WinBooks import files' text: see write_winbooks in table.hpp.
#include <string>
#include <vector>

#include "formats/table.hpp"

namespace hms::formats {

std::string write_winbooks(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      out += '"';
      for (char ch : row[c]) {
        if (ch == '"') out += '"';
        out += ch;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace hms::formats

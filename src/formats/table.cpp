// read_table: the reader chosen by the file's extension.
#include "formats/table.hpp"

#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::formats {

Table read_table(std::string_view file_name, std::string_view bytes) {
  const auto dot = file_name.rfind('.');
  const std::string extension =
      dot == std::string_view::npos ? std::string() : to_lower_ascii(file_name.substr(dot));
  if (extension == ".csv") return read_csv(bytes);
  if (extension == ".xlsx") return read_xlsx(bytes);
  throw DomainError(ErrorKind::validation, "import.unknown_format")
      .param("file", std::string(file_name));
}

}  // namespace hms::formats

// Files a list page offers for download: the CSV or XLSX of every row a list's filters match.
#include <string>

#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

namespace {

// A file name safe inside a quoted Content-Disposition: letters, digits, '-', '_' and '.' kept,
// anything else becomes '_'.
std::string safe_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    out += keep ? static_cast<char>(c) : '_';
  }
  return out.empty() ? "export" : out;
}

}  // namespace

Response download(const std::string& file_name, const std::string& content_type, std::string bytes) {
  Response r;
  r.status = 200;
  r.content_type = content_type;
  r.body = std::move(bytes);
  r.headers.emplace("Content-Disposition", "attachment; filename=\"" + safe_file_name(file_name) + "\"");
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

std::string export_format(const Request& req) {
  std::string format = req.query_value("format");
  for (auto& c : format) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "xlsx")
    throw DomainError(ErrorKind::bad_request, "export.unknown_format").field("format").param("format", format);
  return format;
}

Response export_list(const Request& req, const std::string& base_name, const std::vector<formats::Column>& columns,
                     const std::vector<std::vector<std::string>>& rows) {
  const std::string format = export_format(req);
  std::string today = req.clock ? to_iso(req.clock->today()) : "";
  std::string stem = today.empty() ? base_name : base_name + "-" + today;
  if (format == "csv") {
    return download(stem + ".csv", "text/csv; charset=utf-8", formats::write_csv(columns, rows));
  }
  return download(stem + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  formats::write_xlsx(base_name, columns, rows));
}

}  // namespace hms::http

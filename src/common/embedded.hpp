// Files compiled into the binary (migrations, templates, catalogs, static assets, rules):
// e.g. find(migrations(), "V0001__foundation.sql"). See cmake/embed.cmake.
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace hms::embedded {

struct File {
  std::string_view path;
  std::string_view contents;
};

inline std::optional<std::string_view> find(std::span<const File> files, std::string_view path) {
  for (const auto& f : files)
    if (f.path == path) return f.contents;
  return std::nullopt;
}

// One function per embedded set, each defined in a generated file of the layer that owns it.
std::span<const File> migrations();  // storage: db/migrations/*.sql
std::span<const File> web_assets();  // web: templates, catalogs, static files

}  // namespace hms::embedded

// A WHERE clause built from the filters that apply, with its parameters numbered from $1.
// Each condition is written only when it applies (no "($1 = 0 OR …)"), so indexes are used:
//   Where w; if (agency) w.add("d.agency_id = ?", {*agency});
//   c.query("SELECT … FROM dwellings d " + w.sql + " ORDER BY d.reference" + w.limit_offset(50, 0), w.params);
#pragma once
#include <string>
#include <vector>

#include "storage/db/database.hpp"

namespace hms::db {

struct Where {
  std::string sql;  // "" or "WHERE … AND …"
  Params params;

  // `condition` has one '?' per value, in order.
  void add(const std::string& condition, std::vector<Value> values) {
    std::string c = condition;
    std::size_t at = 0;
    for (auto& v : values) {
      params.push_back(std::move(v));
      std::string placeholder = "$" + std::to_string(params.size());
      at = c.find('?', at);
      c.replace(at, 1, placeholder);
      at += placeholder.size();
    }
    sql += (sql.empty() ? "WHERE " : " AND ") + c;
  }
  // " LIMIT $n OFFSET $m", with the two values appended to params.
  std::string limit_offset(int limit, int offset) {
    params.emplace_back(std::int64_t{limit});
    params.emplace_back(std::int64_t{offset});
    return " LIMIT $" + std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size());
  }
};

}  // namespace hms::db

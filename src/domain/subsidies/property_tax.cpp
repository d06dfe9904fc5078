#include "domain/subsidies/property_tax.hpp"

#include <algorithm>

namespace hms::subsidies {

void clip_to_year(PropertyTaxLine& line, int year) {
  using namespace std::chrono;
  const year_month_day first{std::chrono::year(year), January, day(1)};
  const year_month_day last{std::chrono::year(year), December, day(31)};
  line.from = std::max(line.contract_start, first);
  line.to = line.contract_end ? std::min(*line.contract_end, last) : last;
}

}  // namespace hms::subsidies

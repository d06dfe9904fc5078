#include "domain/indexation/indexation.hpp"

#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::indexation {

using std::chrono::year_month_day;

std::string_view to_string(Regime r) {
  switch (r) {
    case Regime::standard: return "standard";
    case Regime::limitation_2022: return "limitation_2022";
    case Regime::correction_factor: return "correction_factor";
    case Regime::unregistered: return "unregistered";
    case Regime::no_certificate: return "no_certificate";
    case Regime::before_first_anniversary: return "before_first_anniversary";
  }
  return "";
}

year_month_day anniversary(year_month_day start, int n) {
  auto y = std::chrono::year{static_cast<int>(start.year()) + n};
  auto last = std::chrono::year_month_day_last{y / start.month() / std::chrono::last}.day();
  return year_month_day{y, start.month(), std::min(start.day(), last)};
}

namespace {

bool in_limitation(year_month_day d) { return d >= kLimitationFirstDay && d <= kLimitationLastDay; }

// The index of the month before the month of `d`.
const IndexValue& index_before(const HealthIndex& index, year_month_day d) {
  return index.at(YearMonth::of(d).previous());
}

std::string money(Money m) { return m.format_plain(); }

}  // namespace

Result index_rent(const HealthIndex& index, const Request& q) {
  if (q.peb && (*q.peb < 'A' || *q.peb > 'G'))
    throw DomainError(ErrorKind::validation, "indexation.invalid_peb").field("peb");
  if (q.on < q.start)
    throw DomainError(ErrorKind::validation, "indexation.on_before_start").field("on");
  if (q.base_rent < Money::zero())
    throw DomainError(ErrorKind::validation, "indexation.negative_rent").field("rent");

  Result r;
  r.rent = q.base_rent;
  r.steps.push_back({"indexation.step.base_rent", {{"rent", money(q.base_rent)}}});

  // 1. Preconditions: a registered lease, an energy certificate, an anniversary reached.
  if (!q.registered) {
    r.regime = Regime::unregistered;
    r.steps.push_back({"indexation.step.unregistered", {}});
    return r;
  }
  if (!q.certificate) {
    r.regime = Regime::no_certificate;
    r.steps.push_back({"indexation.step.no_certificate", {}});
    return r;
  }
  int n = static_cast<int>(q.on.year()) - static_cast<int>(q.start.year());
  while (n > 0 && anniversary(q.start, n) > q.on) --n;
  if (n < 1) {
    r.regime = Regime::before_first_anniversary;
    r.steps.push_back({"indexation.step.before_first_anniversary", {{"date", to_iso(anniversary(q.start, 1))}}});
    return r;
  }
  const year_month_day when = anniversary(q.start, n);
  r.anniversary = when;

  // 2. The two indices of the formula.
  const IndexValue& start_index = index_before(index, q.signed_on);
  const IndexValue& new_index = index_before(index, when);
  r.base_index = start_index;
  r.new_index = new_index;
  r.steps.push_back({"indexation.step.base_index",
                     {{"month", start_index.month.to_string()}, {"value", start_index.text()}, {"signed", to_iso(q.signed_on)}}});
  r.steps.push_back({"indexation.step.anniversary", {{"date", to_iso(when)}, {"n", std::to_string(n)}}});
  r.steps.push_back({"indexation.step.new_index", {{"month", new_index.month.to_string()}, {"value", new_index.text()}}});
  for (const IndexValue* v : {&start_index, &new_index})
    if (v->status != "verified")
      r.steps.push_back({"indexation.step.index_unverified", {{"month", v->month.to_string()}, {"source", v->source}}, true});

  // The index of the month before the anniversary before `k` (the starting index before the first).
  auto previous_index = [&](int k) -> const IndexValue& {
    return k <= 1 ? start_index : index_before(index, anniversary(q.start, k - 1));
  };

  // 3. The regime, and the factor applied to base × new / start. The class matters only in the
  //    limitation period and, for leases in force before it, afterwards.
  const bool class_matters = in_limitation(when) || (when > kLimitationLastDay && q.start < kLimitationFirstDay);
  if (class_matters && !q.peb) r.steps.push_back({"indexation.step.peb_not_given", {}, true});
  const char peb = q.peb.value_or('A');
  const bool efg = peb == 'E' || peb == 'F' || peb == 'G';
  std::int64_t fn = 1, fd = 1;
  if (in_limitation(when)) {
    r.regime = Regime::limitation_2022;
    const IndexValue& prev = previous_index(n);
    if (peb == 'E') {  // half of the year's rise: (previous + new) / 2
      fn = prev.hundredths + new_index.hundredths;
      fd = 2 * new_index.hundredths;
      r.steps.push_back({"indexation.step.limitation_e", {{"previous_month", prev.month.to_string()}, {"previous", prev.text()}}});
    } else if (efg) {  // F, G: no rise this year: the previous index stays
      fn = prev.hundredths;
      fd = new_index.hundredths;
      r.steps.push_back({"indexation.step.limitation_fg", {{"previous_month", prev.month.to_string()}, {"previous", prev.text()}}});
    } else {
      r.steps.push_back({"indexation.step.limitation_ad", {}});
    }
  } else if (when > kLimitationLastDay && q.start < kLimitationFirstDay && efg) {
    r.regime = Regime::correction_factor;
    int k = n;  // the anniversary that fell in the limitation period
    while (k > 1 && !in_limitation(anniversary(q.start, k))) --k;
    const year_month_day frozen_on = anniversary(q.start, k);
    const IndexValue& frozen = index_before(index, frozen_on);
    const IndexValue& prev = previous_index(k);
    if (peb == 'E') {
      fn = prev.hundredths + frozen.hundredths;
      fd = 2 * frozen.hundredths;
    } else {
      fn = prev.hundredths;
      fd = frozen.hundredths;
    }
    r.steps.push_back({peb == 'E' ? "indexation.step.correction_e" : "indexation.step.correction_fg",
                       {{"frozen_date", to_iso(frozen_on)},
                        {"frozen_month", frozen.month.to_string()},
                        {"frozen", frozen.text()},
                        {"previous_month", prev.month.to_string()},
                        {"previous", prev.text()}}});
    if (frozen_on < year_month_day{std::chrono::year{2023}, std::chrono::January, std::chrono::day{1}})
      r.steps.push_back({"indexation.step.correction_cohort_2022_unverified", {}, true});
  } else {
    r.regime = Regime::standard;
    r.steps.push_back({"indexation.step.standard", {}});
  }
  r.factor_numerator = fn;
  r.factor_denominator = fd;

  // 4. The arithmetic, rounded once to the cent, half up.
  r.rent = multiply(q.base_rent, new_index.hundredths * fn, start_index.hundredths * fd, Rounding::half_up);
  std::map<std::string, std::string> formula = {
      {"rent", money(q.base_rent)}, {"new", new_index.text()}, {"start", start_index.text()}, {"result", money(r.rent)}};
  if (fn == fd) {
    r.steps.push_back({"indexation.step.formula", formula});
  } else {
    char factor[32];
    std::snprintf(factor, sizeof factor, "%.6f", r.factor());
    formula["factor"] = factor;
    r.steps.push_back({"indexation.step.formula_with_factor", formula});
  }
  return r;
}

}  // namespace hms::indexation

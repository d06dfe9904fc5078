// Properties of the Brussels rent indexation over many generated leases (deterministic seeds):
//  - with a rising index, the rent never decreases from one anniversary to the next (A–D, and
//    E–G too: the limitation holds a rent, it never lowers it);
//  - a correction or limitation factor never raises a rent: class E/F/G ≤ class A–D;
//  - the rent is always the exact cent floor(base × N / D + 1/2), where N / D is the product of
//    the indices and the factor, recomputed here by an independent model of the rules (ADR 0003)
//    in 128-bit integers;
//  - between two anniversaries, the last one applies.
// Run on the shipped table (rules/health-index.csv) and on a synthetic, strictly rising one.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "app/rules/reference_data.hpp"
#include "common/date.hpp"
#include "common/money.hpp"
#include "domain/indexation/indexation.hpp"

namespace hms::indexation {
namespace {

__extension__ typedef __int128 Wide;

using std::chrono::year_month_day;
using Days = std::chrono::sys_days;

// ---- A small deterministic generator (portable: no std distribution) --------------------------

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  // In [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  year_month_day day_between(year_month_day lo, year_month_day hi) {
    const auto a = Days(lo).time_since_epoch().count();
    const auto b = Days(hi).time_since_epoch().count();
    return year_month_day{Days(std::chrono::days(between(a, b)))};
  }

 private:
  std::mt19937_64 rng_;
};

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
year_month_day plus_days(year_month_day d, int n) { return year_month_day{Days(d) + std::chrono::days(n)}; }

// ---- The independent model --------------------------------------------------------------------

struct Lease {
  std::int64_t rent_cents = 0;
  year_month_day signed_on, start;
};

struct Expected {
  Regime regime = Regime::standard;
  std::int64_t rent_cents = 0;
  Wide factor_num = 1, factor_den = 1;
};

// The n-th anniversary; 29 February falls on 28 February in common years.
year_month_day model_anniversary(year_month_day start, int n) {
  const std::chrono::year y{static_cast<int>(start.year()) + n};
  year_month_day d{y, start.month(), start.day()};
  if (!d.ok()) d = year_month_day{y, start.month(), std::chrono::day{28}};
  return d;
}

bool in_period(year_month_day d) { return d >= ymd(2022, 10, 14) && d <= ymd(2023, 10, 13); }

// Index of the month before the month of `d` (throws if unknown: callers avoid it).
std::int64_t before(const std::map<std::pair<int, unsigned>, std::int64_t>& table, year_month_day d) {
  int y = static_cast<int>(d.year());
  unsigned m = static_cast<unsigned>(d.month());
  if (m == 1) {
    --y;
    m = 12;
  } else {
    --m;
  }
  return table.at({y, m});
}

std::map<std::pair<int, unsigned>, std::int64_t> as_table(const HealthIndex& h) {
  std::map<std::pair<int, unsigned>, std::int64_t> out;
  for (const auto& [month, v] : h.values())
    out[{month.year(), static_cast<unsigned>(month.month())}] = v.hundredths;
  return out;
}

Expected model(const std::map<std::pair<int, unsigned>, std::int64_t>& table, const Lease& l, year_month_day on,
               std::optional<char> peb, bool registered) {
  Expected e;
  e.rent_cents = l.rent_cents;
  if (!registered) {
    e.regime = Regime::unregistered;
    return e;
  }
  if (!peb) {
    e.regime = Regime::no_certificate;
    return e;
  }
  int n = 0;
  while (model_anniversary(l.start, n + 1) <= on) ++n;
  if (n == 0) {
    e.regime = Regime::before_first_anniversary;
    return e;
  }
  const auto when = model_anniversary(l.start, n);
  const Wide start_index = before(table, l.signed_on);
  const Wide new_index = before(table, when);
  auto previous = [&](int k) -> Wide { return k == 1 ? start_index : before(table, model_anniversary(l.start, k - 1)); };
  const bool e_class = *peb == 'E', fg = *peb == 'F' || *peb == 'G';
  if (in_period(when)) {
    e.regime = Regime::limitation_2022;
    if (e_class) {
      e.factor_num = previous(n) + new_index;
      e.factor_den = 2 * new_index;
    } else if (fg) {
      e.factor_num = previous(n);
      e.factor_den = new_index;
    }
  } else if (when > ymd(2023, 10, 13) && l.start < ymd(2022, 10, 14) && (e_class || fg)) {
    e.regime = Regime::correction_factor;
    int k = 1;
    while (!in_period(model_anniversary(l.start, k))) ++k;
    const Wide frozen = before(table, model_anniversary(l.start, k));
    if (e_class) {
      e.factor_num = previous(k) + frozen;
      e.factor_den = 2 * frozen;
    } else {
      e.factor_num = previous(k);
      e.factor_den = frozen;
    }
  }
  // floor(base × N / D + 1/2) = floor((2 × base × N + D) / (2 × D)), all positive.
  const Wide num = static_cast<Wide>(l.rent_cents) * new_index * e.factor_num;
  const Wide den = start_index * e.factor_den;
  e.rent_cents = static_cast<std::int64_t>((2 * num + den) / (2 * den));
  return e;
}

Result engine(const HealthIndex& h, const Lease& l, year_month_day on, std::optional<char> peb, bool registered = true) {
  Request q;
  q.base_rent = Money::from_cents(l.rent_cents);
  q.signed_on = l.signed_on;
  q.start = l.start;
  q.on = on;
  q.certificate = peb.has_value();  // here, no class means no certificate
  q.peb = peb;
  q.registered = registered;
  return index_rent(h, q);
}

std::string label(const Lease& l, year_month_day on, std::optional<char> peb) {
  return "rent " + Money::from_cents(l.rent_cents).format_plain() + " signed " + to_iso(l.signed_on) + " start " +
         to_iso(l.start) + " on " + to_iso(on) + " class " + (peb ? std::string(1, *peb) : "none");
}

// ---- The two tables ---------------------------------------------------------------------------

// A strictly rising index, 2009-01 … 2045-12, with irregular monthly steps of 0.01 to 0.90.
const HealthIndex& rising() {
  static const HealthIndex h = [] {
    std::string csv = "month,value,base,status,source\n";
    Gen g(20221014);
    std::int64_t v = 9000;
    for (int y = 2009; y <= 2045; ++y)
      for (int m = 1; m <= 12; ++m) {
        v += g.between(1, 90);
        char line[80];
        std::snprintf(line, sizeof line, "%04d-%02d,%lld.%02lld,2013,verified,synthetic\n", y, m,
                      static_cast<long long>(v / 100), static_cast<long long>(v % 100));
        csv += line;
      }
    return HealthIndex::parse_csv(csv);
  }();
  return h;
}

const std::vector<std::optional<char>> kAllClasses = {'A', 'B', 'C', 'D', 'E', 'F', 'G', std::nullopt};

// Leases for the rising table: in force 2010 … 2034, signed up to 120 days before.
Lease rising_lease(Gen& g) {
  Lease l;
  l.rent_cents = g.between(0, 9) == 0 ? g.between(1, 1'000'000'000) : g.between(1, 500'000);
  l.start = g.day_between(ymd(2010, 1, 1), ymd(2034, 12, 31));
  if (g.between(0, 15) == 0) l.start = ymd(static_cast<int>(g.between(2012, 2032)) / 4 * 4, 2, 29);  // leap years
  l.signed_on = plus_days(l.start, -static_cast<int>(g.between(0, 120)));
  return l;
}

// Leases for the shipped table: signed from 2015-02 (the table starts with 2015-01), so that the
// starting index is known; anniversaries are asked up to 2026-07-31 (2026-06 is the last month).
Lease shipped_lease(Gen& g) {
  Lease l;
  l.rent_cents = g.between(1, 500'000);
  l.start = g.day_between(ymd(2015, 3, 1), ymd(2025, 7, 31));
  l.signed_on = plus_days(l.start, -static_cast<int>(g.between(0, 25)));
  if (l.signed_on < ymd(2015, 2, 1)) l.signed_on = ymd(2015, 2, 1);
  return l;
}
constexpr auto kShippedLastOn = std::chrono::year{2026} / std::chrono::July / std::chrono::day{31};

// ---- Properties -------------------------------------------------------------------------------

TEST(IndexationProperty, RisingIndexNeverLowersTheRentFromOneAnniversaryToTheNext) {
  Gen g(1);
  int checked = 0;
  for (int i = 0; i < 1500; ++i) {
    const Lease l = rising_lease(g);
    for (char peb : {'A', 'B', 'C', 'D', 'E', 'F', 'G'}) {
      Money previous = Money::from_cents(l.rent_cents);
      for (int n = 1; n <= 10; ++n) {
        const auto on = anniversary(l.start, n);
        const auto r = engine(rising(), l, on, peb);
        EXPECT_GE(r.rent, previous) << label(l, on, peb) << " after " << previous.format_plain();
        previous = r.rent;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 1500 * 7 * 10);
}

TEST(IndexationProperty, AFactorNeverRaisesTheRent) {
  // The same lease in class E, F or G never pays more than in class A–D, and the factor is ≤ 1;
  // F/G never pays more than E.
  auto check = [](const HealthIndex& h, const Lease& l, year_month_day on, int& checked) {
    const auto full = engine(h, l, on, 'C');
    const auto e = engine(h, l, on, 'E');
    EXPECT_LE(e.rent, full.rent) << label(l, on, 'E');
    for (char peb : {'F', 'G'}) {
      const auto r = engine(h, l, on, peb);
      EXPECT_LE(r.rent, full.rent) << label(l, on, peb);
      EXPECT_LE(r.rent, e.rent) << label(l, on, peb);
      EXPECT_LE(r.factor_numerator, r.factor_denominator) << label(l, on, peb);
    }
    EXPECT_LE(e.factor_numerator, e.factor_denominator) << label(l, on, 'E');
    ++checked;
  };
  int checked = 0;
  Gen g(2);
  for (int i = 0; i < 1500; ++i) {
    const Lease l = rising_lease(g);
    for (int n = 1; n <= 10; ++n) check(rising(), l, anniversary(l.start, n), checked);
  }
  Gen s(3);
  for (int i = 0; i < 1500; ++i) {
    const Lease l = shipped_lease(s);
    for (int n = 1; anniversary(l.start, n) <= kShippedLastOn; ++n) check(app::shipped_health_index(), l, anniversary(l.start, n), checked);
  }
  EXPECT_GT(checked, 20000);
}

TEST(IndexationProperty, RentIsTheExactCentOfTheIndependentModel) {
  int checked = 0, with_factor = 0, limitation = 0, correction = 0;
  const auto rising_table = as_table(rising());
  const auto shipped_table = as_table(app::shipped_health_index());
  auto check = [&](const HealthIndex& h, const Lease& l, year_month_day on) {
    const auto& table = &h == &rising() ? rising_table : shipped_table;
    for (const auto& peb : kAllClasses) {
      for (bool registered : {true, false}) {
        if (!registered && peb != 'C') continue;
        const auto r = engine(h, l, on, peb, registered);
        const auto e = model(table, l, on, peb, registered);
        EXPECT_EQ(r.rent.cents(), e.rent_cents) << label(l, on, peb);
        EXPECT_EQ(r.regime, e.regime) << label(l, on, peb);
        EXPECT_TRUE(static_cast<Wide>(r.factor_numerator) * e.factor_den == e.factor_num * r.factor_denominator)
            << label(l, on, peb) << " factor " << r.factor_numerator << "/" << r.factor_denominator;
        with_factor += r.factor_numerator != r.factor_denominator;
        limitation += r.regime == Regime::limitation_2022;
        correction += r.regime == Regime::correction_factor;
        ++checked;
      }
    }
  };
  // Asked on anniversaries, on the day before them, and on random days of the lease.
  Gen g(4);
  for (int i = 0; i < 800; ++i) {
    const Lease l = rising_lease(g);
    for (int n = 1; n <= 6; ++n) {
      check(rising(), l, anniversary(l.start, n));
      check(rising(), l, plus_days(anniversary(l.start, n), -1));
    }
    check(rising(), l, g.day_between(l.start, plus_days(l.start, 3650)));
  }
  Gen s(5);
  for (int i = 0; i < 800; ++i) {
    const Lease l = shipped_lease(s);
    for (int n = 1; anniversary(l.start, n) <= kShippedLastOn; ++n) {
      check(app::shipped_health_index(), l, anniversary(l.start, n));
      check(app::shipped_health_index(), l, plus_days(anniversary(l.start, n), -1));
    }
    if (l.start <= kShippedLastOn) check(app::shipped_health_index(), l, g.day_between(l.start, kShippedLastOn));
  }
  EXPECT_GT(checked, 50000);
  // The generated leases reach every regime with a factor.
  EXPECT_GT(with_factor, 1000);
  EXPECT_GT(limitation, 1000);
  EXPECT_GT(correction, 1000);
}

TEST(IndexationProperty, BetweenTwoAnniversariesTheLastOneApplies) {
  Gen g(6);
  for (int i = 0; i < 1000; ++i) {
    const Lease l = rising_lease(g);
    const int n = static_cast<int>(g.between(1, 8));
    const auto at = anniversary(l.start, n);
    const auto next = anniversary(l.start, n + 1);
    const auto on = g.day_between(at, plus_days(next, -1));
    for (char peb : {'B', 'E', 'G'}) {
      const auto a = engine(rising(), l, at, peb);
      const auto b = engine(rising(), l, on, peb);
      EXPECT_EQ(a.rent, b.rent) << label(l, on, peb);
      EXPECT_EQ(a.regime, b.regime) << label(l, on, peb);
      ASSERT_TRUE(b.anniversary.has_value());
      EXPECT_EQ(*b.anniversary, at) << label(l, on, peb);
    }
  }
}

TEST(IndexationProperty, RentScalesWithTheBaseRent) {
  // The result is rounded once: base × k gives k × (unrounded) and so never differs from
  // k × the rounded result by more than k / 2 cents.
  Gen g(7);
  for (int i = 0; i < 500; ++i) {
    Lease l = rising_lease(g);
    l.rent_cents = g.between(1, 200'000);
    const auto on = anniversary(l.start, static_cast<int>(g.between(1, 9)));
    for (char peb : {'A', 'E', 'F'}) {
      const auto one = engine(rising(), l, on, peb).rent.cents();
      Lease ten = l;
      ten.rent_cents *= 10;
      const auto tenfold = engine(rising(), ten, on, peb).rent.cents();
      EXPECT_LE(std::abs(tenfold - 10 * one), 5) << label(l, on, peb);
    }
  }
}

}  // namespace
}  // namespace hms::indexation

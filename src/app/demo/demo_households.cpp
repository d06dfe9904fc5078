#include "app/demo/demo_households.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "app/demo/demo_people.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/applicants/applicant.hpp"
#include "domain/leases/lease.hpp"

namespace hms::app::demo {
namespace {

using applicants::Applicant;
using applicants::Band;
using applicants::Member;
using applicants::Relation;
using std::chrono::year_month_day;

year_month_day add_years(year_month_day d, int years) { return add_months(d, 12 * years); }
year_month_day first_of_month(year_month_day d) { return d.year() / d.month() / 1; }

// A valid national register number for a birth date: YYMMDD, a serial, and 97 − (the nine
// digits, with a "2" in front for births from 2000) mod 97.
std::string national_number(Random& rng, year_month_day born) {
  char nine[16];
  std::snprintf(nine, sizeof nine, "%02d%02u%02u%03d", static_cast<int>(born.year()) % 100,
                static_cast<unsigned>(born.month()), static_cast<unsigned>(born.day()), rng.between_int(1, 997));
  long long base = std::stoll(nine);
  if (static_cast<int>(born.year()) >= 2000) base += 2'000'000'000LL;
  char out[16];
  std::snprintf(out, sizeof out, "%s%02lld", nine, 97 - base % 97);
  return out;
}

year_month_day born_between(Random& rng, year_month_day oldest, year_month_day youngest) {
  return add_days(oldest, rng.between_int(0, std::max(0, days_between(oldest, youngest))));
}

constexpr std::array<const char*, 8> kReferrals = {"CPAS de Schaerbeek", "CPAS d'Anderlecht", "OCMW Brussel",
                                                   "CPAS de Molenbeek",  "Service social de quartier",
                                                   "CPAS de Saint-Gilles", "Maison d'accueil", "OCMW Jette"};
constexpr std::array<const char*, 4> kStruckOff = {"did not renew the candidacy", "refused a proposal without reason",
                                                   "moved out of the Region", "housed by another landlord"};
constexpr std::array<const char*, 6> kEndReasons = {"left after notice", "moved to a larger dwelling",
                                                    "housed in social housing", "left after notice",
                                                    "end of the transit stay", "death of the tenant"};

class HouseholdBuilder {
 public:
  HouseholdBuilder(UnitOfWork& uow, const Context& ctx, const HouseholdPlan& plan)
      : uow_(uow),
        plan_(plan),
        rng_(Random::stream(plan.seed, 5000 + static_cast<std::uint64_t>(plan.index))),
        today_(ctx.clock.today()),
        now_(ctx.clock.now_seconds()) {}

  HouseholdCounts run() {
    // 1. Tenants, one per stay, registered some months to a few years before they moved in;
    //    then the waiting list, registered over the last six years.
    for (const auto& o : plan_.occupancies) {
      Planned p;
      p.occupancy = &o;
      p.applicant = household(add_days(o.from, -rng_.between_int(90, 1400)), tenant_band(), o.from);
      p.applicant.status = applicants::Status::housed;
      p.applicant.status_since = o.from;
      planned_.push_back(std::move(p));
    }
    for (int i = 0; i < plan_.waiting; ++i) {
      Planned p;
      p.applicant = household(add_days(today_, -rng_.between_int(5, 6 * 365)), waiting_band(), today_);
      planned_.push_back(std::move(p));
    }
    for (int i = 0; i < plan_.waiting / 9; ++i) {  // struck off along the way
      Planned p;
      p.applicant = household(add_days(today_, -rng_.between_int(200, 6 * 365)), waiting_band(), today_);
      p.applicant.status = applicants::Status::struck_off;
      p.applicant.status_reason = rng_.pick(std::span<const char* const>(kStruckOff));
      p.applicant.status_since = add_days(p.applicant.registered_on, rng_.between_int(60, std::max(61, days_between(p.applicant.registered_on, today_))));
      planned_.push_back(std::move(p));
    }
    // 2. Written in the order of registration: the chronological numbers follow it.
    std::stable_sort(planned_.begin(), planned_.end(), [](const Planned& a, const Planned& b) {
      return a.applicant.registered_on < b.applicant.registered_on;
    });
    for (auto& p : planned_) {
      p.applicant.agency_id = plan_.agency.id;
      p.applicant.agency_code = plan_.agency.code;
      p.applicant.created_at = p.applicant.updated_at = now_;
      p.applicant.id = uow_.applicants().insert(p.applicant);
      ++counts_.applicants;
      if (p.applicant.status == applicants::Status::active) ++counts_.waiting;
    }
    // 3. The leases, in date order.
    std::vector<Planned*> tenants;
    for (auto& p : planned_)
      if (p.occupancy) tenants.push_back(&p);
    std::stable_sort(tenants.begin(), tenants.end(), [](const Planned* a, const Planned* b) {
      return a->occupancy->from < b->occupancy->from;
    });
    for (auto* p : tenants) write_lease(*p);
    return counts_;
  }

 private:
  struct Planned {
    Applicant applicant;
    const Occupancy* occupancy = nullptr;
  };

  // About 92 % of tenants at or below the ceiling; an agency below two thirds lets 45 % to
  // moderate incomes; a few middle incomes in over-indebtedness.
  Band tenant_band() {
    const int moderate = plan_.below_two_thirds ? 430 : 70;
    const int roll = rng_.between_int(0, 999);
    if (roll < 10) return Band::middle;
    if (roll < 10 + moderate) return Band::moderate;
    return Band::eligible;
  }
  Band waiting_band() {
    constexpr std::array<int, 4> weights = {840, 130, 20, 10};
    return static_cast<Band>(rng_.weighted(std::span<const int>(weights)));
  }

  // The income year of a household assessed on `day`: two years before, or the nearest year
  // whose admission incomes are known.
  int income_year(year_month_day day) const {
    const int wanted = static_cast<int>(day.year()) - 2;
    int best = 0;
    for (const auto& [year, row] : plan_.admission_incomes.years())
      if (best == 0 || std::abs(year - wanted) < std::abs(best - wanted)) best = year;
    return best;
  }

  Applicant household(year_month_day registered, Band band, year_month_day assessed) {
    Applicant a;
    a.registered_on = std::min(registered, today_);
    a.renewed_on = a.registered_on;
    while (add_years(a.renewed_on, 1) <= today_ && !rng_.chance(40)) a.renewed_on = add_years(a.renewed_on, 1);
    a.status_since = a.registered_on;
    if (rng_.chance(300)) a.referral = std::string(rng_.pick(std::span<const char* const>(kReferrals)));
    // The people: who applies, a partner or not, children.
    auto person = draw_person(rng_, plan_.places);
    const auto space = person.name.find(' ');
    const int kind = static_cast<int>(rng_.weighted(std::span<const int>(std::array<int, 4>{36, 30, 12, 22})));
    const bool partner = kind >= 2;
    const int children = kind == 1 ? rng_.between_int(1, 3) : kind == 3 ? rng_.between_int(1, 4) : 0;
    const year_month_day oldest = add_years(a.registered_on, -75), adult = add_years(a.registered_on, -20);
    Member head;
    head.first_name = person.name.substr(0, space);
    head.last_name = space == std::string::npos ? person.name : person.name.substr(space + 1);
    head.birth_date = born_between(rng_, oldest, adult);
    head.relation = Relation::applicant;
    head.disabled = rng_.chance(40);
    head.national_number = national_number(rng_, head.birth_date);
    a.members.push_back(head);
    if (partner) {
      Member m;
      const auto other = draw_person(rng_, plan_.places).name;
      const auto sp = other.find(' ');
      m.first_name = other.substr(0, sp);
      m.last_name = rng_.chance(600) || sp == std::string::npos ? head.last_name : other.substr(sp + 1);
      m.birth_date = born_between(rng_, add_days(head.birth_date, -3000), std::min(adult, add_days(head.birth_date, 3000)));
      m.relation = Relation::partner;
      m.disabled = rng_.chance(30);
      m.national_number = national_number(rng_, m.birth_date);
      a.members.push_back(m);
    }
    for (int c = 0; c < children; ++c) {
      Member m;
      m.first_name = draw_person(rng_, plan_.places).name;
      m.first_name = m.first_name.substr(0, m.first_name.find(' '));
      m.last_name = head.last_name;
      m.birth_date = born_between(rng_, add_years(a.registered_on, -18), add_days(a.registered_on, -30));
      m.relation = Relation::child;
      m.dependent = true;
      m.disabled = rng_.chance(20);
      m.national_number = national_number(rng_, m.birth_date);
      a.members.push_back(m);
    }
    a.incomes = partner && rng_.chance(450) ? 2 : 1;
    a.language = person.language;
    a.email = person.email;
    a.phone = person.phone;
    a.address = plan_.places.postal_address(rng_, 960);
    a.over_indebted = band == Band::middle || rng_.chance(60);
    // The income: a share of the ceiling of the household's composition that gives the band.
    a.income_year = income_year(assessed);
    if (a.income_year != 0) {
      const auto ceiling = applicants::assess(plan_.admission_incomes.year(a.income_year), applicants::household_of(a),
                                              Money()).ceiling;
      std::int64_t per_mille = 0;
      switch (band) {
        case Band::eligible: per_mille = rng_.between(420, 1000); break;
        case Band::moderate: per_mille = rng_.between(1010, 1480); break;
        case Band::middle: per_mille = rng_.between(1520, 1950); break;
        case Band::above: per_mille = rng_.between(2050, 2600); break;
      }
      a.income = Money::from_cents(ceiling.cents() * per_mille / 1000 / 100 * 100);
      a.band = applicants::band_of(a, plan_.admission_incomes);
    }
    // Preferred communes: none, or the agency's and a neighbour or two.
    if (rng_.chance(600)) {
      const std::string home = plan_.agency.postcode.value_or("1000");
      a.preferred_postcodes.push_back(home);
      auto around = neighbours_of(home);
      for (int k = rng_.between_int(0, 2); k > 0 && !around.empty(); --k)
        a.preferred_postcodes.push_back(rng_.pick(around));
      std::sort(a.preferred_postcodes.begin(), a.preferred_postcodes.end());
      a.preferred_postcodes.erase(std::unique(a.preferred_postcodes.begin(), a.preferred_postcodes.end()),
                                  a.preferred_postcodes.end());
    }
    return a;
  }

  void write_lease(const Planned& p) {
    const Occupancy& o = *p.occupancy;
    leases::Lease l;
    l.agency_id = plan_.agency.id;
    l.agency_code = plan_.agency.code;
    l.dwelling_id = o.dwelling_id;
    l.applicant_id = p.applicant.id;
    const int kind = static_cast<int>(rng_.weighted(std::span<const int>(std::array<int, 3>{86, 9, 5})));
    l.kind = kind == 0 ? leases::LeaseKind::standard : kind == 1 ? leases::LeaseKind::short_term : leases::LeaseKind::transit;
    l.start = o.from;
    l.end = o.last_day;
    if (l.kind == leases::LeaseKind::short_term && (!l.end || *l.end >= add_years(l.start, 3)))
      l.kind = leases::LeaseKind::standard;  // a short lease outlived becomes a standard one
    if (l.kind == leases::LeaseKind::short_term && !l.end) l.kind = leases::LeaseKind::standard;
    // The rent: within the tenant-rent cap of its first day, most at 85–100 % of it.
    auto cap = plan_.tenant_rent_caps.cap_for(l.start, o.type, o.bedrooms);
    Money basis = cap ? cap->amount : Money::from_cents(45000 + 8000 * o.bedrooms);
    l.cap = cap ? std::optional(cap->amount) : std::nullopt;
    l.tenant_rent = Money::from_cents(basis.cents() * rng_.between(850, 1000) / 1000 / 100 * 100);
    l.charges = Money::from_cents(rng_.between(3, 12) * 1000);
    l.deposit = Money::from_cents(l.tenant_rent.cents() * (rng_.chance(700) ? 2 : 1));
    constexpr std::array<int, 6> forms = {55, 10, 8, 20, 5, 2};
    l.deposit_form = leases::kAllDepositForms[rng_.weighted(std::span<const int>(forms))];
    l.deposit_held_by = l.deposit_form == leases::DepositForm::cpas_guarantee ? "CPAS" : rng_.chance(500) ? "Belfius" : "BNP Paribas Fortis";
    l.band = p.applicant.band ? std::string(applicants::to_string(*p.applicant.band)) : "unknown";
    l.income_year = p.applicant.income_year;
    if (l.end) {
      l.end_reason = rng_.pick(std::span<const char* const>(kEndReasons));
      if (rng_.chance(600)) {
        l.notice_by = leases::NoticeBy::tenant;
        l.notice_received_on = add_days(first_of_month(add_months(*l.end, -3)), -rng_.between_int(1, 20));
      }
      if (*l.end < add_days(today_, -70)) {
        l.deposit_returned_on = add_days(*l.end, rng_.between_int(10, 55));
        l.deposit_returned = rng_.chance(800) ? l.deposit : Money::from_cents(l.deposit.cents() / 2);
      }
    }
    l.created_at = l.updated_at = now_;
    leases::validate_lease(l);
    uow_.leases().insert(l);
    ++counts_.leases;
  }

  UnitOfWork& uow_;
  const HouseholdPlan& plan_;
  Random rng_;
  const year_month_day today_;
  const std::int64_t now_;
  std::vector<Planned> planned_;
  HouseholdCounts counts_;
};

}  // namespace

HouseholdCounts build_agency_households(UnitOfWork& uow, const Context& ctx, const HouseholdPlan& plan) {
  return HouseholdBuilder(uow, ctx, plan).run();
}

}  // namespace hms::app::demo

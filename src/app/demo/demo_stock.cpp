#include "app/demo/demo_stock.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "app/demo/demo_people.hpp"
#include "common/date.hpp"
#include "domain/owners/owner.hpp"
#include "domain/owners/owner_contract.hpp"
#include "domain/stock/dwelling.hpp"

namespace hms::app::demo {
namespace {

using std::chrono::year_month_day;
using stock::DwellingStatus;
using stock::DwellingType;
using owners::ContractKind;

// Bedrooms 0 (studio) … 5 of apartments, 1 … 6 of houses, per mille. With 85 % apartments and
// 15 % houses the stock has about 12 % studios, 30 % one, 32 % two, 18 % three, 6 % four and
// 2 % five bedrooms or more.
constexpr std::array<int, 6> kApartmentBedrooms = {141, 348, 332, 138, 35, 6};
constexpr std::array<int, 7> kHouseBedrooms = {0, 30, 250, 420, 200, 80, 20};
// Energy classes A … G of the dwellings that have a certificate: mostly D to F.
constexpr std::array<int, 7> kPebClasses = {10, 40, 140, 270, 260, 190, 90};
// Dwellings at one shared address: 2 … 6.
constexpr std::array<int, 5> kBuildingSizes = {35, 30, 18, 10, 7};
// Dwellings of an owner who has several: 2 … 5.
constexpr std::array<int, 4> kOwnerSizes = {60, 24, 10, 6};
// Floors of a lone apartment: 0 (ground floor) … 7.
constexpr std::array<int, 8> kFloors = {20, 22, 20, 15, 10, 6, 4, 3};
// The first shipped owner-rent grid (2025), used when no grid is stored at all.
constexpr std::array<std::int64_t, 6> kApartmentCaps = {560, 680, 800, 950, 1100, 1250};
constexpr std::array<std::int64_t, 6> kHouseCaps = {620, 740, 860, 1010, 1160, 1310};

// Communes whose agencies house students (the universities of Ixelles and Etterbeek).
bool student_commune(std::string_view postcode) { return postcode == "1050" || postcode == "1040"; }

std::string digits(std::int64_t value, int width) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, static_cast<long long>(value));
  return buffer;
}

year_month_day first_of_month(year_month_day d) { return d.year() / d.month() / 1; }

year_month_day add_years(year_month_day d, int years) {
  year_month_day r = d + std::chrono::years{years};
  return r.ok() ? r : year_month_day{r.year() / r.month() / std::chrono::last};
}

// A moment of a working day on `date`, never after `now`.
std::int64_t moment(Random& rng, year_month_day date, std::int64_t now) {
  const auto day = std::chrono::sys_days(date).time_since_epoch();
  const std::int64_t s = std::chrono::duration_cast<std::chrono::seconds>(day).count() + 8 * 3600 +
                         rng.between(0, 9 * 3600);
  return std::min(s, now);
}

struct Period {
  DwellingStatus status;
  year_month_day from;
};

struct Segment {
  year_month_day start;
  std::optional<year_month_day> end;
  ContractKind kind = ContractKind::main_lease;
  bool new_owner = false;  // the dwelling was sold: this contract is with the new owner
  int owner = -1;          // index into the agency's owners
};

struct Planned {
  stock::Dwelling dwelling;
  year_month_day entry;
  std::optional<year_month_day> ended;  // the day it left the stock
  std::vector<Period> periods;
  std::vector<Segment> contracts;
  int building = -1;  // index of its shared address, -1 when alone at its address
};

struct PlannedOwner {
  owners::Owner owner;
  year_month_day first_signed = year_month_day{std::chrono::year{9999} / 12 / 31};
  std::int64_t id = 0;
};

class AgencyStockBuilder {
 public:
  AgencyStockBuilder(UnitOfWork& uow, const Context& ctx, const StockPlan& plan)
      : uow_(uow),
        plan_(plan),
        rng_(Random::stream(plan.seed, 1000 + static_cast<std::uint64_t>(plan.index))),
        today_(ctx.clock.today()),
        now_(ctx.clock.now_seconds()),
        home_(plan.agency.postcode.value_or("1000")) {}

  StockCounts run() {
    plan_entries();
    plan_addresses();
    for (auto& p : planned_) plan_dwelling(p);
    for (auto& p : planned_) plan_history(p);
    for (auto& p : planned_) plan_contracts(p);
    plan_owners();
    write();
    return counts_;
  }

 private:
  // 1. When each dwelling entered the stock: over the last `years` years, more of them lately
  //    (the agency grew); most on the first of a month. References follow that order.
  void plan_entries() {
    const int window = plan_.years * 365 + plan_.years / 4;
    const year_month_day first_day = add_days(today_, -window);
    const int span = window - 21;  // the newest entered three weeks ago
    std::vector<year_month_day> entries;
    for (int i = 0; i < plan_.dwellings; ++i) {
      std::int64_t t = rng_.between(0, 999'999);
      if (rng_.chance(500)) t = std::max(t, rng_.between(0, 999'999));  // density rising with time
      year_month_day entry = add_days(first_day, static_cast<int>(t * span / 1'000'000));
      if (rng_.chance(600) && first_of_month(entry) >= first_day) entry = first_of_month(entry);
      entries.push_back(entry);
    }
    std::sort(entries.begin(), entries.end());
    const std::string prefix = reference_prefix(plan_.agency.code);
    const int width = plan_.dwellings >= 10'000 ? 5 : 4;
    planned_.resize(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      auto& d = planned_[i].dwelling;
      planned_[i].entry = entries[i];
      d.agency_id = plan_.agency.id;
      d.agency_code = plan_.agency.code;
      d.reference = prefix + "-" + digits(static_cast<std::int64_t>(i) + 1, width);
    }
  }

  // 2. Addresses: mostly the agency's commune and its neighbours; about a quarter of the
  //    dwellings share their address (same street and number, their own box) with others,
  //    which makes them one building. Houses stand alone.
  void plan_addresses() {
    std::vector<std::size_t> order(planned_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    rng_.shuffle(order);
    std::set<std::string> used;
    int buildings = 0;
    for (std::size_t pos = 0; pos < order.size();) {
      std::size_t size = 1;
      if (pos + 1 < order.size() && rng_.chance(95))
        size = std::min<std::size_t>(2 + rng_.weighted(std::span<const int>(kBuildingSizes)), order.size() - pos);
      const stock::Commune& commune = plan_.places.dwelling_commune(rng_, home_);
      std::string street, number;
      for (int attempt = 0; attempt < 40; ++attempt) {
        street = rng_.pick(streets_of(commune.postcode));
        number = Places::house_number(rng_);
        if (used.insert(commune.postcode + "|" + street + "|" + number).second) break;
        if (attempt == 39) number += "/" + std::to_string(pos);  // a crowded street: still a new address
      }
      const std::string parcel = commune.nis_code + static_cast<char>('A' + rng_.between(0, 7)) +
                                 digits(rng_.between(1, 2999), 4) + "/";
      const bool house = size == 1 && rng_.chance(200);
      const bool letter_boxes = rng_.chance(300);
      const int ground = rng_.chance(500) ? 0 : 1;
      for (std::size_t k = 0; k < size; ++k) {
        Planned& p = planned_[order[pos + k]];
        stock::Dwelling& d = p.dwelling;
        d.street = street;
        d.number = number;
        d.commune = commune;
        d.type = house ? DwellingType::house : DwellingType::apartment;
        if (size > 1) {
          p.building = buildings;
          d.floor = ground + static_cast<int>(k);
          d.box = letter_boxes ? std::string(1, static_cast<char>('A' + k)) : std::to_string(k + 1);
          d.cadastral_reference = parcel + "02P" + digits(static_cast<std::int64_t>(k) + 1, 3);
        } else if (!house) {
          d.floor = static_cast<int>(rng_.weighted(std::span<const int>(kFloors)));
          if (rng_.chance(850)) d.box = std::to_string(rng_.between(1, 16));
          d.cadastral_reference = parcel + "02P" + digits(rng_.between(1, 12), 3);
        } else {
          d.cadastral_reference = parcel + "00" + static_cast<char>('A' + rng_.between(0, 5)) + "000";
        }
        if (!rng_.chance(900)) d.cadastral_reference.clear();  // not yet known for some
      }
      if (size > 1) ++buildings;
      pos += size;
    }
  }

  // 3. Size, energy certificate and special categories.
  void plan_dwelling(Planned& p) {
    stock::Dwelling& d = p.dwelling;
    const bool house = d.type == DwellingType::house;
    d.bedrooms = house ? static_cast<int>(rng_.weighted(std::span<const int>(kHouseBedrooms)))
                       : static_cast<int>(rng_.weighted(std::span<const int>(kApartmentBedrooms)));
    std::vector<std::string> categories;
    const bool student = !house && d.bedrooms <= 1 && student_commune(home_) && rng_.chance(420);
    if (student) categories.emplace_back("student");
    // Surface: a studio 28–40 m², 15–20 m² more per bedroom, a house's stairs and hall on top;
    // student rooms are smaller. One decimal for about a third.
    std::int64_t dm2 = student ? rng_.between(180, 300) : rng_.between(280, 400);
    for (int b = 0; b < d.bedrooms; ++b) dm2 += rng_.between(150, 200);
    if (house) dm2 += rng_.between(100, 250);
    if (!rng_.chance(350)) dm2 = dm2 / 10 * 10;
    d.surface_dm2 = dm2;
    if (!house && d.bedrooms <= 2 && !student && rng_.chance(43)) categories.emplace_back("transit");
    if ((house || d.floor == 0) && rng_.chance(65)) categories.emplace_back("disability_adapted");
    if (d.bedrooms >= 4 && rng_.chance(850)) categories.emplace_back("large_family");
    std::sort(categories.begin(), categories.end());
    d.categories = std::move(categories);
    // About 8 % without a certificate; the others certified before they entered the stock
    // (or renewed: a certificate is valid ten years).
    if (rng_.chance(920)) {
      d.peb_class = static_cast<char>('A' + rng_.weighted(std::span<const int>(kPebClasses)));
      year_month_day date = add_days(p.entry, -rng_.between_int(0, 700));
      const year_month_day oldest_valid = add_days(today_, -3600);
      if (date < oldest_valid) date = add_days(oldest_valid, rng_.between_int(0, 300));
      if (date > today_) date = today_;
      d.peb_date = date;
      const std::string iso = to_iso(date);
      d.peb_number = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "-" +
                     digits(rng_.between(100'000, 9'999'999), 10) + "-01-" + std::to_string(rng_.between(0, 9));
    }
  }

  // 4. Status history: active from its entry (some vacant a few weeks first), tenants staying
  //    1.5–9 years with 1–4 months of vacancy (sometimes works) between them; today about 4 %
  //    vacant since recent months, 2 % in works, 3 % ended.
  void plan_history(Planned& p) {
    const int roll = rng_.between_int(0, 999);
    DwellingStatus final = DwellingStatus::active;
    if (roll < 36 && days_between(p.entry, today_) > 400) final = DwellingStatus::ended;  // ~3 % of all
    else if (roll >= 36 && roll < 56) final = DwellingStatus::works;
    else if (roll >= 56 && roll < 94) final = DwellingStatus::vacant;
    if (final == DwellingStatus::ended)
      p.ended = add_days(p.entry, rng_.between_int(365, std::max(365, days_between(p.entry, today_) - 15)));
    const year_month_day horizon = p.ended.value_or(today_);

    auto& periods = p.periods;
    year_month_day cursor = p.entry;
    if (rng_.chance(200)) {  // vacant until the first tenant moved in
      periods.push_back({DwellingStatus::vacant, p.entry});
      cursor = add_days(p.entry, rng_.between_int(14, 75));
    }
    if (cursor < horizon) {
      periods.push_back({DwellingStatus::active, cursor});
      for (;;) {
        const year_month_day moved_out = add_days(cursor, rng_.between_int(540, 3300));
        if (days_between(moved_out, horizon) < 45) break;
        const bool works = rng_.chance(120);
        const year_month_day next_tenant = add_days(moved_out, works ? rng_.between_int(45, 180) : rng_.between_int(30, 120));
        if (days_between(next_tenant, horizon) < 15) break;
        periods.push_back({works ? DwellingStatus::works : DwellingStatus::vacant, moved_out});
        periods.push_back({DwellingStatus::active, next_tenant});
        cursor = next_tenant;
      }
    }
    if (final == DwellingStatus::ended) {
      periods.push_back({DwellingStatus::ended, *p.ended});
    } else if (final != DwellingStatus::active) {
      const year_month_day from = add_days(today_, final == DwellingStatus::vacant ? -rng_.between_int(10, 150)
                                                                                   : -rng_.between_int(20, 300));
      // Back to the last tenancy that began at least 20 days before; vacant (or in works) since.
      while (!periods.empty() &&
             (periods.back().status != DwellingStatus::active || days_between(periods.back().from, from) < 20))
        periods.pop_back();
      periods.push_back({final, periods.empty() ? p.entry : from});
    }
    p.dwelling.status = periods.front().status;
    p.dwelling.status_since = periods.front().from;
  }

  // The next contract from `start`: main leases of nine years, mandates of three to nine, some
  // open-ended; one that would have ended before today is followed by a renewal.
  void plan_contract_chain(Planned& p, year_month_day start, std::optional<ContractKind> previous, bool new_owner) {
    for (int guard = 0; guard < 12; ++guard) {
      Segment s;
      s.start = start;
      s.new_owner = new_owner && guard == 0;
      s.kind = previous && rng_.chance(800) ? *previous
                                            : (rng_.chance(550) ? ContractKind::main_lease : ContractKind::management_mandate);
      if (s.kind == ContractKind::main_lease) {
        s.end = add_days(add_years(start, 9), -1);
        if (rng_.chance(*s.end >= today_ ? 100 : 500)) s.end.reset();  // open-ended, or tacitly extended
      } else if (!rng_.chance(220)) {
        constexpr std::array<int, 3> years = {3, 6, 9};
        int y = years[rng_.weighted(std::span<const int>(std::array<int, 3>{40, 30, 30}))];
        s.end = add_days(add_years(start, y), -1);
        if (*s.end < today_ && rng_.chance(700))
          for (int longer : years)
            if (add_days(add_years(start, longer), -1) >= today_) {
              s.end = add_days(add_years(start, longer), -1);
              break;
            }
        if (*s.end < today_ && rng_.chance(500)) s.end.reset();  // tacitly renewed, open-ended
      }
      p.contracts.push_back(s);
      if (!s.end || *s.end >= today_) return;
      start = add_days(*s.end, 1);
      previous = s.kind;
    }
  }

  // 5. Owner contracts: one in force per dwelling from its entry; an ended dwelling's last
  //    contract ended the day before it left; a few dwellings changed owner (sold) or renewed.
  void plan_contracts(Planned& p) {
    if (p.ended) {
      Segment s;
      s.start = p.entry;
      s.end = add_days(*p.ended, -1);
      s.kind = rng_.chance(550) ? ContractKind::main_lease : ContractKind::management_mandate;
      p.contracts.push_back(s);
      return;
    }
    if (days_between(p.entry, today_) > 3 * 365 && rng_.chance(25)) {  // sold during the contract
      const int latest = days_between(p.entry, today_) - 90;
      const year_month_day sale = first_of_month(add_days(p.entry, rng_.between_int(700, latest)));
      Segment before;
      before.start = p.entry;
      before.end = add_days(sale, -1);
      before.kind = rng_.chance(550) ? ContractKind::main_lease : ContractKind::management_mandate;
      p.contracts.push_back(before);
      plan_contract_chain(p, sale, before.kind, true);
      return;
    }
    plan_contract_chain(p, p.entry, std::nullopt, false);
  }

  int new_owner(bool company) {
    PlannedOwner o;
    o.owner = company ? draw_company(rng_, plan_.places) : draw_person(rng_, plan_.places);
    o.owner.agency_id = plan_.agency.id;
    o.owner.agency_code = plan_.agency.code;
    owners_.push_back(std::move(o));
    return static_cast<int>(owners_.size()) - 1;
  }

  // Gives the contracts of `p` from its last sale on to `owner`, and those before the sale to a
  // former owner of their own.
  void give(Planned& p, int owner) {
    std::size_t first_current = 0;
    for (std::size_t i = 0; i < p.contracts.size(); ++i)
      if (p.contracts[i].new_owner) first_current = i;
    for (std::size_t i = 0; i < p.contracts.size(); ++i) {
      Segment& s = p.contracts[i];
      if (i < first_current) {
        if (i == 0) s.owner = new_owner(rng_.chance(100));
        else s.owner = p.contracts[i - 1].owner;
      } else {
        s.owner = owner;
      }
    }
  }

  // 6. Owners: a whole shared building often belongs to one owner; the other dwellings go to
  //    owners of one dwelling, or of two to five (about a quarter of the owners). Companies
  //    own about 15 %, more often several dwellings.
  void plan_owners() {
    std::vector<std::vector<std::size_t>> buildings;
    for (std::size_t i = 0; i < planned_.size(); ++i) {
      if (planned_[i].building < 0) continue;
      if (static_cast<std::size_t>(planned_[i].building) >= buildings.size())
        buildings.resize(static_cast<std::size_t>(planned_[i].building) + 1);
      buildings[static_cast<std::size_t>(planned_[i].building)].push_back(i);
    }
    std::vector<bool> owned(planned_.size(), false);
    for (const auto& members : buildings) {
      if (members.size() > 5 || !rng_.chance(450)) continue;
      const int owner = new_owner(rng_.chance(400));
      for (std::size_t i : members) {
        give(planned_[i], owner);
        owned[i] = true;
      }
    }
    std::vector<std::size_t> pool;
    for (std::size_t i = 0; i < planned_.size(); ++i)
      if (!owned[i]) pool.push_back(i);
    rng_.shuffle(pool);
    for (std::size_t pos = 0; pos < pool.size();) {
      const bool several = rng_.chance(200);
      const std::size_t count =
          several ? std::min<std::size_t>(2 + rng_.weighted(std::span<const int>(kOwnerSizes)), pool.size() - pos) : 1;
      const int owner = new_owner(rng_.chance(several ? 300 : 100));
      for (std::size_t k = 0; k < count; ++k) give(planned_[pool[pos + k]], owner);
      pos += count;
    }
  }

  // The owner-rent cap of a dwelling on a day: none when no grid covers that day.
  std::optional<Money> cap_on(year_month_day day, const stock::Dwelling& d) const {
    auto cap = plan_.owner_rent_caps.cap_for(day, d.type, d.bedrooms);
    return cap ? std::optional(cap->amount) : std::nullopt;
  }
  // The amounts that give the rents their size when no grid covers the day: the first grid.
  Money first_cap(const stock::Dwelling& d) const {
    const auto& rows = plan_.owner_rent_caps.rows();
    if (!rows.empty())
      if (auto cap = cap_on(rows.front().valid_from, d)) return *cap;
    const auto& euros = d.type == DwellingType::house ? kHouseCaps : kApartmentCaps;
    return Money::from_cents(euros[static_cast<std::size_t>(std::min(d.bedrooms, 5))] * 100);
  }
  Money cap_today(const stock::Dwelling& d) const { return cap_on(today_, d).value_or(first_cap(d)); }

  // `basis_points` / 10,000 of `amount`, rounded down to whole euros.
  static Money share(Money amount, std::int64_t basis_points) {
    return Money::from_cents(Rate::from_basis_points(basis_points).apply(amount, Rounding::down).cents() / 100 * 100);
  }
  // A rent some 5–25 % below `cap`, in whole euros.
  Money below(Money cap) { return share(cap, 10'000 - rng_.between(500, 2450)); }

  // 7. Everything written, in date order within each dwelling.
  void write() {
    for (auto& p : planned_) {
      stock::Dwelling& d = p.dwelling;
      d.created_at = d.updated_at = moment(rng_, add_days(p.entry, -rng_.between_int(7, 40)), now_);
      stock::validate_dwelling(d);
      d.id = uow_.dwellings().insert(d);
      ++counts_.dwellings;
      ++counts_.status_periods;
      for (std::size_t i = 1; i < p.periods.size(); ++i) {
        uow_.dwellings().change_status(d.id, p.periods[i].status, p.periods[i].from,
                                       moment(rng_, p.periods[i].from, now_), stock::StatusRecord{});
        ++counts_.status_periods;
      }
      if (plan_.occupancies)
        for (std::size_t i = 0; i < p.periods.size(); ++i)
          if (p.periods[i].status == DwellingStatus::active)
            plan_.occupancies->push_back({d.id, d.type, d.bedrooms, p.periods[i].from,
                                          i + 1 < p.periods.size() ? std::optional(add_days(p.periods[i + 1].from, -1))
                                                                   : std::nullopt});
    }
    // Owners in the order they signed their first contract.
    for (const auto& p : planned_)
      for (const auto& s : p.contracts) {
        auto& o = owners_[static_cast<std::size_t>(s.owner)];
        o.first_signed = std::min(o.first_signed, s.start);
      }
    std::vector<std::size_t> order(owners_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return owners_[a].first_signed < owners_[b].first_signed; });
    for (std::size_t i : order) {
      auto& o = owners_[i];
      o.owner = owners::validate_owner(o.owner);
      o.owner.created_at = o.owner.updated_at = moment(rng_, add_days(o.first_signed, -rng_.between_int(20, 60)), now_);
      o.id = uow_.owners().insert(o.owner);
      ++counts_.owners;
    }
    for (const auto& p : planned_)
      for (std::size_t i = 0; i < p.contracts.size(); ++i) write_contract(p, p.contracts[i], i + 1 == p.contracts.size());
  }

  void write_contract(const Planned& p, const Segment& s, bool latest) {
    const stock::Dwelling& d = p.dwelling;
    owners::OwnerContract k;
    k.agency_id = d.agency_id;
    k.agency_code = d.agency_code;
    k.dwelling_id = d.id;
    k.dwelling_reference = d.reference;
    k.owner_id = owners_[static_cast<std::size_t>(s.owner)].id;
    k.kind = s.kind;
    k.start = s.start;
    k.end = s.end;
    k.signed_on = add_days(s.start, -rng_.between_int(14, 56));
    k.registered = rng_.chance(970);
    if (s.kind == ContractKind::management_mandate) k.management_fee = Rate::from_basis_points(rng_.between(14, 24) * 50);  // 7–12 %
    if (rng_.chance(120)) {  // one guarantee left out
      const int which = rng_.between_int(0, 2);
      (which == 0 ? k.guarantee_vacancy : which == 1 ? k.guarantee_unpaid_rent : k.guarantee_damage) = false;
    }
    // The rent, never above the cap in force on the first day (before the first grid no cap
    // applied): about 37 % of the rents in force today exactly at today's cap (those that began
    // under a lower cap were raised to it since, below), the others negotiated 5–25 % below it.
    // Ended contracts: at or below the cap of their first day, or the first grid's amounts.
    const bool in_force = latest && !p.ended;
    const bool at_cap = rng_.chance(in_force ? 375 : 300);
    k.cap = cap_on(s.start, d);
    const Money today_cap = cap_today(d);
    const Money basis = in_force ? today_cap : k.cap.value_or(first_cap(d));
    k.owner_rent = k.cap ? std::min(*k.cap, basis) : basis;
    if (!at_cap) k.owner_rent = std::min(k.owner_rent, below(basis));
    owners::validate_contract(k);
    owners::check_rent_within_cap(k.owner_rent, k.cap);
    k.created_at = k.updated_at = moment(rng_, *k.signed_on, now_);
    k.id = uow_.owner_contracts().insert(k);
    ++counts_.contracts;
    ++counts_.rent_versions;
    if (!in_force) return;

    // A later version: the rent raised to a newer cap, or now and then renegotiated.
    std::optional<owners::RentVersion> change;
    if (at_cap && k.owner_rent != today_cap) {
      const auto in_force_today = plan_.owner_rent_caps.in_force(today_);
      if (!in_force_today.empty() && in_force_today.front().valid_from > s.start)
        change = owners::RentVersion{in_force_today.front().valid_from, today_cap, "change", today_cap, 0};
    } else if (!at_cap && days_between(s.start, today_) > 500 && rng_.chance(60)) {
      const year_month_day from = first_of_month(add_days(s.start, rng_.between_int(400, days_between(s.start, today_) - 30)));
      const auto cap = cap_on(from, d);
      const Money ceiling = share(std::min(cap.value_or(today_cap), today_cap), 9'500);  // still 5 % below
      const Money raised = share(k.owner_rent, 10'000 + rng_.between(200, 600));
      const Money amount = std::min(raised, ceiling);
      if (amount > k.owner_rent && from > s.start) change = owners::RentVersion{from, amount, "change", cap, 0};
    }
    if (change) {
      change->recorded_at = moment(rng_, add_days(change->valid_from, -rng_.between_int(0, 20)), now_);
      owners::check_rent_within_cap(change->amount, change->cap);
      uow_.owner_contracts().add_rent_version(k.id, *change);
      ++counts_.rent_versions;
    }
  }

  UnitOfWork& uow_;
  const StockPlan& plan_;
  Random rng_;
  const year_month_day today_;
  const std::int64_t now_;
  const std::string home_;
  std::vector<Planned> planned_;
  std::vector<PlannedOwner> owners_;
  StockCounts counts_;
};

}  // namespace

std::string reference_prefix(std::string_view agency_code) {
  std::string_view rest = agency_code;
  if (auto dash = rest.find('-'); dash != std::string_view::npos && dash + 1 < rest.size()) rest = rest.substr(dash + 1);
  std::string prefix;
  for (char c : rest) {
    if (prefix.size() == 3) break;
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) prefix += c;
    else if (c >= 'a' && c <= 'z') prefix += static_cast<char>(c - 'a' + 'A');
  }
  return prefix.empty() ? "D" : prefix;
}

StockCounts build_agency_stock(UnitOfWork& uow, const Context& ctx, const StockPlan& plan) {
  return AgencyStockBuilder(uow, ctx, plan).run();
}

}  // namespace hms::app::demo

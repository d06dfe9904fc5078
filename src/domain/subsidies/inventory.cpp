#include "domain/subsidies/inventory.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/date.hpp"

namespace hms::subsidies {

using std::chrono::year_month_day;

year_month_day default_reference_date(year_month_day today) {
  const year_month_day this_year{today.year(), std::chrono::September, std::chrono::day{30}};
  return today >= this_year ? this_year : year_month_day{today.year() - std::chrono::years{1}, std::chrono::September,
                                                          std::chrono::day{30}};
}

int cap_on(const std::vector<Derogation>& derogations, year_month_day date) {
  const Derogation* latest = nullptr;
  for (const auto& d : derogations)
    if (d.decided_on <= date && (!latest || d.decided_on > latest->decided_on ||
                                 (d.decided_on == latest->decided_on && d.id > latest->id)))
      latest = &d;
  return latest ? latest->cap : kDefaultCap;
}

namespace {

// The version in force on the date among those of `of_id` (all valid from ≤ date): the latest.
std::unordered_map<std::int64_t, const RentOn*> latest_versions(const std::vector<RentOn>& rents) {
  std::unordered_map<std::int64_t, const RentOn*> out;
  for (const auto& r : rents) {
    auto& slot = out[r.of_id];
    if (!slot || r.valid_from > slot->valid_from) slot = &r;
  }
  return out;
}

void add(Counts& counts, const std::string& key) {
  for (auto& [k, n] : counts)
    if (k == key) {
      ++n;
      return;
    }
  counts.emplace_back(key, 1);
}

std::string money_text(std::optional<std::int64_t> cents) {
  if (!cents) return "";
  const auto c = *cents;
  std::string s = std::to_string(c / 100) + ".";
  const auto rest = (c < 0 ? -c : c) % 100;
  if (rest < 10) s += "0";
  return s + std::to_string(rest);
}

std::string date_text(std::optional<year_month_day> d) { return d ? to_iso(*d) : ""; }

}  // namespace

void count(Inventory& inv) {
  inv.dwellings = static_cast<std::int64_t>(inv.items.size());
  inv.leased = inv.vacant = inv.works = inv.subsidisable = 0;
  inv.by_status.clear();
  inv.by_type.clear();
  inv.by_bedrooms.clear();
  inv.by_commune.clear();
  inv.by_band.clear();
  for (const auto& it : inv.items) {
    if (it.leased) ++inv.leased;
    if (it.status == "vacant") ++inv.vacant;
    if (it.status == "works") ++inv.works;
    if (it.subsidisable) ++inv.subsidisable;
    add(inv.by_status, it.status.empty() ? "unknown" : it.status);
    add(inv.by_type, it.type);
    add(inv.by_bedrooms, std::to_string(it.bedrooms));
    add(inv.by_commune, it.postcode);
    add(inv.by_band, it.leased ? (it.band.empty() ? "unknown" : it.band) : "none");
  }
  inv.over_cap = inv.dwellings - inv.subsidisable;
  auto by_key = [](Counts& c) { std::sort(c.begin(), c.end()); };
  by_key(inv.by_status);
  by_key(inv.by_type);
  by_key(inv.by_commune);
  by_key(inv.by_band);
  // Bedrooms by number, not by text ("10" after "9").
  std::sort(inv.by_bedrooms.begin(), inv.by_bedrooms.end(),
            [](const auto& a, const auto& b) { return std::stoi(a.first) < std::stoi(b.first); });
}

Inventory build_inventory(const InventorySource& src) {
  Inventory inv;
  inv.agency_id = src.agency_id;
  inv.agency_code = src.agency_code;
  inv.date = src.date;
  inv.cap = src.cap;

  // 1. One dwelling per contract in force; of two overlapping contracts, the latest start.
  std::map<std::int64_t, const ContractOn*> by_dwelling;
  for (const auto& c : src.contracts) {
    auto& slot = by_dwelling[c.dwelling_id];
    if (!slot || c.start > slot->start || (c.start == slot->start && c.contract_id > slot->contract_id)) slot = &c;
  }
  std::vector<const ContractOn*> managed;
  managed.reserve(by_dwelling.size());
  for (const auto& [id, c] : by_dwelling) managed.push_back(c);

  // 2. The cap's order: the contract's start, then the dwelling's id (stable whatever is added
  //    later: a new contract starts after the older ones). The first `cap` are subsidisable.
  std::sort(managed.begin(), managed.end(), [](const ContractOn* a, const ContractOn* b) {
    return a->start != b->start ? a->start < b->start : a->dwelling_id < b->dwelling_id;
  });

  const auto owner_rents = latest_versions(src.owner_rents);
  const auto lease_rents = latest_versions(src.lease_rents);
  std::unordered_map<std::int64_t, const StatusOn*> status_of;
  for (const auto& s : src.statuses) status_of[s.dwelling_id] = &s;
  std::unordered_map<std::int64_t, const LeaseOn*> lease_of;
  for (const auto& l : src.leases) {
    auto& slot = lease_of[l.dwelling_id];
    if (!slot || l.start > slot->start) slot = &l;
  }

  inv.items.reserve(managed.size());
  for (const ContractOn* c : managed) {
    InventoryItem it;
    it.dwelling_id = c->dwelling_id;
    it.reference = c->reference;
    it.street = c->street;
    it.number = c->number;
    it.box = c->box;
    it.postcode = c->postcode;
    it.commune_fr = c->commune_fr;
    it.commune_nl = c->commune_nl;
    it.type = c->type;
    it.bedrooms = c->bedrooms;
    it.surface_dm2 = c->surface_dm2;
    it.peb_class = c->peb_class;
    it.categories = c->categories;
    it.contract_kind = c->kind;
    it.contract_start = c->start;
    it.contract_end = c->end;
    // 3. The owner rent in force on the date (a contract has its initial version from its
    //    start, so one exists; else the latest amount kept with the contract).
    auto r = owner_rents.find(c->contract_id);
    it.owner_rent_cents = r != owner_rents.end() ? r->second->amount_cents : c->latest_owner_rent_cents;
    // 4. The status in force, the lease in force with its rent and band.
    if (auto s = status_of.find(c->dwelling_id); s != status_of.end()) {
      it.status = s->second->status;
      it.status_since = s->second->since;
    }
    if (auto l = lease_of.find(c->dwelling_id); l != lease_of.end()) {
      it.leased = true;
      auto lr = lease_rents.find(l->second->lease_id);
      if (lr != lease_rents.end()) {
        it.tenant_rent_cents = lr->second->amount_cents;
        it.tenant_rent_cap_cents = lr->second->cap_cents;
      } else {
        it.tenant_rent_cents = l->second->latest_rent_cents;
        it.tenant_rent_cap_cents = l->second->latest_cap_cents;
      }
      it.band = l->second->band;
    }
    it.subsidisable = static_cast<int>(inv.items.size()) < inv.cap;
    inv.items.push_back(std::move(it));
  }

  // 5. Totals and counts.
  count(inv);
  return inv;
}

std::vector<Warning> warnings(const Inventory& inv) {
  std::vector<Warning> out;
  for (const auto& it : inv.items) {
    if (!it.peb_class) out.push_back({"no_energy_class", it.reference, it.dwelling_id});
    if (it.tenant_rent_cents && it.tenant_rent_cap_cents && *it.tenant_rent_cents > *it.tenant_rent_cap_cents)
      out.push_back({"lease_above_cap", it.reference, it.dwelling_id});
    if (it.status == "vacant" && it.status_since && days_between(*it.status_since, inv.date) > kLongVacancyDays)
      out.push_back({"long_vacancy", it.reference, it.dwelling_id});
  }
  return out;
}

namespace {

std::vector<FieldChange> field_changes(const InventoryItem& a, const InventoryItem& b) {
  std::vector<FieldChange> out;
  auto cmp = [&](const char* field, const std::string& x, const std::string& y) {
    if (x != y) out.push_back({field, x, y});
  };
  auto opt_int = [](std::optional<std::int64_t> v) { return v ? std::to_string(*v) : std::string(); };
  auto yes = [](bool v) { return std::string(v ? "yes" : "no"); };
  cmp("street", a.street, b.street);
  cmp("number", a.number, b.number);
  cmp("box", a.box, b.box);
  cmp("postcode", a.postcode, b.postcode);
  cmp("type", a.type, b.type);
  cmp("bedrooms", std::to_string(a.bedrooms), std::to_string(b.bedrooms));
  cmp("surface_dm2", opt_int(a.surface_dm2), opt_int(b.surface_dm2));
  cmp("energy_class", a.peb_class ? std::string(1, *a.peb_class) : "", b.peb_class ? std::string(1, *b.peb_class) : "");
  cmp("categories", a.categories, b.categories);
  cmp("contract_kind", a.contract_kind, b.contract_kind);
  cmp("contract_start", to_iso(a.contract_start), to_iso(b.contract_start));
  cmp("contract_end", date_text(a.contract_end), date_text(b.contract_end));
  cmp("owner_rent", money_text(a.owner_rent_cents), money_text(b.owner_rent_cents));
  cmp("leased", yes(a.leased), yes(b.leased));
  cmp("tenant_rent", money_text(a.tenant_rent_cents), money_text(b.tenant_rent_cents));
  cmp("band", a.band, b.band);
  cmp("status", a.status, b.status);
  cmp("subsidisable", yes(a.subsidisable), yes(b.subsidisable));
  return out;
}

}  // namespace

std::vector<DwellingChange> diff(const Inventory& frozen, const Inventory& live) {
  std::map<std::int64_t, const InventoryItem*> before, after;
  for (const auto& it : frozen.items) before[it.dwelling_id] = &it;
  for (const auto& it : live.items) after[it.dwelling_id] = &it;
  std::vector<DwellingChange> out;
  for (const auto& [id, it] : before) {
    auto a = after.find(id);
    if (a == after.end()) {
      out.push_back({"removed", id, it->reference, {}});
      continue;
    }
    auto fields = field_changes(*it, *a->second);
    if (!fields.empty()) out.push_back({"changed", id, a->second->reference, std::move(fields)});
  }
  for (const auto& [id, it] : after)
    if (!before.count(id)) out.push_back({"added", id, it->reference, {}});
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.reference < y.reference; });
  return out;
}

}  // namespace hms::subsidies

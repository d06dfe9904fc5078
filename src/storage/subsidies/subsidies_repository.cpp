#include "storage/subsidies/subsidies_repository.hpp"

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

namespace sb = subsidies;

// In force on $2: start ≤ date ≤ end (the end is the last day covered).
constexpr const char* kContracts =
    "SELECT c.id, c.dwelling_id, d.reference, d.street, d.house_number, d.box, d.postcode, m.name_fr, m.name_nl,"
    " d.dwelling_type, d.bedrooms, d.surface_dm2, d.peb_class, d.categories, c.kind, c.start_date, c.end_date,"
    " c.owner_rent_cents FROM owner_contracts c JOIN dwellings d ON d.id = c.dwelling_id"
    " JOIN communes m ON m.postcode = d.postcode"
    " WHERE c.agency_id = $1 AND c.start_date <= $2 AND (c.end_date IS NULL OR c.end_date >= $2)";
constexpr const char* kOwnerRents =
    "SELECT r.contract_id, r.valid_from, r.amount_cents, r.cap_cents FROM owner_contract_rents r"
    " JOIN owner_contracts c ON c.id = r.contract_id"
    " WHERE c.agency_id = $1 AND c.start_date <= $2 AND (c.end_date IS NULL OR c.end_date >= $2)"
    " AND r.valid_from <= $2";
// Status periods are half-open: from ≤ date < to.
constexpr const char* kStatuses =
    "SELECT dwelling_id, status, from_date FROM dwelling_statuses"
    " WHERE agency_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)";
constexpr const char* kLeases =
    "SELECT id, dwelling_id, start_date, tenant_rent_cents, tenant_rent_cap_cents, band FROM leases"
    " WHERE agency_id = $1 AND start_date <= $2 AND (end_date IS NULL OR end_date >= $2)";
constexpr const char* kLeaseRents =
    "SELECT r.lease_id, r.valid_from, r.amount_cents, r.cap_cents FROM lease_rents r JOIN leases l ON l.id = r.lease_id"
    " WHERE l.agency_id = $1 AND l.start_date <= $2 AND (l.end_date IS NULL OR l.end_date >= $2)"
    " AND r.valid_from <= $2";

constexpr const char* kDerogations =
    "SELECT id, agency_id, cap, decided_on, reference, recorded_by, recorded_at FROM subsidies_derogations"
    " WHERE agency_id = $1 ORDER BY decided_on, id";
constexpr const char* kInsertDerogation =
    "INSERT INTO subsidies_derogations (agency_id, cap, decided_on, reference, recorded_by, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

constexpr const char* kInsertFrozen =
    "INSERT INTO subsidies_inventories (agency_id, ref_date, cap, dwellings, subsidisable, submitted_by, submitted_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr const char* kInsertItem =
    "INSERT INTO subsidies_inventory_items (agency_id, inventory_id, position, dwelling_id, reference, street,"
    " house_number, box, postcode, commune_fr, commune_nl, dwelling_type, bedrooms, surface_dm2, peb_class,"
    " categories, contract_kind, contract_start, contract_end, owner_rent_cents, leased, tenant_rent_cents,"
    " tenant_rent_cap_cents, band, status, status_since, subsidisable) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
    " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)";
constexpr const char* kFrozen =
    "SELECT i.id, i.agency_id, a.code, i.ref_date, i.cap, i.submitted_by, u.name, i.submitted_at, i.dwellings,"
    " i.subsidisable"
    " FROM subsidies_inventories i JOIN agencies a ON a.id = i.agency_id LEFT JOIN users u ON u.id = i.submitted_by ";
constexpr const char* kItems =
    "SELECT dwelling_id, reference, street, house_number, box, postcode, commune_fr, commune_nl, dwelling_type,"
    " bedrooms, surface_dm2, peb_class, categories, contract_kind, contract_start, contract_end, owner_rent_cents,"
    " leased, tenant_rent_cents, tenant_rent_cap_cents, band, status, status_since, subsidisable"
    " FROM subsidies_inventory_items WHERE inventory_id = $1 ORDER BY position";

std::optional<char> peb(const db::Row& r, std::size_t i) {
  auto t = r.opt_text(i);
  return t && !t->empty() ? std::optional((*t)[0]) : std::nullopt;
}

// Owner contracts overlapping the year: start <= 31 December and (no end or end >= 1 January).
constexpr const char* kPropertyTax =
    "SELECT d.id, d.reference, d.street, d.house_number, d.box, d.postcode, m.name_fr, m.name_nl, d.cadastral_reference,"
    " o.id, o.kind, o.name, o.company_number, o.address, c.id, c.kind, c.start_date, c.end_date"
    " FROM owner_contracts c JOIN dwellings d ON d.id = c.dwelling_id JOIN owners o ON o.id = c.owner_id"
    " JOIN communes m ON m.postcode = d.postcode"
    " WHERE c.agency_id = $1 AND c.start_date <= $3 AND (c.end_date IS NULL OR c.end_date >= $2)"
    " ORDER BY d.reference, c.start_date, c.id";

sb::FrozenInventory read_frozen(const db::Row& r) {
  sb::FrozenInventory f;
  f.id = r.integer(0);
  f.agency_id = r.integer(1);
  f.inventory.agency_id = f.agency_id;
  f.inventory.agency_code = r.text(2);
  f.inventory.date = parse_date(r.text(3)).value();
  f.inventory.cap = static_cast<int>(r.integer(4));
  f.submitted_by = r.opt_integer(5);
  f.submitted_by_name = r.opt_text(6).value_or("");
  f.submitted_at = r.integer(7);
  f.inventory.dwellings = r.integer(8);
  f.inventory.subsidisable = r.integer(9);
  f.inventory.over_cap = f.inventory.dwellings - f.inventory.subsidisable;
  return f;
}

}  // namespace

sb::InventorySource SqlSubsidiesRepository::inventory_source(std::int64_t agency_id, std::chrono::year_month_day date) {
  sb::InventorySource src;
  src.agency_id = agency_id;
  src.date = date;
  const db::Params p = {agency_id, to_iso(date)};
  for (const auto& r : c_.query(kContracts, p)) {
    sb::ContractOn c;
    c.contract_id = r.integer(0);
    c.dwelling_id = r.integer(1);
    c.reference = r.text(2);
    c.street = r.text(3);
    c.number = r.text(4);
    c.box = r.text(5);
    c.postcode = r.text(6);
    c.commune_fr = r.text(7);
    c.commune_nl = r.text(8);
    c.type = r.text(9);
    c.bedrooms = static_cast<int>(r.integer(10));
    c.surface_dm2 = r.opt_integer(11);
    c.peb_class = peb(r, 12);
    c.categories = r.text(13);
    c.kind = r.text(14);
    c.start = parse_date(r.text(15)).value();
    c.end = db::opt_date(r, 16);
    c.latest_owner_rent_cents = r.integer(17);
    src.contracts.push_back(std::move(c));
  }
  auto rents = [&](const char* sql, std::vector<sb::RentOn>& out) {
    for (const auto& r : c_.query(sql, p))
      out.push_back({r.integer(0), parse_date(r.text(1)).value(), r.integer(2), r.opt_integer(3)});
  };
  rents(kOwnerRents, src.owner_rents);
  for (const auto& r : c_.query(kStatuses, p)) src.statuses.push_back({r.integer(0), r.text(1), parse_date(r.text(2)).value()});
  for (const auto& r : c_.query(kLeases, p))
    src.leases.push_back({r.integer(0), r.integer(1), parse_date(r.text(2)).value(), r.integer(3), r.opt_integer(4), r.text(5)});
  rents(kLeaseRents, src.lease_rents);
  return src;
}

std::vector<sb::Derogation> SqlSubsidiesRepository::derogations(std::int64_t agency_id) {
  std::vector<sb::Derogation> out;
  for (const auto& r : c_.query(kDerogations, {agency_id}))
    out.push_back({r.integer(0), r.integer(1), static_cast<int>(r.integer(2)), parse_date(r.text(3)).value(), r.text(4),
                   r.opt_integer(5), r.integer(6)});
  return out;
}

std::int64_t SqlSubsidiesRepository::insert_derogation(const sb::Derogation& d) {
  return c_
      .query_one(kInsertDerogation, {d.agency_id, std::int64_t{d.cap}, to_iso(d.decided_on), d.reference,
                                     db::nullable(d.recorded_by), d.recorded_at})
      ->integer(0);
}

std::int64_t SqlSubsidiesRepository::insert_frozen(const sb::FrozenInventory& f) {
  const auto& inv = f.inventory;
  const std::int64_t id = c_.query_one(kInsertFrozen, {f.agency_id, to_iso(inv.date), std::int64_t{inv.cap}, inv.dwellings,
                                                       inv.subsidisable, db::nullable(f.submitted_by), f.submitted_at})
                              ->integer(0);
  std::int64_t position = 0;
  for (const auto& it : inv.items) {
    c_.execute(kInsertItem,
               {f.agency_id, id, position++, it.dwelling_id, it.reference, it.street, it.number, it.box, it.postcode,
                it.commune_fr, it.commune_nl, it.type, std::int64_t{it.bedrooms}, db::nullable(it.surface_dm2),
                it.peb_class ? db::Value(std::string(1, *it.peb_class)) : db::Value(), it.categories, it.contract_kind,
                to_iso(it.contract_start), db::nullable(it.contract_end), it.owner_rent_cents,
                std::int64_t{it.leased ? 1 : 0}, db::nullable(it.tenant_rent_cents),
                db::nullable(it.tenant_rent_cap_cents), it.band, it.status, db::nullable(it.status_since),
                std::int64_t{it.subsidisable ? 1 : 0}});
  }
  return id;
}

std::optional<sb::FrozenInventory> SqlSubsidiesRepository::find_frozen(std::int64_t id) {
  auto r = c_.query_one(std::string(kFrozen) + "WHERE i.id = $1", {id});
  if (!r) return std::nullopt;
  auto f = read_frozen(*r);
  for (const auto& row : c_.query(kItems, {id})) {
    sb::InventoryItem it;
    it.dwelling_id = row.integer(0);
    it.reference = row.text(1);
    it.street = row.text(2);
    it.number = row.text(3);
    it.box = row.text(4);
    it.postcode = row.text(5);
    it.commune_fr = row.text(6);
    it.commune_nl = row.text(7);
    it.type = row.text(8);
    it.bedrooms = static_cast<int>(row.integer(9));
    it.surface_dm2 = row.opt_integer(10);
    it.peb_class = peb(row, 11);
    it.categories = row.text(12);
    it.contract_kind = row.text(13);
    it.contract_start = parse_date(row.text(14)).value();
    it.contract_end = db::opt_date(row, 15);
    it.owner_rent_cents = row.integer(16);
    it.leased = row.integer(17) != 0;
    it.tenant_rent_cents = row.opt_integer(18);
    it.tenant_rent_cap_cents = row.opt_integer(19);
    it.band = row.text(20);
    it.status = row.text(21);
    it.status_since = db::opt_date(row, 22);
    it.subsidisable = row.integer(23) != 0;
    f.inventory.items.push_back(std::move(it));
  }
  sb::count(f.inventory);
  return f;
}

std::vector<sb::FrozenInventory> SqlSubsidiesRepository::list_frozen(std::int64_t agency_id) {
  std::vector<sb::FrozenInventory> out;
  for (const auto& r : c_.query(std::string(kFrozen) + "WHERE i.agency_id = $1 ORDER BY i.submitted_at DESC, i.id DESC",
                                {agency_id})) {
    out.push_back(read_frozen(r));
  }
  return out;
}

std::vector<sb::PropertyTaxLine> SqlSubsidiesRepository::property_tax_lines(std::int64_t agency_id, int year) {
  std::vector<sb::PropertyTaxLine> out;
  const auto y = std::to_string(year);
  for (const auto& r : c_.query(kPropertyTax, {agency_id, y + "-01-01", y + "-12-31"})) {
    sb::PropertyTaxLine l;
    l.dwelling_id = r.integer(0);
    l.reference = r.text(1);
    l.street = r.text(2);
    l.number = r.text(3);
    l.box = r.text(4);
    l.postcode = r.text(5);
    l.commune_fr = r.text(6);
    l.commune_nl = r.text(7);
    l.cadastral_reference = r.text(8);
    l.owner_id = r.integer(9);
    l.owner_kind = r.text(10);
    l.owner_name = r.text(11);
    l.company_number = r.text(12);
    l.owner_address = r.text(13);
    l.contract_id = r.integer(14);
    l.contract_kind = r.text(15);
    l.contract_start = parse_date(r.text(16)).value();
    l.contract_end = db::opt_date(r, 17);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace hms::storage

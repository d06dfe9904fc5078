-- Subsidies and regional control (issue 12, contract F): the Region's derogations to the cap of
-- 450 subsidisable dwellings, the inventories of 30 September frozen when an agency admin
-- submits them (never changed afterwards), and the stock each agency declared outside hms.

-- A derogation raising an agency's cap from its decision date on (arrêté 17-12-2015 art. 15 §1).
CREATE TABLE subsidies_derogations (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  cap INTEGER NOT NULL CHECK (cap > 450),
  decided_on TEXT NOT NULL,            -- 'YYYY-MM-DD'
  reference TEXT NOT NULL CHECK (reference <> ''),
  recorded_by BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX subsidies_derogations_agency ON subsidies_derogations (agency_id, decided_on);

-- A frozen inventory: its totals as computed when frozen; its lines in subsidies_inventory_items.
CREATE TABLE subsidies_inventories (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  ref_date TEXT NOT NULL,              -- the inventory's date, 'YYYY-MM-DD'
  cap INTEGER NOT NULL,
  dwellings INTEGER NOT NULL,
  subsidisable INTEGER NOT NULL,
  submitted_by BIGINT REFERENCES users (id),
  submitted_at BIGINT NOT NULL
);
CREATE INDEX subsidies_inventories_agency ON subsidies_inventories (agency_id, ref_date);

-- One dwelling of a frozen inventory, as it was (copied: later changes to the stock never reach it).
CREATE TABLE subsidies_inventory_items (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  inventory_id BIGINT NOT NULL REFERENCES subsidies_inventories (id),
  position INTEGER NOT NULL,           -- the cap's order, from 0
  dwelling_id BIGINT NOT NULL,         -- no reference: the dwelling's row may change, this line not
  reference TEXT NOT NULL,
  street TEXT NOT NULL,
  house_number TEXT NOT NULL,
  box TEXT NOT NULL,
  postcode TEXT NOT NULL,
  commune_fr TEXT NOT NULL,
  commune_nl TEXT NOT NULL,
  dwelling_type TEXT NOT NULL,
  bedrooms INTEGER NOT NULL,
  surface_dm2 BIGINT,
  peb_class TEXT,
  categories TEXT NOT NULL,
  contract_kind TEXT NOT NULL,
  contract_start TEXT NOT NULL,
  contract_end TEXT,
  owner_rent_cents BIGINT NOT NULL,
  leased INTEGER NOT NULL,
  tenant_rent_cents BIGINT,
  tenant_rent_cap_cents BIGINT,
  band TEXT NOT NULL,
  status TEXT NOT NULL,
  status_since TEXT,
  subsidisable INTEGER NOT NULL,
  UNIQUE (inventory_id, position)
);
CREATE INDEX subsidies_inventory_items_agency ON subsidies_inventory_items (agency_id, inventory_id);

-- The number of dwellings an agency declared to the Region outside hms; every declaration kept,
-- the latest (by declared_on) is the one compared.
CREATE TABLE oversight_declared_stock (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  declared_on TEXT NOT NULL,
  dwellings BIGINT NOT NULL CHECK (dwellings >= 0),
  recorded_by BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX oversight_declared_stock_agency ON oversight_declared_stock (agency_id, declared_on);

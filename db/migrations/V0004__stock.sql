-- Rental stock and owners (issue 3): buildings, dwellings with their status history, owners,
-- owner contracts with their rent versions. Every row carries its agency_id; every list
-- filters on it first (agency isolation is structural). Money in cents, dates 'YYYY-MM-DD'.

-- Dwellings at the same address of one agency share a building (created with the first one).
CREATE TABLE buildings (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  address_key TEXT NOT NULL,          -- lower-cased "street|number|postcode"
  street TEXT NOT NULL,
  house_number TEXT NOT NULL,
  postcode TEXT NOT NULL REFERENCES communes (postcode),
  created_at BIGINT NOT NULL,
  UNIQUE (agency_id, address_key)
);

CREATE TABLE dwellings (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  reference TEXT NOT NULL,
  building_id BIGINT NOT NULL REFERENCES buildings (id),
  street TEXT NOT NULL,
  house_number TEXT NOT NULL,
  box TEXT NOT NULL,                   -- '' when none
  postcode TEXT NOT NULL REFERENCES communes (postcode),
  floor INTEGER,
  dwelling_type TEXT NOT NULL CHECK (dwelling_type IN ('apartment', 'house')),
  bedrooms INTEGER NOT NULL CHECK (bedrooms >= 0),
  surface_dm2 BIGINT,                  -- tenths of m²
  peb_class TEXT CHECK (peb_class IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
  peb_number TEXT NOT NULL,
  peb_date TEXT,
  cadastral_reference TEXT NOT NULL,
  categories TEXT NOT NULL,            -- sorted, comma-separated: 'student,transit'
  status TEXT NOT NULL CHECK (status IN ('active', 'vacant', 'works', 'ended')),
  status_since TEXT NOT NULL,
  search_text TEXT NOT NULL,           -- lower-cased reference, address, commune names: free-text search
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (agency_id, reference)
);
CREATE INDEX dwellings_agency_status ON dwellings (agency_id, status);
CREATE INDEX dwellings_agency_postcode ON dwellings (agency_id, postcode);
CREATE INDEX dwellings_building ON dwellings (building_id);

-- The status of a dwelling over time, half-open periods [from_date, to_date); to_date NULL: running.
CREATE TABLE dwelling_statuses (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  dwelling_id BIGINT NOT NULL REFERENCES dwellings (id),
  status TEXT NOT NULL CHECK (status IN ('active', 'vacant', 'works', 'ended')),
  from_date TEXT NOT NULL,
  to_date TEXT,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX dwelling_statuses_dwelling ON dwelling_statuses (dwelling_id, from_date);
CREATE INDEX dwelling_statuses_agency_status ON dwelling_statuses (agency_id, status, from_date);

-- Owners are personal data: the IBAN is encrypted (iban_cipher, AEAD, key outside the
-- database) and found by a keyed hash (iban_index); iban_last4 for masked lists.
CREATE TABLE owners (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  kind TEXT NOT NULL CHECK (kind IN ('person', 'company')),
  name TEXT NOT NULL,
  iban_cipher TEXT NOT NULL,
  iban_index TEXT NOT NULL,
  iban_country TEXT NOT NULL,
  iban_last4 TEXT NOT NULL,
  company_number TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL,
  language TEXT NOT NULL,
  search_text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX owners_agency_name ON owners (agency_id, name);
CREATE INDEX owners_agency_iban ON owners (agency_id, iban_index);

CREATE TABLE owner_contracts (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  dwelling_id BIGINT NOT NULL REFERENCES dwellings (id),
  owner_id BIGINT NOT NULL REFERENCES owners (id),
  kind TEXT NOT NULL CHECK (kind IN ('management_mandate', 'main_lease')),
  start_date TEXT NOT NULL,
  end_date TEXT,                       -- the last day covered; NULL: open-ended
  signed_on TEXT,
  registered INTEGER NOT NULL,
  management_fee_bp BIGINT,
  guarantee_vacancy INTEGER NOT NULL,
  guarantee_unpaid_rent INTEGER NOT NULL,
  guarantee_damage INTEGER NOT NULL,
  owner_rent_cents BIGINT NOT NULL,    -- the latest rent version's amount (kept with it)
  cap_cents BIGINT,                    -- the cap that version was checked against
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX owner_contracts_dwelling ON owner_contracts (dwelling_id, start_date);
CREATE INDEX owner_contracts_owner ON owner_contracts (owner_id);
CREATE INDEX owner_contracts_agency_end ON owner_contracts (agency_id, end_date);

-- Every change of an owner rent is a new version; versions are never updated nor deleted.
CREATE TABLE owner_contract_rents (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  contract_id BIGINT NOT NULL REFERENCES owner_contracts (id),
  valid_from TEXT NOT NULL,
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
  reason TEXT NOT NULL CHECK (reason IN ('initial', 'change', 'indexation')),
  cap_cents BIGINT,
  recorded_at BIGINT NOT NULL,
  UNIQUE (contract_id, valid_from)
);

-- Leases between the agency and a household (issue 9, contract D): one dwelling, one applicant,
-- a kind, dates, the tenant rent (dated versions, like owner rents), the charges provision, the
-- deposit and its return, the Belgian structured communication the household pays with, the
-- notice and the end, the entry and exit inventories. Money in cents, dates 'YYYY-MM-DD'.

CREATE TABLE leases (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  dwelling_id BIGINT NOT NULL REFERENCES dwellings (id),
  applicant_id BIGINT NOT NULL REFERENCES applicants (id),
  kind TEXT NOT NULL CHECK (kind IN ('standard', 'short', 'transit')),
  start_date TEXT NOT NULL,
  end_date TEXT,                       -- the last day, inclusive; NULL: open-ended
  tenant_rent_cents BIGINT NOT NULL CHECK (tenant_rent_cents > 0),   -- the latest version
  tenant_rent_cap_cents BIGINT,        -- the cap the latest version was checked against; NULL: none known
  charges_cents BIGINT NOT NULL CHECK (charges_cents >= 0),
  deposit_cents BIGINT NOT NULL CHECK (deposit_cents >= 0),
  deposit_form TEXT CHECK (deposit_form IN ('blocked_account', 'bank_guarantee', 'progressive_guarantee',
                                            'cpas_guarantee', 'personal_surety', 'other')),
  deposit_held_by TEXT NOT NULL,       -- the bank or body that holds it, '' when not known
  deposit_returned_on TEXT,
  deposit_returned_cents BIGINT,
  payment_reference TEXT UNIQUE,       -- 12 digits of the structured communication; set right after the insert
  band TEXT NOT NULL,                  -- the household's band when the lease was signed (income mix)
  income_year INTEGER NOT NULL,        -- the income year that band was computed from
  extended INTEGER NOT NULL DEFAULT 0, -- a short lease extended (once at most)
  notice_given_by TEXT CHECK (notice_given_by IN ('tenant', 'agency')),
  notice_received_on TEXT,
  end_reason TEXT NOT NULL,            -- '' while running
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX leases_agency_start ON leases (agency_id, start_date);
CREATE INDEX leases_dwelling ON leases (dwelling_id, start_date);
CREATE INDEX leases_applicant ON leases (applicant_id);

-- The tenant rent over time: from valid_from until the next version.
CREATE TABLE lease_rents (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  lease_id BIGINT NOT NULL REFERENCES leases (id),
  valid_from TEXT NOT NULL,
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
  reason TEXT NOT NULL,                -- 'initial' | 'change' | 'indexation'
  cap_cents BIGINT,
  recorded_at BIGINT NOT NULL,
  UNIQUE (lease_id, valid_from)
);

-- The entry and exit inventories (état des lieux / plaatsbeschrijving): one of each per lease,
-- a line per item of a room with its condition; photos are documents of the dwelling.
CREATE TABLE lease_inventories (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  lease_id BIGINT NOT NULL REFERENCES leases (id),
  kind TEXT NOT NULL CHECK (kind IN ('entry', 'exit')),
  done_on TEXT NOT NULL,
  remarks TEXT NOT NULL,
  recorded_by BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  UNIQUE (lease_id, kind)
);
CREATE TABLE lease_inventory_items (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  inventory_id BIGINT NOT NULL REFERENCES lease_inventories (id),
  position INTEGER NOT NULL,
  room TEXT NOT NULL,
  item TEXT NOT NULL,
  item_condition TEXT NOT NULL CHECK (item_condition IN ('new', 'good', 'worn', 'damaged', 'missing')),
  remarks TEXT NOT NULL,
  UNIQUE (inventory_id, position)
);


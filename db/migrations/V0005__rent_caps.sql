-- The rent caps of the agencies (arrêté of 2015, arts 16–17) as regulatory data: the most the
-- agency may pay the owner (kind 'owner_rent') and the most it may charge the tenant
-- ('tenant_rent'), by type of dwelling and number of bedrooms, per validity date. The highest
-- bedrooms row of a (kind, valid_from, dwelling_type) means "that many and more". Filled by
-- `hms init` from rules/owner-rent-caps.csv and rules/tenant-rent-caps.csv and by
-- `hms rules load` / the region's upload page; every load is audited.

CREATE TABLE rules_rent_caps (
  kind TEXT NOT NULL CHECK (kind IN ('owner_rent', 'tenant_rent')),
  valid_from TEXT NOT NULL,           -- 'YYYY-MM-DD'
  dwelling_type TEXT NOT NULL CHECK (dwelling_type IN ('apartment', 'house')),
  bedrooms INTEGER NOT NULL CHECK (bedrooms >= 0),   -- 0 = studio
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),   -- monthly
  status TEXT NOT NULL,               -- 'illustrative' | 'verified' | …
  source TEXT NOT NULL,
  loaded_at BIGINT NOT NULL,
  PRIMARY KEY (kind, valid_from, dwelling_type, bedrooms)
);

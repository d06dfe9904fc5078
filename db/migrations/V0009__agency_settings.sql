-- Contract B holds again (issue 8, C1): a management mandate given without a fee takes the
-- agency's default management fee, a setting its admin chooses (no verified sector figure
-- exists to fall back on: until it is set, such a mandate is refused and the error says so).

-- One row per agency once its admin saved the settings page; no row: nothing set yet.
CREATE TABLE agency_settings (
  agency_id BIGINT PRIMARY KEY REFERENCES agencies (id),
  management_fee_bp BIGINT CHECK (management_fee_bp BETWEEN 0 AND 3000),  -- 8.5 % → 850; NULL: not set
  updated_at BIGINT NOT NULL
);

-- 1: the contract's fee was the agency's default when it was recorded (the file or the form gave none).
ALTER TABLE owner_contracts ADD COLUMN management_fee_default INTEGER NOT NULL DEFAULT 0;

-- How long an agency keeps a household's personal data once it no longer needs them (GDPR,
-- issue 9.5): struck-off applicants and former tenants are erased this many years after they
-- were struck off or their last lease ended. NULL: not chosen, nothing is proposed for erasure.
ALTER TABLE agency_settings ADD COLUMN retention_years INTEGER CHECK (retention_years BETWEEN 1 AND 30);

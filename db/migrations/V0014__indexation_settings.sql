-- Issue 15.1: an indexation rise above the agency's alert threshold is flagged in the preview for
-- a second look. The threshold is a setting of the agency (page /settings), in basis points
-- (12.5 % → 1250), from 0.01 % to 100 %; NULL: not chosen, the default of 10 % applies
-- (app::kDefaultIndexationAlert).
ALTER TABLE agency_settings ADD COLUMN indexation_alert_bp BIGINT CHECK (indexation_alert_bp BETWEEN 1 AND 10000);

-- Issue 15 (points 9 and 10): who recorded each status period of a dwelling, and why a
-- dwelling is vacant.
--   recorded_by: the user who recorded the period (a form, the API, an import, the bulk change);
--     NULL for the system (the demo) and for the periods recorded before this migration.
--   recorded_source: 'user' | 'import' | 'system'; NULL: recorded before this migration
--     (the history shows "—").
--   vacancy_reason / vacancy_note: a vacant period's reason from a closed list, and its text
--     ('other' needs one); NULL / '' for any other status, or a vacancy recorded without reason.
-- The dwelling keeps the reason of its latest period (as it keeps its status), for the lists.
ALTER TABLE dwelling_statuses ADD COLUMN recorded_by BIGINT REFERENCES users (id);
ALTER TABLE dwelling_statuses ADD COLUMN recorded_source TEXT CHECK (recorded_source IN ('user', 'import', 'system'));
ALTER TABLE dwelling_statuses ADD COLUMN vacancy_reason TEXT
  CHECK (vacancy_reason IN ('between_tenants', 'works_needed', 'owner_decision', 'no_candidate', 'other'));
ALTER TABLE dwelling_statuses ADD COLUMN vacancy_note TEXT NOT NULL DEFAULT '';
ALTER TABLE dwellings ADD COLUMN vacancy_reason TEXT
  CHECK (vacancy_reason IN ('between_tenants', 'works_needed', 'owner_decision', 'no_candidate', 'other'));
ALTER TABLE dwellings ADD COLUMN vacancy_note TEXT NOT NULL DEFAULT '';

-- The accounting export (issue 11 part 3, contract E `hms export accounting`): every export of a
-- span of the agency's journal entries to its accounting software is recorded, with the last
-- entry it held. The files of an export are the span's entries up to that entry, so they can be
-- downloaded again byte for byte; an entry of the span posted later (a higher id) is flagged as
-- posted after the export.
CREATE TABLE accounting_exports (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL CHECK (to_date >= from_date),
  format TEXT NOT NULL CHECK (format IN ('winbooks', 'csv')),
  last_entry_id BIGINT NOT NULL,       -- the agency's highest entry id when exported (0: none)
  entries INTEGER NOT NULL CHECK (entries >= 0),
  lines INTEGER NOT NULL CHECK (lines >= 0),
  digest TEXT NOT NULL,                -- SHA-256 of the files, in the order of their names
  exported_by BIGINT REFERENCES users (id),
  exported_at BIGINT NOT NULL
);
CREATE INDEX accounting_exports_agency ON accounting_exports (agency_id, to_date, from_date);

-- The export reads an agency's entries by date.
CREATE INDEX ledger_entries_agency_date ON ledger_entries (agency_id, posted_on, id);

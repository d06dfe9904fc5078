-- The rent ledger (issue 10, contract E): per agency a double-entry ledger of accounts, journal
-- entries and their lines, the closed periods and the monthly rent runs. Money in cents, dates
-- 'YYYY-MM-DD', months 'YYYY-MM'. Entries are only ever inserted: a correction is a reversal
-- entry (reverses) and a new one. The rules of domain/ledger/ledger.hpp (build_entry) hold in
-- the tables too: a line has exactly one side above zero, numbers are unique per agency,
-- journal and year.

CREATE TABLE ledger_accounts (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,                  -- a catalog key (ledger.account.a400) or the agency's own text
  account_class INTEGER NOT NULL CHECK (account_class BETWEEN 1 AND 9),
  UNIQUE (agency_id, code)
);

CREATE TABLE ledger_entries (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  journal TEXT NOT NULL CHECK (journal IN ('RENT', 'BANK', 'MISC')),
  year INTEGER NOT NULL,
  number BIGINT NOT NULL CHECK (number > 0),
  posted_on TEXT NOT NULL,
  period TEXT NOT NULL,                -- the month of posted_on
  description TEXT NOT NULL,
  reverses BIGINT REFERENCES ledger_entries (id),
  posted_by BIGINT REFERENCES users (id),
  posted_at BIGINT NOT NULL,
  UNIQUE (agency_id, journal, year, number)
);
CREATE UNIQUE INDEX ledger_entries_reverses ON ledger_entries (reverses);  -- reversed once at most

-- The lines carry the entry's agency, journal and date so that a lease's statement and an
-- account's ledger are read from one index, without a join, however long the ledger.
CREATE TABLE ledger_lines (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  entry_id BIGINT NOT NULL REFERENCES ledger_entries (id),
  position INTEGER NOT NULL,
  account_id BIGINT NOT NULL REFERENCES ledger_accounts (id),
  journal TEXT NOT NULL,
  posted_on TEXT NOT NULL,
  debit_cents BIGINT NOT NULL CHECK (debit_cents >= 0),
  credit_cents BIGINT NOT NULL CHECK (credit_cents >= 0),
  lease_id BIGINT REFERENCES leases (id),
  owner_contract_id BIGINT REFERENCES owner_contracts (id),
  CHECK ((debit_cents > 0 AND credit_cents = 0) OR (debit_cents = 0 AND credit_cents > 0)),
  UNIQUE (entry_id, position)
);
CREATE INDEX ledger_lines_lease ON ledger_lines (lease_id, posted_on, entry_id, id);
CREATE INDEX ledger_lines_account ON ledger_lines (account_id, posted_on, entry_id, id);
CREATE INDEX ledger_lines_owner_contract ON ledger_lines (owner_contract_id, posted_on);
-- The trial balance reads this index alone (covering).
CREATE INDEX ledger_lines_agency_date ON ledger_lines (agency_id, posted_on, account_id, debit_cents, credit_cents);

-- The months an agency admin closed: nothing posts into a month up to the latest.
CREATE TABLE ledger_closings (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  closed_until TEXT NOT NULL,
  closed_by BIGINT REFERENCES users (id),
  closed_at BIGINT NOT NULL,
  UNIQUE (agency_id, closed_until)
);

-- One monthly rent run per agency and month: a second run posts nothing.
CREATE TABLE rent_runs (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  month TEXT NOT NULL,
  rent_calls BIGINT NOT NULL,
  tenant_total_cents BIGINT NOT NULL,
  owner_rents BIGINT NOT NULL,
  owner_total_cents BIGINT NOT NULL,
  run_by BIGINT REFERENCES users (id),
  run_at BIGINT NOT NULL,
  UNIQUE (agency_id, month)
);

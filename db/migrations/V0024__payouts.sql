-- The owner payment runs (issue 11 part 2, contract E `hms payouts`): per agency and month one
-- run, recorded when its SEPA credit transfer file (pain.001) is first written; a later run of
-- the same month writes the same file (the recorded message id, creation time, execution date and
-- format), and the run is confirmed once, by one BANK journal entry. Money in cents, dates
-- 'YYYY-MM-DD', months 'YYYY-MM'. The owners' names and IBANs are not copied here: they are read
-- from the owners (encrypted IBAN, audited read) each time the file is written.

CREATE TABLE payout_runs (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  month TEXT NOT NULL,
  execution_date TEXT NOT NULL,          -- ReqdExctnDt
  message_id TEXT NOT NULL,              -- MsgId, at most 35 characters
  created_at_text TEXT NOT NULL,         -- CreDtTm as written, '2026-03-05T10:15:00'
  format TEXT NOT NULL CHECK (format IN ('pain.001.001.09', 'pain.001.001.03')),
  file_sha256 TEXT NOT NULL,             -- 64 hex digits of the file's bytes
  transfers BIGINT NOT NULL,
  total_cents BIGINT NOT NULL,           -- CtrlSum
  made_by BIGINT REFERENCES users (id),  -- NULL: the command line
  made_at BIGINT NOT NULL,
  confirmed_by BIGINT REFERENCES users (id),
  confirmed_at BIGINT,                   -- NULL: not confirmed
  entry_id BIGINT REFERENCES ledger_entries (id),  -- the BANK entry, once confirmed
  CHECK (confirmed_at IS NULL OR entry_id IS NOT NULL),
  UNIQUE (agency_id, month)
);

-- One transfer of a run: one owner, the sum over that owner's contracts.
CREATE TABLE payout_lines (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  run_id BIGINT NOT NULL REFERENCES payout_runs (id),
  position INTEGER NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES owners (id),
  gross_cents BIGINT NOT NULL CHECK (gross_cents > 0),
  fee_cents BIGINT NOT NULL CHECK (fee_cents >= 0),
  net_cents BIGINT NOT NULL CHECK (net_cents > 0),
  end_to_end_id TEXT NOT NULL,           -- at most 35 characters
  remittance TEXT NOT NULL,              -- at most 140 characters
  UNIQUE (run_id, position)
);

-- The owner contracts a transfer pays: what each was due (gross) and its management fee.
CREATE TABLE payout_line_contracts (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  line_id BIGINT NOT NULL REFERENCES payout_lines (id),
  owner_contract_id BIGINT NOT NULL REFERENCES owner_contracts (id),
  gross_cents BIGINT NOT NULL CHECK (gross_cents > 0),
  fee_cents BIGINT NOT NULL CHECK (fee_cents >= 0),
  UNIQUE (line_id, owner_contract_id)
);
CREATE INDEX payout_lines_run ON payout_lines (agency_id, run_id, position);
CREATE INDEX payout_line_contracts_line ON payout_line_contracts (agency_id, line_id);

-- The file format the agency's bank takes; no row: pain.001.001.09.
CREATE TABLE payout_settings (
  agency_id BIGINT PRIMARY KEY REFERENCES agencies (id),
  format TEXT NOT NULL CHECK (format IN ('pain.001.001.09', 'pain.001.001.03')),
  updated_at BIGINT NOT NULL
);

-- The bank side of an agency (issue 10 point 3, contract E): its own bank accounts, the
-- statements imported from CODA or camt.053 files and their movements, matched to leases.
-- Money in cents, dates 'YYYY-MM-DD'. An agency's account is an organisation's account (IBAN in
-- clear); a movement's counterparty IBAN is a person's: encrypted (counterparty_iban_cipher,
-- AEAD bound to the row), found by a keyed hash (counterparty_iban_index) and shown by its last
-- four characters, as the owners' IBANs (V0004).

CREATE TABLE bank_accounts (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  iban TEXT NOT NULL,
  bic TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  UNIQUE (agency_id, iban)
);

-- One statement imported once: the same account, number and date a second time is refused.
CREATE TABLE bank_statements (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  account_id BIGINT NOT NULL REFERENCES bank_accounts (id),
  number TEXT NOT NULL,
  statement_date TEXT NOT NULL,
  old_balance_cents BIGINT NOT NULL,
  new_balance_cents BIGINT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('coda', 'camt.053')),
  imported_by BIGINT REFERENCES users (id),
  imported_at BIGINT NOT NULL,
  UNIQUE (agency_id, account_id, number, statement_date)
);

CREATE TABLE bank_movements (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  statement_id BIGINT NOT NULL REFERENCES bank_statements (id),
  sequence INTEGER NOT NULL,
  booking_date TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  counterparty_name TEXT NOT NULL,
  counterparty_iban_cipher TEXT NOT NULL,   -- '' when the bank gave no IBAN
  counterparty_iban_index TEXT NOT NULL,    -- '' when the bank gave no IBAN
  counterparty_iban_last4 TEXT NOT NULL,
  communication TEXT NOT NULL,
  structured INTEGER NOT NULL CHECK (structured IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('unmatched', 'matched', 'booked')),
  lease_id BIGINT REFERENCES leases (id),
  entry_id BIGINT REFERENCES ledger_entries (id),
  match_method TEXT NOT NULL,               -- structured_communication | iban_and_amount | manual | ''
  unmatched_reason TEXT NOT NULL,           -- domain/bank/matching.hpp, '' when matched
  matched_by BIGINT REFERENCES users (id),
  matched_at BIGINT,
  CHECK (status = 'unmatched' OR (lease_id IS NOT NULL AND entry_id IS NOT NULL)),
  UNIQUE (statement_id, sequence)
);
CREATE INDEX bank_movements_agency_status ON bank_movements (agency_id, status, id);
CREATE INDEX bank_movements_lease ON bank_movements (lease_id, counterparty_iban_index);

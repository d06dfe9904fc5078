-- Only the lines of a lease (400) or of an owner contract (440), and only the reversing entries,
-- are looked up by those columns: their indexes leave the other rows out, so that posting a
-- line (a rent run, a bank import, ten years of demo history) maintains fewer index entries.
-- A query on `lease_id = $1` (or `IS NOT NULL`) still reads them. A lease's index also carries
-- the journal and the amounts, so that every lease's balance (the arrears, the bank import's
-- open calls) is read from the index alone.
DROP INDEX ledger_lines_lease;
CREATE INDEX ledger_lines_lease ON ledger_lines (lease_id, posted_on, entry_id, id, journal, debit_cents, credit_cents)
  WHERE lease_id IS NOT NULL;
DROP INDEX ledger_lines_owner_contract;
CREATE INDEX ledger_lines_owner_contract ON ledger_lines (owner_contract_id, posted_on) WHERE owner_contract_id IS NOT NULL;
DROP INDEX ledger_entries_reverses;
CREATE UNIQUE INDEX ledger_entries_reverses ON ledger_entries (reverses) WHERE reverses IS NOT NULL;

-- A lease's deposit in the ledger (issue 10.4): each entry that recorded it as lodged or as
-- returned (domain/leases/deposit.hpp). The entry carries the date and the amount; a reversed
-- entry no longer counts, so a posting is never changed or deleted.
CREATE TABLE deposit_postings (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  lease_id BIGINT NOT NULL REFERENCES leases (id),
  event TEXT NOT NULL CHECK (event IN ('received', 'returned')),
  entry_id BIGINT NOT NULL UNIQUE REFERENCES ledger_entries (id)
);
CREATE INDEX deposit_postings_lease ON deposit_postings (lease_id, id);

-- The deposit's memo accounts are of class 0 (off the balance sheet), which the CHECK of
-- account_class (1 to 9) refused. An account's class is the first digit of its code: it is read
-- from the code (ledger::Account) and no longer stored twice.
ALTER TABLE ledger_accounts DROP COLUMN account_class;

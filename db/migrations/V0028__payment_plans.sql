-- Payment plans (issue 11 part 1): the household of a lease in arrears agrees to pay off an
-- amount in monthly instalments on top of its rent. The plan moves no money: it is followed from
-- the lease's balance in the ledger (domain/arrears/payment_plan.hpp); only a cancellation
-- changes a row.
CREATE TABLE payment_plans (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  lease_id BIGINT NOT NULL REFERENCES leases (id),
  agreed_on TEXT NOT NULL,
  start_balance_cents BIGINT NOT NULL CHECK (start_balance_cents > 0),
  total_cents BIGINT NOT NULL CHECK (total_cents > 0 AND total_cents <= start_balance_cents),
  instalments INTEGER NOT NULL CHECK (instalments BETWEEN 2 AND 36),
  first_due TEXT NOT NULL CHECK (first_due >= agreed_on),
  grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 60),
  cancelled_on TEXT,
  made_by BIGINT REFERENCES users (id),
  made_at BIGINT NOT NULL
);
CREATE INDEX payment_plans_lease ON payment_plans (lease_id, id);
CREATE INDEX payment_plans_agency ON payment_plans (agency_id, lease_id, id);

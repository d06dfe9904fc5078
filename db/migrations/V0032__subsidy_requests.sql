-- Subsidy requests (issue 12.2, contract F): the dated table of the Region's yearly amounts, the
-- request an agency admin makes from a frozen inventory, what the Region and the agency said
-- about it, and the tranches of an accepted request.

-- The amounts per subsidisable dwelling, the transit complement, the fixed part and the tranches,
-- dated like the other regulatory tables (rules/subsidy-rates.csv; the value's form depends on the part).
CREATE TABLE rules_subsidy_rates (
  valid_from TEXT NOT NULL,              -- 'YYYY-MM-DD'
  part TEXT NOT NULL,
  value TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  loaded_at BIGINT NOT NULL,
  PRIMARY KEY (valid_from, part)
);

-- A request for `year` from a frozen inventory, with the amounts computed when it was made.
CREATE TABLE subsidies_requests (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  inventory_id BIGINT NOT NULL REFERENCES subsidies_inventories (id),
  year INTEGER NOT NULL,
  rates_from TEXT NOT NULL,              -- the validity date of the rates used
  rates_status TEXT NOT NULL,
  total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'question', 'accepted', 'rejected'))
);
-- One request per agency and year that is not rejected.
CREATE UNIQUE INDEX subsidies_requests_live ON subsidies_requests (agency_id, year) WHERE status <> 'rejected';

CREATE TABLE subsidies_request_lines (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  request_id BIGINT NOT NULL REFERENCES subsidies_requests (id),
  position INTEGER NOT NULL,
  part TEXT NOT NULL,
  count BIGINT NOT NULL,
  rate_cents BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  UNIQUE (request_id, position)
);

-- submitted | question | answer | accepted | rejected, with the comment written.
CREATE TABLE subsidies_request_events (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  request_id BIGINT NOT NULL REFERENCES subsidies_requests (id),
  kind TEXT NOT NULL,
  comment TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX subsidies_request_events_request ON subsidies_request_events (request_id, id);

CREATE TABLE subsidies_tranches (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  request_id BIGINT NOT NULL REFERENCES subsidies_requests (id),
  number INTEGER NOT NULL,
  share_percent INTEGER NOT NULL,
  amount_cents BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  justification TEXT NOT NULL,           -- '' | 'income_mix'
  justified_on TEXT,
  leases BIGINT NOT NULL DEFAULT 0,      -- the two-thirds statistics sent with it
  at_or_below BIGINT NOT NULL DEFAULT 0,
  paid_on TEXT,
  UNIQUE (request_id, number)
);

-- Allocation of a free dwelling (issue 9.2, contract D "candidates"): the occupancy rule, the
-- agency's weights of its objective priorities, and every decision taken on a candidate.

-- The bedrooms a household of each size may take, dated like the other regulatory tables
-- (rules/occupancy.csv; the highest persons row of a validity date means "and more").
CREATE TABLE rules_occupancy (
  valid_from TEXT NOT NULL,              -- 'YYYY-MM-DD'
  persons INTEGER NOT NULL CHECK (persons >= 1),
  min_bedrooms INTEGER NOT NULL CHECK (min_bedrooms >= 0),
  max_bedrooms INTEGER NOT NULL CHECK (max_bedrooms >= min_bedrooms),
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  loaded_at BIGINT NOT NULL,
  PRIMARY KEY (valid_from, persons)
);

-- The points each objective priority adds (0 to 100; no row: all 0, the register's order alone).
CREATE TABLE allocation_priorities (
  agency_id BIGINT PRIMARY KEY REFERENCES agencies (id),
  referral INTEGER NOT NULL CHECK (referral BETWEEN 0 AND 100),
  urgent INTEGER NOT NULL CHECK (urgent BETWEEN 0 AND 100),
  preferred_commune INTEGER NOT NULL CHECK (preferred_commune BETWEEN 0 AND 100),
  updated_at BIGINT NOT NULL
);

-- A decision on a candidate for a dwelling; never changed (a later decision follows it).
CREATE TABLE allocation_decisions (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  dwelling_id BIGINT NOT NULL REFERENCES dwellings (id),
  applicant_id BIGINT NOT NULL REFERENCES applicants (id),
  kind TEXT NOT NULL CHECK (kind IN ('proposed', 'accepted', 'refused', 'derogation')),
  place INTEGER NOT NULL CHECK (place >= 1),   -- the candidate's place in the order when decided
  reason TEXT NOT NULL,                        -- required for refused and derogation
  approved_by TEXT NOT NULL,                   -- required for a derogation
  decided_on TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  CHECK (kind NOT IN ('refused', 'derogation') OR reason <> ''),
  CHECK (kind <> 'derogation' OR approved_by <> '')
);
CREATE INDEX allocation_decisions_dwelling ON allocation_decisions (dwelling_id, recorded_at);
CREATE INDEX allocation_decisions_agency ON allocation_decisions (agency_id, decided_on);

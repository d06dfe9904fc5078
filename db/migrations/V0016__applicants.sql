-- The register of candidate households of each agency (issue 9, contract D). Personal data:
-- only the agency's users read it. The national register number and the income are encrypted
-- (AEAD, key outside the database, security-reliability.md F3); a national number is found
-- through its keyed blind index only. The band is stored in clear (a category, no amount),
-- computed at each write from the members and the admission incomes of income_year.

CREATE TABLE applicants (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  number BIGINT NOT NULL,                -- the agency's chronological registration number, never reused
  registered_on TEXT NOT NULL,           -- 'YYYY-MM-DD'
  status TEXT NOT NULL CHECK (status IN ('active', 'housed', 'struck_off')),
  status_reason TEXT NOT NULL,           -- required when struck_off, else ''
  status_since TEXT NOT NULL,
  referral TEXT,                         -- NULL: direct registration; else the partner service
  income_year INTEGER NOT NULL,
  income_cipher TEXT NOT NULL,           -- cents, encrypted ("applicants.income")
  incomes INTEGER NOT NULL CHECK (incomes >= 0),   -- members with an income
  preferred_postcodes TEXT NOT NULL,     -- sorted, comma-separated: '1050,1060'; '' none
  over_indebted INTEGER NOT NULL,        -- 0 | 1
  urgent INTEGER NOT NULL DEFAULT 0,     -- 0 | 1: an urgency the agency recognised (a priority)
  band TEXT NOT NULL CHECK (band IN ('eligible', 'moderate', 'middle', 'above', 'unknown')),
  household_size INTEGER NOT NULL,       -- members
  adults INTEGER NOT NULL,               -- members who are not dependent children
  children INTEGER NOT NULL,             -- dependent children
  language TEXT NOT NULL,                -- of the letters: 'fr' | 'nl' | 'en'
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL,
  renewed_on TEXT NOT NULL,              -- last confirmation of the candidacy (registered_on at first)
  search_text TEXT NOT NULL,             -- lower-cased names of the members and the number
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (agency_id, number)
);
CREATE INDEX applicants_agency_status ON applicants (agency_id, status, registered_on, number);
CREATE INDEX applicants_agency_band ON applicants (agency_id, band, status);

-- The members of a household, in the order given (position 0 is the applicant).
CREATE TABLE applicant_members (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  applicant_id BIGINT NOT NULL REFERENCES applicants (id),
  position INTEGER NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('applicant', 'partner', 'child', 'other')),
  dependent INTEGER NOT NULL,
  disabled INTEGER NOT NULL,
  national_number_cipher TEXT,           -- encrypted ("applicants.national_number"); NULL: not given
  national_number_index TEXT,            -- blind index of the 11 digits; NULL: not given
  UNIQUE (applicant_id, position)
);
CREATE INDEX applicant_members_agency_nn ON applicant_members (agency_id, national_number_index);

-- Every change of an applicant, dated: who, when, which fields (names only: never a value of
-- a national number or an income), the status after it.
CREATE TABLE applicant_changes (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  applicant_id BIGINT NOT NULL REFERENCES applicants (id),
  changed_at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  action TEXT NOT NULL,                  -- 'create' | 'update' | 'status' | 'renew' | 'housed'
  fields TEXT NOT NULL,                  -- comma-separated field names
  status TEXT NOT NULL
);
CREATE INDEX applicant_changes_applicant ON applicant_changes (applicant_id, changed_at);

-- The last registration number given by each agency: a number is never given twice, even
-- after its applicant is purged (GDPR retention).
CREATE TABLE applicant_numbers (
  agency_id BIGINT PRIMARY KEY REFERENCES agencies (id),
  last_number BIGINT NOT NULL
);

-- How often a candidacy is renewed (months: 12 or 24); NULL: not chosen, 12.
ALTER TABLE agency_settings ADD COLUMN applicant_renewal_months INTEGER CHECK (applicant_renewal_months IN (12, 24));

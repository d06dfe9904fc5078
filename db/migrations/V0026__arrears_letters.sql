-- The reminder letters sent to households in arrears (issue 11 part 1): which step, on which
-- day, for what balance, by whom. Only ever inserted; the arrears page shows each lease's last.
CREATE TABLE arrears_letters (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  lease_id BIGINT NOT NULL REFERENCES leases (id),
  step TEXT NOT NULL CHECK (step IN ('reminder', 'second_reminder', 'formal_notice')),
  letter_date TEXT NOT NULL,
  balance_cents BIGINT NOT NULL CHECK (balance_cents > 0),
  sent_by BIGINT REFERENCES users (id),
  sent_at BIGINT NOT NULL
);
CREATE INDEX arrears_letters_lease ON arrears_letters (lease_id, id);
CREATE INDEX arrears_letters_agency ON arrears_letters (agency_id, lease_id, id);

-- What an audit entry adds to its action and object, without values of personal data: e.g. the
-- names of the fields an update changed ("email,iban"). Covered by the entry's seal
-- from v2 on (ADR 0007); '' for the entries written before.
ALTER TABLE audit_log ADD COLUMN details TEXT NOT NULL DEFAULT '';

-- Drafts of refused forms (issue 15.7): a form refused on a full-page POST is kept here and the
-- browser is sent to the form's address with ?draft=<id> (post/redirect/get), so that Back and
-- Forward show what was typed without "Confirm Form Resubmission". A draft belongs to one
-- session: it goes with it (logout, expiry), is deleted when the form succeeds, and lives 30
-- minutes at most. What was typed may be personal (an IBAN): it is encrypted with the key
-- file's key, bound to the row (FieldCipher); passwords are never kept.

CREATE TABLE form_drafts (
  id IDENTITY_KEY,
  token TEXT NOT NULL UNIQUE,        -- 32 hex characters from the CSPRNG: the ?draft= of the address
  session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  form TEXT NOT NULL,                -- the path that shows the form, e.g. '/dwellings/12/edit'
  content_cipher TEXT,               -- the values typed and the errors, as JSON, encrypted
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX form_drafts_session ON form_drafts (session_id, form);
CREATE INDEX form_drafts_expiry ON form_drafts (expires_at);

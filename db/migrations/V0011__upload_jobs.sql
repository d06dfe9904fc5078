-- Uploaded files between their check and their writing, and the outcome of the writing (issue 8,
-- A6; ADR 0008): a waiting upload survives a restart of the server. The bytes are encrypted with
-- the key file's key, bound to the row (FieldCipher), and deleted as soon as the writing ends.

CREATE TABLE upload_jobs (
  id IDENTITY_KEY,
  token TEXT NOT NULL UNIQUE,        -- 32 hex characters from the CSPRNG: the page's address
  kind TEXT NOT NULL,                -- what the file is, e.g. 'stock_import'
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  session_id BIGINT NOT NULL,        -- the session that may confirm it (sessions come and go: no key)
  file_name TEXT NOT NULL,           -- the name on the user's computer (audit, page)
  state TEXT NOT NULL CHECK (state IN ('checked', 'running', 'interrupted', 'done', 'failed')),
  bytes_cipher TEXT,                 -- NULL once the writing has ended
  report TEXT NOT NULL,              -- the kind's report as JSON: the dry run's, then the writing's
  phase TEXT NOT NULL DEFAULT 'checking' CHECK (phase IN ('checking', 'writing')),
  done BIGINT NOT NULL DEFAULT 0,    -- lines checked or written so far
  total BIGINT NOT NULL DEFAULT 0,   -- lines of the file
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX upload_jobs_agency ON upload_jobs (agency_id, kind, state);
CREATE INDEX upload_jobs_user ON upload_jobs (user_id, state);
CREATE INDEX upload_jobs_state ON upload_jobs (state, updated_at);

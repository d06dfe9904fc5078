-- A second factor at login (issue 8, B9): TOTP secrets (RFC 6238), single-use recovery codes,
-- and the pending logins between a right password and the code (never a session before it).

-- One secret per user; enabled = 0 while it waits for the first code of the enrolment.
CREATE TABLE user_mfa (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  secret_cipher TEXT NOT NULL,        -- FieldCipher, bound to the user's row; never logged
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  last_step BIGINT NOT NULL DEFAULT 0, -- the 30-second step of the last code accepted
  created_at BIGINT NOT NULL
);

CREATE TABLE user_recovery_codes (
  id IDENTITY_KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,            -- BLAKE2b of the user's id and the code; the code is shown once
  used_at BIGINT                      -- NULL: still usable
);
CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id, code_hash);

CREATE TABLE pending_logins (
  id IDENTITY_KEY,
  token_hash TEXT NOT NULL UNIQUE,    -- BLAKE2b-256 of the cookie's token
  user_id BIGINT NOT NULL REFERENCES users (id),
  stage TEXT NOT NULL CHECK (stage IN ('code', 'enrol')),
  expires_at BIGINT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pending_logins_expires ON pending_logins (expires_at);

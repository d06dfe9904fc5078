-- Foundation: agencies, users and their sessions, login throttling, the audit log.
-- Portable SQL for SQLite and PostgreSQL; IDENTITY_KEY is the one word each backend spells
-- its own way (see src/storage/db/migrate.cpp). Times are seconds since 1970 UTC (BIGINT),
-- dates are 'YYYY-MM-DD' text, money is BIGINT cents.

-- The postcodes of the Brussels-Capital Region and their commune (19 communes; the City of
-- Brussels has four postcodes). Reference data: the same in every installation.
CREATE TABLE communes (
  postcode TEXT PRIMARY KEY,
  nis_code TEXT NOT NULL,             -- the commune's statistical (NIS/INS) code
  name_fr TEXT NOT NULL,
  name_nl TEXT NOT NULL
);
INSERT INTO communes (postcode, nis_code, name_fr, name_nl) VALUES
  ('1000', '21004', 'Bruxelles', 'Brussel'),
  ('1020', '21004', 'Bruxelles (Laeken)', 'Brussel (Laken)'),
  ('1120', '21004', 'Bruxelles (Neder-Over-Heembeek)', 'Brussel (Neder-Over-Heembeek)'),
  ('1130', '21004', 'Bruxelles (Haren)', 'Brussel (Haren)'),
  ('1030', '21015', 'Schaerbeek', 'Schaarbeek'),
  ('1040', '21005', 'Etterbeek', 'Etterbeek'),
  ('1050', '21009', 'Ixelles', 'Elsene'),
  ('1060', '21013', 'Saint-Gilles', 'Sint-Gillis'),
  ('1070', '21001', 'Anderlecht', 'Anderlecht'),
  ('1080', '21012', 'Molenbeek-Saint-Jean', 'Sint-Jans-Molenbeek'),
  ('1081', '21011', 'Koekelberg', 'Koekelberg'),
  ('1082', '21003', 'Berchem-Sainte-Agathe', 'Sint-Agatha-Berchem'),
  ('1083', '21008', 'Ganshoren', 'Ganshoren'),
  ('1090', '21010', 'Jette', 'Jette'),
  ('1140', '21006', 'Evere', 'Evere'),
  ('1150', '21019', 'Woluwe-Saint-Pierre', 'Sint-Pieters-Woluwe'),
  ('1160', '21002', 'Auderghem', 'Oudergem'),
  ('1170', '21017', 'Watermael-Boitsfort', 'Watermaal-Bosvoorde'),
  ('1180', '21016', 'Uccle', 'Ukkel'),
  ('1190', '21007', 'Forest', 'Vorst'),
  ('1200', '21018', 'Woluwe-Saint-Lambert', 'Sint-Lambrechts-Woluwe'),
  ('1210', '21014', 'Saint-Josse-ten-Noode', 'Sint-Joost-ten-Node');

CREATE TABLE agencies (
  id IDENTITY_KEY,
  code TEXT NOT NULL UNIQUE,          -- 2-16 letters, digits or '-', e.g. 'AIS-MOLENBEEK'
  name TEXT NOT NULL,
  street TEXT,                        -- the agency's office address, if known
  house_number TEXT,
  postcode TEXT REFERENCES communes (postcode),
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id IDENTITY_KEY,
  login TEXT NOT NULL UNIQUE,         -- stored lower-case
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agency_staff', 'agency_admin', 'federation', 'region', 'system_admin')),
  agency_id BIGINT REFERENCES agencies (id),
  password_hash TEXT,                 -- Argon2id (libsodium crypto_pwhash_str); NULL: cannot log in
  language TEXT CHECK (language IN ('fr', 'nl', 'en')),  -- NULL: the browser's choice
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL,
  CHECK ((role IN ('agency_staff', 'agency_admin')) = (agency_id IS NOT NULL))
);
CREATE INDEX users_agency ON users (agency_id, login);

CREATE TABLE sessions (
  id IDENTITY_KEY,
  token_hash TEXT NOT NULL UNIQUE,    -- BLAKE2b-256 of the token; the token itself is never stored
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,      -- 'login:<login>' or 'address:<ip>'
  failures INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL
);

-- Append-only and hash-chained: hash = BLAKE2b(previous_hash | the fields of the row).
-- Never the values of sensitive fields: only who, when, which object, which action.
CREATE TABLE audit_log (
  id IDENTITY_KEY,
  at BIGINT NOT NULL,
  actor_user_id BIGINT,               -- NULL for the command line
  actor_login TEXT NOT NULL,          -- as it was at the time; 'cli' for the command line
  agency_id BIGINT,                   -- the agency the object belongs to, if any
  action TEXT NOT NULL,               -- e.g. 'users.create', 'users.login_failed'
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_agency ON audit_log (agency_id, id);

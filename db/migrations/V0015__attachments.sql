-- Documents attached to a dwelling, an owner or an owner contract (issue 15.10): the signed
-- contract, the energy certificate, photos. The bytes are not in the database: they are files in
-- the attachments folder (beside the database, see storage/attachments/file_folder.hpp), named
-- by their SHA-256 under the agency's own subfolder; a row here says what the file is, to what
-- it is attached and who put it there. A deleted document keeps its row (deleted_at, deleted_by)
-- and its file: the audit log goes on naming something that exists (ADR 0010).

CREATE TABLE attachments (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  attached_to TEXT NOT NULL CHECK (attached_to IN ('dwelling', 'owner', 'owner_contract')),
  attached_id BIGINT NOT NULL,         -- the dwelling's, owner's or owner contract's id (same agency)
  category TEXT NOT NULL CHECK (category IN ('signed_contract', 'energy_certificate', 'photo', 'other')),
  file_name TEXT NOT NULL,             -- the name on the user's computer, shown only; never a path
  media_type TEXT NOT NULL,            -- from the file's first bytes: application/pdf, image/jpeg, image/png
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,                -- 64 hex characters: the file's name in the folder, checked on download
  uploaded_by BIGINT REFERENCES users (id),  -- NULL: the command line
  uploaded_at BIGINT NOT NULL,
  deleted_at BIGINT,                   -- NULL while the document is listed
  deleted_by BIGINT REFERENCES users (id)
);
CREATE INDEX attachments_object ON attachments (agency_id, attached_to, attached_id);

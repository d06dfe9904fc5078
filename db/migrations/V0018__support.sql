-- The helpdesk (issue 13, part 1): an agency user asks for help from any page; the federation
-- triages (business question answered, usage question answered with a knowledge article,
-- defect forwarded to the maintainers' queue, duplicate of another ticket), both sides comment,
-- files may be attached (the bytes in the attachments folder, as for documents: ADR 0010).
-- Notifications are the two unread flags of a ticket (no e-mail). The knowledge base's articles
-- are the federation's, read by every logged-in user: they belong to no agency.
-- Nothing here holds personal data of households or owners: the page is a path without its
-- query string, and the texts are what the asker typed.

CREATE TABLE support_tickets (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  asked_by BIGINT NOT NULL REFERENCES users (id),
  subject TEXT NOT NULL,
  question TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('rules', 'usage', 'defect')),  -- chosen by the asker
  page_path TEXT NOT NULL,             -- "/dwellings": the page the help button was pressed on, never a query string
  language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  status TEXT NOT NULL CHECK (status IN ('new', 'answered', 'forwarded', 'resolved', 'closed', 'duplicate')),
  triage TEXT CHECK (triage IN ('business', 'usage', 'defect', 'duplicate')),  -- NULL until triaged
  duplicate_of BIGINT REFERENCES support_tickets (id),
  article_id BIGINT,                   -- the knowledge article an answer links to
  created_at BIGINT NOT NULL,
  first_answer_at BIGINT,              -- the federation's first answer, triage or comment
  resolved_at BIGINT,                  -- when it became resolved, closed or duplicate
  updated_at BIGINT NOT NULL,
  asker_unread INTEGER NOT NULL DEFAULT 0 CHECK (asker_unread IN (0, 1)),       -- the federation answered
  federation_unread INTEGER NOT NULL DEFAULT 1 CHECK (federation_unread IN (0, 1)),  -- new, or the agency wrote
  maintainers_unread INTEGER NOT NULL DEFAULT 0 CHECK (maintainers_unread IN (0, 1))  -- forwarded, or written on since
);
CREATE INDEX support_tickets_agency ON support_tickets (agency_id, status, created_at);
CREATE INDEX support_tickets_asker ON support_tickets (agency_id, asked_by, asker_unread);

CREATE TABLE support_comments (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  ticket_id BIGINT NOT NULL REFERENCES support_tickets (id),
  author_id BIGINT REFERENCES users (id),
  from_federation INTEGER NOT NULL CHECK (from_federation IN (0, 1)),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX support_comments_ticket ON support_comments (agency_id, ticket_id, created_at);

CREATE TABLE support_files (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  ticket_id BIGINT NOT NULL REFERENCES support_tickets (id),
  file_name TEXT NOT NULL,             -- shown only; never a path
  media_type TEXT NOT NULL,            -- from the first bytes: application/pdf, image/jpeg, image/png
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,                -- the file's name in the agency's folder, checked on download
  uploaded_by BIGINT REFERENCES users (id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX support_files_ticket ON support_files (agency_id, ticket_id);

CREATE TABLE support_articles (
  id IDENTITY_KEY,
  title_fr TEXT NOT NULL,
  body_fr TEXT NOT NULL,
  title_nl TEXT NOT NULL,
  body_nl TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_en TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  from_ticket BIGINT REFERENCES support_tickets (id),
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT
);
CREATE INDEX support_articles_published ON support_articles (published, updated_at);

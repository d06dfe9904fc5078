-- Coaching and trainings (issue 13.4): what the federation gives the agencies beside the helpdesk,
-- recorded so that the follow-up committee sees it next to each agency's use of hms.

-- A coaching session with one agency: its day, topic, the module it was about, how long.
CREATE TABLE support_coachings (
  id IDENTITY_KEY,
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  held_on TEXT NOT NULL,                 -- 'YYYY-MM-DD'
  topic TEXT NOT NULL CHECK (topic <> ''),
  module TEXT NOT NULL,                  -- one of the adoption modules, or 'other'
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 600),
  recorded_by BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX support_coachings_agency ON support_coachings (agency_id, held_on);
CREATE INDEX support_coachings_day ON support_coachings (held_on);

-- A training for several agencies, and how many people of each attended.
CREATE TABLE support_trainings (
  id IDENTITY_KEY,
  held_on TEXT NOT NULL,
  topic TEXT NOT NULL CHECK (topic <> ''),
  recorded_by BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX support_trainings_day ON support_trainings (held_on);
CREATE TABLE support_training_attendees (
  id IDENTITY_KEY,
  training_id BIGINT NOT NULL REFERENCES support_trainings (id),
  agency_id BIGINT NOT NULL REFERENCES agencies (id),
  people INTEGER NOT NULL CHECK (people BETWEEN 1 AND 100),
  UNIQUE (training_id, agency_id)
);
CREATE INDEX support_training_attendees_agency ON support_training_attendees (agency_id);

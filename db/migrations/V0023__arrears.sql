-- Arrears (issue 11 part 1): the agency's reminder ladder, one row per agency once its admin
-- changed the defaults (domain/arrears/arrears.hpp Ladder::defaults). Each step is reached when
-- the oldest unpaid rent call is at least that many days old and the balance at least that
-- threshold (cents); later steps after more days.
CREATE TABLE arrears_ladders (
  agency_id BIGINT PRIMARY KEY REFERENCES agencies (id),
  reminder_days INTEGER NOT NULL CHECK (reminder_days BETWEEN 1 AND 365),
  reminder_threshold_cents BIGINT NOT NULL CHECK (reminder_threshold_cents >= 0),
  second_reminder_days INTEGER NOT NULL CHECK (second_reminder_days > reminder_days AND second_reminder_days <= 365),
  second_reminder_threshold_cents BIGINT NOT NULL CHECK (second_reminder_threshold_cents >= reminder_threshold_cents),
  formal_notice_days INTEGER NOT NULL CHECK (formal_notice_days > second_reminder_days AND formal_notice_days <= 365),
  formal_notice_threshold_cents BIGINT NOT NULL CHECK (formal_notice_threshold_cents >= second_reminder_threshold_cents),
  updated_at BIGINT NOT NULL
);

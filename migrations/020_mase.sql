-- 020_mase.sql: the monthly multi-agency meeting (R-MASE-1..8, R-DL-5), the long-term
-- outcomes of each child scored at reviews (R-OUTC-1, R-DL-8). Each agency's senior lead
-- and single point of contact (R-INFO-1) are the agencies table's senior_lead and spoc.

-- R-MASE-1: a borough's monthly schedule (protocol/mase.h struct mase_schedule): the nth
-- weekday of the month (nth -1: the last) or a day of the month, at hour:minute London.
CREATE TABLE mase_schedules (
  borough_id TEXT PRIMARY KEY REFERENCES boroughs(id),
  rule       TEXT NOT NULL CHECK (rule IN ('nth_weekday', 'day_of_month')),
  nth        INTEGER NOT NULL DEFAULT 0,
  weekday    INTEGER NOT NULL DEFAULT 0,
  day        INTEGER NOT NULL DEFAULT 0,
  hour       INTEGER NOT NULL,
  minute     INTEGER NOT NULL,
  set_at     TEXT NOT NULL,
  set_by     TEXT REFERENCES users(id),
  set_by_name TEXT NOT NULL,
  is_demo    INTEGER NOT NULL DEFAULT 0
);

-- R-MASE-2, R-MASE-3: a meeting held. name: MASE or MACE, as the partnership called it
-- then. gaps: the JSON list of what it broke (mase_gaps), flagged when not empty, for the
-- board report. duties: the chair's duties D1..D5 (R-MASE-8) as JSON, once recorded.
CREATE TABLE mase_meetings (
  id              TEXT PRIMARY KEY,
  borough_id      TEXT NOT NULL REFERENCES boroughs(id),
  held_at         TEXT NOT NULL,
  name            TEXT NOT NULL CHECK (name IN ('MASE', 'MACE')),
  gaps            TEXT NOT NULL DEFAULT '[]',
  flagged         INTEGER NOT NULL DEFAULT 0,
  minutes         TEXT,
  duties          TEXT,
  duties_by_name  TEXT,
  duties_at       TEXT,
  created_by      TEXT REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  is_demo         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mase_meetings_borough ON mase_meetings(borough_id, held_at);

-- R-MASE-2, R-MASE-3: who chaired and attended (present) or sent apologies, with the
-- member agency they represent (REF_MASE_MEMBERS), a police rank (REF_POLICE_RANKS) or
-- a role. person_id: the user's id when the attendee is a user, else their name.
CREATE TABLE mase_attendees (
  meeting_id  TEXT NOT NULL REFERENCES mase_meetings(id),
  seq         INTEGER NOT NULL,
  person_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  member      TEXT NOT NULL,
  rank        TEXT,
  role        TEXT,
  chair       INTEGER NOT NULL DEFAULT 0,
  co_chair    INTEGER NOT NULL DEFAULT 0,
  csc_manager INTEGER NOT NULL DEFAULT 0,
  present     INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (meeting_id, seq)
);

-- R-MASE-4, R-MASE-7: a case discussed at a meeting, with what was decided. Its actions
-- are plan_actions with this meeting_id; a case discussed before is a review case at
-- the next meeting (R-MASE-6).
CREATE TABLE mase_cases (
  meeting_id       TEXT NOT NULL REFERENCES mase_meetings(id),
  record_id        TEXT NOT NULL REFERENCES records(id),
  decision         TEXT NOT NULL,
  discussed_at     TEXT NOT NULL,
  recorded_by      TEXT REFERENCES users(id),
  recorded_by_name TEXT NOT NULL,
  is_demo          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, record_id)
);
CREATE INDEX mase_cases_record ON mase_cases(record_id);

-- R-OUTC-1, R-DL-8: a review of a child's 13 long-term outcomes. scores: JSON object
-- {outcome code: 0..5} (0: not scored), notes: JSON object {outcome code: why}.
CREATE TABLE outcome_reviews (
  id            TEXT PRIMARY KEY,
  record_id     TEXT NOT NULL REFERENCES records(id),
  reviewed_at   TEXT NOT NULL,
  reviewer_id   TEXT REFERENCES users(id),
  reviewer_name TEXT NOT NULL,
  scores        TEXT NOT NULL,
  notes         TEXT NOT NULL DEFAULT '{}',
  created_at    TEXT NOT NULL,
  is_demo       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outcome_reviews_record ON outcome_reviews(record_id, reviewed_at);

-- The borough's cases, for the agenda (R-MASE-6) and the board report (R-RPT-1).
CREATE INDEX records_mase_owning ON records(owning_borough_id, status);
CREATE INDEX records_mase_allocated ON records(allocated_borough_id);

-- 003_missing: missing and absent children (App E, App C; R-MISS-1..10, R-DL-1, R-DL-2).
-- An episode runs from the report to the return; every change of class, escalation and
-- risk level is kept with time, reason and rule; the safe and well check, the return
-- interview and the forensic strategy decision hang from the episode. Where children
-- were last seen and found, and with whom, are kept as plain text with normalised keys
-- for link analysis. The Philomena-style profile is one row per child.

CREATE TABLE episodes (
  id                    TEXT PRIMARY KEY,
  child_id              TEXT NOT NULL REFERENCES children(id),
  reported_at           TEXT NOT NULL,
  reported_by           TEXT REFERENCES users(id),
  reported_by_name      TEXT NOT NULL,
  reported_by_agency_id TEXT REFERENCES agencies(id),
  last_seen_at          TEXT,
  last_seen_where       TEXT,
  last_seen_with        TEXT,
  missing_from          TEXT NOT NULL CHECK (missing_from IN ('home', 'care', 'school', 'other')),
  parents_carers        TEXT NOT NULL DEFAULT '[]',  -- JSON array of names (R-MISS-6)
  classification        TEXT NOT NULL CHECK (classification IN ('absent', 'missing')),
  classification_reason TEXT NOT NULL,
  classification_rule   TEXT NOT NULL,
  looked_after          INTEGER NOT NULL DEFAULT 0,  -- at the time of the report (R-MISS-7)
  risk_level            TEXT CHECK (risk_level IN ('no_apparent_risk', 'low', 'medium', 'high')),
  status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'returned', 'closed')),
  returned_at           TEXT,
  returned_where        TEXT,
  returned_with         TEXT,
  csc_interviewer       TEXT,   -- who did the social care interview on return (R-MISS-6)
  csc_interviewer_key   TEXT,
  is_demo               INTEGER NOT NULL DEFAULT 0,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  CHECK (returned_at IS NULL OR returned_at >= reported_at)
);
CREATE INDEX episodes_child ON episodes(child_id, reported_at);
CREATE INDEX episodes_open ON episodes(status, classification);

-- R-MISS-4: every change of classification, escalation and risk level.
CREATE TABLE episode_changes (
  id              INTEGER PRIMARY KEY,
  episode_id      TEXT NOT NULL REFERENCES episodes(id),
  kind            TEXT NOT NULL CHECK (kind IN ('classification', 'escalation', 'risk_level',
                    'status')),
  from_value      TEXT,
  to_value        TEXT NOT NULL,
  reason          TEXT NOT NULL,
  rule            TEXT,
  changed_at      TEXT NOT NULL,
  changed_by      TEXT REFERENCES users(id),
  changed_by_name TEXT NOT NULL
);
CREATE INDEX episode_changes_episode ON episode_changes(episode_id, changed_at);

-- R-MISS-5: the police Safe and Well Check.
CREATE TABLE safe_and_well_checks (
  id             TEXT PRIMARY KEY,
  episode_id     TEXT NOT NULL REFERENCES episodes(id),
  done_at        TEXT NOT NULL,
  done_by        TEXT REFERENCES users(id),
  done_by_name   TEXT NOT NULL,
  done_by_key    TEXT NOT NULL,             -- identity key for R-MISS-6 independence
  agency_id      TEXT REFERENCES agencies(id),
  where_found    TEXT NOT NULL,
  found_with     TEXT,
  what_happened  TEXT NOT NULL,
  crime_alleged  INTEGER NOT NULL DEFAULT 0,
  crime_number   TEXT,                      -- also on the record as external_refs (R-REC-5)
  recorded_at    TEXT NOT NULL
);
CREATE INDEX safe_and_well_episode ON safe_and_well_checks(episode_id);

-- R-MISS-6..8: the Return Interview, due 72 hours after the return.
CREATE TABLE return_interviews (
  id                 TEXT PRIMARY KEY,
  episode_id         TEXT NOT NULL UNIQUE REFERENCES episodes(id),
  due_at             TEXT NOT NULL,
  responsible        TEXT NOT NULL,          -- JSON array of party codes (R-MISS-7)
  responsibility     TEXT NOT NULL,
  child_preference   TEXT NOT NULL,          -- whom the child wants to speak to (R-MISS-6)
  interviewer_id     TEXT REFERENCES users(id),
  interviewer_name   TEXT NOT NULL,
  interviewer_key    TEXT NOT NULL,
  interviewer_role   TEXT,
  interviewer_agency TEXT,
  status             TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined',
                       'completed')),
  offered_at         TEXT NOT NULL,
  accepted_at        TEXT,
  declined_at        TEXT,
  completed_at       TEXT,
  findings           TEXT,
  record_entry_id    TEXT REFERENCES record_entries(id),   -- R-MISS-8
  updated_at         TEXT NOT NULL,
  updated_by         TEXT REFERENCES users(id)
);
CREATE INDEX return_interviews_status ON return_interviews(status, due_at);

-- R-MISS-9: forensic strategy consideration after every episode.
CREATE TABLE forensic_decisions (
  id                 TEXT PRIMARY KEY,
  episode_id         TEXT NOT NULL REFERENCES episodes(id),
  clothing           INTEGER NOT NULL,
  early_evidence_kit INTEGER NOT NULL,
  phones             INTEGER NOT NULL,
  decision           TEXT NOT NULL CHECK (decision IN ('forensic_strategy', 'no_forensic_action')),
  rationale          TEXT NOT NULL,
  decided_at         TEXT NOT NULL,
  decided_by         TEXT REFERENCES users(id),
  decided_by_name    TEXT NOT NULL
);
CREATE INDEX forensic_decisions_episode ON forensic_decisions(episode_id);

-- R-MISS-10, R-LOC-1: where a child was last seen or found, as linkable locations.
CREATE TABLE episode_locations (
  id           INTEGER PRIMARY KEY,
  episode_id   TEXT NOT NULL REFERENCES episodes(id),
  child_id     TEXT NOT NULL REFERENCES children(id),
  kind         TEXT NOT NULL CHECK (kind IN ('last_seen', 'found')),
  text         TEXT NOT NULL,
  location_key TEXT NOT NULL,              -- normalised text, for hotspots
  at           TEXT NOT NULL
);
CREATE INDEX episode_locations_key ON episode_locations(location_key);
CREATE INDEX episode_locations_episode ON episode_locations(episode_id);

-- R-MISS-10: with whom a child was last seen or found.
CREATE TABLE episode_people (
  id             INTEGER PRIMARY KEY,
  episode_id     TEXT NOT NULL REFERENCES episodes(id),
  child_id       TEXT NOT NULL REFERENCES children(id),
  kind           TEXT NOT NULL CHECK (kind IN ('last_seen_with', 'found_with')),
  name           TEXT NOT NULL,
  name_key       TEXT NOT NULL,
  other_child_id TEXT REFERENCES children(id),   -- when the person is a child Lantern knows
  at             TEXT NOT NULL
);
CREATE INDEX episode_people_key ON episode_people(name_key);
CREATE INDEX episode_people_other ON episode_people(other_child_id);
CREATE INDEX episode_people_episode ON episode_people(episode_id);

-- Philomena-style profile, shared with police the moment a new episode opens.
CREATE TABLE philomena_profiles (
  child_id      TEXT PRIMARY KEY REFERENCES children(id),
  description   TEXT,
  associates    TEXT NOT NULL DEFAULT '[]',   -- JSON arrays of text
  places        TEXT NOT NULL DEFAULT '[]',
  phone_numbers TEXT NOT NULL DEFAULT '[]',
  social_media  TEXT NOT NULL DEFAULT '[]',
  photo_ref     TEXT,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT REFERENCES users(id)
);

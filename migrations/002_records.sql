-- 002_records: the child's one record (R-REC-1) and what hangs from it: referrals with
-- their SAFEGUARD signs and routing, the chronology, category decisions, flags with
-- history, outcome codes, references to other systems, exploitation types and models,
-- and the Appendix G checklists.

CREATE TABLE records (
  id                   TEXT PRIMARY KEY,
  child_id             TEXT NOT NULL UNIQUE REFERENCES children(id),  -- R-REC-1
  reference            TEXT NOT NULL UNIQUE,   -- LAN-2026-000123
  ref_year             INTEGER NOT NULL,
  ref_seq              INTEGER NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_at            TEXT NOT NULL,
  opened_by            TEXT REFERENCES users(id),
  owning_borough_id    TEXT REFERENCES boroughs(id),
  current_category     INTEGER CHECK (current_category IN (1, 2, 3)),
  contact_mode         TEXT CHECK (contact_mode IN ('contact', 'online')),
  allocation           TEXT CHECK (allocation IN ('borough', 'set')),
  allocated_borough_id TEXT REFERENCES boroughs(id),
  enquiring_borough_id TEXT REFERENCES boroughs(id),   -- R-CAT-5
  exploitation_borough TEXT,
  online               INTEGER NOT NULL DEFAULT 0,   -- R-FLAG-3: exploitation online
  group_responsible    INTEGER NOT NULL DEFAULT 0,   -- R-FLAG-4: GE
  gang_responsible     INTEGER NOT NULL DEFAULT 0,   -- R-FLAG-4: GA
  restricted           INTEGER NOT NULL DEFAULT 0,
  is_demo              INTEGER NOT NULL DEFAULT 0,
  updated_at           TEXT NOT NULL,
  UNIQUE (ref_year, ref_seq)
);
CREATE INDEX records_category ON records(current_category);

CREATE TABLE referrals (
  id                 TEXT PRIMARY KEY,
  child_id           TEXT NOT NULL REFERENCES children(id),
  record_id          TEXT REFERENCES records(id),   -- NULL when not the CSE pathway
  source_agency_id   TEXT REFERENCES agencies(id),
  referrer_id        TEXT REFERENCES users(id),
  referrer_name      TEXT NOT NULL,
  came_to_notice_at  TEXT NOT NULL,
  submitted_at       TEXT NOT NULL,
  circumstances      TEXT NOT NULL,                 -- App G I1
  rationale          TEXT,                          -- R-REC-2 / App G I2
  no_sign_rationale  TEXT,                          -- R-SIGN-2
  risk_review        TEXT,                          -- App G I3
  other_info         TEXT,                          -- App G I5
  route              TEXT NOT NULL CHECK (route IN ('not_cse_early_help',
                       'social_worker_and_set', 'mash', 'police_pathway')),
  route_rule         TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('awaiting_triage', 'triaged',
                       'not_cse_pathway')),
  is_demo            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX referrals_child ON referrals(child_id);
CREATE INDEX referrals_record ON referrals(record_id);
CREATE INDEX referrals_status ON referrals(status);

CREATE TABLE referral_signs (
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  sign_code   TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  seen_on     TEXT NOT NULL,
  PRIMARY KEY (referral_id, sign_code)
) WITHOUT ROWID;

-- The ordered steps the pathway set for a referral, and who does or receives each.
CREATE TABLE referral_steps (
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  seq         INTEGER NOT NULL,
  action      TEXT NOT NULL,
  who         TEXT NOT NULL,
  rule        TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (referral_id, seq)
) WITHOUT ROWID;

-- R-REC-3, R-REC-6: the chronology. Entries are never deleted or edited; a correction
-- is a new entry that supersedes the old, which stays visible.
CREATE TABLE record_entries (
  id              TEXT PRIMARY KEY,
  record_id       TEXT NOT NULL REFERENCES records(id),
  occurred_at     TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  author_id       TEXT REFERENCES users(id),
  author_name     TEXT NOT NULL,
  agency_id       TEXT REFERENCES agencies(id),
  people_involved TEXT NOT NULL,          -- JSON array of names/roles
  nature          TEXT NOT NULL CHECK (nature IN ('fact', 'opinion')),
  kind            TEXT NOT NULL,          -- referral, note, category, supervisor_review, ...
  text            TEXT NOT NULL,
  supersedes_id   TEXT REFERENCES record_entries(id),
  superseded_by   TEXT REFERENCES record_entries(id),
  referral_id     TEXT REFERENCES referrals(id),
  is_demo         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX record_entries_record ON record_entries(record_id, occurred_at);

-- R-CAT-3: every category decision, kept as history.
CREATE TABLE category_decisions (
  id                   TEXT PRIMARY KEY,
  record_id            TEXT NOT NULL REFERENCES records(id),
  category             INTEGER NOT NULL CHECK (category IN (1, 2, 3)),
  contact_mode         TEXT CHECK (contact_mode IN ('contact', 'online')),
  rationale            TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('initial', 'supervisor',
                         'assessment_team')),
  decided_by           TEXT REFERENCES users(id),
  decided_by_name      TEXT NOT NULL,
  decided_at           TEXT NOT NULL,
  allocation           TEXT NOT NULL CHECK (allocation IN ('borough', 'set')),
  allocated_borough_id TEXT REFERENCES boroughs(id),
  enquiring_borough_id TEXT REFERENCES boroughs(id),
  indicators           TEXT NOT NULL DEFAULT '[]'   -- App B codes ticked (R-CAT-2)
);
CREATE INDEX category_decisions_record ON category_decisions(record_id, decided_at);

-- R-FLAG-*: flags with history; a flag is current while cleared_at IS NULL.
CREATE TABLE record_flags (
  id         INTEGER PRIMARY KEY,
  record_id  TEXT NOT NULL REFERENCES records(id),
  flag       TEXT NOT NULL CHECK (flag IN ('ES', 'GE', 'GA', 'LA', 'LB', 'LC', 'EU')),
  set_at     TEXT NOT NULL,
  cleared_at TEXT,
  reason     TEXT NOT NULL
);
CREATE INDEX record_flags_record ON record_flags(record_id);
CREATE UNIQUE INDEX record_flags_current ON record_flags(record_id, flag) WHERE cleared_at IS NULL;

-- R-OUT-*: outcome codes. MI sits on a child's record; FP/FO/FQ on a person of
-- concern (the people-of-concern schema adds person_id's table later).
CREATE TABLE outcomes (
  id          TEXT PRIMARY KEY,
  record_id   TEXT REFERENCES records(id),
  person_id   TEXT,
  code        TEXT NOT NULL CHECK (code IN ('MI', 'FP', 'FO', 'FQ')),
  achieved_on TEXT NOT NULL,
  note        TEXT,
  recorded_by TEXT REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  CHECK ((record_id IS NULL) <> (person_id IS NULL))
);
CREATE INDEX outcomes_record ON outcomes(record_id);

-- R-REC-4, R-REC-5: references to other systems.
CREATE TABLE external_refs (
  id         INTEGER PRIMARY KEY,
  record_id  TEXT NOT NULL REFERENCES records(id),
  kind       TEXT NOT NULL CHECK (kind IN ('crime_number', 'non_crime_number', 'merlin_pac',
               'csc_case')),
  value      TEXT NOT NULL,
  es_flagged INTEGER NOT NULL DEFAULT 0,   -- R-FLAG-1 on a linked crime report
  added_at   TEXT NOT NULL,
  added_by   TEXT REFERENCES users(id),
  UNIQUE (record_id, kind, value)
);

-- R-DEF-3 and the wider scope: exploitation types and models, with history.
CREATE TABLE record_classifications (
  id         INTEGER PRIMARY KEY,
  record_id  TEXT NOT NULL REFERENCES records(id),
  kind       TEXT NOT NULL CHECK (kind IN ('type', 'model')),
  code       TEXT NOT NULL,
  from_at    TEXT NOT NULL,
  to_at      TEXT
);
CREATE INDEX record_classifications_record ON record_classifications(record_id);

-- App G checklists: supervisor reviews (S1-S6) and essential steps (E1-E5).
CREATE TABLE supervisor_reviews (
  id                   TEXT PRIMARY KEY,
  record_id            TEXT NOT NULL REFERENCES records(id),
  reviewer_id          TEXT NOT NULL REFERENCES users(id),
  reporting_officer_id TEXT REFERENCES users(id),
  reviewed_at          TEXT NOT NULL,
  items                TEXT NOT NULL,        -- JSON [{code, ticked, note}]
  threat_to_life       TEXT NOT NULL CHECK (threat_to_life IN ('not_appropriate', 'done'))
);
CREATE INDEX supervisor_reviews_record ON supervisor_reviews(record_id);

CREATE TABLE essential_steps (
  id          TEXT PRIMARY KEY,
  record_id   TEXT NOT NULL REFERENCES records(id),
  recorded_by TEXT REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  steps       TEXT NOT NULL,                 -- JSON of the E1-E5 answers
  outstanding TEXT NOT NULL                  -- comma list of step codes still open
);
CREATE INDEX essential_steps_record ON essential_steps(record_id, recorded_at);

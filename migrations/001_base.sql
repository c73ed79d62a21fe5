-- 001_base: boroughs, agencies, users and roles, children with their names, addresses
-- and increased-risk groups, the audit log, and instance metadata. IDs are opaque text
-- (prefix + random); times are ISO 8601 UTC text; dates are YYYY-MM-DD text.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE boroughs (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE
);

CREATE TABLE agencies (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  type        TEXT NOT NULL CHECK (type IN ('police', 'childrens_social_care', 'health',
                'education', 'youth_offending', 'probation', 'housing', 'charity', 'other')),
  borough_id  TEXT REFERENCES boroughs(id),
  senior_lead TEXT,             -- R-INFO-1: senior accountable lead
  spoc        TEXT,             -- R-INFO-1: daily single point of contact
  created_at  TEXT NOT NULL
);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  password_hash TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  team          TEXT,
  created_at    TEXT NOT NULL,
  disabled_at   TEXT
);
CREATE INDEX users_agency ON users(agency_id);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('police_officer', 'police_supervisor',
            'assessment_team', 'mash_worker', 'social_worker', 'csc_manager', 'health',
            'education', 'youth_offending', 'charity', 'analyst', 'mase_chair', 'auditor',
            'administrator')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE children (
  id                  TEXT PRIMARY KEY,
  given_names         TEXT NOT NULL,
  family_name         TEXT NOT NULL,
  name_key            TEXT NOT NULL,   -- normalised "family given" for lookups
  date_of_birth       TEXT,            -- NULL when unknown
  gender              TEXT NOT NULL DEFAULT 'unknown'
                        CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  ethnicity           TEXT,
  nhs_number          TEXT UNIQUE,     -- 10 digits, check digit verified
  school              TEXT,
  residence_borough_id TEXT REFERENCES boroughs(id),
  looked_after        INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
  home_authority      TEXT,            -- R-DEF-5, R-DEF-6: placing (home) authority
  host_authority      TEXT,            -- R-DEF-6: where the child is placed
  iro_name            TEXT,            -- Independent Reviewing Officer
  host_cse_lead       TEXT,            -- host authority's exploitation lead contact
  social_worker_id    TEXT REFERENCES users(id),   -- allocated social worker, if a user
  social_worker_name  TEXT,            -- allocated social worker outside Lantern
  is_demo             INTEGER NOT NULL DEFAULT 0,
  created_at          TEXT NOT NULL,
  created_by          TEXT REFERENCES users(id),
  updated_at          TEXT NOT NULL
);
CREATE INDEX children_name_key ON children(name_key);
CREATE INDEX children_dob ON children(date_of_birth);

-- Every other name a child is known by (R-REC-1: aliases, nicknames, other spellings).
CREATE TABLE child_names (
  id          INTEGER PRIMARY KEY,
  child_id    TEXT NOT NULL REFERENCES children(id),
  kind        TEXT NOT NULL CHECK (kind IN ('alias', 'nickname', 'previous', 'spelling')),
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL
);
CREATE INDEX child_names_child ON child_names(child_id);
CREATE INDEX child_names_key ON child_names(name_key);

-- Blocking keys for candidate search (phonetic codes, dates, identifiers).
CREATE TABLE child_keys (
  key      TEXT NOT NULL,
  child_id TEXT NOT NULL REFERENCES children(id),
  PRIMARY KEY (key, child_id)
) WITHOUT ROWID;

CREATE TABLE child_addresses (
  id         INTEGER PRIMARY KEY,
  child_id   TEXT NOT NULL REFERENCES children(id),
  address    TEXT NOT NULL,
  postcode   TEXT,
  borough_id TEXT REFERENCES boroughs(id),
  from_date  TEXT,
  to_date    TEXT
);
CREATE INDEX child_addresses_child ON child_addresses(child_id);

-- R-DEF-5: groups at increased risk, recorded as facts with dates.
CREATE TABLE child_risk_groups (
  id         INTEGER PRIMARY KEY,
  child_id   TEXT NOT NULL REFERENCES children(id),
  group_code TEXT NOT NULL,
  from_date  TEXT,
  to_date    TEXT,
  note       TEXT
);
CREATE INDEX child_risk_groups_child ON child_risk_groups(child_id);

-- Agencies involved with a child: they referred, were sent the referral by the
-- pathway, or were allocated work. Involvement is what lets an agency's staff see the
-- child (DESIGN.md security model: per-record rules).
CREATE TABLE child_agencies (
  child_id  TEXT NOT NULL REFERENCES children(id),
  agency_id TEXT NOT NULL REFERENCES agencies(id),
  reason    TEXT NOT NULL,
  since     TEXT NOT NULL,
  PRIMARY KEY (child_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX child_agencies_agency ON child_agencies(agency_id);

-- The audit log: append-only and hash-chained. Each event's hash covers its fields and
-- the previous event's hash; `lantern audit verify` walks the chain.
CREATE TABLE audit_events (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     TEXT,
  agency_id   TEXT,
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT,
  record_ref  TEXT,
  fields      TEXT,
  purpose     TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity_type, entity_id);
CREATE INDEX audit_events_user ON audit_events(user_id);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END;

-- Signed-in sessions. Only a hash of the token is stored; the token lives in the
-- browser's cookie. Times are Unix seconds (UTC) for cheap timeout checks.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Personal API tokens for integrations (Authorization: Bearer), stored hashed.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

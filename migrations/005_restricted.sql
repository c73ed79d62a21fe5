-- 005_restricted: break-glass access to restricted records (R-INFO-3). A restricted
-- record can be opened only with a recorded reason; every opening is listed here until
-- a supervisor reviews it.

ALTER TABLE records ADD COLUMN restricted_reason TEXT;

CREATE TABLE restricted_access (
  id          TEXT PRIMARY KEY,
  record_id   TEXT NOT NULL REFERENCES records(id),
  user_id     TEXT REFERENCES users(id),
  user_name   TEXT NOT NULL,
  agency_id   TEXT REFERENCES agencies(id),
  opened_at   TEXT NOT NULL,
  purpose     TEXT NOT NULL,
  reviewed_by TEXT REFERENCES users(id),
  reviewed_at TEXT,
  review_note TEXT
);
CREATE INDEX restricted_access_unreviewed ON restricted_access(reviewed_at, opened_at);
CREATE INDEX restricted_access_record ON restricted_access(record_id);

-- 017_child_details_admin: changing a child's details with their history, user
-- administration, and forms kept across a sign-in.
--
-- A child's details (address, school, carers, social worker, looked-after status and
-- placing authority, other names) change over time; each change keeps the value it
-- replaced, who changed it, when and why (child_changes: one row per detail changed,
-- rows of one edit share edit_id). Nothing is deleted: the history is what those who
-- see the child's record read.
ALTER TABLE children ADD COLUMN carers TEXT;  -- JSON array of "name (relationship)"

CREATE TABLE child_changes (
  id              INTEGER PRIMARY KEY,
  edit_id         TEXT NOT NULL,              -- cdc_...: one submitted change
  child_id        TEXT NOT NULL REFERENCES children(id),
  field           TEXT NOT NULL CHECK (field IN ('address', 'school', 'carers',
                    'social_worker', 'looked_after', 'home_authority', 'host_authority',
                    'other_names')),
  old_value       TEXT,                       -- as shown on the page; NULL: none
  new_value       TEXT,
  reason          TEXT,
  changed_by      TEXT REFERENCES users(id),
  changed_by_name TEXT NOT NULL,
  agency_id       TEXT REFERENCES agencies(id),
  changed_at      TEXT NOT NULL
);
CREATE INDEX child_changes_child ON child_changes(child_id, changed_at);

-- The record view shows the child: a change moves the record's view version (008).
CREATE TRIGGER child_changes_view_insert AFTER INSERT ON child_changes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_changes_view_update AFTER UPDATE ON child_changes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_changes_view_delete AFTER DELETE ON child_changes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;

-- User administration: a password an administrator set must be replaced by its user at
-- the next sign-in; when a user was last changed.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN updated_at TEXT;

-- A form posted after its session ended, kept until its user signs in again (at most
-- its expiry), then sent or shown filled, and deleted once used. The body is personal
-- data: it is stored only sealed (XSalsa20-Poly1305) with a random key that the server
-- does not keep (the sign-in page carries it); key_hash (BLAKE2b-256 of the key) finds
-- it. `trusted`: the form carried the CSRF token of the session that ended, so it is
-- sent as soon as that user signs in; otherwise the user is asked first. Times are Unix
-- seconds. Shown in no view: no trigger.
CREATE TABLE kept_forms (
  id          TEXT PRIMARY KEY,
  key_hash    TEXT NOT NULL UNIQUE,
  username    TEXT,
  trusted     INTEGER NOT NULL CHECK (trusted IN (0, 1)),
  path        TEXT NOT NULL,
  sealed      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX kept_forms_expiry ON kept_forms(expires_at);

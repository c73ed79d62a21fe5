-- 010_access: how a user comes to see a child's record (src/protocol/access.h, R-INFO-3).
-- A child's case has member agencies: routed the referral or the missing report by the
-- pathway ('routed'), given work by an allocation ('allocated'), added by an entitled
-- role with a reason ('added'), or the looked-after child's home authority
-- ('home_authority', R-MISS-7). An agency that only filed about the child is kept as
-- 'filed': it sees what it filed, never the record, through that. A membership that ends
-- keeps its row with ended_at. Grants give one user access to one child's record for a
-- reason that a police supervisor or children's social care manager accepted, from
-- starts_at until ends_at.
ALTER TABLE child_agencies ADD COLUMN kind TEXT NOT NULL DEFAULT 'routed'
  CHECK (kind IN ('routed', 'allocated', 'added', 'home_authority', 'filed'));
ALTER TABLE child_agencies ADD COLUMN added_by TEXT REFERENCES users(id);
ALTER TABLE child_agencies ADD COLUMN ended_at TEXT;
UPDATE child_agencies SET kind = 'filed'
 WHERE reason IN ('referred the child', 'reported the child missing',
                  'created the child''s details');

-- R-MISS-7: the looked-after child's home (placing) authority as an agency, so that its
-- staff see the return interview it is responsible for. home_authority keeps the name.
ALTER TABLE children ADD COLUMN home_authority_id TEXT REFERENCES agencies(id);

CREATE TABLE access_grants (
  id            TEXT PRIMARY KEY,
  child_id      TEXT NOT NULL REFERENCES children(id),
  user_id       TEXT NOT NULL REFERENCES users(id),
  reason        TEXT NOT NULL,
  days          INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90),
  requested_at  TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'requested'
                  CHECK (status IN ('requested', 'granted', 'refused', 'withdrawn', 'ended')),
  decided_by    TEXT REFERENCES users(id),
  decided_at    TEXT,
  decision_note TEXT,
  starts_at     TEXT,
  ends_at       TEXT,
  CHECK ((status = 'granted') = (starts_at IS NOT NULL AND ends_at IS NOT NULL)
         OR status = 'ended')
);
CREATE INDEX access_grants_user ON access_grants(user_id, status);
CREATE INDEX access_grants_child ON access_grants(child_id);
CREATE INDEX access_grants_status ON access_grants(status, requested_at);

-- A record view lists who may see the record; a grant's change moves its version (008).
CREATE TRIGGER access_grants_view_insert AFTER INSERT ON access_grants
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER access_grants_view_update AFTER UPDATE ON access_grants
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER access_grants_view_delete AFTER DELETE ON access_grants
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;

-- 023_child_merges: two children a person has found to be the same child (R-REC-1:
-- Lantern never merges by itself). The merged child is not deleted and none of its rows
-- are rewritten: a merge in force (undone_at IS NULL) marks it as merged into the
-- surviving child, which hides it from search and lists and shows its episodes under the
-- survivor. Undoing a merge fills undone_at/undone_by/undo_reason, so both children are
-- exactly as before. A child is merged into at most one other at a time.
CREATE TABLE child_merges (
  id                 TEXT PRIMARY KEY,
  surviving_child_id TEXT NOT NULL REFERENCES children(id),
  merged_child_id    TEXT NOT NULL REFERENCES children(id),
  merged_by          TEXT REFERENCES users(id),
  merged_by_name     TEXT NOT NULL,
  merged_at          TEXT NOT NULL,
  reason             TEXT NOT NULL,
  undone_at          TEXT,
  undone_by          TEXT REFERENCES users(id),
  undone_by_name     TEXT,
  undo_reason        TEXT,
  CHECK (surviving_child_id <> merged_child_id)
);
CREATE UNIQUE INDEX child_merges_in_force ON child_merges(merged_child_id)
  WHERE undone_at IS NULL;
CREATE INDEX child_merges_survivor ON child_merges(surviving_child_id);

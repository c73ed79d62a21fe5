-- 019_imports: bulk import of children with every row matched (R-REC-1), the rows held
-- for a person to resolve, and the matching models trained on the caseload.
--
-- An import batch is one file: all or nothing (a refused row means nothing of the batch
-- is written unless the importer asked to commit the good rows). Its report (counts and
-- the refused rows with line and reason, the first 1,000) is kept whatever happened, so
-- that a refused or dry-run batch can be read back later.
CREATE TABLE import_batches (
  id          TEXT PRIMARY KEY,               -- imp_...
  kind        TEXT NOT NULL CHECK (kind IN ('children')),
  status      TEXT NOT NULL CHECK (status IN ('committed', 'refused', 'dry_run')),
  source      TEXT,                           -- the file's name, as given
  rows_read   INTEGER NOT NULL,
  created     INTEGER NOT NULL,               -- children created
  held        INTEGER NOT NULL,               -- rows held for a person to resolve
  refused     INTEGER NOT NULL,
  report      TEXT NOT NULL,                  -- JSON: the refused rows and the counts
  created_by  TEXT REFERENCES users(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX import_batches_time ON import_batches(created_at);

-- A row that may be a child already known: never merged silently; a person decides
-- "same child" (the row is not added; the existing child is named) or "new child" (the
-- row becomes a new child).
CREATE TABLE import_held (
  id          TEXT PRIMARY KEY,               -- imh_...
  batch_id    TEXT NOT NULL REFERENCES import_batches(id),
  line        INTEGER NOT NULL,
  row_data    TEXT NOT NULL,                  -- JSON: the child as the file gave it
  candidates  TEXT NOT NULL,                  -- JSON: [{id, strength, reasons}]
  status      TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'same', 'new')),
  child_id    TEXT REFERENCES children(id),   -- the existing or the new child
  resolved_by TEXT REFERENCES users(id),
  resolved_at TEXT
);
CREATE INDEX import_held_status ON import_held(status, batch_id, line);

-- Matching models trained by EM on the caseload (src/link/em.h): the newest is used;
-- none means the built-in model.
CREATE TABLE match_models (
  id          TEXT PRIMARY KEY,               -- mm_...
  trained_on  TEXT NOT NULL,                  -- the date of training, YYYY-MM-DD
  records     INTEGER NOT NULL,               -- records it was trained on
  model       TEXT NOT NULL,                  -- JSON (link_model_to_json)
  created_by  TEXT REFERENCES users(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX match_models_time ON match_models(created_at);

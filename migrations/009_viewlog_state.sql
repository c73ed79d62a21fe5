-- 009_viewlog_state: a server's view events wait in the view log (a file beside the
-- database, src/audit/viewlog.c) and are moved into audit_events in batches. `folded` is
-- the view log's last sequence number moved, written in the same transaction as the
-- events, so a fold cut short is never moved twice. Not shown in any view: no trigger.
CREATE TABLE viewlog_state (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  folded INTEGER NOT NULL
);
INSERT INTO viewlog_state (id, folded) VALUES (1, 0);

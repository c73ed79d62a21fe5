-- 009_viewlog_state: a server's view events wait in a view log (a file beside the
-- database, src/audit/viewlog.c) and are moved into audit_events in batches. Each view
-- log names itself with a random id (its table `log`); `folded` is that log's last
-- sequence number moved, written in the same transaction as the events, so a fold cut
-- short is never moved twice, and a view log that is new to this database (deleted and
-- made again, or the database restored or moved without it) starts from nothing.
-- Not shown in any view: no trigger.
CREATE TABLE viewlog_state (
  log_id TEXT PRIMARY KEY,
  folded INTEGER NOT NULL
);

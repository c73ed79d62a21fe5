-- 006_session_grants: a reason given to open a restricted record (R-INFO-3) holds for
-- that record in that browser session for a short time, so the user can read and add
-- to it without re-entering the reason on every page. Sessions' ends end their grants.

CREATE TABLE session_grants (
  token_hash TEXT NOT NULL,
  record_ref TEXT NOT NULL,
  purpose    TEXT NOT NULL,
  until      INTEGER NOT NULL,
  PRIMARY KEY (token_hash, record_ref)
);

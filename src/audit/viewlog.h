/*
 * viewlog.h: the view log, where a server's view events wait (a tenth of a second) to
 * enter the audit chain.
 *
 * A view writes nothing but its audit event. Written straight into the database, every
 * view is a commit, and in WAL mode every commit empties every other connection's page
 * cache, so the server spent most of its time reading the same pages again
 * (bench/web). So a server keeps its view events in a second SQLite file beside the
 * database, `<database file>-viewlog`: each event commits there (group commit, see
 * audit_append_shared) before the view is answered, exactly as durable as a commit to
 * the database itself (both WAL, synchronous=NORMAL). The fold then moves the waiting
 * events into audit_events in one transaction, in the order they arrived, each keeping
 * its own time; the hash chain covers them from then on.
 *
 * Exactly once: each view log names itself with a random id; the fold records the
 * last sequence it moved from that log in viewlog_state (in the database, in the same
 * transaction as the events, made durable before going on) and only then deletes the
 * moved rows from the view log (through the view log's writer thread when it runs in
 * the folding process, so that the fold never takes the writer's lock); rows at or below
 * that mark found later (a crash between the two) are deleted without moving them
 * again. A log's sequence never reuses a
 * number (AUTOINCREMENT), and a view log new to the database (deleted and made again,
 * or the database restored or moved without it) has no mark yet: all of it is moved.
 *
 * Only a process that attaches the view log (`lantern serve`) writes to it; any
 * process folds it when it finds one (the server every 100 ms, at start and at
 * shutdown; the auditor's list and `lantern audit verify` before they read).
 */
#ifndef LANTERN_AUDIT_VIEWLOG_H
#define LANTERN_AUDIT_VIEWLOG_H

#include <stdbool.h>

#include "audit/audit.h"
#include "store/db.h"

/* From now on audit_append_shared in this process sends the events of db's database to
 * its view log (created when missing), through the log's writer thread (started here).
 * Returns DB_OK, or an error with a message in err (an in-memory database has no view
 * log: DB_E_MISUSE). */
int viewlog_attach(struct db *db, char *err, size_t errlen);
/* Commits what is still queued, stops the writer thread and closes the view log; events
 * go to the database again (a fold afterwards moves what waits). */
void viewlog_detach(void);
/* Whether events of db's database go to the view log. */
bool viewlog_attached(struct db *db);

/* Called once an event handed to viewlog_submit has committed (rc DB_OK) or failed
 * (a DB_E_* code), on the view log's writer thread: keep it short. */
typedef void (*viewlog_done_fn)(void *ctx, int rc);

/* Hands a copy of ev to the writer thread of the view log attached for db's database,
 * which commits waiting events together (group commit) and then calls done(ctx, rc)
 * for each. Returns DB_OK when handed over (done will be called exactly once), or
 * DB_E_MISUSE when no view log is attached for db (done is not called). */
int viewlog_submit(struct db *db, const struct audit_event *ev, viewlog_done_fn done, void *ctx);

/* Moves every waiting event of db's view log (if the file exists) into audit_events.
 * db must have no open transaction. *moved (may be NULL) gets the number of events
 * moved. Returns DB_OK or a DB_E_* code (nothing moved, nothing lost). */
int viewlog_fold(struct db *db, long *moved);

#endif

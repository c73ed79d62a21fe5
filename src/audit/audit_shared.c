/* audit_shared.c: audit events that stand alone (see audit.h). A process with a view log
 * for the database (a server, viewlog.h) hands the event to the log's writer thread,
 * which commits waiting events together, and waits for its word; any other process
 * appends the event in a transaction of its own (its writers queue on the process's
 * writer lock, so the chain order is the order of the commits). */
#include "audit/audit.h"
#include "audit/viewlog.h"

#include <pthread.h>

/* A caller waiting for the view log's writer. */
struct sync_wait {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;
	int rc;
};

static void sync_done(void *ctx, int rc)
{
	struct sync_wait *w = ctx;
	pthread_mutex_lock(&w->mu);
	w->rc = rc;
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* Hands ev to the view log's writer and waits; DB_E_MISUSE when no view log takes it. */
static int through_viewlog(struct db *db, const struct audit_event *ev)
{
	struct sync_wait w = {.mu = PTHREAD_MUTEX_INITIALIZER};
	pthread_cond_init(&w.cv, NULL);
	int rc = viewlog_submit(db, ev, sync_done, &w);
	if (rc == DB_OK) {
		pthread_mutex_lock(&w.mu);
		while (!w.done)
			pthread_cond_wait(&w.cv, &w.mu);
		rc = w.rc;
		pthread_mutex_unlock(&w.mu);
	}
	pthread_cond_destroy(&w.cv);
	return rc;
}

int audit_append_shared(struct db *db, const struct audit_event *ev)
{
	if (db_in_tx(db))
		return DB_E_MISUSE;
	int rc = through_viewlog(db, ev);
	if (rc != DB_E_MISUSE)
		return rc;
	rc = db_begin(db);
	if (rc == DB_OK && (rc = audit_append(db, ev)) == DB_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* audit_shared.c: group commit of audit events that stand alone (see audit.h).
 *
 * Waiting events form one queue for the process. A caller queues its event and, when no
 * other thread is writing, becomes the writer: it takes every queued event of the same
 * database, appends them in order in one transaction, commits, and marks each done with
 * the result; callers of another database wait for the next turn. The chain order is
 * the order of the appends, exactly as with one transaction per event; only the number
 * of commits (and of write-ahead-log pages written) falls. A server's events go to its
 * view log instead, whose writer thread commits them the same way (viewlog.h). */
#include "audit/audit.h"
#include "audit/viewlog.h"

#include <pthread.h>

struct shared_event {
	const struct audit_event *ev;
	const char *scope;
	struct shared_event *next;
	bool done;
	int rc;
	pthread_cond_t cv; /* its caller waits here: woken when done or when it may write */
};

static pthread_mutex_t sh_mu = PTHREAD_MUTEX_INITIALIZER;
static struct shared_event *sh_head, *sh_tail;
static pthread_cond_t sh_arrived;
static pthread_once_t sh_once = PTHREAD_ONCE_INIT;
static bool sh_writing;
static int sh_queued;

/* A writer waits up to SHARED_GATHER_NS for SHARED_GATHER_MIN events to queue. */
#define SHARED_GATHER_NS 100000L
#define SHARED_GATHER_MIN 8

static void sh_init(void)
{
	pthread_condattr_t a;
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&sh_arrived, &a);
	pthread_condattr_destroy(&a);
}

/* Writes the batch (linked through next, all of one database) in one transaction. */
static int write_batch(struct db *db, struct shared_event *batch)
{
	int rc = db_begin(db);
	for (struct shared_event *e = batch; rc == DB_OK && e; e = e->next)
		rc = audit_append(db, e->ev);
	if (rc == DB_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

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

int audit_append_shared(struct db *db, const struct audit_event *ev)
{
	if (db_in_tx(db))
		return DB_E_MISUSE;
	struct shared_event me = {.ev = ev, .scope = db_scope(db)};
	if (!me.scope[0]) /* an in-memory database is this connection's alone */
		return write_batch(db, &me);
	if (viewlog_attached(db)) {
		/* the view log's writer thread commits it: wait for its word */
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
		if (rc != DB_E_MISUSE) /* else detached meanwhile: the database takes it */
			return rc;
	}
	pthread_once(&sh_once, sh_init);
	pthread_cond_init(&me.cv, NULL);
	pthread_mutex_lock(&sh_mu);
	if (sh_tail)
		sh_tail->next = &me;
	else
		sh_head = &me;
	sh_tail = &me;
	if (++sh_queued == SHARED_GATHER_MIN && sh_writing)
		pthread_cond_signal(&sh_arrived); /* a gathering writer may start */
	while (!me.done) {
		if (sh_writing) {
			pthread_cond_wait(&me.cv, &sh_mu);
			continue;
		}
		/* This thread writes. Other threads' events arriving within a moment join the
		 * batch: fewer, larger commits (bench/web). */
		sh_writing = true;
		if (sh_queued < SHARED_GATHER_MIN) {
			struct timespec until;
			clock_gettime(CLOCK_MONOTONIC, &until);
			until.tv_nsec += SHARED_GATHER_NS;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			while (sh_queued < SHARED_GATHER_MIN &&
			       pthread_cond_timedwait(&sh_arrived, &sh_mu, &until) == 0)
				;
		}
		/* take the queued events of this database, in order */
		struct shared_event *batch = NULL, **bt = &batch;
		struct shared_event *keep = NULL, *keep_last = NULL;
		for (struct shared_event *e = sh_head, *n; e; e = n) {
			n = e->next;
			e->next = NULL;
			if (strcmp(e->scope, me.scope) == 0) {
				sh_queued--;
				*bt = e;
				bt = &e->next;
			} else {
				if (keep_last)
					keep_last->next = e;
				else
					keep = e;
				keep_last = e;
			}
		}
		sh_head = keep;
		sh_tail = keep_last;
		pthread_mutex_unlock(&sh_mu);
		int rc = write_batch(db, batch);
		pthread_mutex_lock(&sh_mu);
		for (struct shared_event *e = batch, *n; e; e = n) {
			n = e->next; /* e may be gone as soon as done is seen */
			e->rc = rc;
			e->done = true;
			if (e != &me)
				pthread_cond_signal(&e->cv);
		}
		sh_writing = false;
		if (sh_head) /* the first waiting caller writes next */
			pthread_cond_signal(&sh_head->cv);
	}
	pthread_mutex_unlock(&sh_mu);
	pthread_cond_destroy(&me.cv);
	return me.rc;
}

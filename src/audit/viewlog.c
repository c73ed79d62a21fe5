/* viewlog.c: view events waiting to enter the audit chain (see viewlog.h). */
#include "audit/viewlog.h"

#include <pthread.h>
#include <sys/stat.h>

#include "util/id.h"
#include "util/ltime.h"

/* Events moved per fold transaction, so one fold never holds the write lock long. */
#define FOLD_BATCH 5000

/* `log` holds the view log's own random id (the first opener's wins), which the
 * database's marks are kept under (viewlog_state). */
static const char VIEWLOG_SCHEMA[] =
        "CREATE TABLE IF NOT EXISTS pending ("
        " seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT,"
        " agency_id TEXT, action TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT,"
        " record_ref TEXT, fields TEXT, purpose TEXT);"
        "CREATE TABLE IF NOT EXISTS log (one INTEGER PRIMARY KEY CHECK (one = 1),"
        " id TEXT NOT NULL)";

/* A queued event: a copy of the caller's, its strings in text. */
struct queued {
	struct audit_event ev;
	viewlog_done_fn done;
	void *ctx;
	struct queued *next;
	char text[];
};

/* The attached view log: its file's owner (the database's scope), the writer thread's
 * connection and queue. vl_mu guards everything here. */
static pthread_mutex_t vl_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t vl_cv = PTHREAD_COND_INITIALIZER;
static char vl_scope[1024];
static struct db *vl_writer;
static struct queued *vl_head, *vl_tail;
static size_t vl_queued;
static pthread_t vl_thread;
static bool vl_running, vl_stop;
/* Rows at or below vl_drop have been moved into the database (their mark is on disk):
 * the writer deletes them in its next transaction (write_batch), so that the fold never
 * takes the view log's write lock from it while the writer is running. */
static int64_t vl_drop, vl_dropped;

/* The writer waits up to GATHER_NS after the first event for GATHER_MIN more, so
 * commits come in batches (bench/web). */
#define GATHER_NS 100000L
#define GATHER_MIN 8

/* The view log's file name for db's database into out; false when it has none. */
static bool viewlog_path(struct db *db, char *out, size_t n)
{
	const char *scope = db_scope(db);
	if (!scope[0])
		return false;
	int k = snprintf(out, n, "%s-viewlog", scope);
	return k > 0 && (size_t)k < n;
}

/* Opens (creating when asked) the view log at path, ready for use. */
static int viewlog_open(const char *path, bool create, struct db **out, char *err, size_t errlen)
{
	char url[1100];
	snprintf(url, sizeof url, "sqlite:%s", path);
	int rc = db_open(url, create, out, err, errlen);
	if (rc != DB_OK)
		return rc;
	db_private_writer(*out);
	/* a fold opening a view log already set up writes nothing here: even an INSERT that
	 * changes nothing takes the write lock, which the writer would then wait for */
	int64_t one = 0;
	if (!create && db_query_int64(*out, &one, "SELECT one FROM log WHERE one = 1", "") == DB_OK)
		return DB_OK;
	char id[ID_MAX];
	rc = id_new("vlg", id) == 0 ? db_exec(*out, VIEWLOG_SCHEMA) : DB_E_ERROR;
	if (rc == DB_OK)
		rc = db_run(*out, "INSERT OR IGNORE INTO log (one, id) VALUES (1, $1)", "s", id);
	if (rc != DB_OK) {
		snprintf(err, errlen, "cannot set up the view log %s: %s", path, db_errmsg(*out));
		db_close(*out);
		*out = NULL;
	}
	return rc;
}

/* Appends a batch (linked through next) in one transaction of the writer connection,
 * deleting the rows the fold has moved up to drop first (when above what was deleted). */
static int write_batch(struct db *w, struct queued *batch, int64_t drop, bool *dropped)
{
	int rc = db_begin(w);
	/* the events matter, the deletion does not: a failed one is left for later */
	*dropped = rc == DB_OK && drop > 0 &&
	           db_run(w, "DELETE FROM pending WHERE seq <= $1", "i", drop) == DB_OK;
	for (struct queued *q = batch; rc == DB_OK && q; q = q->next) {
		const struct audit_event *e = &q->ev;
		rc = db_run(w,
		            "INSERT INTO pending (at, user_id, agency_id, action, entity_type,"
		            " entity_id, record_ref, fields, purpose)"
		            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		            "issssssss", e->at, e->user_id, e->agency_id, e->action, e->entity_type,
		            e->entity_id, e->record_ref, e->fields, e->purpose);
	}
	if (rc == DB_OK && (rc = db_commit(w)) == DB_OK)
		return DB_OK;
	if (db_in_tx(w))
		db_rollback(w);
	*dropped = false;
	return rc;
}

/* The writer thread: takes what waits, commits it, tells each caller. */
static void *writer_main(void *arg)
{
	UNUSED(arg);
	pthread_mutex_lock(&vl_mu);
	for (;;) {
		while (!vl_head && !vl_stop && vl_drop <= vl_dropped)
			pthread_cond_wait(&vl_cv, &vl_mu);
		if (!vl_head && vl_drop <= vl_dropped)
			break; /* stopping, and nothing left */
		if (vl_head && vl_queued < GATHER_MIN && !vl_stop) {
			struct timespec until = ltime_deadline_ns(GATHER_NS);
			while (vl_queued < GATHER_MIN && !vl_stop &&
			       pthread_cond_timedwait(&vl_cv, &vl_mu, &until) == 0)
				;
		}
		struct queued *batch = vl_head;
		vl_head = vl_tail = NULL;
		vl_queued = 0;
		struct db *w = vl_writer;
		int64_t drop = vl_drop > vl_dropped ? vl_drop : 0;
		pthread_mutex_unlock(&vl_mu);
		bool dropped;
		int rc = write_batch(w, batch, drop, &dropped);
		if (dropped || !batch) {
			/* (a deletion alone that failed is not tried again: a later fold
			 * deletes what it finds at or below its mark) */
			pthread_mutex_lock(&vl_mu);
			if (drop > vl_dropped)
				vl_dropped = drop;
			pthread_mutex_unlock(&vl_mu);
		}
		for (struct queued *q = batch, *n; q; q = n) {
			n = q->next;
			q->done(q->ctx, rc);
			free(q);
		}
		pthread_mutex_lock(&vl_mu);
	}
	pthread_mutex_unlock(&vl_mu);
	return NULL;
}

int viewlog_attach(struct db *db, char *err, size_t errlen)
{
	char path[1100];
	if (!viewlog_path(db, path, sizeof path)) {
		snprintf(err, errlen, "an in-memory database has no view log");
		return DB_E_MISUSE;
	}
	viewlog_detach();
	struct db *w = NULL;
	int rc = viewlog_open(path, true, &w, err, errlen);
	/* the writer never checkpoints: the fold does (viewlog_fold) */
	if (rc == DB_OK && (rc = db_defer_checkpoints(w)) != DB_OK) {
		snprintf(err, errlen, "cannot set up the view log %s: %s", path, db_errmsg(w));
		db_close(w);
	}
	if (rc != DB_OK)
		return rc;
	pthread_mutex_lock(&vl_mu);
	vl_writer = w;
	vl_stop = false;
	vl_drop = vl_dropped = 0;
	snprintf(vl_scope, sizeof vl_scope, "%s", db_scope(db));
	vl_running = pthread_create(&vl_thread, NULL, writer_main, NULL) == 0;
	if (!vl_running) {
		vl_writer = NULL;
		vl_scope[0] = '\0';
	}
	pthread_mutex_unlock(&vl_mu);
	if (!vl_running) {
		db_close(w);
		snprintf(err, errlen, "cannot start the view log's writer thread");
		return DB_E_ERROR;
	}
	return DB_OK;
}

void viewlog_detach(void)
{
	pthread_mutex_lock(&vl_mu);
	bool running = vl_running;
	vl_stop = true;
	pthread_cond_broadcast(&vl_cv);
	pthread_mutex_unlock(&vl_mu);
	if (running)
		pthread_join(vl_thread, NULL); /* it commits what is queued first */
	pthread_mutex_lock(&vl_mu);
	vl_running = false;
	db_close(vl_writer);
	vl_writer = NULL;
	vl_scope[0] = '\0';
	pthread_mutex_unlock(&vl_mu);
}

/* Whether the writer runs for db's database (vl_mu held). */
static bool attached_locked(struct db *db)
{
	return vl_running && !vl_stop && strcmp(vl_scope, db_scope(db)) == 0;
}

bool viewlog_attached(struct db *db)
{
	pthread_mutex_lock(&vl_mu);
	bool yes = attached_locked(db);
	pthread_mutex_unlock(&vl_mu);
	return yes;
}

/* Copies s (NULL stays NULL) to *at, advancing it. */
static const char *copy_in(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	memcpy(*at, s, n);
	const char *out = *at;
	*at += n;
	return out;
}

int viewlog_submit(struct db *db, const struct audit_event *ev, viewlog_done_fn done, void *ctx)
{
	const char *f[] = {ev->user_id,   ev->agency_id,  ev->action, ev->entity_type,
	                   ev->entity_id, ev->record_ref, ev->fields, ev->purpose};
	size_t len = 0;
	for (size_t i = 0; i < ARRAY_LEN(f); i++)
		len += f[i] ? strlen(f[i]) + 1 : 0;
	struct queued *q = malloc(sizeof(*q) + len);
	if (!q)
		return DB_E_NOMEM;
	char *at = q->text;
	q->ev = (struct audit_event){.user_id = copy_in(&at, ev->user_id),
	                             .agency_id = copy_in(&at, ev->agency_id),
	                             .action = copy_in(&at, ev->action),
	                             .entity_type = copy_in(&at, ev->entity_type),
	                             .entity_id = copy_in(&at, ev->entity_id),
	                             .record_ref = copy_in(&at, ev->record_ref),
	                             .fields = copy_in(&at, ev->fields),
	                             .purpose = copy_in(&at, ev->purpose),
	                             .at = ev->at ? ev->at : ltime_now()};
	q->done = done;
	q->ctx = ctx;
	q->next = NULL;
	pthread_mutex_lock(&vl_mu);
	if (!attached_locked(db)) {
		pthread_mutex_unlock(&vl_mu);
		free(q);
		return DB_E_MISUSE;
	}
	if (vl_tail)
		vl_tail->next = q;
	else
		vl_head = q;
	vl_tail = q;
	if (++vl_queued == 1 || vl_queued == GATHER_MIN)
		pthread_cond_signal(&vl_cv);
	pthread_mutex_unlock(&vl_mu);
	return DB_OK;
}

/* Moves up to FOLD_BATCH events of view log lg (id log_id) above its mark into
 * audit_events in one transaction of db; *last gets the new mark (the old one when
 * nothing waited). The commit is on disk before it returns (db_begin_durable), because
 * the caller then deletes the moved rows from the view log, and that deletion must
 * never reach the disk before the events do. */
static int fold_batch(struct db *db, struct db *lg, const char *log_id, int64_t *last, long *n)
{
	*n = 0;
	int rc = db_begin_durable(db);
	if (rc != DB_OK)
		return rc;
	int64_t mark = 0;
	rc = db_query_int64(db, &mark, "SELECT folded FROM viewlog_state WHERE log_id = $1", "s",
	                    log_id);
	struct db_stmt *st = NULL;
	if (rc == DB_ROW || rc == DB_DONE || rc == DB_OK)
		rc = db_cached(lg,
		               "SELECT seq, at, user_id, agency_id, action, entity_type, entity_id,"
		               " record_ref, fields, purpose FROM pending WHERE seq > $1"
		               " ORDER BY seq LIMIT $2",
		               &st);
	struct audit_chain chain; /* read once: this transaction holds the write lock */
	if (rc == DB_OK)
		rc = audit_chain_head(db, &chain);
	if (rc == DB_OK) {
		db_bind_int64(st, 1, mark);
		db_bind_int64(st, 2, FOLD_BATCH);
		*last = mark;
		while ((rc = db_step(st)) == DB_ROW) {
			struct audit_event ev = {.at = db_column_int64(st, 1),
			                         .user_id = db_column_text(st, 2),
			                         .agency_id = db_column_text(st, 3),
			                         .action = db_column_text(st, 4),
			                         .entity_type = db_column_text(st, 5),
			                         .entity_id = db_column_text(st, 6),
			                         .record_ref = db_column_text(st, 7),
			                         .fields = db_column_text(st, 8),
			                         .purpose = db_column_text(st, 9)};
			*last = db_column_int64(st, 0);
			if ((rc = audit_append_to(db, &chain, &ev)) != DB_OK)
				break;
			(*n)++;
		}
		db_reset(st);
		if (rc == DB_DONE)
			rc = DB_OK;
	}
	if (rc == DB_OK && *n > 0)
		rc = db_run(db,
		            "INSERT INTO viewlog_state (log_id, folded) VALUES ($1, $2)"
		            " ON CONFLICT (log_id) DO UPDATE SET folded = excluded.folded",
		            "si", log_id, *last);
	if (rc == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc != DB_OK)
		*n = 0;
	return rc;
}

/* Leaves the deletion of the view log's rows up to last to this process's writer, when
 * it runs for db's database; false when it does not (the caller deletes them). */
static bool hand_drop(struct db *db, int64_t last)
{
	pthread_mutex_lock(&vl_mu);
	bool yes = attached_locked(db);
	if (yes && last > vl_drop) {
		vl_drop = last;
		pthread_cond_signal(&vl_cv); /* an idle writer deletes them at once */
	}
	pthread_mutex_unlock(&vl_mu);
	return yes;
}

int viewlog_fold(struct db *db, long *moved)
{
	if (moved)
		*moved = 0;
	char path[1100];
	struct stat sb;
	if (!viewlog_path(db, path, sizeof path) || stat(path, &sb) != 0)
		return DB_OK; /* no view log: nothing waits */
	if (db_in_tx(db))
		return DB_E_MISUSE;
	struct db *lg = NULL;
	char err[256];
	int rc = viewlog_open(path, false, &lg, err, sizeof err);
	if (rc != DB_OK)
		return rc;
	long n;
	int64_t last = 0;
	char log_id[ID_MAX] = "";
	rc = db_query_text(lg, log_id, sizeof log_id, "SELECT id FROM log WHERE one = 1", "");
	rc = rc == DB_ROW || rc == DB_OK ? DB_OK : rc;
	if (rc == DB_OK && !log_id[0])
		rc = DB_E_ERROR;
	while (rc == DB_OK) {
		rc = fold_batch(db, lg, log_id, &last, &n);
		/* what the database holds is never moved again: drop it from the view log
		 * (also rows left by a fold that stopped between its two steps), through
		 * this process's writer when it runs (it deletes them with its next batch),
		 * else here */
		if (rc == DB_OK && !hand_drop(db, last))
			rc = db_run(lg, "DELETE FROM pending WHERE seq <= $1", "i", last);
		if (moved && rc == DB_OK)
			*moved += n;
		if (n < FOLD_BATCH)
			break;
	}
	/* its readers are only folds, so a passive checkpoint lets the writer start the
	 * view log's own log again from the beginning; housekeeping only: when another
	 * fold is checkpointing at this moment (SQLite then says busy), that one does it */
	if (rc == DB_OK)
		(void)db_checkpoint(lg);
	db_close(lg);
	return rc;
}

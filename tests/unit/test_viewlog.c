/* test_viewlog.c: the view log (src/audit/viewlog.c), where a server's view events
 * wait to enter the audit chain. Events commit there, not in the database, until a fold
 * moves them, in the order they arrived, exactly once; a failed commit is reported to
 * every caller of its batch; detaching commits what is queued first; the log is
 * refused for an in-memory database; and a page's views answered together
 * (app_views_new) are called back once, after all of them, with the first failure. */
#include <pthread.h>
#include <time.h>

#include "app/app.h"
#include "audit/audit.h"
#include "audit/viewlog.h"
#include "tmpdb.h"

/* A temporary database, open. */
struct tdb {
	struct tmpdb t;
	struct db *db;
	char url[300];
};

static void tmp_open(struct tdb *t)
{
	tmpdb_make(&t->t, &t->db);
	snprintf(t->url, sizeof t->url, "%s", t->t.url);
}

static void tmp_close(struct tdb *t)
{
	viewlog_detach();
	db_close(t->db);
	tmpdb_remove(&t->t);
}

static int64_t events(struct db *db)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(db, &n, "SELECT count(*) FROM audit_events", ""), DB_OK);
	return n;
}

/* Rows waiting in the view log of t, read with a connection of its own. */
static int64_t waiting(struct tdb *t)
{
	char url[320], msg[256];
	snprintf(url, sizeof url, "%s-viewlog", t->url);
	struct db *lg;
	assert_int_equal(db_open(url, false, &lg, msg, sizeof msg), DB_OK);
	int64_t n = -1;
	assert_int_equal(db_query_int64(lg, &n, "SELECT count(*) FROM pending", ""), DB_OK);
	db_close(lg);
	return n;
}

/* Rows waiting in the view log of t once its writer has deleted what was moved (it does
 * so at once when idle): looked at every 10 ms, for at most 5 s. */
static int64_t waiting_after_writer(struct tdb *t)
{
	int64_t left = waiting(t);
	for (int i = 0; i < 500 && left > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
		left = waiting(t);
	}
	return left;
}

static void test_viewlog_in_memory_database_has_none(void **state)
{
	(void)state;
	struct db *db;
	char msg[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, msg, sizeof msg), DB_OK);
	assert_int_equal(viewlog_attach(db, msg, sizeof msg), DB_E_MISUSE);
	assert_false(viewlog_attached(db));
	long moved = -1;
	assert_int_equal(viewlog_fold(db, &moved), DB_OK);
	assert_int_equal(moved, 0);
	db_close(db);
}

#define THREADS 6
#define PER_THREAD 120

static void test_viewlog_events_wait_then_fold_once_in_order(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256];
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	assert_true(viewlog_attached(t.db));
	int64_t before = events(t.db);
	assert_int_equal(tmpdb_append_from_threads(t.url, THREADS, PER_THREAD),
	                 THREADS * PER_THREAD);
	/* committed, but in the view log: the database has not changed */
	assert_int_equal(events(t.db), before);
	assert_int_equal(waiting(&t), THREADS * PER_THREAD);
	long moved = 0;
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, THREADS * PER_THREAD);
	assert_int_equal(events(t.db), before + THREADS * PER_THREAD);
	/* the moved rows leave the view log through its writer (the fold never takes the
	 * log's write lock from it while it runs), without another event to write */
	assert_true(viewlog_attached(t.db));
	assert_int_equal(waiting_after_writer(&t), 0);
	/* each thread's events keep their order in the chain */
	int64_t out_of_order = -1;
	assert_int_equal(db_query_int64(t.db, &out_of_order,
	                                "SELECT count(*) FROM audit_events a JOIN audit_events b"
	                                " ON a.user_id = b.user_id AND a.seq < b.seq"
	                                " WHERE a.entity_id > b.entity_id",
	                                ""),
	                 DB_OK);
	assert_int_equal(out_of_order, 0);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(t.db, &r), 0);
	/* a second fold finds nothing */
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 0);
	tmp_close(&t);
}

struct calls {
	pthread_mutex_t mu;
	int ok, failed;
};

static void count_done(void *ctx, int rc)
{
	struct calls *c = ctx;
	pthread_mutex_lock(&c->mu);
	if (rc == DB_OK)
		c->ok++;
	else
		c->failed++;
	pthread_mutex_unlock(&c->mu);
}

static void test_viewlog_submit_calls_back_once_and_detach_drains(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256];
	struct calls c = {.mu = PTHREAD_MUTEX_INITIALIZER};
	struct audit_event ev = {.action = "view", .entity_type = "record", .entity_id = "rec_s"};
	/* not attached: refused, and no call back */
	assert_int_equal(viewlog_submit(t.db, &ev, count_done, &c), DB_E_MISUSE);
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	for (int i = 0; i < 300; i++)
		assert_int_equal(viewlog_submit(t.db, &ev, count_done, &c), DB_OK);
	viewlog_detach(); /* commits what is queued, then stops */
	assert_int_equal(c.ok, 300);
	assert_int_equal(c.failed, 0);
	assert_false(viewlog_attached(t.db));
	assert_int_equal(viewlog_submit(t.db, &ev, count_done, &c), DB_E_MISUSE);
	/* detached, events go to the database again */
	int64_t before = events(t.db);
	assert_int_equal(audit_append_shared(t.db, &ev), DB_OK);
	assert_int_equal(events(t.db), before + 1);
	long moved = 0;
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 300);
	tmp_close(&t);
}

/* From now on the view log of t refuses an event whose entity_id is "refused". */
static void refuse_in_viewlog(struct tdb *t)
{
	char url[320], msg[256];
	snprintf(url, sizeof url, "%s-viewlog", t->url);
	struct db *lg;
	assert_int_equal(db_open(url, false, &lg, msg, sizeof msg), DB_OK);
	assert_int_equal(db_exec(lg, "CREATE TRIGGER refuse BEFORE INSERT ON pending"
	                             " WHEN NEW.entity_id = 'refused'"
	                             " BEGIN SELECT RAISE(ABORT, 'refused'); END"),
	                 DB_OK);
	db_close(lg);
}

static void test_viewlog_failed_commit_reported_nothing_kept(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256];
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	struct audit_event ok = {.action = "view", .entity_type = "record", .entity_id = "rec_ok"};
	assert_int_equal(audit_append_shared(t.db, &ok), DB_OK);
	/* the view log refuses one event */
	refuse_in_viewlog(&t);
	struct audit_event bad = {
	        .action = "view", .entity_type = "record", .entity_id = "refused"};
	assert_true(audit_append_shared(t.db, &bad) < 0);
	struct calls c = {.mu = PTHREAD_MUTEX_INITIALIZER};
	assert_int_equal(viewlog_submit(t.db, &bad, count_done, &c), DB_OK);
	viewlog_detach();
	assert_int_equal(c.failed, 1);
	assert_int_equal(waiting(&t), 1);
	tmp_close(&t);
}

static void test_viewlog_fold_moves_more_than_one_batch_and_skips_moved(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256], url[320];
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	viewlog_detach(); /* the file exists; fill it by hand, as a killed server leaves it */
	snprintf(url, sizeof url, "%s-viewlog", t.url);
	struct db *lg;
	assert_int_equal(db_open(url, false, &lg, msg, sizeof msg), DB_OK);
	assert_int_equal(db_exec(lg,
	                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
	                         " FROM n WHERE i < 12000) INSERT INTO pending (at, action,"
	                         " entity_type, entity_id) SELECT 1790000000 + i, 'view', 'record',"
	                         " 'rec_' || i FROM n"),
	                 DB_OK);
	long moved = 0;
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 12000);
	/* a row at or below the mark (a fold cut short between its steps) is dropped */
	assert_int_equal(db_exec(lg, "INSERT INTO pending (seq, at, action, entity_type,"
	                             " entity_id) VALUES (5, 1, 'view', 'record', 'rec_again')"),
	                 DB_OK);
	int64_t before = events(t.db);
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 0);
	assert_int_equal(events(t.db), before);
	int64_t left = -1;
	assert_int_equal(db_query_int64(lg, &left, "SELECT count(*) FROM pending", ""), DB_OK);
	assert_int_equal(left, 0);
	db_close(lg);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(t.db, &r), 0);
	/* folding inside a transaction is refused */
	assert_int_equal(db_begin(t.db), DB_OK);
	assert_int_equal(viewlog_fold(t.db, &moved), DB_E_MISUSE);
	db_rollback(t.db);
	tmp_close(&t);
}

/* While this process's writer runs, a fold never needs the view log's write lock (the
 * writer deletes what was moved): another connection holding it does not stop a fold. */
static void test_viewlog_fold_needs_no_write_lock_on_the_log(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256], url[320];
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	assert_int_equal(tmpdb_append_from_threads(t.url, 2, 50), 100);
	snprintf(url, sizeof url, "%s-viewlog", t.url);
	struct db *other;
	assert_int_equal(db_open(url, false, &other, msg, sizeof msg), DB_OK);
	db_private_writer(other); /* SQLite's lock only, not this process's writer queue */
	assert_int_equal(db_begin(other), DB_OK); /* holds the log's write lock */
	long moved = 0;
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 100);
	db_rollback(other);
	db_close(other);
	assert_int_equal(waiting_after_writer(&t), 0);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(t.db, &r), 0);
	tmp_close(&t);
}

/* A view log made again (deleted by hand, or the database restored or moved without
 * it) starts its numbers again: its events are new to the database and all move. */
static void test_viewlog_new_log_is_folded_whole(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256];
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	assert_int_equal(tmpdb_append_from_threads(t.url, 1, 5), 5);
	long moved = 0;
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 5);
	viewlog_detach();
	static const char *const ext[] = {"-viewlog", "-viewlog-wal", "-viewlog-shm"};
	for (size_t i = 0; i < ARRAY_LEN(ext); i++) {
		char p[300];
		snprintf(p, sizeof p, "%s%s", t.t.path, ext[i]);
		unlink(p);
	}
	int64_t before = events(t.db);
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	assert_int_equal(tmpdb_append_from_threads(t.url, 1, 3), 3);
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, 3);
	assert_int_equal(events(t.db), before + 3);
	int64_t logs = 0;
	assert_int_equal(db_query_int64(t.db, &logs, "SELECT count(*) FROM viewlog_state", ""),
	                 DB_OK);
	assert_int_equal(logs, 2);
	tmp_close(&t);
}

/* Views answered together: the events of an actor carrying an app_views go to the view
 * log without waiting; done comes once, only after the set is sealed and every event has
 * settled, with the first failure; a set with nothing handed over never calls back. */
static void test_viewlog_views_answered_together(void **state)
{
	(void)state;
	struct tdb t;
	tmp_open(&t);
	char msg[256];
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	struct calls c = {.mu = PTHREAD_MUTEX_INITIALIZER};
	struct actor a = {0};
	a.views = app_views_new(count_done, &c);
	assert_non_null(a.views);
	static const char *const ids[] = {"rec_v1", "rec_v2", "ch_v3"};
	for (size_t i = 0; i < ARRAY_LEN(ids); i++)
		assert_int_equal(app_audit_shared(t.db, &a, "view", "record", ids[i], NULL, "all"),
		                 DB_OK);
	viewlog_detach(); /* all three committed: still no call until the seal */
	assert_int_equal(waiting(&t), 3);
	assert_int_equal(c.ok + c.failed, 0);
	assert_true(app_views_seal(a.views));
	assert_int_equal(c.ok, 1);
	assert_int_equal(c.failed, 0);

	/* one of two refused by the view log: one call, failed */
	assert_int_equal(viewlog_attach(t.db, msg, sizeof msg), DB_OK);
	refuse_in_viewlog(&t);
	a.views = app_views_new(count_done, &c);
	assert_int_equal(app_audit_shared(t.db, &a, "view", "record", "rec_v4", NULL, "all"),
	                 DB_OK);
	assert_int_equal(app_audit_shared(t.db, &a, "view", "record", "refused", NULL, "all"),
	                 DB_OK);
	assert_true(app_views_seal(a.views));
	viewlog_detach();
	assert_int_equal(c.ok, 1);
	assert_int_equal(c.failed, 1);

	/* nothing handed over (no view log: each event waited for where it was made) */
	a.views = app_views_new(count_done, &c);
	int64_t before = events(t.db);
	assert_int_equal(app_audit_shared(t.db, &a, "view", "record", "rec_v5", NULL, "all"),
	                 DB_OK);
	assert_int_equal(events(t.db), before + 1);
	assert_false(app_views_seal(a.views));
	assert_int_equal(c.ok + c.failed, 2);
	/* rec_v4 committed unless it shared the refused event's batch */
	int64_t w = waiting(&t);
	assert_true(w == 3 || w == 4);
	long moved = 0;
	assert_int_equal(viewlog_fold(t.db, &moved), DB_OK);
	assert_int_equal(moved, w);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(t.db, &r), 0);
	tmp_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_viewlog_in_memory_database_has_none),
	        cmocka_unit_test(test_viewlog_events_wait_then_fold_once_in_order),
	        cmocka_unit_test(test_viewlog_submit_calls_back_once_and_detach_drains),
	        cmocka_unit_test(test_viewlog_failed_commit_reported_nothing_kept),
	        cmocka_unit_test(test_viewlog_fold_moves_more_than_one_batch_and_skips_moved),
	        cmocka_unit_test(test_viewlog_new_log_is_folded_whole),
	        cmocka_unit_test(test_viewlog_fold_needs_no_write_lock_on_the_log),
	        cmocka_unit_test(test_viewlog_views_answered_together),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

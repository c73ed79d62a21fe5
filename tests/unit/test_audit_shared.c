/* test_audit_shared.c: group commit of standalone audit events (audit_append_shared).
 * Many threads, each with its own connection to one database file, append events at
 * once: every call returns only after its event committed, the chain stays whole and
 * every event is there exactly once. A batch that fails keeps none of its events and
 * tells each of its callers; a caller with a transaction open is refused. */
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>

#include "audit/audit.h"
#include "store/migrate.h"
#include "util/embedded.h"

#define THREADS 8
#define PER_THREAD 150

struct tmpdb {
	char path[256];
	char url[300];
};

static void tmpdb_make(struct tmpdb *t)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(t->path, sizeof t->path, "%s/lantern-audit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(t->path);
	assert_true(fd >= 0);
	close(fd);
	snprintf(t->url, sizeof t->url, "sqlite:%s", t->path);
	struct db *db;
	char msg[256];
	assert_int_equal(db_open(t->url, true, &db, msg, sizeof msg), DB_OK);
	assert_int_equal(migrate_run(db, embedded_migrations, NULL, msg, sizeof msg), 0);
	db_close(db);
}

static void tmpdb_remove(struct tmpdb *t)
{
	static const char *const ext[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < ARRAY_LEN(ext); i++) {
		char p[300];
		snprintf(p, sizeof p, "%s%s", t->path, ext[i]);
		unlink(p);
	}
}

struct worker {
	const char *url;
	int n;
	int ok, failed;
	char user[32];
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct db *db;
	char msg[256];
	if (db_open(w->url, false, &db, msg, sizeof msg) != DB_OK)
		return NULL;
	for (int i = 0; i < PER_THREAD; i++) {
		char id[32];
		snprintf(id, sizeof id, "rec_%d_%d", w->n, i);
		struct audit_event ev = {.user_id = w->user,
					 .action = "view",
					 .entity_type = "record",
					 .entity_id = id,
					 .fields = "all"};
		if (audit_append_shared(db, &ev) == DB_OK)
			w->ok++;
		else
			w->failed++;
	}
	db_close(db);
	return NULL;
}

static void test_audit_shared_threads_keep_one_whole_chain(void **state)
{
	(void)state;
	struct tmpdb t;
	tmpdb_make(&t);
	pthread_t th[THREADS];
	struct worker w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){.url = t.url, .n = i};
		snprintf(w[i].user, sizeof w[i].user, "usr_%d", i);
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(w[i].ok, PER_THREAD);
		assert_int_equal(w[i].failed, 0);
	}
	struct db *db;
	char msg[256];
	assert_int_equal(db_open(t.url, false, &db, msg, sizeof msg), DB_OK);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(db, &r), 0);
	assert_int_equal(r.events, THREADS * PER_THREAD);
	int64_t distinct = 0;
	assert_int_equal(db_query_int64(db, &distinct,
					"SELECT count(DISTINCT entity_id) FROM audit_events", ""),
			 DB_OK);
	assert_int_equal(distinct, THREADS * PER_THREAD);
	db_close(db);
	tmpdb_remove(&t);
}

static void test_audit_shared_failed_batch_keeps_nothing(void **state)
{
	(void)state;
	struct tmpdb t;
	tmpdb_make(&t);
	struct db *db;
	char msg[256];
	assert_int_equal(db_open(t.url, false, &db, msg, sizeof msg), DB_OK);
	/* an event the database refuses */
	assert_int_equal(db_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON audit_events "
				     "WHEN NEW.entity_id = 'refused' "
				     "BEGIN SELECT RAISE(ABORT, 'refused'); END"),
			 DB_OK);
	struct audit_event ok = {.action = "view", .entity_type = "record", .entity_id = "rec_ok"};
	struct audit_event bad = {.action = "view", .entity_type = "record", .entity_id = "refused"};
	assert_int_equal(audit_append_shared(db, &ok), DB_OK);
	assert_true(audit_append_shared(db, &bad) < 0);
	assert_false(db_in_tx(db));
	assert_int_equal(audit_append_shared(db, &ok), DB_OK);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(db, &r), 0);
	assert_int_equal(r.events, 2);
	/* inside a transaction: refused, nothing written */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(audit_append_shared(db, &ok), DB_E_MISUSE);
	db_rollback(db);
	assert_int_equal(audit_verify(db, &r), 0);
	assert_int_equal(r.events, 2);
	db_close(db);
	tmpdb_remove(&t);
}

static void test_audit_shared_in_memory_database_writes_alone(void **state)
{
	(void)state;
	struct db *db;
	char msg[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, msg, sizeof msg), DB_OK);
	assert_int_equal(migrate_run(db, embedded_migrations, NULL, msg, sizeof msg), 0);
	struct audit_event ev = {.action = "view", .entity_type = "record", .entity_id = "rec_m"};
	assert_int_equal(audit_append_shared(db, &ev), DB_OK);
	assert_int_equal(audit_append_shared(db, &ev), DB_OK);
	struct audit_verify_result r;
	assert_int_equal(audit_verify(db, &r), 0);
	assert_int_equal(r.events, 2);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_shared_threads_keep_one_whole_chain),
		cmocka_unit_test(test_audit_shared_failed_batch_keeps_nothing),
		cmocka_unit_test(test_audit_shared_in_memory_database_writes_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

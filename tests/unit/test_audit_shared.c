/* test_audit_shared.c: standalone audit events (audit_append_shared) without a view log
 * (the view log's own group commit is in test_viewlog.c). Many threads, each with its
 * own connection to one database file, append events at once: every call returns only
 * after its event committed, the chain stays whole and every event is there exactly
 * once. An event the database refuses is reported and not kept; a caller with a
 * transaction open is refused. */
#include <pthread.h>

#include "audit/audit.h"
#include "tmpdb.h"

#define THREADS 8
#define PER_THREAD 150

static void test_audit_shared_threads_keep_one_whole_chain(void **state)
{
	(void)state;
	struct tmpdb t;
	tmpdb_make(&t, NULL);
	assert_int_equal(tmpdb_append_from_threads(t.url, THREADS, PER_THREAD),
	                 THREADS * PER_THREAD);
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
	tmpdb_make(&t, NULL);
	struct db *db;
	char msg[256];
	assert_int_equal(db_open(t.url, false, &db, msg, sizeof msg), DB_OK);
	/* an event the database refuses */
	assert_int_equal(db_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON audit_events "
	                             "WHEN NEW.entity_id = 'refused' "
	                             "BEGIN SELECT RAISE(ABORT, 'refused'); END"),
	                 DB_OK);
	struct audit_event ok = {.action = "view", .entity_type = "record", .entity_id = "rec_ok"};
	struct audit_event bad = {
	        .action = "view", .entity_type = "record", .entity_id = "refused"};
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

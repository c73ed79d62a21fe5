/* test_audit.c: the hash-chained audit log (R-INFO-2). Editing, deleting, inserting or
 * reordering events directly in the database is caught by audit_verify, which names the
 * first broken event; the application itself cannot change or delete events. */
#include <setjmp.h>
#include <cmocka.h>

#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "store/migrate.h"
#include "util/embedded.h"

static struct db *fresh(int events)
{
	struct db *db;
	char msg[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, msg, sizeof msg), DB_OK);
	assert_int_equal(migrate_run(db, embedded_migrations, NULL, msg, sizeof msg), 0);
	for (int i = 0; i < events; i++) {
		char id[32];
		snprintf(id, sizeof id, "rec_%d", i);
		struct audit_event ev = {.user_id = "usr_test",
		                         .action = i % 2 ? "view" : "change",
		                         .entity_type = "record",
		                         .entity_id = id,
		                         .fields = "all",
		                         .at = 1790000000 + i};
		assert_int_equal(db_begin(db), DB_OK);
		assert_int_equal(audit_append(db, &ev), DB_OK);
		assert_int_equal(db_commit(db), DB_OK);
	}
	return db;
}

static int64_t verify(struct db *db, struct audit_verify_result *r)
{
	int rc = audit_verify(db, r);
	assert_true(rc == 0 || rc == 1);
	return rc == 0 ? 0 : r->first_bad;
}

static void test_R_INFO_2_intact_chain_verifies(void **state)
{
	struct db *db = fresh(10);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 0);
	assert_int_equal(r.events, 10);
	db_close(db);
}

static void test_R_INFO_2_application_cannot_change_or_delete(void **state)
{
	struct db *db = fresh(3);
	assert_int_equal(db_exec(db, "UPDATE audit_events SET action = 'x' WHERE seq = 2"),
	                 DB_E_CONSTRAINT);
	assert_int_equal(db_exec(db, "DELETE FROM audit_events WHERE seq = 2"), DB_E_CONSTRAINT);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 0);
	db_close(db);
}

static void test_R_INFO_2_edit_detected(void **state)
{
	struct db *db = fresh(10);
	assert_int_equal(db_exec(db,
	                         "DROP TRIGGER audit_events_no_update;"
	                         "UPDATE audit_events SET entity_id = 'rec_other' WHERE seq = 4"),
	                 DB_OK);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 4);
	assert_non_null(strstr(r.problem, "altered"));
	db_close(db);
}

static void test_R_INFO_2_edit_with_recomputed_hash_detected(void **state)
{
	/* an editor who also rewrites the row's own hash still breaks the next link */
	struct db *db = fresh(10);
	assert_int_equal(db_exec(db, "DROP TRIGGER audit_events_no_update;"
	                             "UPDATE audit_events SET hash = 'f00d' WHERE seq = 6"),
	                 DB_OK);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 6);
	db_close(db);
}

static void test_R_INFO_2_deletion_detected(void **state)
{
	struct db *db = fresh(10);
	assert_int_equal(db_exec(db, "DROP TRIGGER audit_events_no_delete;"
	                             "DELETE FROM audit_events WHERE seq = 5"),
	                 DB_OK);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 6);
	assert_non_null(strstr(r.problem, "missing"));
	db_close(db);
}

static void test_R_INFO_2_reordering_detected(void **state)
{
	struct db *db = fresh(10);
	/* swap the contents of events 3 and 7, keeping their sequence numbers */
	assert_int_equal(db_exec(db, "DROP TRIGGER audit_events_no_update;"
	                             "UPDATE audit_events SET seq = -3 WHERE seq = 3;"
	                             "UPDATE audit_events SET seq = 3 WHERE seq = 7;"
	                             "UPDATE audit_events SET seq = 7 WHERE seq = -3;"),
	                 DB_OK);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 3);
	db_close(db);
}

static void test_R_INFO_2_inserted_event_detected(void **state)
{
	struct db *db = fresh(5);
	/* a forged event squeezed in with a made-up hash */
	assert_int_equal(
	        db_exec(db,
	                "DROP TRIGGER audit_events_no_update;"
	                "UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3;"
	                "UPDATE audit_events SET seq = seq - 99 WHERE seq >= 103;"
	                "INSERT INTO audit_events (seq, at, action, entity_type, prev_hash, hash)"
	                " VALUES (3, '2026-01-01T00:00:00Z', 'view', 'record', 'x', 'y')"),
	        DB_OK);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 3);
	db_close(db);
}

static void test_R_INFO_2_checkpoint_detects_truncation(void **state)
{
	struct db *db = fresh(4);
	char pk[AUDIT_PK_HEX], sk[AUDIT_SK_HEX], line[AUDIT_CHECKPOINT_LINE], problem[200];
	assert_int_equal(audit_keygen(pk, sk), 0);
	assert_int_equal(audit_checkpoint_make(db, sk, 1790000100, line, sizeof line), 0);
	assert_non_null(strstr(line, "lantern-audit-checkpoint v1 4 "));
	assert_int_equal(audit_checkpoint_check(db, pk, line, problem, sizeof problem), 0);
	/* cut the newest event off: the chain alone still verifies, the checkpoint does not */
	assert_int_equal(db_exec(db, "DROP TRIGGER audit_events_no_delete;"
	                             "DELETE FROM audit_events WHERE seq = 4"),
	                 DB_OK);
	struct audit_verify_result r;
	assert_int_equal(verify(db, &r), 0);
	assert_int_equal(audit_checkpoint_check(db, pk, line, problem, sizeof problem), 1);
	assert_non_null(strstr(problem, "missing"));
	db_close(db);
}

static void test_R_INFO_2_checkpoint_signature_and_format(void **state)
{
	struct db *db = fresh(3);
	char pk[AUDIT_PK_HEX], sk[AUDIT_SK_HEX], pk2[AUDIT_PK_HEX], sk2[AUDIT_SK_HEX];
	char line[AUDIT_CHECKPOINT_LINE], problem[200];
	assert_int_equal(audit_keygen(pk, sk), 0);
	assert_int_equal(audit_keygen(pk2, sk2), 0);
	assert_int_equal(audit_checkpoint_make(db, sk, 1790000100, line, sizeof line), 0);
	/* another key's public half does not accept it */
	assert_int_equal(audit_checkpoint_check(db, pk2, line, problem, sizeof problem), 1);
	assert_non_null(strstr(problem, "signature"));
	/* a forged claim about the hash breaks the signature */
	char forged[AUDIT_CHECKPOINT_LINE];
	snprintf(forged, sizeof forged, "%s", line);
	char *h = strstr(forged, " 3 ") + 3;
	*h = *h == 'a' ? 'b' : 'a';
	assert_int_equal(audit_checkpoint_check(db, pk, forged, problem, sizeof problem), 1);
	/* the event changed under a valid checkpoint */
	assert_int_equal(db_exec(db, "DROP TRIGGER audit_events_no_update;"
	                             "UPDATE audit_events SET hash = 'rewritten' WHERE seq = 3"),
	                 DB_OK);
	assert_int_equal(audit_checkpoint_check(db, pk, line, problem, sizeof problem), 1);
	assert_non_null(strstr(problem, "differs"));
	/* malformed input and keys */
	assert_true(audit_checkpoint_check(db, pk, "hello", problem, sizeof problem) < 0);
	assert_true(audit_checkpoint_check(db, "zz", line, problem, sizeof problem) < 0);
	assert_int_equal(audit_checkpoint_make(db, "not-a-key", 1, line, sizeof line), -100);
	db_close(db);
}

static void test_R_INFO_2_checkpoint_of_empty_log(void **state)
{
	struct db *db = fresh(0);
	char pk[AUDIT_PK_HEX], sk[AUDIT_SK_HEX], line[AUDIT_CHECKPOINT_LINE];
	assert_int_equal(audit_keygen(pk, sk), 0);
	assert_int_equal(audit_checkpoint_make(db, sk, 1, line, sizeof line), 1);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_INFO_2_intact_chain_verifies),
	        cmocka_unit_test(test_R_INFO_2_application_cannot_change_or_delete),
	        cmocka_unit_test(test_R_INFO_2_edit_detected),
	        cmocka_unit_test(test_R_INFO_2_edit_with_recomputed_hash_detected),
	        cmocka_unit_test(test_R_INFO_2_deletion_detected),
	        cmocka_unit_test(test_R_INFO_2_reordering_detected),
	        cmocka_unit_test(test_R_INFO_2_inserted_event_detected),
	        cmocka_unit_test(test_R_INFO_2_checkpoint_detects_truncation),
	        cmocka_unit_test(test_R_INFO_2_checkpoint_signature_and_format),
	        cmocka_unit_test(test_R_INFO_2_checkpoint_of_empty_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

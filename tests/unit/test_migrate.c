/* test_migrate.c: the migration runner: applies pending migrations in order, each in
 * its own transaction; a failing migration leaves no trace; a migration whose text
 * changed after it was applied is refused; a database newer than the code is refused. */
#include <setjmp.h>
#include <cmocka.h>

#include "store/migrate.h"

static struct db *mem(void)
{
	struct db *db;
	char err[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, err, sizeof err), DB_OK);
	return db;
}

static const struct embedded_file v1[] = {
        {"001_a.sql", "CREATE TABLE a (x INTEGER);", 27},
        {0, 0, 0},
};
static const struct embedded_file v2[] = {
        {"001_a.sql", "CREATE TABLE a (x INTEGER);", 27},
        {"002_b.sql", "CREATE TABLE b (y TEXT); INSERT INTO a VALUES (1);", 50},
        {0, 0, 0},
};

static void test_applies_in_order_and_is_idempotent(void **state)
{
	struct db *db = mem();
	char err[256];
	int applied;
	assert_int_equal(migrate_current(db), 0);
	assert_int_equal(migrate_run(db, v1, &applied, err, sizeof err), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(migrate_current(db), 1);
	assert_int_equal(migrate_check(db, v2, err, sizeof err), -1); /* 002 pending */
	assert_int_equal(migrate_run(db, v2, &applied, err, sizeof err), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(migrate_run(db, v2, &applied, err, sizeof err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_check(db, v2, err, sizeof err), 0);
	db_close(db);
}

static void test_changed_checksum_refused(void **state)
{
	struct db *db = mem();
	char err[256];
	assert_int_equal(migrate_run(db, v1, NULL, err, sizeof err), 0);
	static const struct embedded_file edited[] = {
	        {"001_a.sql", "CREATE TABLE a (x INTEGER, z);", 30},
	        {0, 0, 0},
	};
	assert_int_equal(migrate_run(db, edited, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "changed"));
	assert_int_equal(migrate_check(db, edited, err, sizeof err), -1);
	db_close(db);
}

static void test_failing_migration_leaves_no_trace(void **state)
{
	struct db *db = mem();
	char err[256];
	static const struct embedded_file bad[] = {
	        {"001_a.sql", "CREATE TABLE a (x INTEGER);", 27},
	        {"002_bad.sql", "CREATE TABLE c (q); INSERT INTO nowhere VALUES (1);", 51},
	        {0, 0, 0},
	};
	assert_int_equal(migrate_run(db, bad, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "002_bad.sql"));
	assert_int_equal(migrate_current(db), 1);
	int64_t n = -1;
	assert_int_equal(
	        db_query_int64(db, &n, "SELECT count(*) FROM sqlite_master WHERE name = 'c'", ""),
	        DB_OK);
	assert_int_equal(n, 0);
	db_close(db);
}

static void test_newer_database_and_bad_names_refused(void **state)
{
	struct db *db = mem();
	char err[256];
	assert_int_equal(migrate_run(db, v2, NULL, err, sizeof err), 0);
	assert_int_equal(migrate_run(db, v1, NULL, err, sizeof err), -1); /* db has 002 */
	assert_non_null(strstr(err, "newer"));
	db_close(db);
	db = mem();
	static const struct embedded_file unordered[] = {
	        {"002_b.sql", "SELECT 1;", 9},
	        {"001_a.sql", "SELECT 1;", 9},
	        {0, 0, 0},
	};
	assert_int_equal(migrate_run(db, unordered, NULL, err, sizeof err), -1);
	static const struct embedded_file unnamed[] = {{"a.sql", "SELECT 1;", 9}, {0, 0, 0}};
	assert_int_equal(migrate_run(db, unnamed, NULL, err, sizeof err), -1);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_applies_in_order_and_is_idempotent),
	        cmocka_unit_test(test_changed_checksum_refused),
	        cmocka_unit_test(test_failing_migration_leaves_no_trace),
	        cmocka_unit_test(test_newer_database_and_bad_names_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

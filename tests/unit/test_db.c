/* test_db.c: the database API (store/db.h) on SQLite: open by URL, prepare/bind/step,
 * typed columns, cached statements, transactions that roll back whole on failure, read
 * transactions, and the refusals: bad URLs, missing, corrupt and foreign files. */
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "store/db.h"

static struct db *mem(void)
{
	struct db *db;
	char err[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, err, sizeof err), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL"
	                             " UNIQUE, n INTEGER, x REAL)"),
	                 DB_OK);
	return db;
}

static int64_t count(struct db *db)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(db, &n, "SELECT count(*) FROM t", ""), DB_OK);
	return n;
}

static void test_bind_step_and_columns(void **state)
{
	struct db *db = mem();
	/* parameters are bound by number even when they appear out of order */
	assert_int_equal(db_run(db, "INSERT INTO t (n, name, x) VALUES ($2, $1, 1.5)", "si",
	                        "alpha", (int64_t)7),
	                 DB_OK);
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, "SELECT id, name, n, x, NULL FROM t WHERE name = $1", &st),
	                 DB_OK);
	assert_int_equal(db_bind_text(st, 1, "alpha"), DB_OK);
	assert_int_equal(db_bind_text(st, 2, "nope"), DB_E_MISUSE); /* no $2 */
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_column_count(st), 5);
	assert_string_equal(db_column_name(st, 1), "name");
	assert_string_equal(db_column_text(st, 1), "alpha");
	assert_int_equal(db_column_int64(st, 2), 7);
	assert_int_equal(db_column_type(st, 2), DB_TYPE_INTEGER);
	assert_int_equal(db_column_type(st, 3), DB_TYPE_FLOAT);
	assert_true(db_column_is_null(st, 4));
	assert_null(db_column_text(st, 4));
	assert_int_equal(db_step(st), DB_DONE);
	db_finalize(st);
	char out[16];
	assert_int_equal(
	        db_query_text(db, out, sizeof out, "SELECT name FROM t WHERE n = $1", "d", 7),
	        DB_OK);
	assert_string_equal(out, "alpha");
	assert_int_equal(
	        db_query_text(db, out, sizeof out, "SELECT name FROM t WHERE n = $1", "d", 8),
	        DB_DONE);
	assert_string_equal(out, "");
	db_close(db);
}

static void test_cached_statements_are_reset(void **state)
{
	struct db *db = mem();
	for (int i = 0; i < 100; i++) {
		char name[16];
		snprintf(name, sizeof name, "n%d", i);
		assert_int_equal(
		        db_run(db, "INSERT INTO t (name, n) VALUES ($1, $2)", "sd", name, i),
		        DB_OK);
	}
	assert_int_equal(count(db), 100);
	/* more distinct statements than the cache holds still work */
	for (int i = 0; i < 100; i++) {
		char sql[64];
		int64_t n;
		snprintf(sql, sizeof sql, "SELECT n FROM t WHERE name = 'n%d'", i);
		assert_int_equal(db_query_int64(db, &n, sql, ""), DB_OK);
		assert_int_equal(n, i);
	}
	db_close(db);
}

static int two_inserts_second_fails(struct db *db, void *ctx)
{
	int rc = db_run(db, "INSERT INTO t (name) VALUES ($1)", "s", "first");
	if (rc != DB_OK)
		return rc;
	return db_run(db, "INSERT INTO t (name) VALUES ($1)", "s", (const char *)ctx);
}

static void test_failing_statement_rolls_back_whole_transaction(void **state)
{
	struct db *db = mem();
	/* the second insert violates NOT NULL: the first must not survive */
	assert_int_equal(db_tx(db, two_inserts_second_fails, NULL), DB_E_CONSTRAINT);
	assert_int_equal(count(db), 0);
	assert_false(db_in_tx(db));
	/* and a duplicate violates UNIQUE */
	assert_int_equal(db_tx(db, two_inserts_second_fails, "first"), DB_E_CONSTRAINT);
	assert_int_equal(count(db), 0);
	assert_int_equal(db_tx(db, two_inserts_second_fails, "second"), DB_OK);
	assert_int_equal(count(db), 2);
	assert_true(strlen(db_errmsg(db)) > 0);
	db_close(db);
}

static void test_transaction_misuse(void **state)
{
	struct db *db = mem();
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_begin(db), DB_E_MISUSE);
	assert_int_equal(db_begin_read(db), DB_E_MISUSE);
	db_rollback(db);
	assert_int_equal(db_commit(db), DB_E_MISUSE);
	assert_int_equal(db_begin_read(db), DB_OK);
	assert_true(db_in_tx(db));
	assert_int_equal(db_commit(db), DB_OK);
	db_close(db);
}

static void test_bad_urls_and_files(void **state)
{
	struct db *db = NULL;
	char err[256], dir[] = "/tmp/lantern-db-XXXXXX", path[128], url[160];
	assert_int_equal(db_open("mysql://x", true, &db, err, sizeof err), DB_E_URL);
	assert_null(db);
	assert_int_equal(db_open(NULL, true, &db, err, sizeof err), DB_E_URL);
	assert_int_equal(db_open("sqlite:", true, &db, err, sizeof err), DB_E_URL);
	assert_non_null(mkdtemp(dir));
	/* missing file without create: refused, nothing created */
	snprintf(path, sizeof path, "%s/none.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", path);
	assert_int_equal(db_open(url, false, &db, err, sizeof err), DB_E_IO);
	assert_int_equal(access(path, F_OK), -1);
	/* not a database at all */
	snprintf(path, sizeof path, "%s/junk.db", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 512; i++)
		fputs("this is not a database ", f);
	fclose(f);
	snprintf(url, sizeof url, "sqlite:%s", path);
	assert_int_equal(db_open(url, true, &db, err, sizeof err), DB_E_NOTADB);
	/* a SQLite database of another application */
	snprintf(path, sizeof path, "%s/other.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", path);
	assert_int_equal(db_open(url, true, &db, err, sizeof err), DB_OK);
	assert_int_equal(db_exec(db, "PRAGMA application_id = 42; CREATE TABLE x (a)"), DB_OK);
	db_close(db);
	assert_int_equal(db_open(url, true, &db, err, sizeof err), DB_E_FOREIGN);
	assert_non_null(strstr(err, "another application"));
	/* a new Lantern database opens again */
	snprintf(path, sizeof path, "%s/ok.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", path);
	assert_int_equal(db_open(url, true, &db, err, sizeof err), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE y (a)"), DB_OK);
	db_close(db);
	assert_int_equal(db_open(url, false, &db, err, sizeof err), DB_OK);
	db_close(db);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_pool_gives_each_thread_a_connection(void **state)
{
	char dir[] = "/tmp/lantern-pool-XXXXXX", url[160], err[256];
	assert_non_null(mkdtemp(dir));
	snprintf(url, sizeof url, "sqlite:%s/p.db", dir);
	struct db *db;
	assert_int_equal(db_open(url, true, &db, err, sizeof err), DB_OK);
	db_close(db);
	struct db_pool *p;
	assert_int_equal(db_pool_new(url, &p, err, sizeof err), DB_OK);
	struct db *a = db_pool_get(p), *b = db_pool_get(p);
	assert_non_null(a);
	assert_ptr_equal(a, b); /* same thread, same connection */
	db_pool_free(p);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static int64_t synchronous(struct db *db)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(db, &n, "PRAGMA synchronous", ""), DB_OK);
	return n;
}

/* A durable transaction commits with synchronous=FULL (2) and leaves the connection as
 * it was (NORMAL, 1, for a file), after a commit and after a rollback alike; inside a
 * transaction it is refused. */
static void test_durable_transaction_then_back_to_normal(void **state)
{
	(void)state;
	char path[] = "/tmp/lantern-db-test-XXXXXX", url[64], err[256];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	snprintf(url, sizeof url, "sqlite:%s", path);
	struct db *db;
	assert_int_equal(db_open(url, true, &db, err, sizeof err), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)"), DB_OK);
	assert_int_equal(synchronous(db), 1);
	assert_int_equal(db_begin_durable(db), DB_OK);
	assert_int_equal(db_run(db, "INSERT INTO t (id) VALUES (1)", ""), DB_OK);
	assert_int_equal(db_begin_durable(db), DB_E_MISUSE);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(synchronous(db), 1);
	assert_int_equal(db_begin_durable(db), DB_OK);
	db_rollback(db);
	assert_int_equal(synchronous(db), 1);
	int64_t n = 0;
	assert_int_equal(db_query_int64(db, &n, "SELECT count(*) FROM t", ""), DB_OK);
	assert_int_equal(n, 1);
	db_close(db);
	char p[96];
	const char *ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", path, ext[i]);
		unlink(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_bind_step_and_columns),
	        cmocka_unit_test(test_durable_transaction_then_back_to_normal),
	        cmocka_unit_test(test_cached_statements_are_reset),
	        cmocka_unit_test(test_failing_statement_rolls_back_whole_transaction),
	        cmocka_unit_test(test_transaction_misuse),
	        cmocka_unit_test(test_bad_urls_and_files),
	        cmocka_unit_test(test_pool_gives_each_thread_a_connection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

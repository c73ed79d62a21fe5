/* test_rows.c: the store's column-descriptor reader (store/rows.h): a row read into a
 * struct field by field, instants and dates as db.h binds them, and the refusals: a NULL
 * where one is not allowed, a value of the wrong type, text longer than its field, a
 * column named other than its descriptor, fewer columns than descriptors. */
#include <setjmp.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/rows.h"
#include "util/ltime.h"

struct thing {
	char id[8];
	char note[6];
	int n;
	int64_t big;
	bool flag;
	int64_t at;
	struct lt_date on;
	char *body;
};

static const struct row_col THING_COLS[] = {
        ROW_COLF(struct thing, id, ROW_TEXT, ROW_NOTNULL),
        ROW_COLF(struct thing, note, ROW_TEXT, ROW_CUT),
        ROW_COL(struct thing, n, ROW_INT),
        ROW_COL(struct thing, big, ROW_INT64),
        ROW_COL(struct thing, flag, ROW_BOOL),
        ROW_COL(struct thing, at, ROW_TIME),
        ROW_COL(struct thing, on, ROW_DATE),
        ROW_COL(struct thing, body, ROW_STR),
};
static const struct row_desc THING = ROW_DESC(struct thing, THING_COLS);

#define SELECT_THING "SELECT id, note, n, big, flag, at, on_date AS \"on\", body FROM t"

static struct db *mem(void)
{
	struct db *db;
	char err[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, err, sizeof err), DB_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE t (id TEXT, note TEXT, n, big, flag, at TEXT,"
	                             " on_date TEXT, body TEXT)"),
	                 DB_OK);
	return db;
}

static void test_reads_every_type(void **state)
{
	struct db *db = mem();
	int64_t at;
	assert_int_equal(ltime_parse("2026-03-29T00:59:59Z", &at), 0);
	struct lt_date on = {2028, 2, 29};
	/* written as db_run binds: instants and dates become their stored text */
	assert_int_equal(db_run(db, "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	                        "ssdibtDs", "ab_1", "a longer note", -7, (int64_t)1 << 40, true, at,
	                        on, "the body"),
	                 DB_OK);
	char text[32];
	assert_int_equal(db_query_text(db, text, sizeof text, "SELECT at || on_date FROM t", ""),
	                 DB_OK);
	assert_string_equal(text, "2026-03-29T00:59:59Z2028-02-29");
	struct thing th;
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING, ""), DB_ROW);
	assert_string_equal(th.id, "ab_1");
	assert_string_equal(th.note, "a lon"); /* ROW_CUT: cut to the field */
	assert_int_equal(th.n, -7);
	assert_true(th.big == (int64_t)1 << 40);
	assert_true(th.flag);
	assert_true(th.at == at);
	assert_int_equal(th.on.y, 2028);
	assert_int_equal(th.on.m, 2);
	assert_int_equal(th.on.d, 29);
	assert_string_equal(th.body, "the body");
	row_free(&THING, &th);
	assert_null(th.body);
	/* a parameter may be a field of the struct being filled */
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING " WHERE id = $1", "s", th.id),
	                 DB_ROW);
	assert_string_equal(th.id, "ab_1");
	row_free(&THING, &th);
	/* no row: DB_DONE and the struct zeroed */
	memset(&th, 0x55, sizeof th);
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING " WHERE id = $1", "s", "none"),
	                 DB_DONE);
	assert_string_equal(th.id, "");
	assert_null(th.body);
	db_close(db);
}

static void test_null_is_the_empty_value_unless_not_null(void **state)
{
	struct db *db = mem();
	assert_int_equal(db_run(db, "INSERT INTO t (id) VALUES ('x')", ""), DB_OK);
	struct thing th;
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING, ""), DB_ROW);
	assert_string_equal(th.note, "");
	assert_int_equal(th.n, 0);
	assert_false(th.flag);
	assert_true(th.at == 0);
	assert_int_equal(th.on.y, 0);
	assert_null(th.body);
	/* 'T' and 'D' bind NULL for an unset instant and date */
	assert_int_equal(db_run(db, "UPDATE t SET at = $1, on_date = $2", "TD", (int64_t)0,
	                        (struct lt_date){0, 0, 0}),
	                 DB_OK);
	int64_t nulls = 0;
	assert_int_equal(
	        db_query_int64(db, &nulls,
	                       "SELECT count(*) FROM t WHERE at IS NULL AND on_date IS NULL", ""),
	        DB_OK);
	assert_int_equal(nulls, 1);
	/* a NULL in a ROW_NOTNULL column: refused, nothing left in the struct */
	assert_int_equal(db_run(db, "UPDATE t SET id = NULL, body = 'b'", ""), DB_OK);
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING, ""), DB_E_RANGE);
	assert_null(th.body);
	db_close(db);
}

/* Inserts one row with column `col` set to SQL expression `value` and reads it. */
static int read_with(const char *col, const char *value)
{
	struct db *db = mem();
	char sql[200];
	snprintf(sql, sizeof sql, "INSERT INTO t (id, %s) VALUES ('x', %s)", col, value);
	assert_int_equal(db_exec(db, sql), DB_OK);
	struct thing th;
	int rc = row_get(db, &THING, &th, SELECT_THING, "");
	if (rc != DB_ROW) { /* refused: the struct is left zeroed */
		assert_string_equal(th.id, "");
		assert_null(th.body);
	}
	row_free(&THING, &th);
	db_close(db);
	return rc;
}

static void test_wrong_types_are_refused(void **state)
{
	assert_int_equal(read_with("n", "'seven'"), DB_E_RANGE);
	assert_int_equal(read_with("n", "1.5"), DB_E_RANGE);
	assert_int_equal(read_with("n", "4294967296"), DB_E_RANGE); /* does not fit an int */
	assert_int_equal(read_with("big", "'1'"), DB_E_RANGE);
	assert_int_equal(read_with("flag", "'yes'"), DB_E_RANGE);
	assert_int_equal(read_with("at", "1700000000"), DB_E_RANGE);            /* not ISO text */
	assert_int_equal(read_with("at", "'2026-01-01 10:00:00'"), DB_E_RANGE); /* no zone */
	assert_int_equal(read_with("on_date", "'2027-02-29'"), DB_E_RANGE);
	assert_int_equal(read_with("note", "x'00ff'"), DB_E_RANGE); /* a blob */
	assert_int_equal(read_with("body", "x'00ff'"), DB_E_RANGE);
	/* a number in a text field is its text */
	assert_int_equal(read_with("note", "42"), DB_ROW);
}

static void test_over_long_text_is_refused_unless_cut(void **state)
{
	/* id has 8 bytes: 7 characters fit, 8 do not */
	struct db *db = mem();
	assert_int_equal(db_run(db, "INSERT INTO t (id, body) VALUES ($1, 'b')", "s", "1234567"),
	                 DB_OK);
	struct thing th;
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING, ""), DB_ROW);
	assert_string_equal(th.id, "1234567");
	row_free(&THING, &th);
	assert_int_equal(db_run(db, "UPDATE t SET id = '12345678'", ""), DB_OK);
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING, ""), DB_E_RANGE);
	assert_string_equal(th.id, "");
	assert_null(th.body); /* read before the refusal, freed by it */
	db_close(db);
}

static void test_select_and_table_must_agree(void **state)
{
	struct db *db = mem();
	assert_int_equal(db_run(db, "INSERT INTO t (id) VALUES ('x')", ""), DB_OK);
	struct thing th;
	/* a column named other than its descriptor */
	assert_int_equal(row_get(db, &THING, &th,
	                         "SELECT id, note, n, big, flag, at, on_date, body FROM t", ""),
	                 DB_E_MISUSE);
	/* fewer columns than descriptors */
	assert_int_equal(row_get(db, &THING, &th, "SELECT id, note FROM t", ""), DB_E_MISUSE);
	/* a descriptor whose field does not fit its type */
	static const struct row_col bad_cols[] = {{"id", ROW_INT, 0, 8, 0}};
	static const struct row_desc bad = {bad_cols, 1, sizeof(struct thing)};
	assert_int_equal(row_get(db, &bad, &th, "SELECT id FROM t", ""), DB_E_MISUSE);
	/* a parameter of an unknown type */
	assert_int_equal(row_get(db, &THING, &th, SELECT_THING " WHERE id = $1", "?", "x"),
	                 DB_E_MISUSE);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_reads_every_type),
	        cmocka_unit_test(test_null_is_the_empty_value_unless_not_null),
	        cmocka_unit_test(test_wrong_types_are_refused),
	        cmocka_unit_test(test_over_long_text_is_refused_unless_cut),
	        cmocka_unit_test(test_select_and_table_must_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

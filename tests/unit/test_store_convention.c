/*
 * test_store_convention.c: the store's row convention at the functions that last took
 * instants as text: the board's period, a meeting's decision on a record, merges and
 * their undoing, the viewer's time, held import rows, match models, a child's row, risk
 * groups, addresses and the search by date of birth, and agencies' involvement. Each takes instants
 * as int64 UTC seconds (dates as struct lt_date) and writes the same ISO 8601 text as before; each
 * refuses an instant outside the years 1900..2200 with DB_E_RANGE and writes nothing. The database
 * is a migrated in-memory one with a few synthetic rows written in SQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <string.h>

#include "store/access.h"
#include "store/board.h"
#include "store/children.h"
#include "store/db.h"
#include "store/imports.h"
#include "store/mase.h"
#include "store/merges.h"
#include "store/migrate.h"
#include "util/embedded.h"
#include "util/ltime.h"

/* 2026-03-10T12:00:00Z */
#define NOW ((int64_t)1773144000)
/* 2201-01-01T00:00:00Z: the first instant past the years the store binds. */
#define TOO_LATE ((int64_t)7289654400)
#define DAY ((int64_t)86400)

static const char SEED[] =
        "INSERT INTO boroughs (id, name, code) VALUES ('bor_a', 'Ashby', 'ASH');"
        "INSERT INTO agencies (id, name, type, borough_id, created_at) VALUES"
        " ('agy_pol', 'Ashby Police', 'police', 'bor_a', '2026-01-01T00:00:00Z'),"
        " ('agy_hlt', 'Ashby Health', 'health', 'bor_a', '2026-01-01T00:00:00Z');"
        "INSERT INTO users (id, username, display_name, agency_id, password_hash, created_at)"
        " VALUES ('usr_n', 'nurse.a', 'Nurse A', 'agy_hlt', 'x', '2026-01-01T00:00:00Z');"
        "INSERT INTO children (id, given_names, family_name, name_key, created_at, updated_at)"
        " VALUES ('chd_1', 'Ada', 'Fenwick', 'fenwick ada', '2026-01-01T00:00:00Z',"
        " '2026-01-01T00:00:00Z'),"
        " ('chd_2', 'Bea', 'Fenwick', 'fenwick bea', '2026-01-01T00:00:00Z',"
        " '2026-01-01T00:00:00Z');"
        "INSERT INTO records (id, child_id, reference, ref_year, ref_seq, opened_at,"
        " owning_borough_id, updated_at) VALUES ('rec_1', 'chd_1', 'LAN-2026-000001', 2026,"
        " 1, '2026-02-01T09:00:00Z', 'bor_a', '2026-02-01T09:00:00Z');"
        "INSERT INTO mase_meetings (id, borough_id, held_at, name, created_by_name, created_at)"
        " VALUES ('mtg_1', 'bor_a', '2026-03-05T10:00:00Z', 'MASE', 'Chair',"
        " '2026-03-05T10:00:00Z');"
        "INSERT INTO access_grants (id, child_id, user_id, reason, days, requested_at, status,"
        " starts_at, ends_at) VALUES ('grt_1', 'chd_2', 'usr_n', 'cover', 10,"
        " '2026-03-01T00:00:00Z', 'granted', '2026-03-01T00:00:00Z', '2026-03-11T00:00:00Z');"
        "INSERT INTO import_batches (id, kind, status, rows_read, created, held, refused,"
        " report, created_at) VALUES ('imp_1', 'children', 'committed', 1, 0, 1, 0, '{}',"
        " '2026-03-01T00:00:00Z');"
        "INSERT INTO import_held (id, batch_id, line, row_data, candidates) VALUES"
        " ('imh_1', 'imp_1', 2, '{}', '[]'), ('imh_2', 'imp_1', 3, '{}', '[]');";

static int setup(void **state)
{
	struct db *db;
	char msg[256];
	if (db_open("sqlite::memory:", true, &db, msg, sizeof msg) != DB_OK)
		return -1;
	if (migrate_run(db, embedded_migrations, NULL, msg, sizeof msg) != 0 ||
	    db_exec(db, SEED) != DB_OK) {
		db_close(db);
		return -1;
	}
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	return 0;
}

/* The first column of the first row of sql as text ("" when NULL or no row). */
static const char *text_of(struct db *db, const char *sql)
{
	static char out[256];
	out[0] = '\0';
	int rc = db_query_text(db, out, sizeof out, sql, "");
	assert_true(rc == DB_OK || rc == DB_DONE);
	return out;
}

static int64_t count_of(struct db *db, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(db, &n, sql, ""), DB_OK);
	return n;
}

static void test_bind_time_range(void **state)
{
	struct db *db = *state;
	struct lt_date bad = {2027, 2, 29}, none = {0, 0, 0};
	assert_int_equal(db_exec(db, "CREATE TEMP TABLE tt (at TEXT, on_date TEXT)"), DB_OK);
	assert_int_equal(db_run(db, "INSERT INTO tt VALUES ($1, $2)", "tD", TOO_LATE, none),
	                 DB_E_RANGE);
	assert_int_equal(db_run(db, "INSERT INTO tt VALUES ($1, $2)", "tD", NOW, bad), DB_E_RANGE);
	assert_int_equal(
	        db_run(db, "INSERT INTO tt VALUES ($1, $2)", "TD", (int64_t)-2208988801, none),
	        DB_E_RANGE); /* one second before 1900 */
	assert_int_equal(count_of(db, "SELECT count(*) FROM tt"), 0);
	/* the last second of 2200 and the first of 1900 are kept */
	assert_int_equal(db_run(db, "INSERT INTO tt VALUES ($1, $2)", "tD", TOO_LATE - 1, none),
	                 DB_OK);
	assert_int_equal(
	        db_run(db, "INSERT INTO tt VALUES ($1, $2)", "tD", (int64_t)-2208988800, none),
	        DB_OK);
	assert_string_equal(text_of(db, "SELECT group_concat(at, ' ') FROM tt"),
	                    "2200-12-31T23:59:59Z 1900-01-01T00:00:00Z");
	assert_int_equal(db_exec(db, "DROP TABLE tt"), DB_OK);
}

/* R-RPT-1: the board's figures over [from, to) given as instants. */
static void test_board_period(void **state)
{
	struct db *db = *state;
	int64_t from, to;
	assert_int_equal(ltime_parse("2026-02-01T00:00:00Z", &from), 0);
	assert_int_equal(ltime_parse("2026-03-01T00:00:00Z", &to), 0);
	int rc = DB_OK;
	json_t *v = store_board_volume(db, "bor_a", from, to, &rc);
	assert_non_null(v);
	assert_int_equal(json_integer_value(json_object_get(v, "open")), 1);
	assert_int_equal(json_integer_value(json_object_get(v, "new")), 1);
	json_decref(v);
	/* the record was opened after this period */
	v = store_board_volume(db, "bor_a", from - 31 * DAY, from, &rc);
	assert_int_equal(json_integer_value(json_object_get(v, "open")), 0);
	json_decref(v);
	json_t *cin = store_board_cin(db, "bor_a", from, to, &rc);
	assert_int_equal(json_array_size(cin), 1);
	json_decref(cin);
	int64_t n = -1;
	assert_int_equal(store_board_count(db, "meetings", "bor_a", to, to + 31 * DAY, &n), DB_OK);
	assert_int_equal(n, 1);
	json_t *m = store_board_meetings(db, "bor_a", to, to + 31 * DAY, &rc);
	assert_string_equal(json_string_value(json_object_get(json_array_get(m, 0), "id")),
	                    "mtg_1");
	json_decref(m);

	/* an instant out of range: DB_E_RANGE, no rows */
	rc = DB_OK;
	assert_null(store_board_volume(db, "bor_a", from, TOO_LATE, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	rc = DB_OK;
	assert_null(store_board_counts(db, "category", "bor_a", from, TOO_LATE, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	assert_int_equal(store_board_count(db, "meetings", "bor_a", TOO_LATE, TOO_LATE, &n),
	                 DB_E_RANGE);
	rc = DB_OK;
	assert_null(store_board_meetings(db, "bor_a", from, TOO_LATE, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	rc = DB_OK;
	assert_null(store_board_actions(db, "bor_a", from, TOO_LATE, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	rc = DB_OK;
	assert_null(store_board_cin(db, "bor_a", TOO_LATE, to, &rc));
	assert_int_equal(rc, DB_E_RANGE);
}

/* R-MASE-7: a meeting's decision on a record, from a write struct. */
static void test_mase_case_set(void **state)
{
	struct db *db = *state;
	struct store_mase_case_new c = {.meeting_id = "mtg_1",
	                                .record_id = "rec_1",
	                                .decision = "discussed",
	                                .by = "usr_n",
	                                .by_name = "Nurse A",
	                                .at = NOW};
	assert_int_equal(store_mase_case_set(db, &c), DB_OK);
	c.decision = "closed";
	c.at = NOW + 60;
	assert_int_equal(store_mase_case_set(db, &c), DB_OK); /* replaces the first */
	assert_string_equal(
	        text_of(db, "SELECT decision || ' ' || discussed_at || ' ' || is_demo"
	                    " FROM mase_cases WHERE meeting_id = 'mtg_1' AND record_id = 'rec_1'"),
	        "closed 2026-03-10T12:01:00Z 0");
	c.decision = "other";
	c.at = TOO_LATE;
	assert_int_equal(store_mase_case_set(db, &c), DB_E_RANGE);
	assert_string_equal(text_of(db, "SELECT group_concat(decision) FROM mase_cases"), "closed");
}

/* A merge and its undoing, from write structs. */
static void test_merge_and_undo(void **state)
{
	struct db *db = *state;
	struct store_merge_new m = {.id = "mrg_1",
	                            .surviving_child_id = "chd_1",
	                            .merged_child_id = "chd_2",
	                            .merged_by_name = "Nurse A",
	                            .reason = "the same child",
	                            .merged_at = TOO_LATE};
	assert_int_equal(store_merge_insert(db, &m), DB_E_RANGE);
	assert_int_equal(count_of(db, "SELECT count(*) FROM child_merges"), 0);
	m.merged_at = NOW;
	assert_int_equal(store_merge_insert(db, &m), DB_OK);
	char into[32];
	assert_int_equal(store_child_merged_into(db, "chd_2", into, sizeof into), DB_OK);
	assert_string_equal(into, "chd_1");

	struct store_merge_undo_set u = {.id = "mrg_1",
	                                 .by = "usr_n",
	                                 .by_name = "Nurse A",
	                                 .reason = "two children",
	                                 .at = TOO_LATE};
	assert_int_equal(store_merge_undo(db, &u), DB_E_RANGE);
	assert_int_equal(store_child_merged_into(db, "chd_2", into, sizeof into), DB_OK);
	u.at = NOW + DAY;
	assert_int_equal(store_merge_undo(db, &u), DB_OK);
	assert_string_equal(text_of(db, "SELECT merged_at || ' ' || undone_at || ' ' || undone_by"
	                                " FROM child_merges WHERE id = 'mrg_1'"),
	                    "2026-03-10T12:00:00Z 2026-03-11T12:00:00Z usr_n");
	assert_int_equal(store_merge_undo(db, &u), DB_DONE); /* not in force any more */
	assert_int_equal(store_child_merged_into(db, "chd_2", into, sizeof into), DB_DONE);
}

/* The viewer's time decides which grants are current. */
static void test_viewer_now(void **state)
{
	struct db *db = *state;
	struct store_viewer v;
	bool seen = false;
	store_viewer_init(&v, false, "agy_hlt", "usr_n", NOW);
	assert_int_equal(v.now, NOW);
	assert_int_equal(store_child_visible(db, &v, "chd_2", &seen), DB_OK);
	assert_true(seen); /* the grant runs to 2026-03-11 */
	int rc = DB_OK;
	json_t *list = store_children_list(db, &v, "", 10, &rc);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);

	store_viewer_init(&v, false, "agy_hlt", "usr_n", NOW + 2 * DAY);
	assert_int_equal(store_child_visible(db, &v, "chd_2", &seen), DB_OK);
	assert_false(seen); /* the grant has ended */

	store_viewer_init(&v, false, "agy_hlt", "usr_n", TOO_LATE);
	seen = true;
	assert_int_equal(store_child_visible(db, &v, "chd_2", &seen), DB_E_RANGE);
	assert_false(seen);
	rc = DB_OK;
	assert_null(store_children_list(db, &v, "", 10, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	rc = DB_OK;
	assert_null(store_children_export(db, &v, "", 10, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	rc = DB_OK;
	assert_null(store_mase_persons(db, "bor_a", &v, &rc));
	assert_int_equal(rc, DB_E_RANGE);
	/* the statements are usable again after the refusal */
	store_viewer_init(&v, false, "agy_hlt", "usr_n", NOW);
	assert_int_equal(store_child_visible(db, &v, "chd_2", &seen), DB_OK);
	assert_true(seen);
}

/* A held import row resolved, and a trained match model, at the use case's instant. */
static void test_import_times(void **state)
{
	struct db *db = *state;
	assert_int_equal(store_import_held_resolve(db, "imh_1", "new", "chd_1", "usr_n", TOO_LATE),
	                 DB_E_RANGE);
	assert_int_equal(store_import_held_resolve(db, "imh_1", "new", "chd_1", "usr_n", NOW),
	                 DB_OK);
	assert_string_equal(text_of(db, "SELECT status || ' ' || resolved_at FROM import_held"
	                                " WHERE id = 'imh_1'"),
	                    "new 2026-03-10T12:00:00Z");
	assert_int_equal(store_import_held_resolve(db, "imh_1", "same", "chd_1", "usr_n", NOW),
	                 DB_DONE); /* not held any more */
	assert_string_equal(text_of(db, "SELECT status FROM import_held WHERE id = 'imh_2'"),
	                    "held");

	struct lt_date day = ltime_date_of(NOW), bad = {2026, 13, 1};
	assert_int_equal(store_match_model_insert(db, "mm_1", bad, 3, "{}", "usr_n", NOW),
	                 DB_E_RANGE);
	assert_int_equal(store_match_model_insert(db, "mm_1", day, 3, "{}", "usr_n", TOO_LATE),
	                 DB_E_RANGE);
	assert_int_equal(count_of(db, "SELECT count(*) FROM match_models"), 0);
	assert_int_equal(store_match_model_insert(db, "mm_1", day, 3, "{}", "usr_n", NOW), DB_OK);
	assert_string_equal(text_of(db, "SELECT trained_on || ' ' || records || ' ' || created_at"
	                                " FROM match_models"),
	                    "2026-03-10 3 2026-03-10T12:00:00Z");
}

/* A child's addresses with their dates, and agencies involved since an instant. */
static void test_child_address_and_involvement(void **state)
{
	struct db *db = *state;
	struct store_child_address_new a = {.child_id = "chd_1",
	                                    .address = "1 Mill Lane",
	                                    .postcode = "AB1 2CD",
	                                    .from = {2025, 6, 1}};
	assert_int_equal(store_child_add_address(db, &a), DB_OK);
	a.address = "2 Mill Lane";
	a.postcode = NULL;
	a.from = (struct lt_date){0, 0, 0};
	a.to = (struct lt_date){2026, 2, 29}; /* not a date */
	assert_int_equal(store_child_add_address(db, &a), DB_E_RANGE);
	a.to = (struct lt_date){2026, 2, 28};
	assert_int_equal(store_child_add_address(db, &a), DB_OK);
	assert_string_equal(
	        text_of(db, "SELECT group_concat(address || '|' || COALESCE(postcode, '-') || '|'"
	                    " || COALESCE(from_date, '-') || '|' || COALESCE(to_date, '-'), ' ')"
	                    " FROM (SELECT * FROM child_addresses ORDER BY id)"),
	        "1 Mill Lane|AB1 2CD|2025-06-01|- 2 Mill Lane|-|-|2026-02-28");

	assert_int_equal(store_child_involve(db, "chd_1", "agy_pol", "referral", TOO_LATE),
	                 DB_E_RANGE);
	assert_int_equal(store_child_involve(db, "chd_1", "agy_pol", "referral", NOW), DB_OK);
	assert_int_equal(
	        store_child_involve_agencies(db, "chd_2", "health", "bor_a", "routed", TOO_LATE),
	        DB_E_RANGE);
	assert_int_equal(
	        store_child_involve_agencies(db, "chd_2", "health", "bor_a", "routed", NOW + 60),
	        DB_OK);
	assert_string_equal(
	        text_of(db, "SELECT group_concat(child_id || ' ' || agency_id || ' '"
	                    " || since, ', ') FROM (SELECT * FROM child_agencies"
	                    " ORDER BY child_id)"),
	        "chd_1 agy_pol 2026-03-10T12:00:00Z, chd_2 agy_hlt 2026-03-10T12:01:00Z");
}

/* A child is written with its date of birth as a date and its creation as an instant;
 * its risk groups' dates too; children are found by a date of birth. */
static void test_child_row_dates(void **state)
{
	struct db *db = *state;
	struct child_row c = {.id = "chd_3",
	                      .given_names = "Cai",
	                      .family_name = "Fenwick",
	                      .name_key = "fenwick cai",
	                      .date_of_birth = {2012, 4, 30},
	                      .created_at = TOO_LATE};
	assert_int_equal(store_child_insert(db, &c), DB_E_RANGE);
	assert_int_equal(count_of(db, "SELECT count(*) FROM children WHERE id = 'chd_3'"), 0);
	c.created_at = NOW;
	c.date_of_birth = (struct lt_date){2012, 4, 31}; /* not a date */
	assert_int_equal(store_child_insert(db, &c), DB_E_RANGE);
	c.date_of_birth = (struct lt_date){2012, 4, 30};
	assert_int_equal(store_child_insert(db, &c), DB_OK);
	assert_string_equal(text_of(db, "SELECT date_of_birth || ' ' || created_at || ' '"
	                                " || updated_at FROM children WHERE id = 'chd_3'"),
	                    "2012-04-30 2026-03-10T12:00:00Z 2026-03-10T12:00:00Z");

	struct lt_date none = {0, 0, 0};
	assert_int_equal(store_child_add_risk_group(db, "chd_3", "R1", (struct lt_date){2026, 1, 2},
	                                            none, NULL),
	                 DB_OK);
	assert_int_equal(store_child_add_risk_group(db, "chd_3", "R2", none,
	                                            (struct lt_date){2026, 13, 1}, NULL),
	                 DB_E_RANGE);
	assert_string_equal(text_of(db,
	                            "SELECT group_concat(group_code || '|' || COALESCE(from_date,"
	                            " '-') || '|' || COALESCE(to_date, '-'), ' ')"
	                            " FROM child_risk_groups WHERE child_id = 'chd_3'"),
	                    "R1|2026-01-02|-");

	int rc = DB_OK;
	json_t *ids = store_children_by_dob(db, (struct lt_date){2012, 4, 30}, 10, &rc);
	assert_int_equal(rc, DB_OK);
	assert_int_equal(json_array_size(ids), 1);
	assert_string_equal(json_string_value(json_array_get(ids, 0)), "chd_3");
	json_decref(ids);
	assert_null(store_children_by_dob(db, (struct lt_date){2012, 2, 30}, 10, &rc));
	assert_int_equal(rc, DB_E_RANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_bind_time_range, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_board_period, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mase_case_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_merge_and_undo, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_viewer_now, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_import_times, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_child_address_and_involvement, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_child_row_dates, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_app_rc.c: the result codes of use cases (app/app.h). They are apart from the
 * store's DB_* codes; every code has a row in the web's table (HTTP status and problem
 * type, web/usecase.c) and in the command line's (exit code, cli/common.c); and
 * uc_end and uc_abort turn any store code they are given into an app code, so that no
 * DB_* code ever leaves a use case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

#include "app/uc.h"
#include "cli/cli.h"
#include "store/db.h"
#include "web/usecase.h"

/* Every result code: APP_OK, then APP_RC_FIRST up to APP_RC_END. */
static int next_code(int rc)
{
	return rc == APP_OK ? APP_RC_FIRST : rc + 1;
}

static void test_codes_apart_from_the_store(void **state)
{
	(void)state;
	for (int rc = DB_E_MISUSE; rc <= DB_DONE; rc++)
		if (rc != DB_OK)
			assert_false(app_rc_valid(rc));
	assert_true(app_rc_valid(APP_OK));
	assert_false(app_rc_valid(APP_RC_END));
	assert_false(app_rc_valid(APP_RC_FIRST - 1));
	int n = 0;
	for (int rc = APP_OK; rc < APP_RC_END; rc = next_code(rc), n++) {
		assert_true(app_rc_valid(rc));
		assert_non_null(app_rc_name(rc));
	}
	assert_int_equal(n, 1 + APP_RC_END - APP_RC_FIRST);
	assert_null(app_rc_name(DB_E_ERROR));
	assert_string_equal(app_rc_name(APP_BUSY), "APP_BUSY");
}

/* Each code has exactly one row in each table, and the web's status is its problem
 * type's. */
static void test_every_code_has_a_row_in_both_tables(void **state)
{
	(void)state;
	for (int rc = APP_OK; rc < APP_RC_END; rc = next_code(rc)) {
		const struct web_rc *w = web_rc_find((enum app_rc)rc);
		const struct cli_rc *c = cli_rc_find((enum app_rc)rc);
		if (!w || !c)
			fail_msg("%s has no row in the %s table", app_rc_name(rc),
			         w ? "command line's" : "web's");
		assert_int_equal(w->code, rc);
		assert_int_equal(c->code, rc);
		if (rc == APP_OK) {
			assert_int_equal(w->status, 200);
			assert_int_equal(c->exit_code, CLI_OK);
			continue;
		}
		assert_int_equal(w->status, problem_status(w->kind));
		assert_int_equal(w->status, problem_status(w->rule_kind));
		assert_true(c->exit_code == CLI_FAIL || c->exit_code == CLI_USAGE);
	}
	assert_null(web_rc_find(APP_RC_END));
	assert_null(cli_rc_find(APP_RC_END));
}

/* What the tables say for each code (the answers docs/api.md and the CLI tests rely
 * on). */
static void test_the_tables_say(void **state)
{
	(void)state;
	static const struct {
		enum app_rc code;
		int status, exit_code;
		enum problem_kind kind, rule_kind;
	} want[] = {
	        {APP_INVALID, 422, CLI_USAGE, PROBLEM_VALIDATION, PROBLEM_RULE},
	        {APP_NOT_FOUND, 404, CLI_USAGE, PROBLEM_NOT_FOUND, PROBLEM_NOT_FOUND},
	        {APP_FORBIDDEN, 403, CLI_USAGE, PROBLEM_FORBIDDEN, PROBLEM_FORBIDDEN},
	        {APP_CONFLICT, 409, CLI_USAGE, PROBLEM_CONFLICT, PROBLEM_CONFLICT},
	        {APP_FAILED, 500, CLI_FAIL, PROBLEM_INTERNAL, PROBLEM_INTERNAL},
	        {APP_BUSY, 503, CLI_FAIL, PROBLEM_UNAVAILABLE, PROBLEM_UNAVAILABLE},
	        {APP_LIMITED, 429, CLI_USAGE, PROBLEM_RATE_LIMITED, PROBLEM_RATE_LIMITED},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		const struct web_rc *w = web_rc_find(want[i].code);
		assert_non_null(w);
		assert_int_equal(w->status, want[i].status);
		assert_int_equal(w->kind, want[i].kind);
		assert_int_equal(w->rule_kind, want[i].rule_kind);
		assert_int_equal(cli_exit_code(want[i].code), want[i].exit_code);
		struct app_err err;
		app_err_clear(&err);
		err.code = want[i].code;
		assert_int_equal(web_app_status(&err), want[i].status);
	}
}

/* A busy database is APP_BUSY, a time out of range APP_INVALID; any other store
 * failure APP_FAILED. */
static void test_db_fail_maps_busy(void **state)
{
	(void)state;
	struct db *db;
	char msg[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, msg, sizeof msg), DB_OK);
	struct app_err err;
	app_err_clear(&err);
	assert_int_equal(app_db_fail(&err, db, DB_E_BUSY), APP_BUSY);
	assert_int_equal(err.code, APP_BUSY);
	app_err_clear(&err);
	assert_int_equal(app_db_fail(&err, db, DB_E_CONSTRAINT), APP_FAILED);
	assert_int_equal(err.code, APP_FAILED);
	/* a time the store cannot keep is the input's fault: a 4xx, not a failure */
	app_err_clear(&err);
	assert_int_equal(app_db_fail(&err, db, DB_E_RANGE), APP_INVALID);
	assert_non_null(strstr(err.message, "1900 to 2200"));
	db_close(db);
}

/* Feeds store codes through uc_end and uc_abort: what comes out is always an app code,
 * in the error too, and the transaction is rolled back. */
static void test_uc_end_and_abort_never_let_a_store_code_out(void **state)
{
	(void)state;
	static const struct {
		int db_rc, app_rc;
	} cases[] = {
	        {DB_E_ERROR, APP_FAILED},  {DB_E_CONSTRAINT, APP_FAILED}, {DB_E_BUSY, APP_BUSY},
	        {DB_E_NOTADB, APP_FAILED}, {DB_E_NOMEM, APP_FAILED},      {DB_E_IO, APP_FAILED},
	        {DB_E_MISUSE, APP_FAILED}, {DB_ROW, APP_FAILED},          {DB_DONE, APP_FAILED},
	        {DB_E_RANGE, APP_INVALID},
	};
	struct db *db;
	char msg[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, msg, sizeof msg), DB_OK);
	struct actor who;
	actor_system(&who);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		for (int end = 0; end < 2; end++) {
			struct uc u;
			struct app_err err;
			uc_init(&u, db, &who, &err);
			assert_int_equal(uc_begin(&u), APP_OK);
			json_t *out = json_object();
			int rc = end ? uc_end(&u, cases[i].db_rc, &out)
			             : uc_abort(&u, cases[i].db_rc);
			if (!end)
				json_decref(out);
			else
				assert_null(out);
			assert_true(app_rc_valid(rc));
			assert_int_equal(rc, cases[i].app_rc);
			assert_int_equal(err.code, cases[i].app_rc);
			assert_false(db_in_tx(db));
		}
	}
	/* DB_OK is APP_OK: uc_end commits */
	struct uc u;
	struct app_err err;
	uc_init(&u, db, &who, &err);
	assert_int_equal(uc_begin(&u), APP_OK);
	assert_int_equal(uc_end(&u, DB_OK, NULL), APP_OK);
	assert_int_equal(err.code, APP_OK);
	assert_false(db_in_tx(db));
	/* an app code already in the error stands */
	uc_init(&u, db, &who, &err);
	assert_int_equal(uc_begin(&u), APP_OK);
	app_fail(&err, APP_CONFLICT, NULL, "It clashes.");
	assert_int_equal(uc_abort(&u, DB_E_CONSTRAINT), APP_CONFLICT);
	assert_int_equal(err.code, APP_CONFLICT);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_codes_apart_from_the_store),
	        cmocka_unit_test(test_every_code_has_a_row_in_both_tables),
	        cmocka_unit_test(test_the_tables_say),
	        cmocka_unit_test(test_db_fail_maps_busy),
	        cmocka_unit_test(test_uc_end_and_abort_never_let_a_store_code_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

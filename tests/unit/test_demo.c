/* test_demo.c: demo/demo.h: the synthetic demo covers every referral route and
 * category, leaves work in the queues, keeps the audit chain intact, marks the database
 * as demo data, is reproducible from its seed, and uses no refused word (R-DEF-4). Its
 * missing episodes cover every step, and an overdue return interview reaches a
 * supervisor's work queue (R-DL-9). */
#include <setjmp.h>
#include <cmocka.h>

#include "demo/demo.h"
#include "app/work.h"
#include "audit/audit.h"
#include "protocol/language.h"
#include "store/migrate.h"
#include "store/users.h"
#include "util/buf.h"
#include "util/ltime.h"
#include "util/embedded.h"

#define SEED 11
/* The demo's reference day in these tests: passed in, so no test depends on today. */
#define REF_TIME "2026-11-01T00:00:00Z"

static int64_t ref_time(const char *s)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(s, &t), 0);
	return t;
}

/* A new in-memory database with the demo for `seed` (2 boroughs, 30 children) made on
 * the day that starts at `ref`. */
static struct db *demo_db_on(uint64_t seed, int64_t ref)
{
	struct db *db = NULL;
	char msg[256];
	assert_int_equal(db_open("sqlite::memory:", true, &db, msg, sizeof msg), DB_OK);
	assert_int_equal(migrate_run(db, embedded_migrations, NULL, msg, sizeof msg), 0);
	struct demo_opts o = {.seed = seed, .boroughs = 2, .children = 30, .reference = ref};
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_demo_generate(db, &o, &out, &err);
	if (rc != APP_OK)
		fail_msg("%s", err.message);
	assert_int_equal(
	        json_integer_value(json_object_get(json_object_get(out, "counts"), "children")),
	        30);
	json_decref(out);
	return db;
}

static struct db *demo_db(uint64_t seed)
{
	return demo_db_on(seed, ref_time(REF_TIME));
}

/* Every row of a query, columns joined by '|', rows by '\n' (caller frees). */
static char *rows(struct db *db, const char *sql)
{
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, sql, &st), DB_OK);
	struct buf b = BUF_INIT(1 << 24);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		for (int i = 0; i < db_column_count(st); i++) {
			const char *t = db_column_text(st, i);
			buf_printf(&b, "%s%s", i ? "|" : "", t ? t : "");
		}
		buf_printf(&b, "\n");
	}
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	return buf_detach(&b, NULL);
}

static int64_t count(struct db *db, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(db, &n, sql, ""), DB_OK);
	return n;
}

static int setup(void **state)
{
	*state = demo_db(SEED);
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	return 0;
}

/* R-PATH-1..4, R-SIGN-2: every route appears. */
static void test_R_PATH_1_demo_has_every_route(void **state)
{
	char *r = rows(*state, "SELECT DISTINCT route FROM referrals ORDER BY route");
	assert_string_equal(r, "mash\nnot_cse_early_help\npolice_pathway\nsocial_worker_and_set\n");
	free(r);
	/* R-SIGN-2: a referral without signs is recorded as not on the CSE pathway */
	assert_int_equal(count(*state,
	                       "SELECT count(*) FROM referrals r WHERE route = "
	                       "'not_cse_early_help' AND (status <> 'not_cse_pathway' OR "
	                       "EXISTS (SELECT 1 FROM referral_signs s WHERE s.referral_id = "
	                       "r.id))"),
	                 0);
	/* repeat referrals on the same child */
	assert_true(count(*state, "SELECT count(*) FROM (SELECT child_id FROM referrals GROUP BY "
	                          "child_id HAVING count(*) > 1)") > 0);
}

/* R-CAT-1, R-CAT-3, R-CAT-4: categories 1, 2 (contact and online) and 3. */
static void test_R_CAT_4_demo_has_every_category(void **state)
{
	char *r = rows(*state, "SELECT DISTINCT category, coalesce(contact_mode, '') FROM "
	                       "category_decisions ORDER BY 1, 2");
	assert_string_equal(r, "1|\n2|contact\n2|online\n3|\n");
	free(r);
	r = rows(*state, "SELECT DISTINCT current_category FROM records WHERE current_category "
	                 "IS NOT NULL ORDER BY 1");
	assert_string_equal(r, "1\n2\n3\n");
	free(r);
	/* R-CAT-4: contact category 2 and category 3 go to the SET, the rest to the borough */
	assert_int_equal(count(*state,
	                       "SELECT count(*) FROM category_decisions WHERE (category = 3 "
	                       "OR contact_mode = 'contact') <> (allocation = 'set')"),
	                 0);
}

/* Work queues are not empty, and the rest of the protocol's records appear. */
static void test_R_PATH_7_demo_leaves_work_to_do(void **state)
{
	struct db *db = *state;
	assert_true(count(db, "SELECT count(*) FROM records WHERE current_category IS NULL") > 0);
	assert_true(count(db,
	                  "SELECT count(*) FROM records r WHERE EXISTS (SELECT 1 FROM referrals "
	                  "f WHERE f.record_id = r.id AND f.route = 'police_pathway') AND NOT "
	                  "EXISTS (SELECT 1 FROM supervisor_reviews s WHERE s.record_id = r.id)") >
	            0);
	assert_true(count(db, "SELECT count(*) FROM essential_steps WHERE outstanding = ''") > 0);
	assert_true(count(db, "SELECT count(*) FROM essential_steps WHERE outstanding <> ''") > 0);
	assert_true(count(db, "SELECT count(*) FROM supervisor_reviews") > 0);
	assert_true(count(db, "SELECT count(*) FROM outcomes WHERE code = 'MI'") > 0);
	assert_true(count(db, "SELECT count(*) FROM record_entries WHERE kind = 'note'") > 0);
	assert_true(count(db, "SELECT count(*) FROM record_entries WHERE supersedes_id IS NOT "
	                      "NULL") > 0);
	assert_true(count(db, "SELECT count(*) FROM external_refs WHERE kind = 'merlin_pac'") > 0);
	assert_true(count(db, "SELECT count(*) FROM children WHERE looked_after = 1 AND "
	                      "home_authority <> host_authority") > 0);
}

/* R-PATH-6: a supervisor review is never by the reporting officer. */
static void test_R_PATH_6_demo_review_not_by_reporting_officer(void **state)
{
	assert_int_equal(count(*state, "SELECT count(*) FROM supervisor_reviews WHERE reviewer_id "
	                               "= reporting_officer_id"),
	                 0);
}

static void test_demo_audit_chain_and_marker(void **state)
{
	struct db *db = *state;
	struct audit_verify_result r;
	assert_int_equal(audit_verify(db, &r), 0);
	assert_true(r.events > 100);
	char v[8] = "";
	assert_int_equal(store_meta_get(db, "demo", v, sizeof v), DB_ROW);
	assert_string_equal(v, "1");
	assert_int_equal(count(db, "SELECT count(*) FROM children WHERE is_demo = 0"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM records WHERE is_demo = 0"), 0);
}

/* A second run into a database with children is refused. */
static void test_demo_refuses_database_with_children(void **state)
{
	struct demo_opts o = {.seed = 1, .boroughs = 1, .children = 1};
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_demo_generate(*state, &o, &out, &err), APP_CONFLICT);
	assert_null(out);
	o.boroughs = 0;
	assert_int_equal(app_demo_generate(*state, &o, &out, &err), APP_INVALID);
}

/* R-DEF-4: no generated text uses a refused word. */
static void test_R_DEF_4_demo_text_passes_language_check(void **state)
{
	static const char *const sql[] = {
	        "SELECT circumstances, coalesce(rationale, ''), coalesce(no_sign_rationale, ''), "
	        "coalesce(risk_review, ''), coalesce(other_info, '') FROM referrals",
	        "SELECT evidence FROM referral_signs",
	        "SELECT text FROM record_entries",
	        "SELECT rationale FROM category_decisions",
	        "SELECT coalesce(note, '') FROM outcomes",
	        "SELECT given_names, family_name, coalesce(school, ''), coalesce(ethnicity, '') "
	        "FROM children",
	        "SELECT name FROM child_names",
	        "SELECT address FROM child_addresses",
	        "SELECT items FROM supervisor_reviews",
	        "SELECT steps FROM essential_steps",
	};
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		char *text = rows(*state, sql[i]);
		assert_true(strlen(text) > 0);
		struct proto_err pe;
		if (language_check(text, &pe) != 0)
			fail_msg("%s: %s", sql[i], pe.message);
		free(text);
	}
}

/* The same seed gives the same children (IDs included); another seed differs. */
static void test_demo_is_deterministic(void **state)
{
	const char *sql = "SELECT id, given_names, family_name, date_of_birth FROM children "
	                  "ORDER BY id";
	const char *sql2 = "SELECT reference, opened_at FROM records ORDER BY reference";
	struct db *a = demo_db(SEED), *b = demo_db(SEED + 1);
	char *s0 = rows(*state, sql), *sa = rows(a, sql), *sb = rows(b, sql);
	assert_string_equal(s0, sa);
	assert_string_not_equal(s0, sb);
	free(s0);
	free(sa);
	free(sb);
	s0 = rows(*state, sql2);
	sa = rows(a, sql2);
	assert_string_equal(s0, sa);
	free(s0);
	free(sa);
	db_close(a);
	db_close(b);
}

/* R-MISS-1..10: the demo's missing episodes go through every step. */
static void test_R_MISS_demo_has_missing_episodes(void **state)
{
	struct db *db = *state;
	assert_true(count(db, "SELECT count(*) FROM episodes") >= 5);
	assert_int_equal(count(db, "SELECT count(*) FROM episodes WHERE is_demo = 0"), 0);
	/* skewed to looked-after children */
	assert_true(count(db, "SELECT count(*) FROM episodes WHERE looked_after = 1") > 0);
	/* repeat missing: a child with three or more episodes */
	assert_true(count(db, "SELECT count(*) FROM (SELECT child_id FROM episodes GROUP BY "
	                      "child_id HAVING count(*) >= 3) x") > 0);
	/* returns, checks, interviews in every state, forensic decisions */
	assert_true(count(db, "SELECT count(*) FROM episodes WHERE returned_at IS NOT NULL") > 0);
	assert_true(count(db, "SELECT count(*) FROM safe_and_well_checks") > 0);
	assert_true(count(db, "SELECT count(*) FROM forensic_decisions") > 0);
	assert_true(count(db, "SELECT count(*) FROM return_interviews WHERE status = 'offered'") >
	            0);
	assert_true(count(db, "SELECT count(*) FROM return_interviews WHERE status = "
	                      "'completed'") > 0);
	/* an episode open and absent at the reference time, before its escalation */
	assert_int_equal(count(db, "SELECT count(*) FROM episodes WHERE status = 'open' AND "
	                           "classification = 'absent'"),
	                 1);
}

/* R-DL-1, R-DL-9: an overdue return interview shows in a police supervisor's queue. */
static void test_R_DL_9_demo_overdue_interview_in_supervisor_queue(void **state)
{
	struct db *db = *state;
	static const char *const sups[] = {"supervisor.northbrook", "supervisor.riverside"};
	int64_t ref = ref_time(REF_TIME);
	json_int_t overdue = 0;
	for (size_t i = 0; i < ARRAY_LEN(sups); i++) {
		struct actor a;
		struct app_err err = {0};
		assert_int_equal(actor_load(db, sups[i], &a, &err), APP_OK);
		a.now = ref;
		json_t *out = NULL;
		assert_int_equal(app_work_queue(db, &a, NULL, NULL, &out, &err), APP_OK);
		size_t k;
		json_t *sec;
		json_array_foreach(json_object_get(out, "sections"), k, sec)
		{
			/* my work lists every overdue item in one section, first */
			if (strcmp(json_string_value(json_object_get(sec, "key")), "overdue") != 0)
				continue;
			size_t j;
			json_t *it;
			json_array_foreach(json_object_get(sec, "items"), j, it) overdue +=
			        strcmp(json_string_value(json_object_get(it, "kind")),
			               "return_interview") == 0;
		}
		json_decref(out);
	}
	assert_true(overdue > 0);
}

/* R-DEF-1: a demo made on any day has children of the right ages on that day (every
 * child under 18 and at least 10), and live work: a child missing at that day and a
 * return interview still due after it. Checked on days years apart. */
static void test_R_DEF_1_demo_ages_follow_its_day(void **state)
{
	static const char *const days[] = {"2024-02-29T00:00:00Z", "2031-06-15T00:00:00Z"};
	for (size_t i = 0; i < ARRAY_LEN(days); i++) {
		int64_t ref = ref_time(days[i]);
		struct db *db = demo_db_on(SEED, ref);
		struct lt_date on = ltime_date_of(ref);
		char *dobs = rows(db, "SELECT date_of_birth FROM children WHERE date_of_birth IS "
		                      "NOT NULL ORDER BY 1");
		int n = 0;
		char *save = NULL;
		for (char *t = strtok_r(dobs, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
			struct lt_date dob;
			assert_int_equal(ltime_parse_date(t, &dob), 0);
			int age = ltime_age_on(dob, on);
			assert_true(age >= 10 && age < 18);
			n++;
		}
		free(dobs);
		assert_true(n > 20);
		char at[LT_TIME_LEN];
		ltime_format(ref, at);
		struct buf q = BUF_INIT(512);
		buf_printf(&q,
		           "SELECT count(*) FROM episodes WHERE reported_at < '%s' AND "
		           "(returned_at IS NULL OR returned_at > '%s')",
		           at, at);
		assert_true(count(db, buf_cstr(&q)) > 0);
		buf_release(&q);
		db_close(db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_PATH_1_demo_has_every_route),
	        cmocka_unit_test(test_R_CAT_4_demo_has_every_category),
	        cmocka_unit_test(test_R_PATH_7_demo_leaves_work_to_do),
	        cmocka_unit_test(test_R_PATH_6_demo_review_not_by_reporting_officer),
	        cmocka_unit_test(test_demo_audit_chain_and_marker),
	        cmocka_unit_test(test_R_DEF_4_demo_text_passes_language_check),
	        cmocka_unit_test(test_demo_is_deterministic),
	        cmocka_unit_test(test_R_MISS_demo_has_missing_episodes),
	        cmocka_unit_test(test_R_DL_9_demo_overdue_interview_in_supervisor_queue),
	        cmocka_unit_test(test_demo_refuses_database_with_children),
	        cmocka_unit_test(test_R_DEF_1_demo_ages_follow_its_day),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

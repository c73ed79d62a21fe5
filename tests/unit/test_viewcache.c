/*
 * test_viewcache.c: record views kept between changes (src/app/viewcache.c) and the
 * counters that tell when a view changed (migration 008). The cache on its own (keys,
 * eviction, budget); that every table of the schema either moves a counter on insert,
 * update and delete or is listed as never shown in a view; and, against a database in a
 * file, that after every kind of change the view served is exactly the view built
 * afresh, whoever made the change (a use case or plain SQL).
 */
#include "app_fixture.h"

#include "app/categories.h"
#include "app/record_changes.h"
#include "app/viewcache.h"

/* ---- the cache on its own ---- */

static struct view_key key(const char *id, int64_t version)
{
	return (struct view_key){
	        .scope = "/tmp/x.db", .id = id, .version = version, .epoch = 1, .day = 20260310};
}

static void test_viewcache_hit_needs_every_part_of_the_key(void **state)
{
	(void)state;
	viewcache_clear();
	viewcache_set_budget((size_t)64 << 20);
	struct view_text *t = view_text_new("{\"a\":1}", 7);
	struct view_key k = key("rec_a", 3);
	viewcache_put(&k, t);
	struct view_text *got = viewcache_get(&k);
	assert_ptr_equal(got, t);
	view_text_release(got);

	struct view_key other = k;
	other.day = 20260311; /* the age may have moved */
	assert_null(viewcache_get(&other));
	/* a miss of the same record drops the stale entry */
	assert_null(viewcache_get(&k));
	viewcache_put(&k, t);
	other = k;
	other.epoch = 2;
	assert_null(viewcache_get(&other));
	viewcache_put(&k, t);
	other = k;
	other.version = 4;
	assert_null(viewcache_get(&other));
	viewcache_put(&k, t);
	other = k;
	other.scope = "/tmp/y.db"; /* another database */
	assert_null(viewcache_get(&other));
	got = viewcache_get(&k);
	assert_ptr_equal(got, t);
	view_text_release(got);
	view_text_release(t);
	viewcache_clear();
}

static void test_viewcache_in_memory_database_never_cached(void **state)
{
	(void)state;
	viewcache_clear();
	struct view_text *t = view_text_new("{}", 2);
	struct view_key k = key("rec_m", 1);
	k.scope = "";
	viewcache_put(&k, t);
	assert_null(viewcache_get(&k));
	k.scope = NULL;
	viewcache_put(&k, t);
	assert_null(viewcache_get(&k));
	struct viewcache_stats s;
	viewcache_stats(&s);
	assert_int_equal(s.entries, 0);
	view_text_release(t);
}

static void test_viewcache_budget_evicts_oldest_first(void **state)
{
	(void)state;
	viewcache_clear();
	viewcache_set_budget(250);
	char big[100];
	memset(big, 'x', sizeof big);
	const char *ids[] = {"rec_1", "rec_2", "rec_3"};
	for (int i = 0; i < 3; i++) {
		struct view_text *t = view_text_new(big, sizeof big);
		struct view_key k = key(ids[i], 1);
		viewcache_put(&k, t);
		view_text_release(t); /* the cache keeps its own reference */
	}
	struct view_key k1 = key("rec_1", 1), k3 = key("rec_3", 1);
	assert_null(viewcache_get(&k1)); /* 300 bytes > 250: the oldest left */
	struct view_text *t3 = viewcache_get(&k3);
	assert_non_null(t3);
	struct viewcache_stats s;
	viewcache_stats(&s);
	assert_int_equal(s.entries, 2);
	assert_int_equal(s.bytes, 200);
	/* a text larger than the whole budget is not kept */
	struct view_text *huge = view_text_new(big, sizeof big);
	viewcache_set_budget(50);
	struct view_key k4 = key("rec_4", 1);
	viewcache_put(&k4, huge);
	assert_null(viewcache_get(&k4));
	viewcache_stats(&s);
	assert_int_equal(s.entries, 0);
	/* texts handed out survive eviction */
	assert_memory_equal(t3->text, big, sizeof big);
	view_text_release(t3);
	view_text_release(huge);
	viewcache_set_budget(0);
	struct view_key k5 = key("rec_5", 1);
	huge = view_text_new("{}", 2);
	viewcache_put(&k5, huge);
	assert_null(viewcache_get(&k5));
	view_text_release(huge);
	viewcache_set_budget((size_t)64 << 20);
}

/* ---- every table moves a counter, or is listed as never shown ---- */

/* Tables no record view shows, written on every request: no triggers (008). Persons of
 * concern, places, vehicles and phones are not in a record view either (their pages read
 * them afresh, 011); a record view that comes to show them needs their triggers. */
static const char *const NEVER_SHOWN[] = {
        "audit_events",
        "sessions",
        "api_tokens",
        "session_grants",
        "restricted_access",
        "schema_migrations",
        "view_epoch",
        "together_epoch",
        "viewlog_state",
        "people",
        "person_items",
        "people_keys",
        "places",
        "place_hotspots",
        "vehicles",
        "phones",
        "disruptions",
        "disruption_breaches",
        "disruption_changes",
        "disruption_history",
        "tactic_marks",
        "plan_actions",
        "cj_cases",
        "nrm_referrals",
        "kept_forms",
        "import_batches",
        "import_held",
        "match_models",
        "mase_schedules",
        "mase_meetings",
        "mase_attendees",
        "mase_cases",
        "outcome_reviews",
        "mash_evaluations",
        "form_tokens",
        "child_merges",
        "child_keys",
        NULL,
};

static bool never_shown(const char *t)
{
	for (const char *const *p = NEVER_SHOWN; *p; p++)
		if (strcmp(*p, t) == 0)
			return true;
	return strncmp(t, "sqlite_", 7) == 0;
}

static void test_viewcache_every_table_moves_a_counter(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st;
	assert_int_equal(
	        db_prepare(f->db,
	                   "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
	                   &st),
	        DB_OK);
	int tables = 0;
	while (db_step(st) == DB_ROW) {
		const char *t = db_column_text(st, 0);
		if (never_shown(t))
			continue;
		tables++;
		static const char *const events[] = {"insert", "update", "delete"};
		for (int i = 0; i < 3; i++) {
			if (strcmp(t, "records") == 0 && i == 0)
				continue; /* a new record has no view yet */
			char name[128];
			int64_t n = 0;
			snprintf(name, sizeof name, "%s_view_%s", t, events[i]);
			assert_int_equal(
			        db_query_int64(f->db, &n,
			                       "SELECT count(*) FROM sqlite_master WHERE "
			                       "type = 'trigger' AND name = $1 AND tbl_name = $2",
			                       "ss", name, t),
			        DB_OK);
			if (n != 1)
				fail_msg(
				        "table %s has no trigger %s: a change to it would not move "
				        "the view counters (add it to 008's successor, or to "
				        "NEVER_SHOWN if no view shows it)",
				        t, name);
		}
	}
	db_finalize(st);
	assert_true(tables > 20);
}

/* ---- served views equal fresh ones after every kind of change ---- */

/* The view as served (cache at work) and as built afresh (cache emptied) must match. */
static void assert_view_fresh(struct fx *f, const char *username, const char *ref,
                              char **served_out)
{
	struct actor a = fx_actor(f, username);
	struct app_err err = {0};
	struct view_text *served = NULL, *fresh = NULL;
	assert_int_equal(app_record_view(f->db, &a, ref, &served, &err), APP_OK);
	viewcache_clear();
	assert_int_equal(app_record_view(f->db, &a, ref, &fresh, &err), APP_OK);
	if (served->len != fresh->len || memcmp(served->text, fresh->text, fresh->len) != 0)
		fail_msg("stale view served:\n%s\nfresh:\n%s", served->text, fresh->text);
	if (served_out)
		*served_out = strdup(served->text);
	view_text_release(served);
	view_text_release(fresh);
}

/* Views the record twice: the second time from the cache, the same text. */
static char *view_twice(struct fx *f, const char *ref)
{
	struct actor a = fx_actor(f, "at.lewis");
	struct app_err err = {0};
	struct view_text *t1 = NULL, *t2 = NULL;
	struct viewcache_stats s0, s1;
	assert_int_equal(app_record_view(f->db, &a, ref, &t1, &err), APP_OK);
	viewcache_stats(&s0);
	assert_int_equal(app_record_view(f->db, &a, ref, &t2, &err), APP_OK);
	viewcache_stats(&s1);
	assert_int_equal(s1.hits, s0.hits + 1);
	assert_ptr_equal(t1, t2);
	char *s = strdup(t1->text);
	view_text_release(t1);
	view_text_release(t2);
	return s;
}

/* Runs a record use case that must succeed. */
typedef int (*record_uc)(struct db *, const struct actor *, const char *, json_t *, json_t **,
                         struct app_err *);
static void must(struct fx *f, const char *username, record_uc uc, const char *ref, json_t *in)
{
	struct actor a = fx_actor(f, username);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = uc(f->db, &a, ref, in, &out, &err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		fail_msg("use case refused (%d, %s): %s", rc, err.rule ? err.rule : "-",
		         err.message);
}

/* Each change moves the view: the served text differs from before and equals a fresh
 * build. */
static void changed(struct fx *f, const char *ref, char **before)
{
	char *now = NULL;
	assert_view_fresh(f, "at.lewis", ref, &now);
	if (strcmp(now, *before) == 0)
		fail_msg("the change did not show in the view");
	free(*before);
	*before = view_twice(f, ref);
	free(now);
}

static void test_viewcache_use_case_changes_show_at_once(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "teacher.jones", "Ottilie", "Brackenwood", "2011-04-20", ref, child);
	char *v = view_twice(f, ref);

	must(f, "at.lewis", app_record_add_entry, ref,
	     json_pack("{s:s, s:s, s:[s], s:s}", "occurred_at", "2026-03-09T10:00:00Z", "nature",
	               "fact", "people_involved", "the child", "text",
	               "Seen with an older associate outside the station."));
	changed(f, ref, &v);
	must(f, "at.lewis", app_category_decide, ref,
	     json_pack("{s:i, s:s, s:s}", "category", 2, "contact", "contact", "rationale",
	               "Older associate collects the child from school; gifts seen."));
	changed(f, ref, &v);
	must(f, "at.lewis", app_external_ref_add, ref,
	     json_pack("{s:s, s:s}", "kind", "csc_case", "value", "CSC-55102"));
	changed(f, ref, &v);
	must(f, "at.lewis", app_record_classify, ref,
	     json_pack("{s:[s], s:[], s:b}", "exploitation_types", "sexual", "models", "online",
	               true));
	changed(f, ref, &v);
	json_t *items = json_array();
	for (int i = 0; i < 6; i++)
		json_array_append_new(items, json_pack("{s:b, s:s}", "ticked", true, "note",
		                                       "Reviewed and agreed."));
	must(f, "ps.dunn", app_supervisor_review, ref, json_pack("{s:o}", "items", items));
	changed(f, ref, &v);
	must(f, "at.lewis", app_outcome_add, ref,
	     json_pack("{s:s, s:s}", "code", "MI", "achieved_on", "2026-03-09"));
	changed(f, ref, &v);

	/* a second referral about the same child moves the child's record */
	struct actor nurse = fx_actor(f, "nurse.hill");
	json_decref(fx_submit(f, &nurse, fx_referral(NULL, child)));
	changed(f, ref, &v);
	free(v);
}

static void test_viewcache_plain_sql_changes_show_at_once(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "teacher.jones", "Marisol", "Quenby", "2010-11-02", ref, child);
	char *v = view_twice(f, ref);
	/* the child (another table than the record's) */
	assert_int_equal(db_run(f->db,
	                        "UPDATE children SET school = 'Larchmere High' WHERE id = $1", "s",
	                        child),
	                 DB_OK);
	changed(f, ref, &v);
	/* a shared table: the borough's name shows in the view */
	assert_int_equal(db_run(f->db, "UPDATE boroughs SET name = 'Camden Town' WHERE id = $1",
	                        "s", f->camden),
	                 DB_OK);
	changed(f, ref, &v);
	assert_int_equal(
	        db_run(f->db, "UPDATE boroughs SET name = 'Camden' WHERE id = $1", "s", f->camden),
	        DB_OK);
	changed(f, ref, &v);
	/* a referral's sign (a table of a referral, not of the record) */
	assert_int_equal(db_run(f->db,
	                        "UPDATE referral_signs SET evidence = 'Three new phones.' WHERE "
	                        "referral_id IN (SELECT id FROM referrals WHERE child_id = $1)",
	                        "s", child),
	                 DB_OK);
	assert_view_fresh(f, "at.lewis", ref, NULL);
	free(v);
}

/* Authorisation and the audit are per view, never cached. */
static void test_viewcache_cached_view_still_authorised_and_audited(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Perpetua", "Hollins", "2012-01-15", ref, NULL);
	char *v = view_twice(f, ref); /* now cached */
	free(v);
	int64_t events = fx_count(f, "audit_events");
	struct actor a = fx_actor(f, "nurse.irwin"); /* another health trust: not involved */
	struct app_err err = {0};
	struct view_text *t = NULL;
	assert_int_equal(app_record_view(f->db, &a, ref, &t, &err), APP_NOT_FOUND);
	assert_null(t);
	/* the refusal is audited (R-INFO-2), not a view */
	assert_int_equal(fx_count(f, "audit_events"), events + 1);
	assert_int_equal(fx_audit_count(f, "refused", NULL) > 0, 1);
	struct actor ok = fx_actor(f, "at.lewis");
	assert_int_equal(app_record_view(f->db, &ok, ref, &t, &err), APP_OK);
	view_text_release(t);
	assert_int_equal(fx_count(f, "audit_events"), events + 2);
	int64_t n = 0;
	assert_int_equal(
	        db_query_int64(f->db, &n,
	                       "SELECT count(*) FROM audit_events WHERE action = 'view' AND "
	                       "record_ref = $1 AND user_id = $2",
	                       "ss", ref, ok.user_id),
	        DB_OK);
	assert_true(n >= 3);
}

int main(void)
{
	const struct CMUnitTest unit[] = {
	        cmocka_unit_test(test_viewcache_hit_needs_every_part_of_the_key),
	        cmocka_unit_test(test_viewcache_in_memory_database_never_cached),
	        cmocka_unit_test(test_viewcache_budget_evicts_oldest_first),
	};
	const struct CMUnitTest db[] = {
	        cmocka_unit_test(test_viewcache_every_table_moves_a_counter),
	        cmocka_unit_test(test_viewcache_use_case_changes_show_at_once),
	        cmocka_unit_test(test_viewcache_plain_sql_changes_show_at_once),
	        cmocka_unit_test(test_viewcache_cached_view_still_authorised_and_audited),
	};
	int failed = cmocka_run_group_tests(unit, NULL, NULL);
	return failed + cmocka_run_group_tests(db, fx_setup, fx_teardown);
}

/*
 * test_app_record_print.c: printing a record (src/app/record_print.h), the restriction
 * of a record and one break-glass opening as their reviewers see them
 * (src/app/restricted.h), and the auditor's filters (src/app/audit_view.h): what is
 * chosen, that each is audited (a print as a disclosure), who is refused, and that bad
 * input names its field. Every child is synthetic; every time is FX_NOW or near it.
 */
#include "app_fixture.h"

#include "app/audit_view.h"
#include "app/record_changes.h"
#include "app/record_print.h"
#include "app/restricted.h"

static int print(struct fx *f, const char *user, const char *ref, json_t *in, json_t **out,
                 struct app_err *err)
{
	struct actor a = strcmp(user, "system") == 0 ? f->sys : fx_actor(f, user);
	*out = NULL;
	int rc = app_record_print(f->db, &a, ref, in, out, err);
	json_decref(in);
	assert_false(db_in_tx(f->db));
	return rc;
}

/* Adds a chronology entry to ref as `user`: occurred at `at`, fact or opinion. */
static void entry(struct fx *f, const char *user, const char *ref, const char *at,
                  const char *nature, const char *text)
{
	struct actor a = fx_actor(f, user);
	struct app_err err;
	json_t *in = json_pack("{s:s, s:s, s:[s], s:s}", "occurred_at", at, "nature", nature,
	                       "people_involved", "the child", "text", text);
	json_t *out = NULL;
	int rc = app_record_add_entry(f->db, &a, ref, in, &out, &err);
	if (rc != APP_OK)
		fail_msg("entry: %s", err.message);
	json_decref(in);
	json_decref(out);
}

static size_t count_nature(json_t *chron, const char *nature)
{
	size_t n = 0, i;
	json_t *e;
	json_array_foreach(chron, i, e) n +=
	        strcmp(json_string_value(json_object_get(e, "nature")), nature) == 0;
	return n;
}

static void test_print_chooses_entries_and_is_audited(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "nurse.hill", "Orla", "Demo-Kingsley", "2011-03-03", ref, NULL);
	entry(f, "mash.fry", ref, "2026-02-01T10:00:00Z", "fact", "Attended the clinic.");
	entry(f, "mash.fry", ref, "2026-02-20T10:00:00Z", "opinion", "Seemed withdrawn.");
	entry(f, "sw.green", ref, "2026-03-01T23:30:00Z", "fact", "Home visit.");
	struct app_err err;
	json_t *out;
	int64_t prints = fx_audit_count(f, "print", NULL);
	assert_int_equal(print(f, "mash.fry", ref, NULL, &out, &err), APP_OK);
	json_t *chron = json_object_get(out, "chronology");
	size_t all = json_array_size(chron);
	assert_true(all >= 4); /* the referral's entry and the three above */
	assert_int_equal(json_integer_value(json_object_get(out, "total")), (json_int_t)all);
	/* oldest first */
	const char *a = json_string_value(json_object_get(json_array_get(chron, 0), "occurred_at"));
	const char *b =
	        json_string_value(json_object_get(json_array_get(chron, all - 1), "occurred_at"));
	assert_true(strcmp(a, b) <= 0);
	assert_string_equal(json_string_value(json_object_get(out, "printed_by")), "mash.fry");
	assert_string_equal(json_string_value(json_object_get(out, "printed_by_agency")),
	                    "Camden Children's Services");
	assert_string_equal(json_string_value(json_object_get(out, "printed_at")),
	                    "2026-03-10T12:00:00Z");
	assert_non_null(json_object_get(json_object_get(out, "child"), "date_of_birth"));
	assert_true(json_array_size(json_object_get(out, "agencies")) >= 1);
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "print", NULL), prints + 1);

	/* facts only */
	assert_int_equal(
	        print(f, "mash.fry", ref, json_pack("{s:s}", "nature", "fact"), &out, &err),
	        APP_OK);
	chron = json_object_get(out, "chronology");
	assert_int_equal(count_nature(chron, "opinion"), 0);
	assert_true(count_nature(chron, "fact") >= 2);
	json_decref(out);
	/* one agency, and dates in UK days: 23:30Z on 1 March is still 1 March in winter */
	assert_int_equal(print(f, "mash.fry", ref,
	                       json_pack("{s:s, s:s, s:s}", "agency", "Camden Children's Services",
	                                 "from", "2026-02-15", "to", "2026-03-01"),
	                       &out, &err),
	                 APP_OK);
	chron = json_object_get(out, "chronology");
	assert_int_equal(json_array_size(chron), 2);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(out, "filter"), "from")),
	        "2026-02-15");
	json_decref(out);
	char fields[480];
	assert_int_equal(db_query_text(f->db, fields, sizeof fields,
	                               "SELECT fields FROM audit_events WHERE action = 'print'"
	                               " AND record_ref = $1 ORDER BY seq DESC LIMIT 1",
	                               "s", ref),
	                 DB_OK);
	assert_string_equal(fields, "summary,chronology,agency=Camden Children's Services,"
	                            "from=2026-02-15,to=2026-03-01");
	/* bad choices name their fields; nothing printed, nothing audited */
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(print(f, "mash.fry", ref,
	                       json_pack("{s:s, s:s, s:s}", "nature", "rumour", "from",
	                                 "2026-03-05", "to", "2026-03-01"),
	                       &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "nature"));
	assert_true(fx_field(&err, "to"));
	assert_int_equal(
	        print(f, "mash.fry", ref, json_pack("{s:s}", "from", "yesterday"), &out, &err),
	        APP_INVALID);
	assert_int_equal(print(f, "mash.fry", ref, json_pack("{s:s}", "colour", "red"), &out, &err),
	                 APP_INVALID);
	fx_assert_counts_unchanged(f, before);
	/* who may not see the record may not print it (answered as absent, and audited) */
	int64_t refused = fx_audit_count(f, "refused", NULL);
	assert_int_equal(print(f, "nurse.irwin", ref, NULL, &out, &err), APP_NOT_FOUND);
	assert_int_equal(print(f, "aud.king", ref, NULL, &out, &err), APP_NOT_FOUND);
	assert_int_equal(fx_audit_count(f, "refused", NULL), refused + 2);
	assert_int_equal(print(f, "mash.fry", "LAN-2026-999999", NULL, &out, &err), APP_NOT_FOUND);
	fx_assert_audit_intact(f);
}

static void test_R_INFO_3_restricted_prints_only_with_a_reason(void **state)
{
	struct fx *f = *state;
	char ref[32];
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *in = fx_referral(fx_child("Perpetua", "Demo-Lowe", "2010-08-08"), NULL);
	fx_police_template(in, 0, NULL);
	json_t *out = fx_submit(f, &pc, in);
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	json_decref(out);
	struct actor dunn = fx_actor(f, "ps.dunn");
	struct app_err err;
	/* the restriction as its deciders see it: no reason needed, nothing else shown */
	json_t *v = NULL;
	assert_int_equal(app_record_restriction(f->db, &dunn, ref, NULL, &v, &err), APP_OK);
	assert_false(json_is_true(json_object_get(v, "restricted")));
	assert_null(json_object_get(v, "child"));
	json_decref(v);
	in = json_pack("{s:b, s:s}", "restricted", 1, "reason", "Linked to a covert operation");
	assert_int_equal(app_record_restrict(f->db, &dunn, ref, in, &v, &err), APP_OK);
	json_decref(in);
	json_decref(v);
	assert_int_equal(app_record_restriction(f->db, &dunn, ref, NULL, &v, &err), APP_OK);
	assert_true(json_is_true(json_object_get(v, "restricted")));
	assert_string_equal(json_string_value(json_object_get(v, "reason")),
	                    "Linked to a covert operation");
	json_decref(v);
	assert_int_equal(app_record_restriction(f->db, &pc, ref, NULL, &v, &err), APP_FORBIDDEN);
	assert_true(app_may_restrict(&dunn));
	assert_false(app_may_restrict(&pc));

	assert_int_equal(print(f, "pc.brook", ref, NULL, &out, &err), APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-INFO-3");
	struct actor brook = fx_actor(f, "pc.brook");
	snprintf(brook.purpose, sizeof brook.purpose, "Court file for tomorrow's hearing");
	assert_int_equal(app_record_print(f->db, &brook, ref, NULL, &out, &err), APP_OK);
	json_decref(out);
	/* the opening waits for review: its reviewer sees it; the opener may not review */
	char id[ID_MAX] = "";
	assert_int_equal(db_query_text(f->db, id, sizeof id,
	                               "SELECT a.id FROM restricted_access a JOIN records r"
	                               " ON r.id = a.record_id WHERE r.reference = $1",
	                               "s", ref),
	                 DB_OK);
	assert_int_equal(app_restricted_access_get(f->db, &dunn, id, NULL, &v, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(v, "purpose")),
	                    "Court file for tomorrow's hearing");
	assert_string_equal(json_string_value(json_object_get(v, "record_ref")), ref);
	assert_true(json_is_true(json_object_get(v, "may_review")));
	json_decref(v);
	assert_int_equal(app_restricted_access_get(f->db, &brook, id, NULL, &v, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(
	        app_restricted_access_get(f->db, &dunn, "rax_00000000000000000000", NULL, &v, &err),
	        APP_NOT_FOUND);
	assert_int_equal(app_restricted_access_get(f->db, &dunn, "bogus", NULL, &v, &err),
	                 APP_NOT_FOUND);
	/* reviewed: no longer for review */
	in = json_pack("{s:s}", "note", "Checked with the officer: proper");
	assert_int_equal(app_restricted_access_review(f->db, &dunn, id, in, &v, &err), APP_OK);
	json_decref(in);
	json_decref(v);
	assert_int_equal(app_restricted_access_get(f->db, &dunn, id, NULL, &v, &err), APP_OK);
	assert_false(json_is_true(json_object_get(v, "may_review")));
	assert_string_equal(json_string_value(json_object_get(v, "reviewed_by_name")), "ps.dunn");
	json_decref(v);
}

static json_t *audit(struct fx *f, json_t *in, int *rc, struct app_err *err)
{
	struct actor a = fx_actor(f, "aud.king");
	json_t *out = NULL;
	*rc = app_audit_list(f->db, &a, NULL, in, &out, err);
	json_decref(in);
	return out;
}

static void test_the_audit_log_filters_by_username_and_dates(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	int rc;
	json_t *out = audit(f, json_pack("{s:s, s:i}", "username", "admin.moss", "limit", 200), &rc,
	                    &err);
	assert_int_equal(rc, APP_OK);
	struct actor moss = fx_actor(f, "admin.moss");
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(out, "events"), i, e)
	        assert_string_equal(json_string_value(json_object_get(e, "user_id")), moss.user_id);
	json_decref(out);
	/* every event of the fixture is on 10 March 2026 */
	out = audit(f, json_pack("{s:s, s:s}", "from", "2026-03-10", "to", "2026-03-10"), &rc,
	            &err);
	assert_int_equal(rc, APP_OK);
	assert_true(json_array_size(json_object_get(out, "events")) > 0);
	json_array_foreach(json_object_get(out, "events"), i, e)
	        assert_non_null(json_object_get(e, "fields"));
	json_decref(out);
	out = audit(f, json_pack("{s:s}", "from", "2026-03-11"), &rc, &err);
	assert_int_equal(rc, APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "events")), 0);
	json_decref(out);
	out = audit(f, json_pack("{s:s}", "to", "2026-03-09"), &rc, &err);
	assert_int_equal(json_array_size(json_object_get(out, "events")), 0);
	json_decref(out);
	/* a username and another user's id match nothing */
	out = audit(f, json_pack("{s:s, s:s}", "username", "admin.moss", "user_id", "usr_nobody"),
	            &rc, &err);
	assert_int_equal(rc, APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "events")), 0);
	json_decref(out);
	/* no such user; dates back to front; not a date */
	out = audit(f, json_pack("{s:s}", "username", "nobody.at.all"), &rc, &err);
	assert_int_equal(rc, APP_INVALID);
	assert_true(fx_field(&err, "username"));
	out = audit(f, json_pack("{s:s, s:s}", "from", "2026-03-10", "to", "2026-03-01"), &rc,
	            &err);
	assert_int_equal(rc, APP_INVALID);
	assert_true(fx_field(&err, "to"));
	out = audit(f, json_pack("{s:s}", "from", "10/03/2026"), &rc, &err);
	assert_int_equal(rc, APP_INVALID);
	assert_false(db_in_tx(f->db));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_print_chooses_entries_and_is_audited),
	        cmocka_unit_test(test_R_INFO_3_restricted_prints_only_with_a_reason),
	        cmocka_unit_test(test_the_audit_log_filters_by_username_and_dates),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

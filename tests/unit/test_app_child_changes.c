/*
 * test_app_child_changes.c: changing a child's details with their history
 * (src/app/child_changes.h) against a real database: each detail, the history with the
 * values replaced, who may change and read, the placing authority (R-MISS-7), the
 * matcher's keys made again (R-REC-1), bad input, and that a refusal writes nothing.
 * Every child here is synthetic.
 */
#include "app_fixture.h"

#include "app/child_changes.h"
#include "app/matching.h"

/* Runs app_child_change as `user` on child `id` with in (consumed); err filled. */
static int change(struct fx *f, const char *user, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	struct actor a = fx_actor(f, user);
	json_t *o = NULL;
	int rc = app_child_change(f->db, &a, id, in, &o, err);
	json_decref(in);
	if (out)
		*out = o;
	else
		json_decref(o);
	assert_false(db_in_tx(f->db));
	return rc;
}

static json_t *history(struct fx *f, const char *user, const char *id, int *rc)
{
	struct actor a = fx_actor(f, user);
	struct app_err err;
	json_t *out = NULL;
	*rc = app_child_history(f->db, &a, id, NULL, &out, &err);
	return out;
}

static int64_t count_where(struct fx *f, const char *sql, const char *id)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n, sql, "s", id), DB_OK);
	return n;
}

static void text_of(struct fx *f, const char *sql, const char *id, char *out, size_t n)
{
	out[0] = '\0';
	int rc = db_query_text(f->db, out, n, sql, "s", id);
	assert_true(rc == DB_OK || rc == DB_DONE);
}

/* The history row of `field` in the newest edit. */
static json_t *change_of(json_t *h, const char *field)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(h, "changes"), i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "field")), field) == 0)
			return c;
	}
	return NULL;
}

static void test_each_detail_changes_with_its_history(void **state)
{
	struct fx *f = *state;
	char ref[32], id[ID_MAX];
	fx_new_record(f, "nurse.hill", "Imogen", "Demo-Thackeray", "2011-05-02", ref, id);
	struct app_err err;
	json_t *out = NULL;
	int64_t events = fx_audit_count(f, "change", id);
	assert_int_equal(
	        change(f, "mash.fry", id,
	               json_pack("{s:{s:s, s:s}, s:s, s:[s, s], s:s, s:[s, {s:s, s:s}], s:s}",
	                         "address", "address", "14 Demo Lane", "postcode", "n1 1aa",
	                         "school", "Demo Park Academy", "carers", "Ann Demo (mother)",
	                         "Bob Demo (uncle)", "social_worker", "sw.green", "other_names",
	                         "Immy", "name", "Gin", "kind", "nickname", "reason",
	                         "Moved to live with her mother"),
	               &out, &err),
	        APP_OK);
	json_t *changed = json_object_get(out, "changed");
	assert_int_equal(json_array_size(changed), 5);
	assert_true(fx_has_string(changed, "address"));
	assert_true(fx_has_string(changed, "other_names"));
	assert_false(fx_has_string(changed, "looked_after"));
	char edit[ID_MAX];
	snprintf(edit, sizeof edit, "%s", json_string_value(json_object_get(out, "edit_id")));
	json_decref(out);
	assert_true(id_valid(edit, "cdc"));

	/* stored: the child, its address from today, its names; the record view shows it */
	char s[400];
	text_of(f, "SELECT school FROM children WHERE id = $1", id, s, sizeof s);
	assert_string_equal(s, "Demo Park Academy");
	text_of(f, "SELECT carers FROM children WHERE id = $1", id, s, sizeof s);
	assert_string_equal(s, "[\"Ann Demo (mother)\",\"Bob Demo (uncle)\"]");
	text_of(f,
	        "SELECT address || '|' || postcode || '|' || from_date FROM child_addresses"
	        " WHERE child_id = $1 AND to_date IS NULL",
	        id, s, sizeof s);
	assert_string_equal(s, "14 Demo Lane|N1 1AA|2026-03-10");
	text_of(f,
	        "SELECT group_concat(name || ':' || kind, ',') FROM child_names WHERE child_id = "
	        "$1",
	        id, s, sizeof s);
	assert_string_equal(s, "Immy:alias,Gin:nickname");
	json_t *rec = fx_record(f, ref);
	json_t *child = json_object_get(rec, "child");
	assert_string_equal(json_string_value(json_object_get(child, "school")),
	                    "Demo Park Academy");
	assert_string_equal(json_string_value(json_object_get(child, "social_worker")), "sw.green");
	assert_int_equal(json_array_size(json_object_get(child, "carers")), 2);
	json_decref(rec);

	/* one audit event naming the details changed, on the child's record */
	assert_int_equal(fx_audit_count(f, "change", id), events + 1);
	text_of(f,
	        "SELECT fields || '|' || record_ref FROM audit_events WHERE entity_id = $1"
	        " AND action = 'change' ORDER BY seq DESC LIMIT 1",
	        id, s, sizeof s);
	char want[200];
	snprintf(want, sizeof want, "address,school,carers,social_worker,other_names|%s", ref);
	assert_string_equal(s, want);

	/* a second address: the first ends today and stays in the history */
	assert_int_equal(change(f, "sw.green", id,
	                        json_pack("{s:{s:s, s:s}}", "address", "address", "2 Demo Close",
	                                  "postcode", "N7 8QT"),
	                        NULL, &err),
	                 APP_OK);
	assert_int_equal(count_where(f,
	                             "SELECT count(*) FROM child_addresses WHERE child_id = $1"
	                             " AND to_date = '2026-03-10'",
	                             id),
	                 1);
	int rc;
	json_t *h = history(f, "mash.fry", id, &rc);
	assert_int_equal(rc, APP_OK);
	assert_string_equal(json_string_value(json_object_get(h, "family_name")), "Demo-Thackeray");
	assert_string_equal(json_string_value(json_object_get(h, "record_ref")), ref);
	json_t *c = change_of(h, "address"); /* the newest first */
	assert_string_equal(json_string_value(json_object_get(c, "old_value")),
	                    "14 Demo Lane, N1 1AA");
	assert_string_equal(json_string_value(json_object_get(c, "new_value")),
	                    "2 Demo Close, N7 8QT");
	assert_string_equal(json_string_value(json_object_get(c, "changed_by_name")), "sw.green");
	assert_string_equal(json_string_value(json_object_get(c, "agency")),
	                    "Camden Children's Services");
	assert_true(json_is_null(json_object_get(c, "reason")));
	c = change_of(h, "school");
	assert_true(json_is_null(json_object_get(c, "old_value")));
	assert_string_equal(json_string_value(json_object_get(c, "reason")),
	                    "Moved to live with her mother");
	assert_string_equal(json_string_value(json_object_get(c, "edit_id")), edit);
	c = change_of(h, "other_names");
	assert_string_equal(json_string_value(json_object_get(c, "new_value")),
	                    "Immy (alias); Gin (nickname)");
	assert_int_equal(json_array_size(json_object_get(h, "changes")), 6);
	json_decref(h);
	assert_int_equal(fx_audit_count(f, "view", id) > 0, true);

	/* the shown name of a Lantern social worker, given back, keeps the user; a name
	 * given as text replaces them; clearing a detail records None */
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:s, s:s, s:n}", "social_worker", "sw.green", "school",
	                                  "Demo Park Academy", "carers"),
	                        NULL, &err),
	                 APP_OK);
	text_of(f, "SELECT social_worker_id IS NOT NULL FROM children WHERE id = $1", id, s,
	        sizeof s);
	assert_string_equal(s, "1");
	text_of(f, "SELECT coalesce(carers, 'none') FROM children WHERE id = $1", id, s, sizeof s);
	assert_string_equal(s, "none");
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:s}", "social_worker", "Dana Demo (Islington)"), NULL,
	                        &err),
	                 APP_OK);
	text_of(f,
	        "SELECT coalesce(social_worker_id, '') || '|' || social_worker_name FROM children"
	        " WHERE id = $1",
	        id, s, sizeof s);
	assert_string_equal(s, "|Dana Demo (Islington)");
	fx_assert_audit_intact(f);
}

static void test_nothing_changed_is_refused_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	fx_new_record(f, "nurse.hill", "Juno", "Demo-Ashby", "2012-02-02", NULL, id);
	struct app_err err;
	assert_int_equal(
	        change(f, "mash.fry", id, json_pack("{s:s}", "school", "Demo High"), NULL, &err),
	        APP_OK);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	int64_t history = fx_count(f, "child_changes");
	/* the same school, no key at all, looked_after as it is */
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:s, s:b}", "school", "Demo High", "looked_after", 0),
	                        NULL, &err),
	                 APP_INVALID);
	assert_non_null(strstr(err.message, "Nothing was changed"));
	assert_int_equal(change(f, "mash.fry", id, json_object(), NULL, &err), APP_INVALID);
	/* bad input: every error at once, nothing written */
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:{s:s, s:s}, s:[s,s,s,s,s,s,s,s,s,s,s], s:[{s:s, "
	                                  "s:s}], s:i, s:s}",
	                                  "address", "address", "1 Demo Row", "postcode",
	                                  "not a postcode", "carers", "a", "b", "c", "d", "e", "f",
	                                  "g", "h", "i", "j", "k", "other_names", "name", "Jay",
	                                  "kind", "secret", "looked_after", 3, "colour", "blue"),
	                        NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "address.postcode"));
	assert_true(fx_field(&err, "carers"));
	assert_true(fx_field(&err, "other_names"));
	assert_true(fx_field(&err, "looked_after"));
	assert_true(fx_field(&err, "(unknown)"));
	assert_int_equal(change(f, "mash.fry", id, json_pack("[s]", "school"), NULL, &err),
	                 APP_INVALID);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "child_changes"), history);
}

static void test_who_may_change_and_read_the_history(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	fx_new_record(f, "nurse.hill", "Kestrel", "Demo-Bloom", "2010-10-10", NULL, id);
	struct app_err err;
	int64_t refused = fx_audit_count(f, "refused", id);
	/* the filer does not see the record: answered as if there were no such child, and
	 * the refusal audited (R-INFO-3) */
	assert_int_equal(change(f, "nurse.hill", id, json_pack("{s:s}", "school", "X"), NULL, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(fx_audit_count(f, "refused", id), refused + 1);
	/* an auditor or an administrator is no practitioner */
	assert_int_equal(change(f, "aud.king", id, json_pack("{s:s}", "school", "X"), NULL, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(change(f, "admin.moss", id, json_pack("{s:s}", "school", "X"), NULL, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(change(f, "mash.fry", "ch_00000000000000000000",
	                        json_pack("{s:s}", "school", "X"), NULL, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(change(f, "mash.fry", "rec_00000000000000000000",
	                        json_pack("{s:s}", "school", "X"), NULL, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(fx_count(f, "child_changes") >= 0, true);
	int rc;
	json_t *h = history(f, "nurse.hill", id, &rc);
	assert_int_equal(rc, APP_NOT_FOUND);
	assert_null(h);
	h = history(f, "aud.king", id, &rc);
	assert_int_equal(rc, APP_NOT_FOUND);
	h = history(f, "mash.fry", id, &rc);
	assert_int_equal(rc, APP_OK);
	assert_int_equal(json_array_size(json_object_get(h, "changes")), 0);
	json_decref(h);
	struct actor sys = f->sys;
	assert_true(app_child_may_change(&sys));
	struct actor nurse = fx_actor(f, "nurse.hill"), aud = fx_actor(f, "aud.king");
	assert_true(app_child_may_change(&nurse));
	assert_false(app_child_may_change(&aud));
}

static void test_R_MISS_7_placing_authority_is_a_member_of_the_case(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	fx_new_record(f, "nurse.hill", "Linnet", "Demo-Carver", "2011-11-11", NULL, id);
	/* a placing authority that is not yet a member of the case for another reason */
	fx_agency(f, "Islington Children's Services", "childrens_social_care", "Islington");
	struct app_err err;
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:b, s:s}", "looked_after", 1, "home_authority",
	                                  "Nowhere Demo Council"),
	                        NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "home_authority"));
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:b, s:s, s:s}", "looked_after", 1, "home_authority",
	                                  "Islington Children's Services", "host_authority",
	                                  "Hackney (demo)"),
	                        NULL, &err),
	                 APP_OK);
	const char *member = "SELECT count(*) FROM child_agencies ca JOIN agencies a ON"
	                     " a.id = ca.agency_id WHERE ca.child_id = $1 AND ca.kind ="
	                     " 'home_authority' AND ca.ended_at IS NULL";
	assert_int_equal(count_where(f, member, id), 1);
	char s[200];
	text_of(f, "SELECT home_authority_id IS NOT NULL FROM children WHERE id = $1", id, s,
	        sizeof s);
	assert_string_equal(s, "1");
	/* no longer looked after: no authorities, and the placing authority leaves */
	assert_int_equal(
	        change(f, "mash.fry", id, json_pack("{s:b}", "looked_after", 0), NULL, &err),
	        APP_OK);
	assert_int_equal(count_where(f, member, id), 0);
	text_of(f,
	        "SELECT coalesce(home_authority, 'none') || coalesce(host_authority, 'none') FROM"
	        " children WHERE id = $1",
	        id, s, sizeof s);
	assert_string_equal(s, "nonenone");
	int rc;
	json_t *h = history(f, "mash.fry", id, &rc);
	json_t *c = change_of(h, "host_authority");
	assert_string_equal(json_string_value(json_object_get(c, "old_value")), "Hackney (demo)");
	assert_true(json_is_null(json_object_get(c, "new_value")));
	c = change_of(h, "looked_after");
	assert_string_equal(json_string_value(json_object_get(c, "new_value")), "No");
	json_decref(h);
}

/* Whether every blocking key of a child of these names and postcode is stored for id. */
static bool keys_present(struct fx *f, const char *id, const char *given, const char *family,
                         const char *other, const char *postcode)
{
	struct child_input ci;
	memset(&ci, 0, sizeof ci);
	ci.given_names = given;
	ci.family_name = family;
	snprintf(ci.date_of_birth, sizeof ci.date_of_birth, "2012-06-06");
	if (other) {
		ci.other_names[0] = other;
		ci.n_other = 1;
	}
	ci.postcode = postcode;
	char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	size_t n = child_blocking_keys(&ci, keys);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		int64_t have = 0;
		assert_int_equal(
		        db_query_int64(f->db, &have,
		                       "SELECT count(*) FROM child_keys WHERE child_id = $1"
		                       " AND key = $2",
		                       "ss", id, keys[i]),
		        DB_OK);
		if (!have)
			return false;
	}
	return true;
}

static void test_R_REC_1_the_matchers_keys_follow_each_change(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	fx_new_record(f, "nurse.hill", "Marigold", "Demo-Fairweather", "2012-06-06", NULL, id);
	struct app_err err;
	assert_false(keys_present(f, id, "Marigold", "Demo-Fairweather", "Zebedee", NULL));
	assert_int_equal(
	        change(f, "mash.fry", id,
	               json_pack("{s:[s], s:{s:s, s:s}}", "other_names", "Zebedee", "address",
	                         "address", "3 Demo Yard", "postcode", "E8 1AB"),
	               NULL, &err),
	        APP_OK);
	assert_true(keys_present(f, id, "Marigold", "Demo-Fairweather", "Zebedee", "E8 1AB"));
	/* a new address: the old postcode still finds the child */
	assert_int_equal(change(f, "mash.fry", id,
	                        json_pack("{s:{s:s, s:s}}", "address", "address", "9 Demo Court",
	                                  "postcode", "N19 3AA"),
	                        NULL, &err),
	                 APP_OK);
	assert_true(keys_present(f, id, "Marigold", "Demo-Fairweather", "Zebedee", "E8 1AB"));
	assert_true(keys_present(f, id, "Marigold", "Demo-Fairweather", "Zebedee", "N19 3AA"));
	/* the other name removed: its keys go (the main names' stay) */
	assert_int_equal(change(f, "mash.fry", id, json_pack("{s:[]}", "other_names"), NULL, &err),
	                 APP_OK);
	assert_true(keys_present(f, id, "Marigold", "Demo-Fairweather", NULL, "N19 3AA"));
	assert_false(keys_present(f, id, "Marigold", "Demo-Fairweather", "Zebedee", "N19 3AA"));
	/* and the matcher finds the child by the new postcode */
	struct actor mash = fx_actor(f, "mash.fry");
	json_t *probe =
	        json_pack("{s:s, s:s, s:s, s:s}", "given_names", "Marigold", "family_name",
	                  "Demo-Fairweather", "date_of_birth", "2012-06-06", "postcode", "N19 3AA");
	json_t *out = NULL;
	assert_int_equal(app_child_find(f->db, &mash, NULL, probe, &out, &err), APP_OK);
	json_t *first = json_array_get(json_object_get(out, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "id")), id);
	json_decref(out);
	json_decref(probe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_each_detail_changes_with_its_history),
	        cmocka_unit_test(test_nothing_changed_is_refused_and_writes_nothing),
	        cmocka_unit_test(test_who_may_change_and_read_the_history),
	        cmocka_unit_test(test_R_MISS_7_placing_authority_is_a_member_of_the_case),
	        cmocka_unit_test(test_R_REC_1_the_matchers_keys_follow_each_change),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

/*
 * test_app_authz.c: which records an actor may see (src/app/authz.h), proved through
 * the use cases against a real (in-memory) database. A user of an agency not involved
 * with a child gets the same "not found" as for a child that does not exist; staff with
 * partnership-wide roles see across agencies; auditors see the audit log, not records.
 */
#include "app_fixture.h"

#include "app/categories.h"
#include "app/essential_steps.h"
#include "app/record_changes.h"

struct case_ids {
	char ref[32], child_id[ID_MAX], referral_id[ID_MAX], entry_id[ID_MAX];
};

/* A record referred by nurse.hill (North Central Health Trust). */
static void health_referred(struct fx *f, const char *given, const char *family, const char *dob,
                            struct case_ids *c)
{
	struct actor nurse = fx_actor(f, "nurse.hill");
	json_t *out = fx_submit(f, &nurse, fx_referral(fx_child(given, family, dob), NULL));
	snprintf(c->ref, sizeof c->ref, "%s",
	         json_string_value(json_object_get(out, "record_ref")));
	snprintf(c->child_id, sizeof c->child_id, "%s",
	         json_string_value(json_object_get(out, "child_id")));
	snprintf(c->referral_id, sizeof c->referral_id, "%s",
	         json_string_value(json_object_get(out, "referral_id")));
	json_decref(out);
	json_t *rec = fx_record(f, c->ref);
	snprintf(c->entry_id, sizeof c->entry_id, "%s",
	         json_string_value(json_object_get(
	                 json_array_get(json_object_get(rec, "chronology"), 0), "id")));
	json_decref(rec);
}

/* Whether `username` may read the record and the child (both or neither). */
static bool can_see(struct fx *f, const char *username, const struct case_ids *c)
{
	struct actor a = fx_actor(f, username);
	struct app_err e1 = {0}, e2 = {0};
	json_t *o1 = NULL, *o2 = NULL;
	int r1 = app_record_get(f->db, &a, c->ref, NULL, &o1, &e1);
	int r2 = app_child_get(f->db, &a, c->child_id, NULL, &o2, &e2);
	json_decref(o1);
	json_decref(o2);
	if (r1 != r2)
		fail_msg("%s: record %d but child %d", username, r1, r2);
	if (r1 != APP_OK) {
		assert_int_equal(r1, APP_NOT_FOUND);
		assert_null(o1);
		assert_null(o2);
	}
	assert_false(db_in_tx(f->db));
	return r1 == APP_OK;
}

static void test_health_user_of_uninvolved_agency_gets_not_found(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Achebe-Holm", "2011-07-17", &c);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_false(can_see(f, "nurse.irwin", &c));
	/* the same answer as for a record that does not exist: nothing to learn */
	struct actor irwin = fx_actor(f, "nurse.irwin");
	struct app_err hidden = {0}, missing = {0};
	json_t *out = NULL;
	assert_int_equal(app_record_get(f->db, &irwin, c.ref, NULL, &out, &hidden), APP_NOT_FOUND);
	assert_int_equal(app_record_get(f->db, &irwin, "LAN-2026-999997", NULL, &out, &missing),
	                 APP_NOT_FOUND);
	assert_string_equal(hidden.message, missing.message);
	/* and every other use case on the record */
	struct app_err err = {0};
	assert_int_equal(app_record_timeline(f->db, &irwin, c.ref, NULL, &out, &err),
	                 APP_NOT_FOUND);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_referral_get(f->db, &irwin, c.referral_id, NULL, &out, &err),
	                 APP_NOT_FOUND);
	memset(&missing, 0, sizeof missing);
	assert_int_equal(
	        app_referral_get(f->db, &irwin, "rfl_nosuchreferral000000", NULL, &out, &missing),
	        APP_NOT_FOUND);
	assert_string_equal(err.message, missing.message);
	json_t *in =
	        json_pack("{s:s, s:s, s:[s], s:s}", "occurred_at", "2026-03-09T10:00:00Z", "nature",
	                  "fact", "people_involved", "the child", "text", "Seen at the clinic.");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_record_add_entry(f->db, &irwin, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_object_set_new(in, "supersedes", json_string(c.entry_id));
	memset(&err, 0, sizeof err);
	assert_int_equal(app_record_add_entry(f->db, &irwin, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "code", "MI", "achieved_on", "2026-03-08");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_outcome_add(f->db, &irwin, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "kind", "csc_case", "value", "CSC-1234");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_external_ref_add(f->db, &irwin, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_decref(in);
	in = json_pack("{s:b}", "online", 1);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_record_classify(f->db, &irwin, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_decref(in);
	in = json_pack("{s:b}", "pnc_marker_done", 1);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_essential_steps(f->db, &irwin, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_decref(in);
	/* nothing was written, not even a view event */
	fx_assert_counts_unchanged(f, before);
}

static void test_uninvolved_police_officer_gets_not_found(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Bellweather", "2011-07-18", &c);
	assert_false(can_see(f, "pc.ames", &c));
	/* a category decision by an officer who cannot see the record */
	struct actor pc = fx_actor(f, "pc.ames");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in = json_pack("{s:i, s:s}", "category", 1, "rationale", "Gifts seen.");
	assert_int_equal(app_category_decide(f->db, &pc, c.ref, in, &out, &err), APP_NOT_FOUND);
	json_decref(in);
}

static void test_partnership_wide_roles_see_the_record(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Castellanos", "2011-07-19", &c);
	assert_true(can_see(f, "mash.fry", &c));
	assert_true(can_see(f, "at.lewis", &c));
	assert_true(can_see(f, "ps.dunn", &c));
}

static void test_auditor_cannot_see_records(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Delacroix", "2011-07-20", &c);
	assert_false(can_see(f, "aud.king", &c));
	struct actor aud = fx_actor(f, "aud.king");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_get(f->db, &aud, c.referral_id, NULL, &out, &err),
	                 APP_NOT_FOUND);
	/* nor the administrator, whose work is users, not children */
	assert_false(can_see(f, "admin.moss", &c));
}

static void test_referring_agency_sees_the_record(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Eastwood", "2011-07-21", &c);
	assert_true(can_see(f, "nurse.hill", &c));
	/* once Riverside refers the same child, its staff see the record too */
	struct actor irwin = fx_actor(f, "nurse.irwin");
	json_t *out = fx_submit(f, &irwin, fx_referral(NULL, c.child_id));
	assert_string_equal(json_string_value(json_object_get(out, "record_ref")), c.ref);
	json_decref(out);
	assert_true(can_see(f, "nurse.irwin", &c));
}

/* R-PATH-1: every CSE-pathway referral goes to children's social care, so the child's
 * borough's CSC staff see it, while CSC elsewhere does not. */
static void test_R_PATH_1_borough_csc_receives_the_referral(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	fx_new_record(f, "teacher.jones", "Philippa", "Demo-Ashworth", "2012-02-11", c.ref,
	              c.child_id);
	assert_true(can_see(f, "sw.green", &c)); /* Camden CSC, the child lives in Camden */
	assert_false(can_see(f, "nurse.irwin", &c));
	/* a child living in Hackney: Camden CSC is not routed the referral */
	struct actor t = fx_actor(f, "teacher.jones");
	json_t *child = fx_child("Bartholomew", "Demo-Quince", "2011-09-30");
	json_object_set_new(child, "residence_borough", json_string("Hackney"));
	json_t *out = fx_submit(f, &t, fx_referral(child, NULL));
	struct case_ids h;
	snprintf(h.ref, sizeof h.ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	snprintf(h.child_id, sizeof h.child_id, "%s",
	         json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
	assert_false(can_see(f, "sw.green", &h));
}

static void test_allocated_social_worker_sees_the_record(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *child = fx_child("Guinevere", "Fitzwilliam", "2011-07-22");
	json_object_set_new(child, "social_worker", json_string("sw.green"));
	json_t *out = fx_submit(f, &teacher, fx_referral(child, NULL));
	struct case_ids c;
	snprintf(c.ref, sizeof c.ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	snprintf(c.child_id, sizeof c.child_id, "%s",
	         json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
	assert_true(can_see(f, "sw.green", &c));
	assert_true(can_see(f, "teacher.jones", &c));
	assert_false(can_see(f, "nurse.hill", &c));
}

static void test_disabled_user_cannot_act(void **state)
{
	struct fx *f = *state;
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in =
	        json_pack("{s:s, s:s, s:[s], s:s}", "username", "nurse.temp", "agency",
	                  "Riverside Health Trust", "roles", "health", "password", FX_PASSWORD);
	assert_int_equal(app_user_add(f->db, &f->sys, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	json_decref(out);
	struct actor a;
	assert_int_equal(actor_load(f->db, "nurse.temp", &a, &err), APP_OK);
	assert_true(actor_has(&a, ROLE_BIT(ROLE_HEALTH)));
	assert_false(actor_has(&a, ROLE_BIT(ROLE_MASH_WORKER)));
	assert_int_equal(fx_user_disable(f, &f->sys, "nurse.temp", &err), APP_OK);
	assert_int_equal(actor_load(f->db, "nurse.temp", &a, &err), APP_NOT_FOUND);
	assert_int_equal(actor_load(f->db, "nobody.here", &a, &err), APP_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_health_user_of_uninvolved_agency_gets_not_found),
	        cmocka_unit_test(test_uninvolved_police_officer_gets_not_found),
	        cmocka_unit_test(test_partnership_wide_roles_see_the_record),
	        cmocka_unit_test(test_auditor_cannot_see_records),
	        cmocka_unit_test(test_referring_agency_sees_the_record),
	        cmocka_unit_test(test_R_PATH_1_borough_csc_receives_the_referral),
	        cmocka_unit_test(test_allocated_social_worker_sees_the_record),
	        cmocka_unit_test(test_disabled_user_cannot_act),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

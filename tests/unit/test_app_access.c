/*
 * test_app_access.c: who may see a child's record (R-INFO-3: src/protocol/access.h, the
 * gate in src/app/gate.h), proved through the use cases against a real database. A user
 * of an agency that is not a member of the child's case gets the same "not found" as for
 * a child that does not exist, and the refusal is audited; filing a referral or a missing
 * report grants nothing; membership comes from the pathway, allocation, an entitled role
 * adding an agency with a reason, or a supervisor's time-limited grant; partnership-wide
 * roles see across agencies; auditors see the audit log, not records.
 */
#include "app_fixture.h"

#include "app/access.h"
#include "app/categories.h"
#include "app/episodes.h"
#include "app/essential_steps.h"
#include "app/record_changes.h"
#include "app/work.h"
#include "protocol/access.h"

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
	assert_int_equal(app_record_chronology(f->db, &irwin, c.ref, NULL, &out, &err),
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
	/* nothing was written but the refusals, one for each use case on the hidden record
	 * and the child (none for the things that do not exist) (R-INFO-2) */
	fx_assert_only_audited(f, before, "refused", 11);
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

/* R-INFO-3: filing never grants access: the referrer is told the referral was received,
 * and a second agency filing about the same child learns nothing either. */
static void test_R_INFO_3_filing_grants_no_access(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Eastwood", "2011-07-21", &c);
	assert_false(can_see(f, "nurse.hill", &c));
	struct actor irwin = fx_actor(f, "nurse.irwin");
	json_t *in = fx_referral(NULL, c.child_id);
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &irwin, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	assert_true(json_is_false(json_object_get(out, "record_visible")));
	assert_null(json_object_get(out, "record_ref"));
	assert_null(json_object_get(out, "record_action"));
	assert_null(json_object_get(out, "route"));
	assert_string_equal(json_string_value(json_object_get(out, "status")), "received");
	const char *rid = json_string_value(json_object_get(out, "referral_id"));
	/* the referrer reads what it filed, nothing more */
	json_t *mine = NULL;
	assert_int_equal(app_referral_get(f->db, &irwin, rid, NULL, &mine, &err), APP_OK);
	assert_non_null(json_object_get(mine, "circumstances"));
	assert_null(json_object_get(mine, "record_ref"));
	assert_null(json_object_get(mine, "route"));
	json_decref(mine);
	json_decref(out);
	assert_false(can_see(f, "nurse.irwin", &c));
}

/* A missing report by a school opens the record to the police and children's social
 * care of the child's borough (R-MISS-5, R-MISS-7), never to the school; the school is
 * acknowledged without being told of the record. */
static void test_R_INFO_3_missing_report_routes_to_police_not_reporter(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Halloran", "2011-07-23", &c);
	assert_false(can_see(f, "pc.ames", &c));
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *in =
	        json_pack("{s:s, s:s, s:s, s:s}", "child_id", c.child_id, "missing_from", "school",
	                  "classification", "absent", "reported_at", "2026-03-10T09:00:00Z");
	json_object_set_new(in, "auto_correct", json_true());
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_episode_report(f->db, &teacher, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	/* R-MISS-3 keeps the episode missing, but the school is not told why */
	assert_string_equal(json_string_value(json_object_get(out, "classification")), "missing");
	assert_null(strstr(json_string_value(json_object_get(out, "reason")), "record"));
	assert_null(json_object_get(out, "record_ref"));
	assert_null(json_object_get(out, "profile"));
	assert_true(json_is_false(json_object_get(out, "record_visible")));
	char ep[ID_MAX];
	snprintf(ep, sizeof ep, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	assert_false(can_see(f, "teacher.jones", &c));
	assert_true(can_see(f, "pc.ames", &c)); /* Camden Police: the child lives in Camden */
	assert_true(can_see(f, "sw.green", &c));
	/* the school reads its own report, not what happened since */
	json_t *v = NULL;
	assert_int_equal(app_episode_get(f->db, &teacher, ep, NULL, &v, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "received");
	assert_null(json_object_get(v, "record_ref"));
	assert_null(json_object_get(v, "classification_reason"));
	json_decref(v);
	/* another school's staff, or a nurse, get "not found", audited */
	struct actor irwin = fx_actor(f, "nurse.irwin");
	int64_t refused = fx_audit_count(f, "refused", ep);
	assert_int_equal(app_episode_get(f->db, &irwin, ep, NULL, &v, &err), APP_NOT_FOUND);
	assert_string_equal(err.message, "No such episode.");
	assert_int_equal(fx_audit_count(f, "refused", ep), refused + 1);
}

/* R-INFO-3: an entitled role adds an agency to the child's case with a reason; ending it
 * ends the access, and both are audited. */
static void test_R_INFO_3_agency_added_to_the_case(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Ivanova", "2011-07-24", &c);
	assert_false(can_see(f, "nurse.irwin", &c));
	struct actor mash = fx_actor(f, "mash.fry"), teacher = fx_actor(f, "teacher.jones");
	json_t *in = json_pack("{s:s, s:s}", "agency", "Riverside Health Trust", "reason",
	                       "The child's sexual health clinic is run by Riverside.");
	struct app_err err = {0};
	json_t *out = NULL;
	/* not by a practitioner without the role, nor without a reason */
	assert_int_equal(app_case_member_add(f->db, &teacher, c.child_id, in, &out, &err),
	                 APP_NOT_FOUND);
	json_t *noreason = json_pack("{s:s}", "agency", "Riverside Health Trust");
	assert_int_equal(app_case_member_add(f->db, &mash, c.child_id, noreason, &out, &err),
	                 APP_INVALID);
	json_decref(noreason);
	assert_int_equal(app_case_member_add(f->db, &mash, c.child_id, in, &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "member_add", c.child_id), 1);
	assert_true(can_see(f, "nurse.irwin", &c));
	assert_int_equal(app_case_members(f->db, &mash, c.child_id, NULL, &out, &err), APP_OK);
	assert_true(json_array_size(json_object_get(out, "members")) >= 2);
	json_decref(out);
	assert_int_equal(app_case_member_end(f->db, &mash, c.child_id, in, &out, &err), APP_OK);
	json_decref(out);
	assert_false(can_see(f, "nurse.irwin", &c));
	assert_int_equal(app_case_member_end(f->db, &mash, c.child_id, in, &out, &err),
	                 APP_CONFLICT);
	json_decref(in);
}

/* R-INFO-3: a practitioner asks with a reason; a supervisor grants for a time; the grant
 * ends by itself. Nobody decides their own request. */
static void test_R_INFO_3_time_limited_grant(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Jankowski", "2011-07-25", &c);
	struct actor irwin = fx_actor(f, "nurse.irwin"), dunn = fx_actor(f, "ps.dunn");
	struct actor pc = fx_actor(f, "pc.ames");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *bad = json_pack("{s:s}", "reason", "please");
	assert_int_equal(app_access_request(f->db, &irwin, c.child_id, bad, &out, &err),
	                 APP_INVALID);
	json_decref(bad);
	json_t *in = json_pack("{s:s, s:i}", "reason",
	                       "Riverside clinic is seeing the child and needs the safety plan.",
	                       "days", 7);
	assert_int_equal(app_access_request(f->db, &irwin, c.child_id, in, &out, &err), APP_OK);
	json_decref(in);
	char gid[ID_MAX];
	snprintf(gid, sizeof gid, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	assert_false(can_see(f, "nurse.irwin", &c)); /* nothing until it is granted */
	/* the request waits in a supervisor's queue */
	assert_int_equal(app_work_queue(f->db, &dunn, NULL, NULL, &out, &err), APP_OK);
	bool queued = false;
	size_t i;
	json_t *sec;
	json_array_foreach(json_object_get(out, "sections"), i, sec)
	{
		if (strcmp(json_string_value(json_object_get(sec, "key")), "access_requests") == 0)
			queued = json_integer_value(json_object_get(sec, "count")) >= 1;
	}
	json_decref(out);
	assert_true(queued);
	json_t *d = json_pack("{s:s, s:s}", "decision", "grant", "note", "Agreed for the clinic.");
	assert_int_equal(app_access_decide(f->db, &pc, gid, d, &out, &err), APP_FORBIDDEN);
	assert_int_equal(app_access_decide(f->db, &dunn, gid, d, &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(app_access_decide(f->db, &dunn, gid, d, &out, &err), APP_CONFLICT);
	json_decref(d);
	assert_int_equal(fx_audit_count(f, "access_grant", gid), 1);
	assert_true(can_see(f, "nurse.irwin", &c));
	/* eight days later the grant has ended by itself */
	irwin.now = FX_NOW + 8 * 86400;
	json_t *v = NULL;
	assert_int_equal(app_child_get(f->db, &irwin, c.child_id, NULL, &v, &err), APP_NOT_FOUND);
	/* a grant can be ended early by its holder */
	irwin.now = 0;
	assert_int_equal(app_access_end(f->db, &irwin, gid, NULL, &out, &err), APP_OK);
	json_decref(out);
	assert_false(can_see(f, "nurse.irwin", &c));
}

/* R-INFO-3: a practitioner's search needs more than a date of birth, shows only what is
 * needed of children they do not see, is audited with what it disclosed, and is
 * throttled. */
static void test_R_INFO_3_search_narrow_minimal_audited_throttled(void **state)
{
	struct fx *f = *state;
	struct case_ids c;
	health_referred(f, "Guinevere", "Kowalczyk", "2011-07-26", &c);
	struct actor irwin = fx_actor(f, "nurse.irwin"), mash = fx_actor(f, "mash.fry");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *dob = json_pack("{s:s}", "date_of_birth", "2011-07-26");
	assert_int_equal(app_child_find(f->db, &irwin, NULL, dob, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-INFO-3");
	assert_int_equal(app_child_find(f->db, &mash, NULL, dob, &out, &err), APP_OK);
	json_decref(out);
	json_decref(dob);
	json_t *q = json_pack("{s:s, s:s}", "name", "Guinevere Kowalczyk", "date_of_birth",
	                      "2011-07-26");
	assert_int_equal(app_child_find(f->db, &irwin, NULL, q, &out, &err), APP_OK);
	json_t *r = json_array_get(json_object_get(out, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "id")), c.child_id);
	assert_null(json_object_get(r, "record_ref"));
	assert_null(json_object_get(r, "residence_borough"));
	json_decref(out);
	int64_t n = 0;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM audit_events WHERE action = 'search'"
	                                " AND user_id = $1 AND fields LIKE '%' || $2 || '%'",
	                                "ss", irwin.user_id, c.child_id),
	                 DB_OK);
	assert_int_equal(n, 1);
	/* the MASH sees the reference */
	assert_int_equal(app_child_find(f->db, &mash, NULL, q, &out, &err), APP_OK);
	r = json_array_get(json_object_get(out, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "record_ref")), c.ref);
	json_decref(out);
	/* throttled past the hourly limit */
	int rc = APP_OK;
	for (int i = 0; i < ACCESS_SEARCHES_PER_HOUR + 1 && rc == APP_OK; i++) {
		rc = app_child_find(f->db, &irwin, NULL, q, &out, &err);
		json_decref(out);
		out = NULL;
	}
	assert_int_equal(rc, APP_LIMITED);
	json_decref(q);
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
	assert_false(can_see(f, "teacher.jones", &c)); /* the referrer: filing grants nothing */
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
	out = NULL;
	assert_int_equal(app_user_disable(f->db, &f->sys, "nurse.temp", NULL, &out, &err), APP_OK);
	json_decref(out);
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
	        cmocka_unit_test(test_R_INFO_3_filing_grants_no_access),
	        cmocka_unit_test(test_R_INFO_3_missing_report_routes_to_police_not_reporter),
	        cmocka_unit_test(test_R_INFO_3_agency_added_to_the_case),
	        cmocka_unit_test(test_R_INFO_3_time_limited_grant),
	        cmocka_unit_test(test_R_INFO_3_search_narrow_minimal_audited_throttled),
	        cmocka_unit_test(test_R_PATH_1_borough_csc_receives_the_referral),
	        cmocka_unit_test(test_allocated_social_worker_sees_the_record),
	        cmocka_unit_test(test_disabled_user_cannot_act),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

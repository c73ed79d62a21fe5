/*
 * test_app_plans.c: the plan, criminal justice and NRM use cases (src/app/plans.h,
 * src/app/cj.h) against a real database, named after the rules they apply: R-ORD-5 (the
 * tactical options checklist: marks with note and owner, what is not considered listed
 * and counted, T14 and T15 for entitled police only), R-MASE-7 (actions with owner and
 * due date, overdue ones in the owner's and the supervisor's queues, closed ones keep
 * who and when), R-OUTC-2 (criminal justice cases and their attrition; a charge adds FQ,
 * R-OUT-4), R-DL-6 (an NRM referral starts the 45-day reflection and recovery period,
 * tracked in the queue). Every refusal is checked to have written nothing. All names and
 * details are synthetic.
 */
#include "concern_fixture.h"

#include "app/cj.h"
#include "app/orders.h"
#include "app/plans.h"
#include "app/work.h"

#define DAY_S INT64_C(86400)

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Runs a use case as `user` expecting a refusal with `rule` on `field`; nothing written
 * to the plan tables. */
static void refused(struct fx *f, cx_use_case fn, const char *user, const char *id, json_t *in,
                    int code, const char *rule, const char *field)
{
	int64_t marks = fx_count(f, "tactic_marks"), acts = fx_count(f, "plan_actions");
	int64_t cases = fx_count(f, "cj_cases"), nrm = fx_count(f, "nrm_referrals");
	json_t *out;
	struct app_err err;
	int rc = cx_call(f, fn, user, id, in, &out, &err);
	if (rc != code)
		fail_msg("expected %d, got %d: %s", code, rc, err.message);
	if (rule) {
		assert_non_null(err.rule);
		assert_string_equal(err.rule, rule);
	}
	if (field && !fx_field(&err, field))
		fail_msg("no error on field %s (%s)", field, err.message);
	assert_null(out);
	assert_int_equal(fx_count(f, "tactic_marks"), marks);
	assert_int_equal(fx_count(f, "plan_actions"), acts);
	assert_int_equal(fx_count(f, "cj_cases"), cases);
	assert_int_equal(fx_count(f, "nrm_referrals"), nrm);
}

/* The section `key` of a work queue, or NULL. */
static json_t *section(json_t *q, const char *key)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(q, "sections"), i, s)
	{
		if (strcmp(str(s, "key"), key) == 0)
			return s;
	}
	return NULL;
}

/* Whether section `key` of the actor's queue lists subject `id`. */
static bool queued(struct fx *f, const char *user, const char *key, const char *id)
{
	json_t *q = cx_ok(f, app_disruption_deadlines, user, NULL, NULL);
	json_t *s = section(q, key);
	bool found = s && cx_has(json_object_get(s, "items"), "subject_id", id);
	json_decref(q);
	return found;
}

/* ---- R-ORD-5 ---- */

static void test_R_ORD_5_checklist_marks_and_what_is_not_considered(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "sw.green", "Una", "Varley", "2011-09-09", ref, child);
	json_t *o = cx_ok(f, app_tactics_get, "sw.green", ref, NULL);
	json_t *s = json_object_get(o, "summary");
	assert_int_equal(num(s, "shown"), 27); /* T14, T15 neither shown nor counted */
	assert_int_equal(num(s, "not_considered"), 27);
	assert_int_equal(json_array_size(json_object_get(o, "options")), 27);
	json_decref(o);
	o = cx_ok(f, app_tactics_get, "ps.clark", ref, NULL);
	assert_int_equal(num(json_object_get(o, "summary"), "shown"), 29);
	json_decref(o);
	/* R-ORD-5: considered needs an owner; nothing written */
	refused(f, app_tactic_mark, "sw.green", ref,
	        json_pack("{s:s, s:s, s:s}", "code", "T03", "mark", "considered", "note",
	                  "Discussed at the strategy meeting."),
	        APP_INVALID, "R-ORD-5", "owner");
	refused(f, app_tactic_mark, "sw.green", ref,
	        json_pack("{s:s, s:s, s:s, s:s}", "code", "T14", "mark", "in_place", "note",
	                  "Observation.", "owner", "Camden Police"),
	        APP_INVALID, "R-ORD-5", NULL);
	o = cx_ok(f, app_tactic_mark, "sw.green", ref,
	          json_pack("{s:s, s:s, s:s, s:s}", "code", "T03", "mark", "considered", "note",
	                    "CAWN to be served on the adult seen with the child.", "owner",
	                    "Camden Police"));
	s = json_object_get(o, "summary");
	assert_int_equal(num(s, "considered"), 1);
	assert_int_equal(num(s, "not_considered"), 26);
	assert_false(fx_has_string(json_object_get(s, "not_considered_codes"), "T03"));
	assert_true(fx_has_string(json_object_get(s, "not_considered_codes"), "T01"));
	json_decref(o);
	o = cx_ok(f, app_tactic_mark, "ps.clark", ref,
	          json_pack("{s:s, s:s, s:s}", "code", "T22", "mark", "not_applicable", "note",
	                    "The child lives at home."));
	json_decref(o);
	o = cx_ok(f, app_tactic_mark, "ps.clark", ref,
	          json_pack("{s:s, s:s, s:s, s:s}", "code", "T03", "mark", "in_place", "note",
	                    "Served on 2 March.", "owner", "Camden Police"));
	s = json_object_get(o, "summary");
	assert_int_equal(num(s, "in_place"), 1);
	assert_int_equal(num(s, "considered"), 0);
	assert_int_equal(num(s, "not_applicable"), 1);
	assert_int_equal(num(s, "not_considered"), 27);
	json_decref(o);
	/* the summary alone (as the record page asks): the same counts, no options */
	o = cx_ok(f, app_tactics_get, "ps.clark", ref, json_pack("{s:b}", "summary_only", 1));
	s = json_object_get(o, "summary");
	assert_int_equal(num(s, "in_place"), 1);
	assert_int_equal(num(s, "not_considered"), 27);
	assert_int_equal(json_array_size(json_object_get(o, "options")), 0);
	json_decref(o);
	/* every mark is kept */
	assert_int_equal(fx_count(f, "tactic_marks") >= 3, 1);
	/* no one outside the case sees the checklist */
	refused(f, app_tactics_get, "nurse.irwin", ref, NULL, APP_NOT_FOUND, NULL, NULL);
}

/* ---- R-MASE-7 ---- */

static void test_R_MASE_7_overdue_action_in_owner_and_supervisor_queues(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], id[ID_MAX];
	cx_add_person(f, "pc.ames", "Victor Wren", NULL, pid); /* Camden Police's */
	/* agreed five days ago, due the day before yesterday: overdue */
	struct actor a = fx_actor(f, "pc.ames");
	a.now = FX_NOW - 5 * DAY_S;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "text",
	                       "Visit the address with the licensing officer.", "owner_person",
	                       "pc.ames", "person_id", pid, "due_on", "2026-03-07");
	json_t *out = NULL;
	struct app_err err;
	assert_int_equal(app_action_add(f->db, &a, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	cx_id(out, id);
	assert_true(id_valid(id, "act"));
	json_t *o = cx_ok(f, app_action_get, "pc.ames", id, NULL);
	assert_true(json_is_true(json_object_get(o, "overdue")));
	assert_string_equal(str(o, "owner_name"), "pc.ames");
	json_decref(o);
	assert_true(queued(f, "pc.ames", "actions_due", id));
	assert_true(queued(f, "ps.dunn", "disruption_overdue", id)); /* R-DL-9 */
	assert_false(queued(f, "sw.green", "disruption_overdue", id));
	assert_false(queued(f, "pc.brook", "actions_due", id)); /* owned by a named person */
	/* my work lists the overdue action first, in its "overdue" section */
	json_t *q = cx_ok(f, app_work_queue, "ps.dunn", NULL, NULL);
	assert_non_null(section(q, "overdue"));
	json_decref(q);
	/* R-MASE-7: a cancelled action needs a reason; nothing written */
	refused(f, app_action_update, "pc.ames", id, json_pack("{s:s}", "status", "cancelled"),
	        APP_INVALID, "R-MASE-7", "reason");
	o = cx_ok(f, app_action_update, "pc.ames", id, json_pack("{s:s}", "status", "done"));
	assert_string_equal(str(o, "status"), "done");
	assert_string_equal(str(o, "closed_by_name"), "pc.ames");
	assert_string_equal(str(o, "closed_at"), "2026-03-10T12:00:00Z");
	assert_false(json_is_true(json_object_get(o, "overdue")));
	json_decref(o);
	assert_false(queued(f, "ps.dunn", "disruption_overdue", id));
	refused(f, app_action_update, "pc.ames", id, json_pack("{s:s}", "status", "done"),
	        APP_CONFLICT, "R-MASE-7", NULL);
	/* R-MASE-7, R-DL-5: no owner, or a due date before it was agreed: refused */
	refused(f, app_action_add, "pc.ames", NULL,
	        json_pack("{s:s, s:s, s:s}", "text", "Check the hotel register.", "person_id", pid,
	                  "due_on", "2026-03-20"),
	        APP_INVALID, "R-MASE-7", "owner_person");
	refused(f, app_action_add, "pc.ames", NULL,
	        json_pack("{s:s, s:s, s:s, s:s}", "text", "Check the hotel register.",
	                  "owner_agency", "Camden Police", "person_id", pid, "due_on",
	                  "2026-03-01"),
	        APP_INVALID, "R-DL-5", "due_at");
	o = cx_ok(f, app_actions_list, "pc.ames", NULL, json_pack("{s:s}", "person_id", pid));
	assert_int_equal(json_array_size(json_object_get(o, "actions")), 1);
	assert_int_equal(num(o, "open"), 0);
	json_decref(o);
}

static void test_R_MASE_7_agency_action_for_the_team(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], id[ID_MAX];
	fx_new_record(f, "sw.green", "Wren", "Yardley", "2012-01-01", ref, child);
	cx_id(cx_ok(f, app_action_add, "sw.green", NULL,
	            json_pack("{s:s, s:s, s:s, s:s, s:s}", "text", "Safety plan with the family.",
	                      "owner_agency", "Camden Children's Services", "record_ref", ref,
	                      "due_on", "2026-03-31", "tactic", "T09")),
	      id);
	assert_true(queued(f, "sw.green", "actions_due", id));
	assert_false(queued(f, "pc.ames", "actions_due", id));
	json_t *o =
	        cx_ok(f, app_actions_list, "sw.green", NULL, json_pack("{s:s}", "record_ref", ref));
	assert_int_equal(num(o, "open"), 1);
	assert_int_equal(num(o, "overdue"), 0);
	json_decref(o);
	/* a record the actor does not see: like absence */
	refused(f, app_actions_list, "nurse.irwin", NULL, json_pack("{s:s}", "record_ref", ref),
	        APP_NOT_FOUND, NULL, NULL);
	o = cx_ok(f, app_action_update, "sw.green", id,
	          json_pack("{s:s, s:s}", "due_on", "2026-04-07", "text",
	                    "Safety plan with the family and the school."));
	assert_string_equal(str(o, "status"), "open");
	json_decref(o);
}

/* ---- R-OUTC-2 ---- */

static void test_R_OUTC_2_attrition_from_referred_to_charged_to_convicted(void **state)
{
	struct fx *f = *state;
	char p1[ID_MAX], p2[ID_MAX], p3[ID_MAX], child[ID_MAX], ref[32], cid[ID_MAX];
	fx_new_record(f, "sw.green", "Zara", "Abbot", "2011-11-11", ref, child);
	cx_add_person(f, "ps.clark", "Adair Blythe", NULL, p1);
	cx_add_link(f, "ps.clark", p1, child, "associate", NULL);
	cx_add_person(f, "ps.clark", "Bram Colley", NULL, p2);
	cx_add_person(f, "ps.clark", "Cass Dunmore", NULL, p3);
	/* R-OUTC-2: a charge without the offence is refused, nothing written */
	refused(f, app_cj_case_add, "ps.clark", NULL,
	        json_pack("{s:s, s:s, s:s}", "person_id", p1, "arrested_on", "2025-06-01",
	                  "charged_on", "2025-06-02"),
	        APP_INVALID, "R-OUTC-2", "offence");
	json_t *o = cx_ok(f, app_cj_case_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:s, s:s}", "person_id", p1, "network",
	                            "Operation Larch", "arrested_on", "2025-06-01", "referred_on",
	                            "2025-06-03"));
	assert_int_equal(json_array_size(json_object_get(o, "disruptions_added")), 1); /* arrest */
	cx_id(o, cid);
	o = cx_ok(f, app_cj_case_update, "ps.clark", cid,
	          json_pack("{s:s, s:s, s:s, s:s}", "decision", "charge", "decided_on",
	                    "2025-07-01", "charged_on", "2025-07-01", "offence",
	                    "Arranging the sexual exploitation of a child"));
	assert_string_equal(str(o, "outcome_added"), "FQ"); /* R-OUT-4, R-OUT-5 */
	json_decref(o);
	assert_int_equal(cx_entries(f, ref, "outcome", "Outcome FQ recorded for Adair Blythe"), 1);
	json_decref(cx_ok(f, app_cj_case_update, "ps.clark", cid,
	                  json_pack("{s:s, s:s, s:s, s:s}", "result", "convicted", "result_on",
	                            "2026-01-15", "sentenced_on", "2026-02-01", "sentence",
	                            "Six years' imprisonment")));
	json_decref(cx_ok(f, app_cj_case_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "person_id", p2, "network",
	                            "Operation Larch", "referred_on", "2025-08-01", "decision",
	                            "no_further_action", "decided_on", "2025-09-01")));
	json_decref(cx_ok(f, app_cj_case_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s}", "person_id", p3, "referred_on", "2026-02-01")));
	o = cx_ok(f, app_cj_cases, "ps.clark", NULL,
	          json_pack("{s:s}", "network", "Operation Larch"));
	json_t *a = json_object_get(o, "attrition");
	assert_int_equal(num(a, "referred"), 2);
	assert_int_equal(num(a, "charged"), 1);
	assert_int_equal(num(a, "convicted"), 1);
	json_decref(o);
	o = cx_ok(f, app_cj_cases, "ps.clark", NULL, NULL);
	a = json_object_get(o, "attrition");
	assert_true(num(a, "referred") >= 3);
	assert_true(num(a, "awaiting_decision") >= 1);
	json_decref(o);
	/* per person: the person's page carries the case and its outcome code */
	o = cx_ok(f, app_person_orders, "ps.clark", p1, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "cj_cases")), 1);
	assert_int_equal(num(json_object_get(o, "attrition"), "convicted"), 1);
	assert_true(cx_has(json_object_get(o, "outcomes"), "code", "FQ"));
	assert_int_equal(json_array_size(json_object_get(o, "orders")), 2); /* arrest, charge */
	json_decref(o);
}

/* ---- R-DL-6 ---- */

static void test_R_DL_6_nrm_referral_starts_the_reflection_period(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], id[ID_MAX];
	fx_new_record(f, "sw.green", "Della", "Eastwood", "2010-10-10", ref, child);
	refused(f, app_nrm_refer, "sw.green", child,
	        json_pack("{s:s}", "referred_at", "2027-01-01T10:00:00Z"), APP_INVALID, NULL,
	        "referred_at");
	/* referred fifty days ago: the 45 days have run, the decision is awaited */
	json_t *o = cx_ok(f, app_nrm_refer, "sw.green", child,
	                  json_pack("{s:s, s:s}", "referred_at", "2026-01-19T10:00:00Z",
	                            "reference", "NRM-DEMO-0001"));
	assert_string_equal(str(o, "reflection_ends_at"), "2026-03-05T10:00:00Z");
	assert_string_equal(str(o, "state"), "red");
	cx_id(o, id);
	assert_int_equal(cx_entries(f, ref, "nrm_referral", "reflection and recovery period"), 1);
	assert_true(queued(f, "sw.green", "nrm_deadlines", ref));
	json_decref(cx_ok(f, app_nrm_decide, "sw.green", id,
	                  json_pack("{s:s, s:s, s:s}", "grounds", "reasonable", "decision",
	                            "positive", "on", "2026-01-24")));
	assert_true(queued(f, "sw.green", "nrm_deadlines", ref));
	refused(f, app_nrm_decide, "sw.green", id,
	        json_pack("{s:s, s:s, s:s}", "grounds", "conclusive", "decision", "positive", "on",
	                  "2026-01-01"),
	        APP_INVALID, NULL, "on");
	o = cx_ok(f, app_nrm_decide, "sw.green", id,
	          json_pack("{s:s, s:s, s:s}", "grounds", "conclusive", "decision", "positive",
	                    "on", "2026-03-09"));
	assert_string_equal(str(o, "state"), "done");
	json_decref(o);
	assert_false(queued(f, "sw.green", "nrm_deadlines", ref));
	o = cx_ok(f, app_child_nrm, "sw.green", child, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "referrals")), 1);
	json_decref(o);
	refused(f, app_child_nrm, "nurse.irwin", child, NULL, APP_NOT_FOUND, NULL, NULL);
}

static void test_R_ORD_5_summary_counts_options_for_the_borough(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "sw.green", "Elsie", "Fairley", "2011-04-04", ref, child);
	json_decref(cx_ok(f, app_tactic_mark, "ps.clark", ref,
	                  json_pack("{s:s, s:s, s:s, s:s}", "code", "T01", "mark", "in_place",
	                            "note", "PNC report made.", "owner", "Camden Police")));
	json_t *o = cx_ok(f, app_disruption_summary, "ps.clark", "Camden", NULL);
	json_t *t = json_object_get(o, "tactics");
	assert_true(num(t, "records") >= 1);
	assert_int_equal(num(t, "shown"), 29);
	assert_true(num(t, "in_place") >= 1);
	assert_int_equal(num(t, "records") * 29, num(t, "considered") + num(t, "in_place") +
	                                                 num(t, "not_applicable") +
	                                                 num(t, "not_considered"));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_ORD_5_checklist_marks_and_what_is_not_considered),
	        cmocka_unit_test(test_R_MASE_7_overdue_action_in_owner_and_supervisor_queues),
	        cmocka_unit_test(test_R_MASE_7_agency_action_for_the_team),
	        cmocka_unit_test(test_R_OUTC_2_attrition_from_referred_to_charged_to_convicted),
	        cmocka_unit_test(test_R_DL_6_nrm_referral_starts_the_reflection_period),
	        cmocka_unit_test(test_R_ORD_5_summary_counts_options_for_the_borough),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

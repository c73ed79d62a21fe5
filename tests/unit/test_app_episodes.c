/* test_app_episodes.c: missing-episode use cases against a real database (R-MISS-1..10,
 * R-DL-1, R-DL-2, R-DL-9, exports, atomicity, audit). All children are made up. */
#include "app_fixture.h"
#include "store/children.h"
#include "store/users.h"

#include "app/episode_deadlines.h"
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/exports.h"
#include "app/forensic.h"
#include "app/profile.h"

#define HOUR 3600

/* A child without a record, created by the system; id out. */
static void new_child(struct fx *f, const char *given, const char *family, const char *dob,
                      bool looked_after, char id[ID_MAX])
{
	json_t *c = fx_child(given, family, dob);
	json_object_set_new(c, "confirm_new", json_true());
	if (looked_after) {
		json_object_set_new(c, "looked_after", json_true());
		json_object_set_new(c, "home_authority", json_string("Camden"));
		json_object_set_new(c, "host_authority", json_string("Hackney"));
	}
	json_t *out = NULL;
	struct app_err err = {0};
	int rc = app_child_add(f->db, &f->sys, NULL, c, &out, &err);
	if (rc != APP_OK)
		fail_msg("child add: %s %s", err.message, err.nfields ? err.fields[0].message : "");
	snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(c);
	json_decref(out);
}

static json_t *report_in(const char *child_id, const char *cls, const char *at)
{
	return json_pack("{s:s, s:s, s:s?, s:s, s:s}", "child_id", child_id, "missing_from", "care",
	                 "classification", cls, "reported_at", at, "last_seen_where",
	                 "Fernbank Park gates");
}

/* Reports an episode that must succeed, as `who`; id out (may be NULL). */
static json_t *report_ok(struct fx *f, const struct actor *who, json_t *in, char id[ID_MAX])
{
	json_t *out = NULL;
	struct app_err err = {0};
	memset(&err, 0, sizeof err);
	int rc = app_episode_report(f->db, who, NULL, in, &out, &err);
	json_decref(in);
	if (rc != APP_OK)
		fail_msg("report refused (%s): %s", err.rule ? err.rule : "-", err.message);
	if (id)
		snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	return out;
}

typedef int (*ep_fn)(struct db *, const struct actor *, const char *, json_t *, json_t **,
                     struct app_err *);

/* Runs an episode use case; returns its code, err filled, output dropped. */
static int run(struct fx *f, ep_fn fn, const struct actor *who, const char *id, json_t *in,
               struct app_err *err)
{
	json_t *out = NULL;
	memset(err, 0, sizeof(*err));
	int rc = fn(f->db, who, id, in, &out, err);
	json_decref(in);
	json_decref(out);
	return rc;
}

static void must(int rc, const struct app_err *err)
{
	if (rc != APP_OK)
		fail_msg("refused (%d, %s): %s [%s]", rc, err->rule ? err->rule : "-", err->message,
		         err->nfields ? err->fields[0].message : "");
}

static void test_R_MISS_2_absent_refused_for_12_year_old(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX];
	new_child(f, "Ada", "Quillfeather", "2014-01-05", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	int64_t before[FX_NTABLES], eps = fx_count(f, "episodes");
	fx_counts(f, before);
	json_t *out = NULL;
	struct app_err err = {0};
	json_t *in = report_in(child, "absent", "2026-03-10T10:00:00Z");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-MISS-2");
	assert_null(out);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "episodes"), eps);
	/* auto-correct: classed missing and Lantern says why */
	json_object_set_new(in, "auto_correct", json_true());
	out = report_ok(f, &pc, in, NULL);
	assert_string_equal(json_string_value(json_object_get(out, "classification")), "missing");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-MISS-2");
	assert_true(json_is_true(json_object_get(out, "corrected")));
	assert_non_null(strstr(json_string_value(json_object_get(out, "reason")), "under 13"));
	json_decref(out);
}

static void test_R_MISS_3_absent_refused_with_open_record(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "teacher.jones", "Bea", "Marchbank", "2010-06-01", ref, child);
	struct actor pc = fx_actor(f, "pc.ames");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *out = NULL;
	struct app_err err = {0};
	json_t *in = report_in(child, "absent", "2026-03-10T10:00:00Z");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-MISS-3");
	assert_non_null(strstr(err.message, "R-MISS-3"));
	fx_assert_counts_unchanged(f, before);
	json_decref(in);
	/* without a requested class, the rules class it missing */
	out = report_ok(f, &pc, report_in(child, NULL, "2026-03-10T10:00:00Z"), NULL);
	assert_string_equal(json_string_value(json_object_get(out, "classification")), "missing");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-MISS-3");
	assert_string_equal(json_string_value(json_object_get(out, "record_ref")), ref);
	json_decref(out);
}

static void test_R_MISS_4_escalation_recorded_with_reason(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX], ep2[ID_MAX];
	new_child(f, "Cora", "Eastwick", "2010-02-02", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_decref(report_ok(f, &pc, report_in(child, "absent", "2026-03-10T10:00:00Z"), ep));
	struct app_err err;
	/* manual escalation needs a reason */
	assert_int_equal(run(f, app_episode_escalate, &pc, ep, json_object(), &err), APP_INVALID);
	must(run(f, app_episode_escalate, &pc, ep,
	         json_pack("{s:s}", "reason", "Seen getting into a car with an older man."), &err),
	     &err);
	char reason[200] = "";
	db_query_text(f->db, reason, sizeof reason,
	              "SELECT reason || '|' || rule || '|' || changed_at FROM episode_changes"
	              " WHERE episode_id = $1 AND kind = 'escalation'",
	              "s", ep);
	assert_string_equal(reason, "Seen getting into a car with an older man.|R-MISS-4|"
	                            "2026-03-10T12:00:00Z");
	/* a second escalation is a conflict */
	assert_int_equal(
	        run(f, app_episode_escalate, &pc, ep, json_pack("{s:s}", "reason", "again"), &err),
	        APP_CONFLICT);
	/* automatic: the managed timeframe passed (reported at 07:00, absent since 05:00) */
	char child2[ID_MAX];
	new_child(f, "Dora", "Eastwick", "2010-03-03", false, child2);
	struct actor early = pc;
	early.now = FX_NOW - 5 * HOUR;
	json_decref(report_ok(f, &early, report_in(child2, "absent", "2026-03-10T05:00:00Z"), ep2));
	json_t *out = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episodes_escalate_due(f->db, FX_NOW - 2 * HOUR, 0, &out, &err),
	                 APP_OK);
	assert_int_equal(json_integer_value(json_object_get(out, "count")), 0); /* 5 h: not yet */
	json_decref(out);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episodes_escalate_due(f->db, FX_NOW, 0, &out, &err), APP_OK);
	assert_true(json_integer_value(json_object_get(out, "count")) >= 1);
	json_decref(out);
	db_query_text(f->db, reason, sizeof reason,
	              "SELECT reason || '|' || changed_at || '|' || changed_by_name FROM"
	              " episode_changes WHERE episode_id = $1 AND kind = 'escalation'",
	              "s", ep2);
	/* at the exact time it became due (05:00 + 6 h), not when the scheduler ran (12:00) */
	assert_string_equal(reason, "managed timeframe passed|2026-03-10T11:00:00Z|"
	                            "Lantern (automatic)");
	/* the audit event names the scheduler, not an operator at the command line */
	char purpose[200] = "";
	db_query_text(f->db, purpose, sizeof purpose,
	              "SELECT purpose FROM audit_events WHERE entity_id = $1 AND action = 'change'"
	              " ORDER BY seq DESC LIMIT 1",
	              "s", ep2);
	assert_non_null(strstr(purpose, "scheduler"));
	fx_assert_audit_intact(f);
}

/* R-MISS-7: a looked-after child's placing authority is an agency in Lantern, and its
 * staff see the return interview it is responsible for, even where the child lives in a
 * borough whose own children's social care is not in Lantern. */
static void test_R_MISS_7_home_authority_sees_the_return_interview(void **state)
{
	struct fx *f = *state;
	json_t *c = fx_child("Juno", "Applewhite", "2010-06-06");
	json_object_set_new(c, "residence_borough", json_string("Hackney"));
	json_object_set_new(c, "looked_after", json_true());
	json_object_set_new(c, "home_authority", json_string("Camden"));
	json_object_set_new(c, "host_authority", json_string("Hackney"));
	json_object_set_new(c, "confirm_new", json_true());
	json_t *out = NULL;
	struct app_err err = {0};
	assert_int_equal(app_child_add(f->db, &f->sys, NULL, c, &out, &err), APP_OK);
	char child[ID_MAX], ep[ID_MAX];
	snprintf(child, sizeof child, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	json_decref(c);
	/* a placing authority that is not an agency in Lantern is refused */
	c = fx_child("Juno", "Bramblewood", "2010-06-07");
	json_object_set_new(c, "looked_after", json_true());
	json_object_set_new(c, "home_authority", json_string("Somewhere Far County"));
	json_object_set_new(c, "confirm_new", json_true());
	assert_int_equal(app_child_add(f->db, &f->sys, NULL, c, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "home_authority"));
	json_decref(c);
	struct actor sys = f->sys;
	json_decref(report_ok(f, &sys, report_in(child, "missing", "2026-03-10T09:00:00Z"), ep));
	must(run(f, app_episode_return, &sys, ep,
	         json_pack("{s:s, s:s}", "returned_at", "2026-03-10T11:00:00Z", "where",
	                   "Fernbank Park"),
	         &err),
	     &err);
	struct actor sw = fx_actor(f, "sw.green"); /* Camden Children's Services */
	sw.now = FX_NOW;
	assert_int_equal(app_episode_deadlines(f->db, &sw, NULL, NULL, &out, &err), APP_OK);
	char *text = json_dumps(out, 0);
	assert_non_null(strstr(text, ep));
	free(text);
	json_decref(out);
}

/* R-INFO-2: the audit events of an episode's report, escalation, return and interview
 * offer name the child's record, so the record's audit trail is whole. */
static void test_R_INFO_2_episode_events_name_the_record(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], ep[ID_MAX];
	fx_new_record(f, "teacher.jones", "Ida", "Marchbank", "2010-05-05", ref, child);
	struct actor pc = fx_actor(f, "pc.ames"), sw = fx_actor(f, "sw.green");
	json_decref(report_ok(f, &pc, report_in(child, "missing", "2026-03-10T09:00:00Z"), ep));
	struct app_err err;
	must(run(f, app_episode_return, &pc, ep,
	         json_pack("{s:s, s:s}", "returned_at", "2026-03-10T11:00:00Z", "where",
	                   "Fernbank Park"),
	         &err),
	     &err);
	must(run(f, app_return_interview_offer, &sw, ep,
	         json_pack("{s:s, s:b, s:s}", "interviewer", "Demo Youth Worker", "child_asked", 1,
	                   "child_preference", "The youth worker"),
	         &err),
	     &err);
	int64_t unnamed = -1;
	assert_int_equal(db_query_int64(f->db, &unnamed,
	                                "SELECT count(*) FROM audit_events WHERE"
	                                " (entity_id = $1 OR entity_type = 'return_interview')"
	                                " AND action IN ('create', 'change')"
	                                " AND seq > (SELECT min(seq) FROM audit_events"
	                                " WHERE entity_id = $1) AND coalesce(record_ref, '') <> $2",
	                                "ss", ep, ref),
	                 DB_OK);
	assert_int_equal(unnamed, 0);
	int64_t named = 0;
	assert_int_equal(db_query_int64(f->db, &named,
	                                "SELECT count(*) FROM audit_events WHERE entity_id = $1"
	                                " AND record_ref = $2",
	                                "ss", ep, ref),
	                 DB_OK);
	assert_true(named >= 2); /* the report and the return */
}

/* R-MISS-4: an absence reported late, after its managed timeframe had passed, is missing
 * at once, escalated at the exact time it became due, and the audit names the record. */
static void test_R_MISS_4_late_absence_is_missing_at_once(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX];
	new_child(f, "Edie", "Westwick", "2010-04-04", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *out = report_ok(f, &pc, report_in(child, "absent", "2026-03-10T02:30:00Z"), ep);
	assert_string_equal(json_string_value(json_object_get(out, "classification")), "missing");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-MISS-4");
	json_decref(out);
	char row[200] = "";
	db_query_text(f->db, row, sizeof row,
	              "SELECT e.classification || '|' || c.changed_at FROM episodes e JOIN"
	              " episode_changes c ON c.episode_id = e.id AND c.kind = 'escalation'"
	              " WHERE e.id = $1",
	              "s", ep);
	assert_string_equal(row, "missing|2026-03-10T08:30:00Z");
	/* nothing is left for the scheduler */
	memset(&out, 0, sizeof out);
	struct app_err err = {0};
	assert_int_equal(app_episodes_escalate_due(f->db, FX_NOW, 0, &out, &err), APP_OK);
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(out, "escalated"), i, v)
	{
		assert_string_not_equal(json_string_value(json_object_get(v, "episode_id")), ep);
	}
	json_decref(out);
}

static void test_R_MISS_4_risk_on_absent_escalates(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX];
	new_child(f, "Elsie", "Fairholm", "2009-09-09", false, child);
	struct actor sw = fx_actor(f, "sw.green");
	json_decref(report_ok(f, &sw, report_in(child, "absent", "2026-03-10T11:00:00Z"), ep));
	json_t *out = NULL;
	struct app_err err = {0};
	json_t *in = json_pack("{s:s, s:s}", "risk_level", "medium", "reason",
	                       "Messages from an unknown adult found.");
	assert_int_equal(app_episode_risk(f->db, &sw, ep, in, &out, &err), APP_OK);
	assert_true(json_is_true(json_object_get(out, "escalated")));
	json_decref(in);
	json_decref(out);
}

static void test_R_MISS_5_return_before_report_refused(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX];
	new_child(f, "Fern", "Galloway", "2009-01-01", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_decref(report_ok(f, &pc, report_in(child, "missing", "2026-03-10T08:00:00Z"), ep));
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	assert_int_equal(run(f, app_episode_return, &pc, ep,
	                     json_pack("{s:s}", "returned_at", "2026-03-10T07:00:00Z"), &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "returned_at"));
	assert_int_equal(run(f, app_episode_return, &pc, ep,
	                     json_pack("{s:s}", "returned_at", "2026-03-11T07:00:00Z"), &err),
	                 APP_INVALID); /* in the future */
	fx_assert_counts_unchanged(f, before);
	/* an interview before the return is refused */
	assert_int_equal(run(f, app_return_interview_offer, &pc, ep,
	                     json_pack("{s:s, s:b, s:s}", "interviewer", "Gwen Independent",
	                               "child_asked", 1, "child_preference", "Gwen"),
	                     &err),
	                 APP_CONFLICT);
	assert_string_equal(err.rule, "R-MISS-6");
	assert_int_equal(
	        run(f, app_safe_and_well, &pc, ep,
	            json_pack("{s:s, s:s}", "where_found", "Station", "what_happened", "x"), &err),
	        APP_CONFLICT);
	fx_assert_counts_unchanged(f, before);
}

/* A child with a record, reported, returned and checked by pc.ames. */
static void returned_episode(struct fx *f, const char *given, char ref[32], char ep[ID_MAX])
{
	char child[ID_MAX];
	fx_new_record(f, "teacher.jones", given, "Hartley", "2010-04-04", ref, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *in = report_in(child, "missing", "2026-03-09T20:00:00Z");
	json_object_set_new(in, "parents_carers", json_pack("[s]", "Ivy Hartley"));
	json_decref(report_ok(f, &pc, in, ep));
	struct app_err err;
	must(run(f, app_episode_return, &pc, ep,
	         json_pack("{s:s, s:s, s:s}", "returned_at", "2026-03-10T06:00:00Z", "where",
	                   "Kings Yard flats", "csc_interviewer", "sw.green"),
	         &err),
	     &err);
	must(run(f, app_safe_and_well, &pc, ep,
	         json_pack("{s:s, s:s, s:s, s:b, s:s, s:b}", "where_found", "Kings Yard flats",
	                   "what_happened", "Stayed at a flat with older boys.", "done_at",
	                   "2026-03-10T07:00:00Z", "crime_alleged", 1, "crime_number", "CR 0101/26",
	                   "found_alone", 1),
	         &err),
	     &err);
}

static void test_R_MISS_5_crime_number_linked_to_record(void **state)
{
	struct fx *f = *state;
	char ref[32], ep[ID_MAX];
	returned_episode(f, "Hana", ref, ep);
	int64_t n = 0;
	db_query_int64(f->db, &n,
	               "SELECT count(*) FROM external_refs x JOIN records r ON r.id = x.record_id"
	               " WHERE r.reference = $1 AND x.kind = 'crime_number' AND x.es_flagged = 1",
	               "s", ref);
	assert_int_equal(n, 1);
}

static void test_R_MISS_6_interviewer_independence_refused(void **state)
{
	struct fx *f = *state;
	char ref[32], ep[ID_MAX];
	returned_episode(f, "Iris", ref, ep);
	struct actor sw = fx_actor(f, "sw.green");
	int64_t before[FX_NTABLES], ri = fx_count(f, "return_interviews");
	fx_counts(f, before);
	struct app_err err;
	static const char *const wrong[] = {"Ivy Hartley", "pc.ames", "sw.green"};
	for (size_t i = 0; i < ARRAY_LEN(wrong); i++) {
		assert_int_equal(run(f, app_return_interview_offer, &sw, ep,
		                     json_pack("{s:s, s:b, s:s}", "interviewer", wrong[i],
		                               "child_asked", 1, "child_preference", "Someone new"),
		                     &err),
		                 APP_INVALID);
		assert_string_equal(err.rule, "R-MISS-6");
		assert_true(fx_field(&err, "interviewer"));
	}
	/* the child must be asked whom they want to speak to */
	assert_int_equal(run(f, app_return_interview_offer, &sw, ep,
	                     json_pack("{s:s}", "interviewer", "Jun Independent"), &err),
	                 APP_INVALID);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "return_interviews"), ri);
}

static void test_R_MISS_8_findings_appended_to_record(void **state)
{
	struct fx *f = *state;
	char ref[32], ep[ID_MAX];
	returned_episode(f, "Juno", ref, ep);
	struct actor sw = fx_actor(f, "sw.green");
	struct app_err err;
	must(run(f, app_return_interview_offer, &sw, ep,
	         json_pack("{s:s, s:s, s:b, s:s}", "interviewer", "Kit Independent",
	                   "interviewer_agency", "Safe Steps charity", "child_asked", 1,
	                   "child_preference", "Someone from the charity"),
	         &err),
	     &err);
	/* completion needs findings */
	assert_int_equal(run(f, app_return_interview_record, &sw, ep,
	                     json_pack("{s:s}", "status", "completed"), &err),
	                 APP_INVALID);
	json_t *out = NULL;
	json_t *in = json_pack("{s:s, s:s, s:s}", "status", "completed", "at",
	                       "2026-03-10T11:00:00Z", "findings",
	                       "Juno says an older boy offered a place to stay and a phone.");
	memset(&err, 0, sizeof err);
	int rc = app_return_interview_record(f->db, &sw, ep, in, &out, &err);
	must(rc, &err);
	assert_true(json_is_true(json_object_get(out, "within_72h")));
	assert_non_null(json_object_get(out, "record_entry_id"));
	json_decref(in);
	json_decref(out);
	int64_t n = 0;
	db_query_int64(f->db, &n,
	               "SELECT count(*) FROM record_entries e JOIN records r ON r.id = e.record_id"
	               " WHERE r.reference = $1 AND e.kind = 'return_interview'"
	               " AND e.text LIKE '%older boy offered%'",
	               "s", ref);
	assert_int_equal(n, 1);
}

static void test_R_MISS_9_forensic_decision_and_prompts(void **state)
{
	struct fx *f = *state;
	char ref[32], ep[ID_MAX];
	returned_episode(f, "Kaya", ref, ep);
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *out = NULL;
	struct app_err err = {0};
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_get(f->db, &pc, ep, NULL, &out, &err), APP_OK);
	bool prompted = false;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(out, "prompts"), i, p) prompted |=
	        strcmp(json_string_value(json_object_get(p, "rule")), "R-MISS-9") == 0;
	assert_true(prompted);
	json_decref(out);
	assert_int_equal(run(f, app_forensic_decision, &pc, ep,
	                     json_pack("{s:b, s:b, s:s, s:s}", "clothing", 1, "devices", 0,
	                               "decision", "forensic_strategy", "rationale", "r"),
	                     &err),
	                 APP_INVALID); /* early_evidence_kit not answered */
	must(run(f, app_forensic_decision, &pc, ep,
	         json_pack("{s:b, s:b, s:b, s:s, s:s}", "clothing", 1, "early_evidence_kit", 0,
	                   "devices", 1, "decision", "forensic_strategy", "rationale",
	                   "Clothing and phone seized for examination."),
	         &err),
	     &err);
}

static void test_R_MISS_10_repeat_counts_and_together(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], ep[ID_MAX], epb[ID_MAX];
	new_child(f, "Lena", "Moorcroft", "2009-05-05", true, a);
	new_child(f, "Mina", "Northgate", "2009-06-06", true, b);
	struct actor pc = fx_actor(f, "pc.ames");
	static const char *const starts[] = {"2025-05-01T10:00:00Z", "2026-01-20T10:00:00Z",
	                                     "2026-03-01T10:00:00Z"};
	struct app_err err;
	for (size_t i = 0; i < ARRAY_LEN(starts); i++) {
		json_decref(report_ok(f, &pc, report_in(a, "missing", starts[i]), ep));
		char ret[32];
		snprintf(ret, sizeof ret, "%.11s18:00:00Z", starts[i]);
		must(run(f, app_episode_return, &pc, ep,
		         json_pack("{s:s, s:s, s:[{s:s, s:s}]}", "returned_at", ret, "where",
		                   "Kings Yard flats", "with", "name", "Mina Northgate", "child_id",
		                   b),
		         &err),
		     &err);
	}
	json_decref(report_ok(f, &pc, report_in(b, "missing", "2026-03-01T09:00:00Z"), epb));
	must(run(f, app_episode_return, &pc, epb,
	         json_pack("{s:s, s:s}", "returned_at", "2026-03-01T18:30:00Z", "where",
	                   "Kings Yard Flats"),
	         &err),
	     &err);
	json_t *out = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_child_episodes(f->db, &pc, a, NULL, &out, &err), APP_OK);
	json_t *rep = json_object_get(out, "repeat");
	assert_int_equal(json_integer_value(json_object_get(rep, "days_30")), 1);
	assert_int_equal(json_integer_value(json_object_get(rep, "days_90")), 2);
	assert_int_equal(json_integer_value(json_object_get(rep, "days_365")), 3);
	json_t *co = json_object_get(out, "co_missing");
	assert_true(json_array_size(co) >= 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(co, 0), "child_id")),
	                    b);
	json_decref(out);
	/* seen from the other child too */
	memset(&err, 0, sizeof err);
	assert_int_equal(app_child_episodes(f->db, &pc, b, NULL, &out, &err), APP_OK);
	assert_true(json_array_size(json_object_get(out, "co_missing")) >= 1);
	json_decref(out);
	/* a user who may see Lena but not Mina learns only that another child was involved */
	char health[32], type[32];
	assert_int_equal(store_agency_find(f->db, "North Central Health Trust", health, type),
	                 DB_ROW);
	assert_int_equal(store_child_involve(f->db, a, health, "test", "2026-03-01T00:00:00Z"),
	                 DB_OK);
	struct actor nurse = fx_actor(f, "nurse.hill");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_child_episodes(f->db, &nurse, a, NULL, &out, &err), APP_OK);
	co = json_object_get(out, "co_missing");
	assert_true(json_array_size(co) >= 1);
	assert_true(json_is_true(json_object_get(json_array_get(co, 0), "hidden")));
	assert_null(json_object_get(json_array_get(co, 0), "child_id"));
	assert_null(json_object_get(json_array_get(co, 0), "given_names"));
	json_decref(out);
}

/* Reports and returns an episode of `child` (last seen at the Fernbank Park gates). */
static void episode_between(struct fx *f, const char *child, const char *from, const char *to,
                            const char *found_at)
{
	struct actor pc = fx_actor(f, "pc.ames");
	char ep[ID_MAX];
	json_decref(report_ok(f, &pc, report_in(child, "missing", from), ep));
	struct app_err err;
	must(run(f, app_episode_return, &pc, ep,
	         json_pack("{s:s, s:s}", "returned_at", to, "where", found_at), &err),
	     &err);
}

static void test_R_MISS_10_together_by_place_decided_on_times(void **state)
{
	struct fx *f = *state;
	char c[ID_MAX], d[ID_MAX], e[ID_MAX], g[ID_MAX], h[ID_MAX];
	new_child(f, "Ona", "Pellworth", "2009-02-02", true, c);
	new_child(f, "Pia", "Quenby", "2009-03-03", true, d);
	new_child(f, "Rue", "Sandling", "2009-04-04", true, e);
	new_child(f, "Sol", "Tarrant", "2009-05-05", true, g);
	new_child(f, "Tia", "Umber", "2009-06-06", true, h);
	/* all last seen at the same gates, so every pair shares a place */
	episode_between(f, c, "2026-02-10T10:00:00Z", "2026-02-10T12:00:00Z", "Kings Yard flats");
	/* half an hour together, found at the same place within two hours */
	episode_between(f, d, "2026-02-10T11:30:00Z", "2026-02-10T12:30:00Z", "Kings Yard flats");
	/* over a week before: near enough to be a candidate, never together */
	episode_between(f, e, "2026-02-01T10:00:00Z", "2026-02-03T10:00:00Z", "Kings Yard flats");
	/* two hours missing at the same time, found elsewhere */
	episode_between(f, g, "2026-02-09T08:00:00Z", "2026-02-10T12:00:00Z", "Elm Court");
	/* an hour and a half together, found within the hour but somewhere else */
	episode_between(f, h, "2026-02-10T10:30:00Z", "2026-02-10T13:00:00Z", "Elm Court");
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *out = NULL;
	struct app_err err = {0};
	assert_int_equal(app_child_episodes(f->db, &pc, c, NULL, &out, &err), APP_OK);
	json_t *co = json_object_get(out, "co_missing");
	/* newest other episode first */
	static const char *const how[] = {"same_place", "overlapping", "overlapping"};
	const char *who[] = {d, h, g};
	assert_int_equal(json_array_size(co), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *x = json_array_get(co, i);
		assert_string_equal(json_string_value(json_object_get(x, "child_id")), who[i]);
		assert_string_equal(json_string_value(json_object_get(x, "how")), how[i]);
	}
	assert_int_equal(
	        json_integer_value(json_object_get(json_array_get(co, 0), "overlap_seconds")),
	        1800);
	json_decref(out);
	/* the candidates are kept between changes (together_epoch, migration 027): another
	 * child's new episode is seen at once */
	char k[ID_MAX];
	new_child(f, "Uma", "Vellacott", "2009-07-07", true, k);
	episode_between(f, k, "2026-02-10T11:00:00Z", "2026-02-10T12:15:00Z", "Kings Yard flats");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_child_episodes(f->db, &pc, c, NULL, &out, &err), APP_OK);
	co = json_object_get(out, "co_missing");
	assert_int_equal(json_array_size(co), 4); /* newest first: after Pia's (11:30) */
	assert_string_equal(json_string_value(json_object_get(json_array_get(co, 1), "child_id")),
	                    k);
	json_decref(out);
	/* a child id that is well formed but unknown */
	char none[ID_MAX];
	id_new("ch", none);
	out = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_child_episodes(f->db, &f->sys, none, NULL, &out, &err), APP_NOT_FOUND);
	assert_null(out);
}

static void test_R_DL_1_deadlines_owner_and_supervisor(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX];
	new_child(f, "Nell", "Oakridge", "2009-07-07", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_decref(report_ok(f, &pc, report_in(child, "missing", "2026-03-05T10:00:00Z"), ep));
	struct app_err err;
	must(run(f, app_episode_return, &pc, ep,
	         json_pack("{s:s, s:s}", "returned_at", "2026-03-06T10:00:00Z", "where",
	                   "Home address"),
	         &err),
	     &err);
	/* due 2026-03-09T10:00Z: overdue at FX_NOW */
	json_t *out = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_deadlines(f->db, &pc, NULL, NULL, &out, &err), APP_OK);
	json_t *mine = json_array_get(json_object_get(out, "sections"), 0);
	assert_string_equal(json_string_value(json_object_get(mine, "key")), "missing_deadlines");
	bool found = false;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(mine, "items"), i, it)
	{
		if (strcmp(json_string_value(json_object_get(it, "episode_id")), ep) == 0) {
			found = true;
			assert_string_equal(json_string_value(json_object_get(it, "state")), "red");
			assert_string_equal(json_string_value(json_object_get(it, "rule")),
			                    "R-DL-1");
		}
	}
	assert_true(found);
	json_decref(out);
	/* R-DL-9: the police supervisor sees it as overdue */
	struct actor ps = fx_actor(f, "ps.dunn");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_deadlines(f->db, &ps, NULL, NULL, &out, &err), APP_OK);
	json_t *over = NULL;
	json_array_foreach(json_object_get(out, "sections"), i, it)
	{
		if (strcmp(json_string_value(json_object_get(it, "key")), "missing_overdue") == 0)
			over = it;
	}
	assert_non_null(over);
	assert_true(json_integer_value(json_object_get(over, "count")) >= 1);
	json_decref(out);
	/* amber 14 hours before the due time */
	memset(&err, 0, sizeof err);
	struct actor early = pc;
	early.now = FX_NOW - 40 * HOUR;
	assert_int_equal(app_episode_deadlines(f->db, &early, NULL, NULL, &out, &err), APP_OK);
	mine = json_array_get(json_object_get(out, "sections"), 0);
	json_array_foreach(json_object_get(mine, "items"), i, it)
	{
		if (strcmp(json_string_value(json_object_get(it, "episode_id")), ep) == 0)
			assert_string_equal(json_string_value(json_object_get(it, "state")),
			                    "amber");
	}
	json_decref(out);
}

static int64_t export_events(struct fx *f)
{
	int64_t n = -1;
	assert_int_equal(
	        db_query_int64(f->db, &n,
	                       "SELECT count(*) FROM audit_events WHERE action = 'export'"
	                       " AND entity_type IN ('ssda903_missing', 'annex_a_missing')",
	                       ""),
	        DB_OK);
	return n;
}

static void test_exports_audited(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX];
	new_child(f, "Opal", "Pennington", "2009-08-08", true, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_decref(report_ok(f, &pc, report_in(child, "missing", "2026-02-01T10:00:00Z"), ep));
	char *csv = NULL;
	struct app_err err = {0};
	memset(&err, 0, sizeof err);
	assert_int_equal(app_export_ssda903(f->db, &pc, "2026-02-01", "2026-02-28", &csv, &err),
	                 APP_FORBIDDEN);
	int64_t exports = export_events(f);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_export_ssda903(f->db, &f->sys, "2026-02-01", "2026-02-28", &csv, &err),
	                 APP_OK);
	char row[128];
	snprintf(row, sizeof row, "%s,M,01/02/2026,", child);
	assert_non_null(strstr(csv, row));
	free(csv);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_export_annex_a(f->db, &f->sys, "2026-02-01", "2026-02-28", &csv, &err),
	                 APP_OK);
	assert_non_null(strstr(csv, child));
	free(csv);
	assert_int_equal(export_events(f), exports + 2);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_export_annex_a(f->db, &f->sys, "2026-02-28", "2026-02-01", &csv, &err),
	                 APP_INVALID);
}

static void test_profile_shared_when_episode_opens(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX];
	new_child(f, "Pia", "Quarrington", "2010-10-10", false, child);
	struct actor sw = fx_actor(f, "sw.green");
	struct app_err err;
	must(run(f, app_profile_update, &f->sys, child,
	         json_pack("{s:s, s:[s], s:[s]}", "description",
	                   "Slim, short dark hair, green coat.", "places", "Fernbank Park",
	                   "phone_numbers", "07700 900123"),
	         &err),
	     &err);
	json_t *out = report_ok(f, &sw, report_in(child, "missing", "2026-03-10T09:00:00Z"), NULL);
	assert_true(json_is_object(json_object_get(out, "profile")));
	json_decref(out);
	char *text = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_profile_print(f->db, &sw, child, &text, &err), APP_OK);
	assert_non_null(strstr(text, "Fernbank Park"));
	free(text);
	assert_true(fx_audit_count(f, "disclose", child) >= 2);
}

static void test_visibility_and_roles(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ep[ID_MAX];
	new_child(f, "Quin", "Redfern", "2009-11-11", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	json_decref(report_ok(f, &pc, report_in(child, "missing", "2026-03-10T09:00:00Z"), ep));
	struct actor nurse = fx_actor(f, "nurse.irwin"), aud = fx_actor(f, "aud.king");
	json_t *out = NULL;
	struct app_err err = {0};
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_get(f->db, &nurse, ep, NULL, &out, &err), APP_NOT_FOUND);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_report(f->db, &aud, NULL, report_in(child, "missing", NULL),
	                                    &out, &err),
	                 APP_FORBIDDEN);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_episode_get(f->db, &pc, "mep_nonexistent", NULL, &out, &err),
	                 APP_NOT_FOUND);
	fx_assert_audit_intact(f);
}

/* A failure after the episode row is written (an unknown child among the companions)
 * rolls the whole report back. */
static void test_atomic_report_rolls_back(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX];
	new_child(f, "Rue", "Saltmarsh", "2009-12-12", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	int64_t before[FX_NTABLES], eps = fx_count(f, "episodes"),
	                            changes = fx_count(f, "episode_changes");
	fx_counts(f, before);
	json_t *in = report_in(child, "missing", "2026-03-10T09:00:00Z");
	json_object_set_new(in, "last_seen_with",
	                    json_pack("[{s:s, s:s}]", "name", "Sol Unknown", "child_id",
	                              "ch_0000000000000000000z"));
	json_t *out = NULL;
	struct app_err err = {0};
	assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_INVALID);
	assert_null(out);
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "episodes"), eps);
	assert_int_equal(fx_count(f, "episode_changes"), changes);
	fx_assert_audit_intact(f);
}

/* A struct app_err reused from a failed call never makes the next call fail. */
static void test_app_err_reused_after_failure(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX];
	new_child(f, "Rhea", "Sandford", "2014-01-05", false, child);
	struct actor pc = fx_actor(f, "pc.ames");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in = report_in(child, "absent", "2026-03-10T10:00:00Z");
	assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_INVALID);
	assert_int_not_equal(err.code, APP_OK);
	json_decref(in);
	/* the same err, not reset by the caller */
	in = report_in(child, "missing", "2026-03-10T10:00:00Z");
	assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_OK);
	assert_int_equal(err.code, APP_OK);
	assert_int_equal(err.nfields, 0);
	assert_null(err.rule);
	json_decref(in);
	json_decref(out);
	out = NULL;
	/* and a use case outside the episodes: a child lookup */
	err.code = APP_INVALID;
	err.nfields = 3;
	assert_int_equal(app_child_get(f->db, &pc, child, NULL, &out, &err), APP_OK);
	assert_int_equal(err.nfields, 0);
	json_decref(out);
	app_err_clear(&err);
	assert_int_equal(err.code, APP_OK);
	app_err_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_MISS_2_absent_refused_for_12_year_old),
	        cmocka_unit_test(test_R_MISS_3_absent_refused_with_open_record),
	        cmocka_unit_test(test_R_MISS_4_escalation_recorded_with_reason),
	        cmocka_unit_test(test_R_MISS_4_late_absence_is_missing_at_once),
	        cmocka_unit_test(test_R_INFO_2_episode_events_name_the_record),
	        cmocka_unit_test(test_R_MISS_7_home_authority_sees_the_return_interview),
	        cmocka_unit_test(test_R_MISS_4_risk_on_absent_escalates),
	        cmocka_unit_test(test_R_MISS_5_return_before_report_refused),
	        cmocka_unit_test(test_R_MISS_5_crime_number_linked_to_record),
	        cmocka_unit_test(test_R_MISS_6_interviewer_independence_refused),
	        cmocka_unit_test(test_R_MISS_8_findings_appended_to_record),
	        cmocka_unit_test(test_R_MISS_9_forensic_decision_and_prompts),
	        cmocka_unit_test(test_R_MISS_10_repeat_counts_and_together),
	        cmocka_unit_test(test_app_err_reused_after_failure),
	        cmocka_unit_test(test_R_MISS_10_together_by_place_decided_on_times),
	        cmocka_unit_test(test_R_DL_1_deadlines_owner_and_supervisor),
	        cmocka_unit_test(test_exports_audited),
	        cmocka_unit_test(test_profile_shared_when_episode_opens),
	        cmocka_unit_test(test_visibility_and_roles),
	        cmocka_unit_test(test_atomic_report_rolls_back),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

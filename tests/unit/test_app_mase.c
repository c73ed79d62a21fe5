/*
 * test_app_mase.c: the multi-agency meeting use cases (src/app/mase.h) against a real
 * database, named after the rules they apply: R-MASE-1 and R-DL-5 (a borough's schedule
 * and the next meeting due, in the work queue), R-MASE-2 and R-MASE-3 (a meeting that
 * breaks the rank and membership rules is recorded and flagged), R-MASE-4 (a case not
 * referred before the meeting is refused), R-MASE-5 (an agenda item about a child the
 * reader may not see is not shown to them), R-MASE-6 and R-MASE-9 (the sections of the
 * generated agenda and the linked-case place), R-MASE-7 (a decision and its action
 * carried into the next agenda's review) and R-MASE-8 (the chair's duties, by the chair
 * only). Every refusal is checked to have written nothing. All names are synthetic.
 */
#include "concern_fixture.h"

#include "protocol/reports.h"
#include "util/config.h"

#include "app/board.h"
#include "app/mase.h"
#include "app/outcome_reviews.h"
#include "app/plans.h"
#include "app/work.h"

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static long atoi_safe(const char *s)
{
	return s ? strtol(s, NULL, 10) : -1;
}

static int64_t rows(struct fx *f, const char *table)
{
	return fx_count(f, table);
}

/* Runs `fn` as `user` expecting `code` (and `rule` when not NULL); nothing written to
 * the meeting tables. */
static void refused(struct fx *f, cx_use_case fn, const char *user, const char *id, json_t *in,
                    int code, const char *rule)
{
	int64_t m = rows(f, "mase_meetings"), c = rows(f, "mase_cases"),
	        s = rows(f, "mase_schedules"), a = rows(f, "mase_attendees");
	json_t *out;
	struct app_err err;
	int rc = cx_call(f, fn, user, id, in, &out, &err);
	if (rc != code)
		fail_msg("expected %d, got %d: %s", code, rc, err.message);
	if (rule) {
		assert_non_null(err.rule);
		assert_string_equal(err.rule, rule);
	}
	assert_null(out);
	assert_int_equal(rows(f, "mase_meetings"), m);
	assert_int_equal(rows(f, "mase_cases"), c);
	assert_int_equal(rows(f, "mase_schedules"), s);
	assert_int_equal(rows(f, "mase_attendees"), a);
}

/* The full membership, chaired by ps.clark at Chief Inspector rank. */
static json_t *full_attendees(void)
{
	return json_pack("[{s:s, s:s, s:s, s:s, s:b}, {s:s, s:s, s:s}, {s:s, s:s}, {s:s, s:s},"
	                 " {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]",
	                 "name", "Demo Chair", "username", "ps.clark", "member", "police", "rank",
	                 "chief_inspector", "chair", 1, "name", "Demo DI", "member", "police",
	                 "rank", "detective_inspector", "name", "Demo SW", "member",
	                 "childrens_social_care", "name", "Demo Nurse", "member", "health", "name",
	                 "Demo Teacher", "member", "education", "name", "Demo Worker", "member",
	                 "support_service", "name", "Demo YOS", "member", "youth_offending");
}

static void meeting(struct fx *f, const char *held_at, json_t *attendees, char id[ID_MAX])
{
	cx_id(cx_ok(f, app_mase_meeting_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:o}", "borough", "Camden", "held_at", held_at,
	                      "attendees", attendees)),
	      id);
}

/* The section `code` of an agenda. */
static json_t *section(json_t *agenda, const char *code)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(agenda, "sections"), i,
	                   s) if (strcmp(str(s, "code"), code) == 0) return s;
	fail_msg("no section %s", code);
	return NULL;
}

static json_t *item_for(json_t *sec, const char *ref)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(sec, "items"), i,
	                   it) if (str(it, "record_ref") &&
	                           strcmp(str(it, "record_ref"), ref) == 0) return it;
	return NULL;
}

static void test_R_MASE_1_schedule_gives_the_next_meeting_due(void **state)
{
	struct fx *f = *state;
	refused(f, app_mase_schedule_set, "sw.green", "Camden",
	        json_pack("{s:s, s:i, s:i, s:s}", "rule", "nth_weekday", "nth", 2, "weekday", 2,
	                  "time", "10:00"),
	        APP_FORBIDDEN, NULL);
	refused(f, app_mase_schedule_set, "ps.clark", "Camden",
	        json_pack("{s:s, s:i, s:i, s:s}", "rule", "nth_weekday", "nth", 7, "weekday", 2,
	                  "time", "10:00"),
	        APP_INVALID, "R-MASE-1");
	json_t *o = cx_ok(f, app_mase_schedule_set, "ps.clark", "Camden",
	                  json_pack("{s:s, s:i, s:i, s:s}", "rule", "nth_weekday", "nth", 2,
	                            "weekday", 2, "time", "10:00"));
	/* set on Tuesday 10 March 2026 at noon: the second Tuesday of March is today, within
	 * the early window, so the next is the second Tuesday of April at 10:00 BST */
	struct mase_schedule s = {MASE_NTH_WEEKDAY, 2, 2, 0, 10, 0};
	int64_t due;
	struct proto_err pe;
	assert_int_equal(mase_next_due(&s, FX_NOW, &due, &pe), 0);
	char want[LT_TIME_LEN];
	ltime_format(due, want);
	json_t *nd = json_object_get(o, "next_due");
	assert_string_equal(str(nd, "due_at"), want);
	assert_string_equal(str(nd, "rule"), "R-DL-5");
	assert_string_equal(str(o, "meeting_name"), "MASE");
	json_decref(o);
}

static void test_R_DL_5_next_meeting_in_the_supervisors_queue(void **state)
{
	struct fx *f = *state;
	json_t *q = cx_ok(f, app_work_queue, "ps.clark", NULL, NULL);
	size_t i;
	json_t *s, *found = NULL;
	json_array_foreach(json_object_get(q, "sections"), i,
	                   s) if (strcmp(str(s, "key"), "mase_next") == 0) found = s;
	assert_non_null(found);
	assert_int_equal(json_integer_value(json_object_get(found, "count")), 1);
	assert_string_equal(str(json_array_get(json_object_get(found, "items"), 0), "subject"),
	                    "Camden");
	json_decref(q);
	/* a nurse has no such section */
	q = cx_ok(f, app_work_queue, "nurse.hill", NULL, NULL);
	json_array_foreach(json_object_get(q, "sections"), i, s)
	        assert_string_not_equal(str(s, "key"), "mase_next");
	json_decref(q);
}

static void test_R_MASE_2_R_MASE_3_meeting_breaking_the_rules_is_flagged(void **state)
{
	struct fx *f = *state;
	json_t *att = json_pack("[{s:s, s:s, s:s, s:b}, {s:s, s:s}]", "name", "Demo Sergeant",
	                        "member", "police", "rank", "sergeant", "chair", 1, "name",
	                        "Demo SW", "member", "childrens_social_care");
	json_t *o = cx_ok(f, app_mase_meeting_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:o}", "borough", "Camden", "held_at",
	                            "2026-02-10T10:00:00Z", "attendees", att));
	assert_true(json_is_true(json_object_get(o, "flagged")));
	json_t *gaps = json_object_get(o, "gaps");
	assert_true(cx_has(gaps, "code", "chair_below_inspector"));
	assert_true(cx_has(gaps, "code", "police_below_di"));
	assert_true(cx_has(gaps, "member", "health"));
	assert_true(cx_has(gaps, "member", "youth_offending"));
	assert_false(cx_has(gaps, "member", "police"));
	json_decref(o);
	/* no chair at all cannot be recorded (R-MASE-2); nor an unknown member (R-MASE-3) */
	refused(f, app_mase_meeting_add, "ps.clark", NULL,
	        json_pack("{s:s, s:s, s:[{s:s, s:s, s:s}]}", "borough", "Camden", "held_at",
	                  "2026-02-10T10:00:00Z", "attendees", "name", "X", "member", "police",
	                  "rank", "inspector"),
	        APP_INVALID, "R-MASE-2");
	refused(f, app_mase_meeting_add, "ps.clark", NULL,
	        json_pack("{s:s, s:s, s:[{s:s, s:s, s:s, s:b}, {s:s, s:s}]}", "borough", "Camden",
	                  "held_at", "2026-02-10T10:00:00Z", "attendees", "name", "X", "member",
	                  "police", "rank", "inspector", "chair", 1, "name", "Y", "member",
	                  "astrology"),
	        APP_INVALID, "R-MASE-3");
	refused(f, app_mase_meeting_add, "nurse.hill", NULL,
	        json_pack("{s:s, s:s, s:o}", "borough", "Camden", "held_at", "2026-02-10T10:00:00Z",
	                  "attendees", full_attendees()),
	        APP_FORBIDDEN, NULL);
	char id[ID_MAX];
	meeting(f, "2026-02-11T10:00:00Z", full_attendees(), id);
	o = cx_ok(f, app_mase_meeting_get, "ps.clark", id, NULL);
	assert_false(json_is_true(json_object_get(o, "flagged")));
	assert_int_equal(json_array_size(json_object_get(o, "gaps")), 0);
	json_decref(o);
}

static void test_R_MASE_4_case_not_referred_before_the_meeting_refused(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], old[ID_MAX];
	fx_new_record(f, "sw.green", "Ada", "Demoson", "2012-05-01", ref, child);
	meeting(f, "2025-01-14T10:00:00Z", full_attendees(), old);
	refused(f, app_mase_case_decide, "ps.clark", old,
	        json_pack("{s:s, s:s}", "record_ref", ref, "decision", "Discussed."), APP_INVALID,
	        "R-MASE-4");
}

static void test_R_MASE_6_R_MASE_9_agenda_sections_and_linked_case_place(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "sw.green", "Bea", "Demoford", "2011-07-02", ref, child);
	json_t *a = cx_ok(f, app_mase_agenda, "ps.clark", "Camden", NULL);
	json_t *secs = json_object_get(a, "sections");
	assert_int_equal(json_array_size(secs), 8);
	static const char *const codes[] = {"compliance",     "new_cases",    "review_cases",
	                                    "out_of_borough", "cross_border", "perpetrators",
	                                    "locations",      "linked_cases"};
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(str(json_array_get(secs, i), "code"), codes[i]);
	assert_non_null(item_for(section(a, "new_cases"), ref));
	json_t *linked = section(a, "linked_cases");
	/* nothing links this child: the section says so (R-MASE-9, R-CAT-7) */
	assert_int_equal(json_array_size(json_object_get(linked, "items")), 0);
	assert_non_null(strstr(str(linked, "note"), "No child in category 1"));
	json_t *c = json_object_get(section(a, "compliance"), "compliance");
	assert_non_null(c);
	assert_int_equal(json_integer_value(json_object_get(c, "difference")),
	                 json_integer_value(json_object_get(c, "police")) -
	                         json_integer_value(json_object_get(c, "csc")));
	json_decref(a);
}

static void test_R_MASE_5_item_not_shown_to_a_reader_who_may_not_see_the_child(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "sw.green", "Cleo", "Demowick", "2010-03-03", ref, child);
	json_t *a = cx_ok(f, app_mase_agenda, "nurse.irwin", "Camden", NULL);
	assert_null(item_for(section(a, "new_cases"), ref));
	assert_true(json_integer_value(json_object_get(a, "withheld")) >= 1);
	json_decref(a);
	a = cx_ok(f, app_mase_agenda, "sw.green", "Camden", NULL);
	json_t *it = item_for(section(a, "new_cases"), ref);
	assert_non_null(it);
	assert_string_equal(str(it, "view"), "full");
	assert_string_equal(str(it, "child_name"), "Cleo Demowick");
	json_decref(a);
	refused(f, app_mase_agenda, "aud.king", "Camden", NULL, APP_FORBIDDEN, NULL);
}

static void test_R_MASE_7_decision_and_action_carried_into_the_review(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], id[ID_MAX];
	fx_new_record(f, "sw.green", "Dina", "Demoley", "2011-09-09", ref, child);
	meeting(f, "2026-03-10T12:00:00Z", full_attendees(), id);
	json_t *o = cx_ok(f, app_mase_case_decide, "ps.clark", id,
	                  json_pack("{s:s, s:s}", "record_ref", ref, "decision",
	                            "Refer to the support service."));
	json_decref(o);
	char act[ID_MAX];
	cx_id(cx_ok(f, app_action_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:s, s:s, s:s}", "text", "Visit the school.",
	                      "owner_agency", "Camden Police", "record_ref", ref, "due_on",
	                      "2026-03-24", "meeting_id", id)),
	      act);
	json_t *a = cx_ok(f, app_mase_agenda, "ps.clark", "Camden",
	                  json_pack("{s:s}", "at", "2026-04-14T09:00:00Z"));
	assert_null(item_for(section(a, "new_cases"), ref));
	json_t *it = item_for(section(a, "review_cases"), ref);
	assert_non_null(it);
	assert_string_equal(str(it, "last_decision"), "Refer to the support service.");
	assert_true(cx_has(json_object_get(it, "actions"), "id", act));
	json_decref(a);
	o = cx_ok(f, app_mase_meeting_get, "ps.clark", id, NULL);
	json_t *c = json_array_get(json_object_get(o, "cases"), 0);
	assert_string_equal(str(c, "record_ref"), ref);
	assert_int_equal(json_array_size(json_object_get(c, "actions")), 1);
	json_decref(o);
	/* R-MASE-5, R-INFO-3: restricted, the case is listed without its decision for all
	 * but entitled police */
	assert_int_equal(
	        db_run(f->db, "UPDATE records SET restricted = 1 WHERE reference = $1", "s", ref),
	        DB_OK);
	o = cx_ok(f, app_mase_meeting_get, "sw.green", id, NULL);
	c = json_array_get(json_object_get(o, "cases"), 0);
	assert_string_equal(str(c, "view"), "listed");
	assert_null(strstr(str(c, "decision"), "support service"));
	assert_int_equal(json_array_size(json_object_get(c, "actions")), 0);
	json_decref(o);
	assert_int_equal(
	        db_run(f->db, "UPDATE records SET restricted = 0 WHERE reference = $1", "s", ref),
	        DB_OK);
	/* the nurse who does not see the child is not shown the case at the meeting */
	o = cx_ok(f, app_mase_meeting_get, "nurse.irwin", id, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "cases")), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "withheld")), 1);
	json_decref(o);
}

static json_t *duties(bool d1_done, const char *d1_note)
{
	return json_pack("{s:[{s:b, s:s?}, {s:b}, {s:b}, {s:b}, {s:b}]}", "duties", "done", d1_done,
	                 "note", d1_note, "done", 1, "done", 1, "done", 1, "done", 1);
}

static void test_R_MASE_8_chairs_duties_by_the_chair_only(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	meeting(f, "2026-03-03T10:00:00Z", full_attendees(), id);
	refused(f, app_mase_duties, "ps.dunn", id, duties(true, NULL), APP_INVALID, "R-MASE-8");
	refused(f, app_mase_duties, "ps.clark", id, duties(false, NULL), APP_INVALID, "R-MASE-8");
	json_t *o = cx_ok(f, app_mase_duties, "ps.clark", id, duties(true, NULL));
	json_t *d = json_object_get(o, "duties");
	assert_int_equal(json_array_size(d), 5);
	assert_string_equal(str(json_array_get(d, 0), "code"), "D1");
	json_decref(o);
}

/* The figure `label` of section `code` of a board report. */
static const char *report_figure(json_t *r, const char *code, const char *label)
{
	size_t i, j;
	json_t *s, *f;
	json_array_foreach(json_object_get(r, "sections"), i,
	                   s) if (strcmp(str(s, "code"), code) == 0)
	        json_array_foreach(json_object_get(s, "figures"), j,
	                           f) if (strcmp(str(f, "label"), label) == 0) return str(f,
	                                                                                  "value");
	fail_msg("no figure %s", label);
	return NULL;
}

static void test_R_RPT_1_board_report_counts_meetings_and_gaps(void **state)
{
	struct fx *f = *state;
	json_t *r = cx_ok(f, app_board_report, "ps.clark", "Camden",
	                  json_pack("{s:s, s:s}", "from", "2026-01-01", "to", "2026-03-10"));
	assert_false(json_is_true(json_object_get(r, "empty")));
	/* the meetings of the tests above: the flagged one of 10 February among them */
	assert_true(atoi_safe(report_figure(r, "agency_performance", "Meetings held")) >= 2);
	assert_true(atoi_safe(report_figure(r, "agency_performance",
	                                    "Meetings flagged for rank or membership (R-MASE-2, "
	                                    "R-MASE-3)")) >= 1);
	assert_true(atoi_safe(report_figure(
	                    r, "volume", "Children whose record was opened in the period")) >= 1);
	json_decref(r);
	r = cx_ok(f, app_board_report, "ps.clark", "Camden",
	          json_pack("{s:s, s:s}", "from", "2001-01-01", "to", "2001-12-31"));
	assert_true(json_is_true(json_object_get(r, "empty")));
	assert_string_equal(str(r, "empty_text"), RPT_EMPTY_TEXT);
	json_decref(r);
	refused(f, app_board_report, "ps.clark", "Camden",
	        json_pack("{s:s, s:s}", "from", "2026-03-01", "to", "2026-02-01"), APP_INVALID,
	        NULL);
	refused(f, app_board_report, "aud.king", "Camden",
	        json_pack("{s:s, s:s}", "from", "2026-01-01", "to", "2026-02-01"), APP_FORBIDDEN,
	        NULL);
}

/* A review with every outcome at `score`, `first` scored `f`. */
static json_t *review_in(const char *at, int all, int f)
{
	json_t *s = json_object();
	size_t n;
	const struct ref_item *items = ref_table(REF_CHILD_OUTCOMES, &n);
	for (size_t i = 0; i < n; i++)
		json_object_set_new(s, items[i].code, json_integer(i == 0 ? f : all));
	return json_pack("{s:s, s:o}", "reviewed_at", at, "scores", s);
}

static void test_R_OUTC_1_R_DL_8_distance_travelled_and_next_review(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX];
	fx_new_record(f, "sw.green", "Eve", "Demoport", "2011-01-15", ref, child);
	refused(f, app_outcome_review_add, "sw.green", ref,
	        json_pack("{s:{s:i}}", "scores", "missing_reduced", 3), APP_INVALID, "R-OUTC-1");
	refused(f, app_outcome_review_add, "aud.king", ref, review_in("2026-01-01T10:00:00Z", 3, 1),
	        APP_FORBIDDEN, NULL);
	json_decref(cx_ok(f, app_outcome_review_add, "sw.green", ref,
	                  review_in("2025-12-01T10:00:00Z", 3, 1)));
	json_t *v = cx_ok(f, app_outcome_review_add, "sw.green", ref,
	                  review_in("2026-03-01T10:00:00Z", 3, 4));
	json_t *d = json_object_get(v, "distance");
	assert_int_equal(json_integer_value(json_object_get(d, "improved")), 1);
	assert_int_equal(json_integer_value(json_object_get(d, "same")), 12);
	assert_int_equal(json_integer_value(json_object_get(d, "total")), 3);
	assert_int_equal(json_integer_value(json_object_get(d, "days")), 90);
	/* R-DL-8: three months after the latest review: 1 June 2026, 10:00 London (09:00 UTC) */
	json_t *due = json_object_get(v, "next_due");
	assert_string_equal(str(due, "due_at"), "2026-06-01T09:00:00Z");
	assert_non_null(strstr(str(v, "svg"), "Distance travelled"));
	json_decref(v);
	/* R-DL-8: in the allocated social worker's queue, when the child is allocated */
	assert_int_equal(db_run(f->db,
	                        "UPDATE children SET social_worker_id = (SELECT id FROM users"
	                        " WHERE username = 'sw.green') WHERE id = $1",
	                        "s", child),
	                 DB_OK);
	json_t *q = cx_ok(f, app_work_queue, "sw.green", NULL, NULL);
	size_t i;
	json_t *sec, *found = NULL;
	json_array_foreach(json_object_get(q, "sections"), i,
	                   sec) if (strcmp(str(sec, "key"), "outcome_reviews") == 0) found = sec;
	assert_non_null(found);
	assert_true(cx_has(json_object_get(found, "items"), "subject_id", ref));
	assert_true(cx_has(json_object_get(found, "items"), "due_at", "2026-06-01T09:00:00Z"));
	json_decref(q);
	/* a nurse who may not see the child: as if there were no record */
	refused(f, app_outcome_reviews, "nurse.irwin", ref, NULL, APP_NOT_FOUND, NULL);
}

static void test_R_MASE_1_the_name_is_a_setting(void **state)
{
	struct fx *f = *state;
	struct config c;
	char msg[128];
	config_defaults(&c);
	assert_string_equal(c.meeting_name, "MASE");
	assert_int_equal(config_set(&c, "meeting_name", "MACE", msg, sizeof msg), 0);
	assert_int_equal(config_set(&c, "meeting_name", "MICE", msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "MASE or MACE"));
	assert_string_equal(c.meeting_name, "MACE");
	mase_set_name(MASE_NAME_MACE);
	json_t *o = cx_ok(f, app_mase_borough, "ps.clark", "Camden", NULL);
	assert_string_equal(str(o, "meeting_name"), "MACE");
	json_decref(o);
	char id[ID_MAX];
	meeting(f, "2026-03-09T10:00:00Z", full_attendees(), id);
	o = cx_ok(f, app_mase_meeting_get, "ps.clark", id, NULL);
	assert_string_equal(str(o, "name"), "MACE"); /* kept with the meeting */
	json_decref(o);
	mase_set_name(MASE_NAME_MASE);
	o = cx_ok(f, app_mase_meeting_get, "ps.clark", id, NULL);
	assert_string_equal(str(o, "name"), "MACE");
	json_decref(o);
}

/* R-MASE-7, R-MASE-8: the MASE chair, who is not a practitioner, records the meeting's
 * decision, the actions it agreed (owner, due date, the tactical option served) and the
 * marks of the case's tactical options checklist, with the meeting's id; and the duties.
 * Outside a meeting the chair records no plan; an unknown meeting is refused by name; the
 * chair changes the meeting's actions only. Each refusal writes nothing. */
static void test_R_MASE_7_chair_records_decisions_actions_and_tactics(void **state)
{
	struct fx *f = *state;
	fx_user(f, "chair.vale", "Camden Police", "mase_chair");
	char ref[32], child[ID_MAX], id[ID_MAX], act[ID_MAX], other[ID_MAX];
	fx_new_record(f, "sw.green", "Ezra", "Demowell", "2011-08-08", ref, child);
	json_t *att = full_attendees();
	json_object_set_new(json_array_get(att, 0), "username", json_string("chair.vale"));
	cx_id(cx_ok(f, app_mase_meeting_add, "chair.vale", NULL,
	            json_pack("{s:s, s:s, s:o}", "borough", "Camden", "held_at",
	                      "2026-03-10T12:00:00Z", "attendees", att)),
	      id);
	json_decref(cx_ok(f, app_mase_case_decide, "chair.vale", id,
	                  json_pack("{s:s, s:s}", "record_ref", ref, "decision",
	                            "Disrupt the address; support service to engage.")));
	int64_t acts = rows(f, "plan_actions"), marks = rows(f, "tactic_marks");
	json_t *out;
	struct app_err err;
#define ACTION(meeting)                                                                            \
	json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "text", "Visit the hotel with licensing.",    \
	          "owner_agency", "Camden Police", "record_ref", ref, "due_on", "2026-03-31",      \
	          "tactic", "T12", "meeting_id", meeting)
	assert_int_equal(cx_call(f, app_action_add, "chair.vale", NULL, ACTION(NULL), &out, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(cx_call(f, app_action_add, "chair.vale", NULL,
	                         ACTION("mtg_00000000000000000000"), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "meeting_id"));
	assert_int_equal(cx_call(f, app_action_add, "aud.king", NULL, ACTION(id), &out, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(rows(f, "plan_actions"), acts);
	cx_id(cx_ok(f, app_action_add, "chair.vale", NULL, ACTION(id)), act);
#undef ACTION
	/* the tactical option, marked at the meeting */
	json_t *mark =
	        json_pack("{s:s, s:s, s:s, s:s}", "code", "T12", "mark", "considered", "note",
	                  "Hotel CCTV staff to be briefed.", "owner", "Camden Police");
	assert_int_equal(
	        cx_call(f, app_tactic_mark, "chair.vale", ref, json_deep_copy(mark), &out, &err),
	        APP_FORBIDDEN);
	assert_int_equal(rows(f, "tactic_marks"), marks);
	json_object_set_new(mark, "meeting_id", json_string(id));
	json_t *t = cx_ok(f, app_tactic_mark, "chair.vale", ref, mark);
	bool found = false;
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(t, "options"), i, o)
	{
		if (strcmp(str(o, "code"), "T12") == 0) {
			found = true;
			assert_string_equal(str(o, "mark"), "considered");
			assert_string_equal(str(o, "meeting_id"), id);
		}
	}
	assert_true(found);
	json_decref(t);
	/* the meeting shows the decision and the action with its tactical option */
	o = cx_ok(f, app_mase_meeting_get, "chair.vale", id, NULL);
	json_t *c = json_array_get(json_object_get(o, "cases"), 0);
	assert_string_equal(str(c, "record_ref"), ref);
	json_t *a = json_array_get(json_object_get(c, "actions"), 0);
	assert_string_equal(str(a, "id"), act);
	assert_string_equal(str(a, "tactic"), "T12");
	json_decref(o);
	/* the chair changes the meeting's action, not one agreed elsewhere */
	json_decref(cx_ok(f, app_action_update, "chair.vale", act,
	                  json_pack("{s:s}", "due_on", "2026-04-07")));
	cx_id(cx_ok(f, app_action_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:s, s:s}", "text", "Call the school.", "owner_agency",
	                      "Camden Police", "record_ref", ref, "due_on", "2026-03-31")),
	      other);
	assert_int_equal(cx_call(f, app_action_update, "chair.vale", other,
	                         json_pack("{s:s}", "due_on", "2026-04-07"), &out, &err),
	                 APP_FORBIDDEN);
	/* R-MASE-8: and the duties, as the meeting's chair */
	o = cx_ok(f, app_mase_duties, "chair.vale", id, duties(true, NULL));
	assert_int_equal(json_array_size(json_object_get(o, "duties")), 5);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_MASE_1_schedule_gives_the_next_meeting_due),
	        cmocka_unit_test(test_R_DL_5_next_meeting_in_the_supervisors_queue),
	        cmocka_unit_test(test_R_MASE_2_R_MASE_3_meeting_breaking_the_rules_is_flagged),
	        cmocka_unit_test(test_R_MASE_4_case_not_referred_before_the_meeting_refused),
	        cmocka_unit_test(test_R_MASE_6_R_MASE_9_agenda_sections_and_linked_case_place),
	        cmocka_unit_test(
	                test_R_MASE_5_item_not_shown_to_a_reader_who_may_not_see_the_child),
	        cmocka_unit_test(test_R_MASE_7_decision_and_action_carried_into_the_review),
	        cmocka_unit_test(test_R_MASE_8_chairs_duties_by_the_chair_only),
	        cmocka_unit_test(test_R_MASE_7_chair_records_decisions_actions_and_tactics),
	        cmocka_unit_test(test_R_RPT_1_board_report_counts_meetings_and_gaps),
	        cmocka_unit_test(test_R_OUTC_1_R_DL_8_distance_travelled_and_next_review),
	        cmocka_unit_test(test_R_MASE_1_the_name_is_a_setting),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

/* test_protocol_plans.c: the tactical options checklist (R-ORD-5) and a plan's actions
 * (R-MASE-7, R-DL-5) (src/protocol/plans.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/deadlines.h"
#include "protocol/plans.h"
#include "protocol/reference.h"

#define HOUR ((int64_t)3600)
#define DAY ((int64_t)86400)

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static void test_R_ORD_5_marks_need_a_note_and_an_owner(void **state)
{
	struct proto_err e;
	struct tactic_entry t = {"T03", TACTIC_CONSIDERED, "CAWN discussed; to be served", "usr_1"};
	assert_int_equal(tactic_entry_validate(&t, false, &e), 0);
	t.owner = NULL;
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	assert_string_equal(e.rule, "R-ORD-5");
	assert_string_equal(e.field, "owner");
	t.mark = TACTIC_IN_PLACE;
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	t.mark = TACTIC_NOT_APPLICABLE; /* nothing to take forward: no owner needed */
	assert_int_equal(tactic_entry_validate(&t, false, &e), 0);
	t.note = "  ";
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	assert_string_equal(e.field, "note");
	t.note = "Historic case";
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
	t = (struct tactic_entry){"T03", TACTIC_NOT_CONSIDERED, "reset", "usr_1"};
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	assert_string_equal(e.field, "mark");
	t = (struct tactic_entry){"T30", TACTIC_CONSIDERED, "n", "usr_1"};
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	assert_string_equal(e.field, "code");
	enum tactic_mark m;
	assert_int_equal(tactic_mark_parse("in_place", &m, NULL), 0);
	assert_int_equal(m, TACTIC_IN_PLACE);
	assert_int_equal(tactic_mark_parse("done", &m, &e), -1);
	assert_string_equal(tactic_mark_code(TACTIC_NOT_APPLICABLE), "not_applicable");
	assert_null(tactic_mark_code(TACTIC_MARK_COUNT));
}

static void test_R_ORD_5_restricted_options_for_entitled_police_only(void **state)
{
	struct proto_err e;
	struct tactic_entry t = {"T14", TACTIC_IN_PLACE, "in hand", "usr_di"};
	assert_int_equal(tactic_entry_validate(&t, false, &e), -1);
	assert_string_equal(e.field, "code"); /* as if it did not exist */
	assert_int_equal(tactic_entry_validate(&t, true, &e), 0);
}

static void test_R_ORD_5_summary_shows_what_is_not_considered(void **state)
{
	struct tactic_entry marks[] = {
	        {"T01", TACTIC_IN_PLACE, "n", "o"},        {"T02", TACTIC_CONSIDERED, "n", "o"},
	        {"T03", TACTIC_NOT_APPLICABLE, "n", NULL}, {"T14", TACTIC_IN_PLACE, "n", "o"},
	        {"T02", TACTIC_IN_PLACE, "n", "o"}, /* a later mark replaces the earlier */
	        {"T99", TACTIC_IN_PLACE, "n", "o"}, /* unknown: ignored */
	};
	struct tactic_summary s;
	tactic_summarise(marks, ARRAY_LEN(marks), true, &s);
	assert_int_equal(s.shown, 29);
	assert_int_equal(s.in_place, 3);
	assert_int_equal(s.considered, 0);
	assert_int_equal(s.not_applicable, 1);
	assert_int_equal(s.not_considered, 25);
	assert_string_equal(s.not_considered_codes[0], "T04");
	assert_string_equal(s.not_considered_codes[24], "T29");
	/* a viewer without entitlement: T14 and T15 neither shown nor counted */
	tactic_summarise(marks, ARRAY_LEN(marks), false, &s);
	assert_int_equal(s.shown, 27);
	assert_int_equal(s.in_place, 2);
	assert_int_equal(s.not_considered, 24);
	for (size_t i = 0; i < s.not_considered; i++) {
		assert_string_not_equal(s.not_considered_codes[i], "T14");
		assert_string_not_equal(s.not_considered_codes[i], "T15");
	}
	/* nothing marked: everything not considered */
	tactic_summarise(NULL, 0, true, &s);
	assert_int_equal(s.not_considered, 29);
	assert_int_equal(s.shown, 29);
	size_t n;
	ref_table(REF_TACTICS, &n);
	assert_int_equal(n, TACTIC_OPTIONS);
}

static struct plan_action action(void)
{
	struct plan_action a = {0};
	a.text = "Serve a child abduction warning notice on the person of concern";
	a.owner_agency = "agc_police";
	a.agreed_at = T("2027-02-10T10:00Z");
	a.due_at = T("2027-02-24T17:00Z");
	a.record_id = "rec_1";
	a.tactic = "T03";
	return a;
}

static void test_R_MASE_7_actions_with_owner_and_due_date(void **state)
{
	int64_t now = T("2027-03-01T09:00Z");
	struct proto_err e;
	struct plan_action a = action();
	assert_int_equal(plan_action_validate(&a, now, &e), 0);
	a.owner_agency = NULL;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.rule, "R-MASE-7");
	assert_string_equal(e.field, "owner_person");
	a.owner_person = "usr_sw";
	assert_int_equal(plan_action_validate(&a, now, &e), 0);
	a.record_id = NULL;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "record_id");
	a.place_id = "plc_hotel"; /* an action about a place */
	assert_int_equal(plan_action_validate(&a, now, &e), 0);
	a.due_at = a.agreed_at - 1;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.rule, "R-DL-5");
	assert_string_equal(e.field, "due_at");
	a = action();
	a.agreed_at = now + 1;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "agreed_at");
	a = action();
	a.tactic = "T31";
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "tactic");
	a = action();
	a.text = NULL;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "text");
	a = action();
	a.status = ACTION_STATUS_COUNT;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "status");
}

static void test_R_MASE_7_completed_actions_keep_who_and_when(void **state)
{
	int64_t now = T("2027-03-01T09:00Z");
	struct proto_err e;
	struct plan_action a = action();
	a.status = ACTION_DONE;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "closed_at");
	a.closed_at = T("2027-02-20T12:00Z");
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "closed_by");
	a.closed_by = "usr_pc1";
	assert_int_equal(plan_action_validate(&a, now, &e), 0);
	assert_true(plan_action_on_time(&a));
	a.closed_at = now + 1;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	a.closed_at = T("2027-02-28T12:00Z");
	assert_int_equal(plan_action_validate(&a, now, &e), 0);
	assert_false(plan_action_on_time(&a)); /* done, but late */
	a.reason = "no longer needed";
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "reason");
	a.status = ACTION_CANCELLED;
	assert_int_equal(plan_action_validate(&a, now, &e), 0);
	a.reason = NULL;
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "reason");
	a = action();
	a.closed_by = "usr_pc1"; /* open, yet closed by someone */
	assert_int_equal(plan_action_validate(&a, now, &e), -1);
	assert_string_equal(e.field, "status");
	enum action_status s;
	assert_int_equal(action_status_parse("cancelled", &s, NULL), 0);
	assert_int_equal(s, ACTION_CANCELLED);
	assert_int_equal(action_status_parse("closed", &s, &e), -1);
	assert_string_equal(action_status_code(ACTION_DONE), "done");
}

static void test_R_DL_5_overdue_actions(void **state)
{
	struct plan_action a = action();
	assert_false(plan_action_overdue(&a, a.due_at - 1));
	assert_true(plan_action_overdue(&a, a.due_at));
	/* the deadline engine agrees on the due instant */
	struct dl_params p = {.due_at = a.due_at, .due_at_set = true};
	int64_t due;
	assert_int_equal(dl_due(dl_kind_find("mase_action"), a.agreed_at, &p, &due, NULL), 0);
	assert_int_equal(due, a.due_at);
	a.status = ACTION_DONE;
	a.closed_at = a.due_at + DAY;
	a.closed_by = "u";
	assert_false(plan_action_overdue(&a, a.due_at + 2 * DAY));
}

static void test_R_MASE_7_actions_carried_into_the_next_review(void **state)
{
	int64_t last = T("2027-02-10T10:00Z"), meeting = T("2027-03-10T10:00Z");
	struct plan_action a = action(); /* agreed at the last meeting, open */
	assert_true(plan_action_for_review(&a, last, meeting));
	a.status = ACTION_DONE;
	a.closed_by = "u";
	a.closed_at = T("2027-02-20T10:00Z"); /* done since: reported at the review */
	assert_true(plan_action_for_review(&a, last, meeting));
	a.closed_at = T("2027-02-09T10:00Z"); /* done before the last meeting: heard then */
	a.agreed_at = T("2027-01-13T10:00Z");
	assert_false(plan_action_for_review(&a, last, meeting));
	a = action();
	a.agreed_at = meeting; /* agreed at this meeting: reviewed at the next */
	assert_false(plan_action_for_review(&a, last, meeting));
	a.agreed_at = T("2027-01-01T10:00Z");
	assert_true(plan_action_for_review(&a, INT64_MIN, meeting)); /* no earlier meeting */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_ORD_5_marks_need_a_note_and_an_owner),
	        cmocka_unit_test(test_R_ORD_5_restricted_options_for_entitled_police_only),
	        cmocka_unit_test(test_R_ORD_5_summary_shows_what_is_not_considered),
	        cmocka_unit_test(test_R_MASE_7_actions_with_owner_and_due_date),
	        cmocka_unit_test(test_R_MASE_7_completed_actions_keep_who_and_when),
	        cmocka_unit_test(test_R_DL_5_overdue_actions),
	        cmocka_unit_test(test_R_MASE_7_actions_carried_into_the_next_review),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

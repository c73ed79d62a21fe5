/* test_protocol_missing.c: R-MISS-1..4, 6, 7 (src/protocol/missing.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/missing.h"

/* 2026-03-10T12:00:00Z */
static const int64_t NOW = 1773144000;

static struct miss_child child(int y, int m, int d)
{
	return (struct miss_child){{y, m, d}, true, false, false};
}

static struct miss_report report(enum miss_class requested)
{
	return (struct miss_report){false, false, false, NOW - 600, requested, false};
}

static void test_R_MISS_1_whereabouts_known_no_episode(void **state)
{
	struct miss_report r = report(MISS_NONE);
	r.whereabouts_known = true;
	struct miss_child c = child(2011, 1, 1);
	struct miss_result res;
	struct proto_err e;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), 0);
	assert_int_equal(res.cls, MISS_NONE);
	r.requested = MISS_MISSING;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), -1);
	assert_string_equal(e.rule, "R-MISS-1");
}

static void test_R_MISS_1_absent_vs_missing(void **state)
{
	struct miss_child c = child(2011, 1, 1); /* 15 */
	struct miss_result res;
	struct miss_report r = report(MISS_NONE);
	assert_int_equal(missing_classify(&r, &c, NOW, &res, NULL), 0);
	assert_int_equal(res.cls, MISS_ABSENT);
	r.out_of_character = true;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, NULL), 0);
	assert_int_equal(res.cls, MISS_MISSING);
	r = report(MISS_NONE);
	r.context_suggests_risk = true;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, NULL), 0);
	assert_int_equal(res.cls, MISS_MISSING);
	assert_string_equal(missing_class_code(res.cls), "missing");
	r = report(MISS_NONE);
	r.reported_at = NOW + 60;
	struct proto_err e;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), -1);
}

static void test_R_MISS_2_under_13_never_absent(void **state)
{
	struct miss_child c = child(2013, 3, 11); /* 12 on 2026-03-10, 13 tomorrow */
	struct miss_result res;
	struct proto_err e;
	struct miss_report r = report(MISS_ABSENT);
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), -1);
	assert_string_equal(e.rule, "R-MISS-2");
	r.auto_correct = true;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), 0);
	assert_int_equal(res.cls, MISS_MISSING);
	assert_true(res.corrected);
	assert_string_equal(res.rule, "R-MISS-2");
	assert_non_null(strstr(res.reason, "under 13"));
	r = report(MISS_NONE);
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), 0);
	assert_int_equal(res.cls, MISS_MISSING);
	/* Thirteenth birthday on the report date: absent allowed. */
	c = child(2013, 3, 10);
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), 0);
	assert_int_equal(res.cls, MISS_ABSENT);
}

static void test_R_MISS_2_unknown_age_never_absent(void **state)
{
	struct miss_child c = child(2011, 1, 1);
	c.dob_known = false;
	struct miss_result res;
	struct proto_err e;
	struct miss_report r = report(MISS_ABSENT);
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), -1);
	assert_string_equal(e.rule, "R-MISS-2");
}

static void test_R_MISS_3_risk_groups_that_identify_risk(void **state)
{
	assert_true(missing_group_is_identified_risk("missing"));
	assert_true(missing_group_is_identified_risk("trafficked"));
	assert_true(missing_group_is_identified_risk("gang_associated"));
	assert_true(missing_group_is_identified_risk("peer_recruitment"));
	assert_false(missing_group_is_identified_risk("bereavement_trauma"));
	assert_false(missing_group_is_identified_risk("looked_after"));
	assert_false(missing_group_is_identified_risk(NULL));
	assert_false(missing_group_is_identified_risk(""));
}

static void test_R_MISS_3_open_record_never_absent(void **state)
{
	struct miss_child c = child(2010, 6, 1);
	c.open_cse_record = true;
	struct miss_result res;
	struct proto_err e;
	struct miss_report r = report(MISS_ABSENT);
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), -1);
	assert_string_equal(e.rule, "R-MISS-3");
	r.auto_correct = true;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), 0);
	assert_int_equal(res.cls, MISS_MISSING);
	assert_string_equal(res.rule, "R-MISS-3");
	assert_non_null(strstr(res.reason, "open exploitation record"));
	c.open_cse_record = false;
	c.identified_cse_risk = true;
	r.auto_correct = false;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), -1);
	assert_string_equal(e.rule, "R-MISS-3");
	c.identified_cse_risk = false;
	assert_int_equal(missing_classify(&r, &c, NOW, &res, &e), 0);
	assert_int_equal(res.cls, MISS_ABSENT);
}

static void test_R_MISS_4_absent_escalation(void **state)
{
	int64_t since = NOW - 7 * 3600;
	assert_int_equal(missing_escalation_due(since, 0), since + 6 * 3600);
	assert_int_equal(missing_escalation_due(since, 2 * 3600), since + 2 * 3600);
	struct miss_escalation x;
	missing_escalation_check(since, 0, false, false, NOW, &x);
	assert_true(x.escalate);
	assert_string_equal(x.reason, "timeframe_passed");
	missing_escalation_check(since, 8 * 3600, false, false, NOW, &x);
	assert_false(x.escalate);
	missing_escalation_check(since, 8 * 3600, false, true, NOW, &x);
	assert_true(x.escalate);
	assert_string_equal(x.reason, "risk_identified");
	missing_escalation_check(since, 0, true, false, NOW, &x);
	assert_false(x.escalate);
	/* Exactly at the due time: escalate. */
	missing_escalation_check(NOW - 6 * 3600, 0, false, false, NOW, &x);
	assert_true(x.escalate);
}

static void test_R_MISS_6_return_interview_due_72h(void **state)
{
	assert_int_equal(missing_return_interview_due(NOW), NOW + 72 * 3600);
}

static void test_R_MISS_6_interviewer_independence(void **state)
{
	const char *carers[] = {"carer-1", "carer-2"};
	struct ri_interview ri = {"ri-worker-9",
	                          carers,
	                          2,
	                          "pc-0007",
	                          "sw-0031",
	                          true,
	                          "Wants to speak to the youth worker she knows.",
	                          NULL,
	                          0};
	struct proto_err e;
	assert_int_equal(missing_interviewer_validate(&ri, &e), 0);
	ri.interviewer_id = "carer-2";
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	assert_non_null(strstr(e.message, "parents and carers"));
	ri.interviewer_id = "pc-0007";
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	assert_non_null(strstr(e.message, "police"));
	ri.interviewer_id = "sw-0031";
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	assert_string_equal(e.rule, "R-MISS-6");
	ri.interviewer_id = "ri-worker-9";
	ri.child_asked_preference = false;
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	assert_string_equal(e.field, "child_preference");
}

/* R-MISS-6: the return interviewer is not someone the episode names the child as with
 * (last seen with, found with), nor a parent or carer named in it. */
static void test_R_MISS_6_interviewer_not_with_the_child(void **state)
{
	const char *carers[] = {"mother-1"};
	const char *with[] = {"jay smith", "older friend"};
	struct ri_interview ri = {.interviewer_id = "jay smith",
	                          .parent_carer_ids = carers,
	                          .n_parent_carers = 1,
	                          .child_asked_preference = true,
	                          .child_preference = "The youth worker.",
	                          .with_ids = with,
	                          .n_with = 2};
	struct proto_err e;
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	assert_string_equal(e.rule, "R-MISS-6");
	assert_string_equal(e.field, "interviewer_id");
	assert_non_null(strstr(e.message, "with"));
	ri.interviewer_id = "older friend";
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	ri.interviewer_id = "mother-1";
	assert_int_equal(missing_interviewer_validate(&ri, &e), -1);
	assert_non_null(strstr(e.message, "parents and carers"));
	ri.interviewer_id = "ri-worker-9";
	assert_int_equal(missing_interviewer_validate(&ri, &e), 0);
	ri.with_ids = NULL; /* none named */
	ri.interviewer_id = "jay smith";
	assert_int_equal(missing_interviewer_validate(&ri, &e), 0);
}

static void test_R_MISS_7_responsibility(void **state)
{
	struct ri_responsibility r;
	missing_ri_responsibility(true, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.parties[0], "placing_authority");
	assert_string_equal(r.parties[1], "unit_manager_or_supervising_social_worker");
	missing_ri_responsibility(false, &r);
	assert_string_equal(r.parties[0], "police");
	assert_string_equal(r.parties[1], "childrens_social_care");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_MISS_1_whereabouts_known_no_episode),
	        cmocka_unit_test(test_R_MISS_6_interviewer_not_with_the_child),
	        cmocka_unit_test(test_R_MISS_1_absent_vs_missing),
	        cmocka_unit_test(test_R_MISS_2_under_13_never_absent),
	        cmocka_unit_test(test_R_MISS_2_unknown_age_never_absent),
	        cmocka_unit_test(test_R_MISS_3_risk_groups_that_identify_risk),
	        cmocka_unit_test(test_R_MISS_3_open_record_never_absent),
	        cmocka_unit_test(test_R_MISS_4_absent_escalation),
	        cmocka_unit_test(test_R_MISS_6_return_interview_due_72h),
	        cmocka_unit_test(test_R_MISS_6_interviewer_independence),
	        cmocka_unit_test(test_R_MISS_7_responsibility),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

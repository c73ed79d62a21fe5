/* test_protocol_pathway.c: R-PATH-1..9 (src/protocol/pathway.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/pathway.h"

static bool has_action(const struct path_result *r, enum path_action a, const char *who)
{
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].action == a && (!who || strcmp(r->steps[i].who, who) == 0))
			return true;
	return false;
}

static size_t index_of(const struct path_result *r, enum path_action a)
{
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].action == a)
			return i;
	return SIZE_MAX;
}

static void test_R_SIGN_2_referral_with_no_signs_goes_to_early_help(void **state)
{
	struct path_input in = {AGENCY_EDUCATION, 0, true, false};
	struct path_result r;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_int_equal(r.route, ROUTE_NOT_CSE_EARLY_HELP);
	assert_string_equal(pathway_route_code(r.route), "not_cse_early_help");
	assert_int_equal(r.record, PATH_RECORD_NONE);
	assert_false(r.es_flag);
	assert_true(has_action(&r, ACT_CONSIDER_EARLY_HELP, "identifying_agency"));
	assert_true(has_action(&r, ACT_RECORD_DECISION_RATIONALE, NULL));
	assert_false(has_action(&r, ACT_REFER_TO_MASH, NULL));
}

static void test_R_PATH_1_multi_agency_refers_to_csc(void **state)
{
	struct path_input in = {AGENCY_HEALTH, 2, false, false};
	struct path_result r;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_int_equal(r.steps[0].action, ACT_REFER_TO_CSC);
	assert_string_equal(r.steps[0].rule, "R-PATH-1");
	/* CSC itself does not refer to itself. */
	in.agency = AGENCY_CHILDRENS_SOCIAL_CARE;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_false(has_action(&r, ACT_REFER_TO_CSC, NULL));
	assert_int_equal(r.route, ROUTE_MASH);
}

static void test_R_PATH_2_allocated_social_worker_and_SET_desk(void **state)
{
	struct path_input in = {AGENCY_EDUCATION, 1, true, false};
	struct path_result r;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_int_equal(r.route, ROUTE_SOCIAL_WORKER_AND_SET);
	assert_true(has_action(&r, ACT_INFORM_SOCIAL_WORKER, "social_worker"));
	assert_true(has_action(&r, ACT_REFER_TO_SET_DESK, "set_referral_desk"));
	assert_int_equal(r.record, PATH_RECORD_CREATE);
	assert_string_equal(r.record_by, "set_referral_desk");
	assert_true(r.es_flag);
	assert_true(has_action(&r, ACT_SET_ES_FLAG, "set_referral_desk"));
	assert_false(has_action(&r, ACT_REFER_TO_MASH, NULL));
	/* Existing record: updated, never a second one (R-REC-1). */
	in.record_exists = true;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_int_equal(r.record, PATH_RECORD_UPDATE);
	assert_false(has_action(&r, ACT_CREATE_RECORD, NULL));
}

static void test_R_PATH_3_no_social_worker_goes_to_MASH(void **state)
{
	struct path_input in = {AGENCY_CHARITY, 3, false, false};
	struct path_result r;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_int_equal(r.route, ROUTE_MASH);
	assert_string_equal(r.rule, "R-PATH-3");
	assert_true(has_action(&r, ACT_REFER_TO_MASH, "mash"));
	assert_true(has_action(&r, ACT_CREATE_RECORD, "mash"));
	assert_false(has_action(&r, ACT_REFER_TO_SET_DESK, NULL));
	assert_true(index_of(&r, ACT_CHECK_EXISTING_RECORD) < index_of(&r, ACT_CREATE_RECORD));
}

static void test_R_PATH_4_police_officer_pathway(void **state)
{
	struct path_input in = {AGENCY_POLICE, 1, true, true};
	struct path_result r;
	assert_int_equal(pathway_route(&in, &r, NULL), 0);
	assert_int_equal(r.route, ROUTE_POLICE_PATHWAY);
	assert_true(has_action(&r, ACT_INITIAL_RISK_ASSESSMENT, "police_officer"));
	assert_true(has_action(&r, ACT_INITIAL_CATEGORY, "police_officer"));
	assert_true(has_action(&r, ACT_MERLIN_PAC, "police_officer"));
	assert_int_equal(r.record, PATH_RECORD_UPDATE);
	assert_true(r.es_flag);
	assert_true(index_of(&r, ACT_CHECK_EXISTING_RECORD) < index_of(&r, ACT_UPDATE_RECORD));
	struct proto_err e;
	in.agency = AGENCY_COUNT;
	assert_int_equal(pathway_route(&in, &r, &e), -1);
}

static void test_R_PATH_8_assessment_routes(void **state)
{
	struct assessment_route a;
	struct proto_err e;
	assert_int_equal(assessment_route(1, &a, &e), 0);
	assert_int_equal(a.owner, ASSESS_OWNER_BOROUGH_OR_AGENCY);
	assert_true(a.further_enquiries);
	assert_false(a.criminal_investigation);
	assert_int_equal(assessment_route(2, &a, &e), 0);
	assert_int_equal(a.owner, ASSESS_OWNER_SET);
	assert_true(a.full_risk_assessment && a.criminal_investigation);
	assert_false(a.strategy_discussion);
	assert_int_equal(assessment_route(3, &a, &e), 0);
	assert_int_equal(a.owner, ASSESS_OWNER_SET);
	assert_true(a.strategy_discussion && a.immediate_intervention);
	assert_int_equal(assessment_route(0, &a, &e), -1);
	assert_string_equal(e.rule, "R-PATH-8");
}

static void test_R_PATH_9_clock_runs_from_referral_not_meeting(void **state)
{
	int64_t referral = 1773144000, meeting = referral + 20 * 86400;
	assert_int_equal(pathway_clock_start(referral, meeting), referral);
	assert_false(pathway_may_wait_for_mase());
}

static void test_route_labels_in_words(void **state)
{
	assert_non_null(strstr(pathway_route_label("police_pathway"), "R-PATH-4"));
	assert_non_null(strstr(pathway_route_label("mash"), "MASH"));
	assert_non_null(strstr(pathway_route_label("not_cse_early_help"), "R-SIGN-2"));
	assert_string_equal(pathway_route_label("something_else"), "something_else");
	assert_null(pathway_route_label(NULL));
}

/* R-PATH-4, R-SIGN-2: "what happens next" after filing lists only what is still to do. */
static void test_R_PATH_4_steps_done_by_filing_are_told_apart(void **state)
{
	(void)state;
	struct path_filed none = {0};
	struct path_filed all = {true, true, true, true, true, false};
	/* routing and the R-REC-1 check are what filing does */
	assert_true(pathway_step_done(ACT_REFER_TO_MASH, &none));
	assert_true(pathway_step_done(ACT_REFER_TO_CSC, &none));
	assert_true(pathway_step_done(ACT_CHECK_EXISTING_RECORD, &none));
	/* the rest only when the referral or the record holds it */
	assert_false(pathway_step_done(ACT_CREATE_RECORD, &none));
	assert_true(pathway_step_done(ACT_CREATE_RECORD, &all));
	assert_false(pathway_step_done(ACT_INITIAL_CATEGORY, &none));
	assert_true(pathway_step_done(ACT_INITIAL_CATEGORY, &all));
	assert_false(pathway_step_done(ACT_MERLIN_PAC, &none));
	assert_true(pathway_step_done(ACT_MERLIN_PAC, &all));
	assert_false(pathway_step_done(ACT_RECORD_DECISION_RATIONALE, &none));
	assert_true(pathway_step_done(ACT_RECORD_DECISION_RATIONALE, &all));
	/* never done by filing */
	assert_false(pathway_step_done(ACT_ESSENTIAL_STEPS, &all));
	assert_false(pathway_step_done(ACT_CONSIDER_EARLY_HELP, &all));
	assert_false(pathway_step_done(ACT_IDENTIFYING_AGENCY_LEADS, &all));
	assert_false(pathway_step_done(ACT_RISK_ASSESS, &all));
}

/* R-PATH-3: the MASH's evaluation is done once made, and only then. */
static void test_R_PATH_3_evaluation_step_done_once_evaluated(void **state)
{
	(void)state;
	struct path_filed none = {0};
	struct path_filed evaluated = {.mash_evaluated = true};
	assert_false(pathway_step_done(ACT_RISK_ASSESS, &none));
	assert_true(pathway_step_done(ACT_RISK_ASSESS, &evaluated));
	/* the evaluation does nothing else of the pathway */
	assert_false(pathway_step_done(ACT_ESSENTIAL_STEPS, &evaluated));
	assert_false(pathway_step_done(ACT_CREATE_RECORD, &evaluated));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_route_labels_in_words),
	        cmocka_unit_test(test_R_SIGN_2_referral_with_no_signs_goes_to_early_help),
	        cmocka_unit_test(test_R_PATH_4_steps_done_by_filing_are_told_apart),
	        cmocka_unit_test(test_R_PATH_3_evaluation_step_done_once_evaluated),
	        cmocka_unit_test(test_R_PATH_1_multi_agency_refers_to_csc),
	        cmocka_unit_test(test_R_PATH_2_allocated_social_worker_and_SET_desk),
	        cmocka_unit_test(test_R_PATH_3_no_social_worker_goes_to_MASH),
	        cmocka_unit_test(test_R_PATH_4_police_officer_pathway),
	        cmocka_unit_test(test_R_PATH_8_assessment_routes),
	        cmocka_unit_test(test_R_PATH_9_clock_runs_from_referral_not_meeting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

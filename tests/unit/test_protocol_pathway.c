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

static void test_R_PATH_5_police_referral_missing_items(void **state)
{
	struct proto_err e;
	struct police_referral r = {"Found in a car with two adults at 02:00.", NULL, NULL,
				    NULL, NULL};
	assert_int_equal(police_referral_complete(&r, &e), -1);
	assert_string_equal(e.rule, "R-PATH-5");
	assert_string_equal(e.message,
			    "A police referral needs items 1, 2 and 4 of the initial reporting "
			    "template (R-PATH-5): missing 2 (reasons for suspicion), 4 (MERLIN/PAC "
			    "number).");
	r.reasons = "Unexplained gifts; older associates (SAFEGUARD R, G).";
	r.merlin_pac = "26MIS012345";
	assert_int_equal(police_referral_complete(&r, &e), 0); /* 3 and 5 optional */
	r.merlin_pac = "<script>";
	assert_int_equal(police_referral_complete(&r, &e), -1);
	assert_string_equal(e.field, "merlin_pac");
	r.merlin_pac = "26MIS012345";
	r.other_info = "Historic missing episodes.";
	assert_int_equal(police_referral_complete(&r, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
}

static struct supervisor_review good_review(void)
{
	struct supervisor_review r = {0};
	for (int i = 0; i < 6; i++)
		r.items[i] = (struct review_item){true, "Reviewed and agreed."};
	r.reviewer_id = "sup-0042";
	r.reviewer_roles = ROLE_BIT(ROLE_POLICE_SUPERVISOR) | ROLE_BIT(ROLE_POLICE_OFFICER);
	r.reporting_officer_id = "pc-0007";
	return r;
}

static void test_R_PATH_6_supervisor_review_complete(void **state)
{
	struct proto_err e;
	struct supervisor_review r = good_review();
	assert_int_equal(supervisor_review_validate(&r, &e), 0);
	r.items[3].ticked = false;
	assert_int_equal(supervisor_review_validate(&r, &e), -1);
	assert_string_equal(e.field, "S4");
	r = good_review();
	r.items[5].note = "";
	assert_int_equal(supervisor_review_validate(&r, &e), -1);
	assert_string_equal(e.field, "S6");
	r = good_review();
	r.threat_to_life_appropriate = true;
	assert_int_equal(supervisor_review_validate(&r, &e), -1);
	r.threat_to_life_done = true;
	assert_int_equal(supervisor_review_validate(&r, &e), 0);
}

static void test_R_PATH_6_supervisor_is_reporting_officer_refused(void **state)
{
	struct proto_err e;
	struct supervisor_review r = good_review();
	r.reporting_officer_id = "sup-0042";
	assert_int_equal(supervisor_review_validate(&r, &e), -1);
	assert_string_equal(e.rule, "R-PATH-6");
	assert_non_null(strstr(e.message, "own report"));
}

static void test_R_PATH_6_reviewer_needs_supervisor_role(void **state)
{
	struct proto_err e;
	struct supervisor_review r = good_review();
	r.reviewer_roles = ROLE_BIT(ROLE_POLICE_OFFICER) | ROLE_BIT(ROLE_CSC_MANAGER);
	assert_int_equal(supervisor_review_validate(&r, &e), -1);
	assert_non_null(strstr(e.message, "police supervisor"));
}

static struct essential_steps all_done(void)
{
	return (struct essential_steps){
		.pnc_marker_done = true,
		.mase_referred_or_updated = true,
		.outcome_mi_considered = true,
		.category_reviewed_by_assessment_team = true,
		.flag_set = true,
	};
}

static void test_R_PATH_7_essential_steps(void **state)
{
	struct proto_err e;
	struct essential_steps s = all_done();
	const char *codes[5];
	assert_int_equal(essential_steps_validate(&s, &e), 0);
	assert_int_equal(essential_steps_outstanding(&s, codes), 0);
	s.immediate_risk = true;
	assert_int_equal(essential_steps_validate(&s, &e), -1);
	assert_string_equal(e.field, "E1");
	s.police_protection_considered = true;
	s.police_protection_note = "Child taken to a place of safety under police protection.";
	assert_int_equal(essential_steps_validate(&s, &e), 0);
	s.outcome_mi_considered = false;
	assert_int_equal(essential_steps_validate(&s, &e), -1);
	assert_string_equal(e.field, "E3");
	assert_non_null(strstr(e.message, "MI"));
	s = all_done();
	s.mase_referred_or_updated = false;
	s.pnc_marker_done = false;
	assert_int_equal(essential_steps_outstanding(&s, codes), 2);
	assert_string_equal(codes[0], "E2");
	assert_string_equal(codes[1], "E3");
}

static void test_R_PATH_7_E4_rationale_when_not_referring(void **state)
{
	struct proto_err e;
	struct essential_steps s = all_done();
	s.declined_to_intervene_or_refer = true;
	assert_int_equal(essential_steps_validate(&s, &e), -1);
	assert_string_equal(e.field, "E4");
	s.e4_rationale = "Already open to the MASE; discussed with the chair.";
	assert_int_equal(essential_steps_validate(&s, &e), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_R_SIGN_2_referral_with_no_signs_goes_to_early_help),
		cmocka_unit_test(test_R_PATH_1_multi_agency_refers_to_csc),
		cmocka_unit_test(test_R_PATH_2_allocated_social_worker_and_SET_desk),
		cmocka_unit_test(test_R_PATH_3_no_social_worker_goes_to_MASH),
		cmocka_unit_test(test_R_PATH_4_police_officer_pathway),
		cmocka_unit_test(test_R_PATH_5_police_referral_missing_items),
		cmocka_unit_test(test_R_PATH_6_supervisor_review_complete),
		cmocka_unit_test(test_R_PATH_6_supervisor_is_reporting_officer_refused),
		cmocka_unit_test(test_R_PATH_6_reviewer_needs_supervisor_role),
		cmocka_unit_test(test_R_PATH_7_essential_steps),
		cmocka_unit_test(test_R_PATH_7_E4_rationale_when_not_referring),
		cmocka_unit_test(test_R_PATH_8_assessment_routes),
		cmocka_unit_test(test_R_PATH_9_clock_runs_from_referral_not_meeting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_protocol_checklists.c: R-PATH-5, 6, 7 (src/protocol/checklists.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/checklists.h"

static void test_R_PATH_5_police_referral_missing_items(void **state)
{
	struct proto_err e;
	struct police_referral r = {"Found in a car with two adults at 02:00.", NULL, NULL, NULL,
	                            NULL};
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

/* R-PATH-7: steps are recorded as they happen, so an incomplete set is not refused, but
 * what is given must be well formed. */
static void test_R_PATH_7_answers_well_formed_while_incomplete(void **state)
{
	struct proto_err e;
	struct essential_steps s = {.pnc_marker_done = true};
	assert_int_equal(essential_steps_answers_validate(&s, &e), 0);
	assert_int_equal(essential_steps_validate(&s, &e), -1); /* but not complete */
	s.declined_to_intervene_or_refer = true;
	assert_int_equal(essential_steps_answers_validate(&s, &e), -1);
	assert_string_equal(e.rule, "R-PATH-7");
	assert_string_equal(e.field, "e4_rationale");
	s.e4_rationale = "Already supported through the existing child protection plan.";
	assert_int_equal(essential_steps_answers_validate(&s, &e), 0);
	s.immediate_risk = true;
	s.police_protection_considered = true;
	assert_int_equal(essential_steps_answers_validate(&s, &e), -1);
	assert_string_equal(e.field, "police_protection_note");
	s.police_protection_note = "Considered; the child was safe with a carer overnight.";
	assert_int_equal(essential_steps_answers_validate(&s, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_PATH_5_police_referral_missing_items),
	        cmocka_unit_test(test_R_PATH_6_supervisor_review_complete),
	        cmocka_unit_test(test_R_PATH_6_supervisor_is_reporting_officer_refused),
	        cmocka_unit_test(test_R_PATH_6_reviewer_needs_supervisor_role),
	        cmocka_unit_test(test_R_PATH_7_essential_steps),
	        cmocka_unit_test(test_R_PATH_7_E4_rationale_when_not_referring),
	        cmocka_unit_test(test_R_PATH_7_answers_well_formed_while_incomplete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

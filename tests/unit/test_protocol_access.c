/* test_protocol_access.c: R-INFO-3, who may see a child's record and how much of it. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/access.h"

#define R(x) ROLE_BIT(ROLE_##x)

static void test_R_INFO_3_scope_by_role(void **state)
{
	assert_int_equal(access_scope_of(0, true), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(MASH_WORKER), false), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(ASSESSMENT_TEAM), false), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(POLICE_SUPERVISOR), false), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(CSC_MANAGER), false), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(ANALYST), false), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(MASE_CHAIR), false), ACCESS_ALL);
	assert_int_equal(access_scope_of(R(POLICE_OFFICER), false), ACCESS_MEMBERSHIP);
	assert_int_equal(access_scope_of(R(SOCIAL_WORKER), false), ACCESS_MEMBERSHIP);
	assert_int_equal(access_scope_of(R(HEALTH), false), ACCESS_MEMBERSHIP);
	assert_int_equal(access_scope_of(R(EDUCATION), false), ACCESS_MEMBERSHIP);
	assert_int_equal(access_scope_of(R(YOUTH_OFFENDING), false), ACCESS_MEMBERSHIP);
	assert_int_equal(access_scope_of(R(CHARITY), false), ACCESS_MEMBERSHIP);
	assert_int_equal(access_scope_of(R(AUDITOR), false), ACCESS_NONE);
	assert_int_equal(access_scope_of(R(ADMINISTRATOR), false), ACCESS_NONE);
	assert_int_equal(access_scope_of(0, false), ACCESS_NONE);
	/* the widest role a user holds decides */
	assert_int_equal(access_scope_of(R(HEALTH) | R(MASH_WORKER), false), ACCESS_ALL);
}

static void test_R_INFO_3_filing_never_grants(void **state)
{
	/* a practitioner who only filed is not a member: hidden */
	struct access_facts f = {.scope = ACCESS_MEMBERSHIP, .member = false};
	assert_int_equal(access_decide(&f, false), ACCESS_HIDDEN);
	f.member = true;
	assert_int_equal(access_decide(&f, false), ACCESS_OPEN);
	/* no scope sees nothing, member or not */
	struct access_facts none = {.scope = ACCESS_NONE, .member = true};
	assert_int_equal(access_decide(&none, false), ACCESS_HIDDEN);
	assert_true(access_may_file(R(EDUCATION), false));
	assert_true(access_may_file(0, true));
	assert_false(access_may_file(R(AUDITOR), false));
	assert_false(access_may_file(R(ANALYST), false));
}

static void test_R_INFO_3_who_may_import(void **state)
{
	assert_true(access_may_import(0, true));
	assert_true(access_may_import(R(ADMINISTRATOR), false));
	assert_true(access_may_import(R(CSC_MANAGER) | R(SOCIAL_WORKER), false));
	assert_false(access_may_import(R(SOCIAL_WORKER), false));
	assert_false(access_may_import(R(MASH_WORKER) | R(POLICE_SUPERVISOR), false));
	assert_false(access_may_import(0, false));
}

static void test_R_INFO_3_restricted_only_police_with_reason(void **state)
{
	struct access_facts f = {.scope = ACCESS_ALL, .restricted = true};
	/* a children's social care manager sees the child but not the restricted record */
	assert_int_equal(access_decide(&f, false), ACCESS_RESTRICTED);
	f.reason_given = true;
	assert_int_equal(access_decide(&f, false), ACCESS_RESTRICTED);
	f.police_entitled = true;
	assert_int_equal(access_decide(&f, false), ACCESS_OPEN_LOGGED);
	f.reason_given = false;
	assert_int_equal(access_decide(&f, false), ACCESS_NEEDS_REASON);
	/* entitled police who may not see the child at all: hidden, not "restricted" */
	struct access_facts g = {.scope = ACCESS_MEMBERSHIP,
	                         .restricted = true,
	                         .police_entitled = true,
	                         .reason_given = true};
	assert_int_equal(access_decide(&g, false), ACCESS_HIDDEN);
	/* the operator is never refused */
	assert_int_equal(access_decide(&g, true), ACCESS_OPEN);
	assert_non_null(access_refusal_reason(ACCESS_HIDDEN));
	assert_non_null(access_refusal_reason(ACCESS_RESTRICTED));
	assert_non_null(access_refusal_reason(ACCESS_NEEDS_REASON));
	assert_null(access_refusal_reason(ACCESS_OPEN));
}

static void test_R_INFO_3_entitled_police(void **state)
{
	assert_true(access_police_entitled(R(POLICE_OFFICER), "police"));
	assert_true(access_police_entitled(R(POLICE_SUPERVISOR), "police"));
	assert_true(access_police_entitled(R(ASSESSMENT_TEAM), "police"));
	assert_false(access_police_entitled(R(CSC_MANAGER), "childrens_social_care"));
	assert_false(access_police_entitled(R(POLICE_OFFICER), "childrens_social_care"));
	assert_false(access_police_entitled(R(MASH_WORKER), "police"));
	assert_false(access_police_entitled(R(POLICE_OFFICER), NULL));
}

static void test_R_INFO_3_disclosure(void **state)
{
	assert_int_equal(access_disclosure_of(ACCESS_ALL, false), DISCLOSE_FULL);
	assert_int_equal(access_disclosure_of(ACCESS_MEMBERSHIP, true), DISCLOSE_FULL);
	assert_int_equal(access_disclosure_of(ACCESS_MEMBERSHIP, false), DISCLOSE_MINIMAL);
}

static void test_R_INFO_3_search_needs_more_than_a_date(void **state)
{
	struct proto_err e;
	struct access_search dob = {.dob = true};
	assert_int_equal(access_search_allowed(ACCESS_ALL, &dob, 0, &e), 0);
	assert_int_equal(access_search_allowed(ACCESS_MEMBERSHIP, &dob, 0, &e), -1);
	assert_string_equal(e.rule, "R-INFO-3");
	assert_string_equal(e.field, "name");
	struct access_search name = {.name = true};
	assert_int_equal(access_search_allowed(ACCESS_ALL, &name, 0, &e), 0);
	assert_int_equal(access_search_allowed(ACCESS_MEMBERSHIP, &name, 0, &e), -1);
	assert_string_equal(e.field, "date_of_birth");
	struct access_search name_dob = {.name = true, .dob = true};
	assert_int_equal(access_search_allowed(ACCESS_MEMBERSHIP, &name_dob, 0, &e), 0);
	struct access_search name_pc = {.name = true, .postcode = true};
	assert_int_equal(access_search_allowed(ACCESS_MEMBERSHIP, &name_pc, 0, &e), 0);
	struct access_search nhs = {.strong = true};
	assert_int_equal(access_search_allowed(ACCESS_MEMBERSHIP, &nhs, 0, &e), 0);
	struct access_search nothing = {0};
	assert_int_equal(access_search_allowed(ACCESS_ALL, &nothing, 0, &e), -1);
	assert_int_equal(access_search_allowed(ACCESS_NONE, &name_dob, 0, &e), -1);
}

static void test_R_INFO_3_search_throttled(void **state)
{
	struct proto_err e;
	struct access_search s = {.name = true, .dob = true};
	assert_int_equal(
	        access_search_allowed(ACCESS_MEMBERSHIP, &s, ACCESS_SEARCHES_PER_HOUR - 1, &e), 0);
	assert_int_equal(access_search_allowed(ACCESS_MEMBERSHIP, &s, ACCESS_SEARCHES_PER_HOUR, &e),
	                 1);
	assert_string_equal(e.rule, "R-INFO-3");
	/* partnership-wide roles search for their work all day */
	assert_int_equal(access_search_allowed(ACCESS_ALL, &s, 10000, &e), 0);
}

static void test_R_INFO_3_request_and_decision(void **state)
{
	struct proto_err e;
	assert_int_equal(access_request_validate(NULL, 0, &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(access_request_validate("because", 0, &e), -1);
	assert_int_equal(
	        access_request_validate("Safeguarding lead preparing the school's plan", 0, &e), 0);
	assert_int_equal(access_request_validate("Safeguarding lead preparing the plan",
	                                         ACCESS_GRANT_MAX_DAYS + 1, &e),
	                 -1);
	assert_string_equal(e.field, "days");
	assert_int_equal(access_request_validate("Safeguarding lead preparing the plan", -1, &e),
	                 -1);
	assert_int_equal(access_decider_validate(R(POLICE_SUPERVISOR), "usr_a", "usr_b", &e), 0);
	assert_int_equal(access_decider_validate(R(CSC_MANAGER), "usr_a", "usr_b", &e), 0);
	assert_int_equal(access_decider_validate(R(CSC_MANAGER), "usr_a", "usr_a", &e), -1);
	assert_int_equal(access_decider_validate(R(MASH_WORKER), "usr_a", "usr_b", &e), -1);
	assert_int_equal(access_decider_validate(R(POLICE_OFFICER), "usr_a", "usr_b", &e), -1);
}

static void test_R_INFO_3_adding_an_agency_to_a_case(void **state)
{
	struct proto_err e;
	const char *why = "Health visitor supporting the child's sexual health plan";
	assert_int_equal(access_member_validate(R(MASH_WORKER), false, why, &e), 0);
	assert_int_equal(access_member_validate(R(CSC_MANAGER), false, why, &e), 0);
	assert_int_equal(access_member_validate(0, true, why, &e), 0);
	assert_int_equal(access_member_validate(R(SOCIAL_WORKER), false, why, &e), -1);
	assert_int_equal(access_member_validate(R(EDUCATION), false, why, &e), -1);
	assert_int_equal(access_member_validate(R(MASH_WORKER), false, "", &e), -1);
	assert_string_equal(e.field, "reason");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_INFO_3_scope_by_role),
	        cmocka_unit_test(test_R_INFO_3_filing_never_grants),
	        cmocka_unit_test(test_R_INFO_3_who_may_import),
	        cmocka_unit_test(test_R_INFO_3_restricted_only_police_with_reason),
	        cmocka_unit_test(test_R_INFO_3_entitled_police),
	        cmocka_unit_test(test_R_INFO_3_disclosure),
	        cmocka_unit_test(test_R_INFO_3_search_needs_more_than_a_date),
	        cmocka_unit_test(test_R_INFO_3_search_throttled),
	        cmocka_unit_test(test_R_INFO_3_request_and_decision),
	        cmocka_unit_test(test_R_INFO_3_adding_an_agency_to_a_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

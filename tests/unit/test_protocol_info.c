/* test_protocol_info.c: R-INFO-3, restricted records (break-glass). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/info.h"
#include "protocol/reference.h"

static void test_R_INFO_3_purpose_required(void **state)
{
	struct proto_err e;
	assert_int_equal(info_purpose_validate(NULL, &e), -1);
	assert_string_equal(e.rule, "R-INFO-3");
	assert_string_equal(e.field, "purpose");
	assert_int_equal(info_purpose_validate("   ", &e), -1);
	assert_int_equal(info_purpose_validate("because", &e), -1); /* too short to be a reason */
	assert_int_equal(
	        info_purpose_validate("Strategy meeting tomorrow: need the chronology", &e), 0);
}

static void test_R_INFO_3_purpose_text_checked(void **state)
{
	struct proto_err e;
	char long_text[600];
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(info_purpose_validate(long_text, &e), -1);
	assert_int_equal(info_purpose_validate("line one\x01 control", &e), -1);
	assert_int_equal(info_purpose_validate("Checking \xff\xfe invalid", &e), -1);
}

static void test_R_INFO_3_who_may_restrict(void **state)
{
	assert_true(info_may_restrict(ROLE_BIT(ROLE_POLICE_SUPERVISOR)));
	assert_true(info_may_restrict(ROLE_BIT(ROLE_CSC_MANAGER)));
	assert_false(info_may_restrict(ROLE_BIT(ROLE_POLICE_OFFICER)));
	assert_false(info_may_restrict(ROLE_BIT(ROLE_ADMINISTRATOR)));
	assert_false(info_may_restrict(0));
}

static void test_R_INFO_3_review_not_by_opener(void **state)
{
	struct proto_err e;
	uint32_t sup = ROLE_BIT(ROLE_POLICE_SUPERVISOR);
	assert_int_equal(info_review_validate(sup, "usr_a", "usr_b", &e), 0);
	assert_int_equal(info_review_validate(sup, "usr_a", "usr_a", &e), -1);
	assert_string_equal(e.rule, "R-INFO-3");
	assert_int_equal(info_review_validate(ROLE_BIT(ROLE_ANALYST), "usr_a", "usr_b", &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_INFO_3_purpose_required),
	        cmocka_unit_test(test_R_INFO_3_purpose_text_checked),
	        cmocka_unit_test(test_R_INFO_3_who_may_restrict),
	        cmocka_unit_test(test_R_INFO_3_review_not_by_opener),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

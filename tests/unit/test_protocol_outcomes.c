/* test_protocol_outcomes.c: R-OUT-1..5 (src/protocol/outcomes.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/outcomes.h"

static void test_R_OUT_1_MI_only_on_child(void **state)
{
	struct proto_err e;
	assert_true(outcome_fits(OUTCOME_MI, OUTCOME_SUBJECT_CHILD));
	assert_false(outcome_fits(OUTCOME_MI, OUTCOME_SUBJECT_PERSON_OF_CONCERN));
	assert_int_equal(outcome_validate(OUTCOME_MI, OUTCOME_SUBJECT_PERSON_OF_CONCERN, &e), -1);
	assert_string_equal(e.rule, "R-OUT-1");
	assert_int_equal(outcome_validate(OUTCOME_NONE, OUTCOME_SUBJECT_CHILD, &e), -1);
}

static void test_R_OUT_2_orders_give_FP(void **state)
{
	assert_int_equal(outcome_for_order(ORDER_CAWN), OUTCOME_FP);
	assert_int_equal(outcome_for_order(ORDER_SRO), OUTCOME_FP);
	assert_int_equal(outcome_for_order(ORDER_NOTIFICATION), OUTCOME_FP);
	assert_int_equal(outcome_for_order(ORDER_ASBO_INJUNCTION), OUTCOME_FP);
	assert_int_equal(outcome_for_order(ORDER_HOTEL_NOTICE), OUTCOME_NONE);
	struct proto_err e;
	assert_int_equal(outcome_validate(OUTCOME_FP, OUTCOME_SUBJECT_CHILD, &e), -1);
	assert_string_equal(e.rule, "R-OUT-2");
}

static void test_R_OUT_3_SHPO_gives_FO(void **state)
{
	assert_int_equal(outcome_for_order(ORDER_SHPO), OUTCOME_FO);
	assert_true(outcome_fits(OUTCOME_FO, OUTCOME_SUBJECT_PERSON_OF_CONCERN));
	assert_false(outcome_fits(OUTCOME_FO, OUTCOME_SUBJECT_CHILD));
}

static void test_R_OUT_4_charge_gives_FQ(void **state)
{
	assert_int_equal(outcome_for_charge(), OUTCOME_FQ);
	assert_true(outcome_fits(OUTCOME_FQ, OUTCOME_SUBJECT_PERSON_OF_CONCERN));
	struct proto_err e;
	assert_int_equal(outcome_validate(OUTCOME_FQ, OUTCOME_SUBJECT_CHILD, &e), -1);
	assert_string_equal(e.rule, "R-OUT-4");
}

static void test_R_OUT_5_only_served_orders_add_codes(void **state)
{
	assert_int_equal(outcome_for_order_served(ORDER_SHPO, false), OUTCOME_NONE);
	assert_int_equal(outcome_for_order_served(ORDER_SHPO, true), OUTCOME_FO);
	assert_int_equal(outcome_for_order_served(ORDER_CAWN, true), OUTCOME_FP);
}

static void test_outcome_and_order_codes(void **state)
{
	assert_int_equal(outcome_parse("FQ"), OUTCOME_FQ);
	assert_int_equal(outcome_parse("fq"), OUTCOME_NONE);
	assert_null(outcome_code_str(OUTCOME_NONE));
	enum order_type t;
	assert_int_equal(order_type_parse("shpo", &t), 0);
	assert_int_equal(t, ORDER_SHPO);
	assert_int_equal(order_type_parse("SHPO", &t), -1);
	for (int i = 0; i < ORDER_TYPE_COUNT; i++)
		assert_non_null(order_type_code((enum order_type)i));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_OUT_1_MI_only_on_child),
	        cmocka_unit_test(test_R_OUT_2_orders_give_FP),
	        cmocka_unit_test(test_R_OUT_3_SHPO_gives_FO),
	        cmocka_unit_test(test_R_OUT_4_charge_gives_FQ),
	        cmocka_unit_test(test_R_OUT_5_only_served_orders_add_codes),
	        cmocka_unit_test(test_outcome_and_order_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

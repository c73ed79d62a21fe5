/* test_protocol_flags.c: R-FLAG-1..4 (src/protocol/flags.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/flags.h"

static void test_R_FLAG_1_ES_on_every_suspicion(void **state)
{
	struct flag_state s = {.cse_suspicion = true};
	assert_int_equal(flags_for(&s), FLAG_ES);
	s.cse_suspicion = false;
	s.category = 2;
	assert_int_equal(flags_for(&s), 0);
}

static void test_R_FLAG_2_exactly_one_category_flag(void **state)
{
	struct flag_state s = {.cse_suspicion = true, .category = 1};
	assert_int_equal(flags_for(&s), FLAG_ES | FLAG_LA);
	s.category = 2;
	assert_int_equal(flags_for(&s) & FLAG_CATEGORY_MASK, FLAG_LB);
	s.category = 3;
	assert_int_equal(flags_for(&s) & FLAG_CATEGORY_MASK, FLAG_LC);
	s.category = 7;
	assert_int_equal(flags_for(&s) & FLAG_CATEGORY_MASK, 0);
	struct proto_err e;
	assert_int_equal(flags_validate(FLAG_ES | FLAG_LA | FLAG_LC, &e), -1);
	assert_string_equal(e.rule, "R-FLAG-2");
	assert_int_equal(flags_validate(FLAG_ES | FLAG_LB, &e), 0);
	assert_int_equal(flags_validate(FLAG_LB, &e), -1);
	assert_int_equal(flags_validate(1u << 9, &e), -1);
}

static void test_R_FLAG_3_EU_when_online(void **state)
{
	struct flag_state s = {.cse_suspicion = true, .category = 2, .online = true};
	assert_int_equal(flags_for(&s), FLAG_ES | FLAG_LB | FLAG_EU);
}

static void test_R_FLAG_4_GE_group_GA_gang(void **state)
{
	struct flag_state s = {.cse_suspicion = true, .group = true};
	assert_int_equal(flags_for(&s), FLAG_ES | FLAG_GE);
	s.group = false;
	s.gang = true;
	assert_int_equal(flags_for(&s), FLAG_ES | FLAG_GA);
}

static void test_flag_codes_round_trip(void **state)
{
	assert_string_equal(flags_code(FLAG_EU), "EU");
	assert_null(flags_code(FLAG_ES | FLAG_EU));
	assert_int_equal(flags_bit("LC"), FLAG_LC);
	assert_int_equal(flags_bit("XX"), 0);
	char buf[32];
	assert_int_equal(flags_format(FLAG_ES | FLAG_LB | FLAG_EU, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "ES LB EU");
	assert_int_equal(flags_format(FLAG_ALL, buf, 5), -1);
	uint32_t m;
	assert_int_equal(flags_parse(" ES  LB EU", &m, NULL), 0);
	assert_int_equal(m, FLAG_ES | FLAG_LB | FLAG_EU);
	struct proto_err e;
	assert_int_equal(flags_parse("ES XYZ", &m, &e), -1);
	assert_non_null(strstr(e.message, "XYZ"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_FLAG_1_ES_on_every_suspicion),
	        cmocka_unit_test(test_R_FLAG_2_exactly_one_category_flag),
	        cmocka_unit_test(test_R_FLAG_3_EU_when_online),
	        cmocka_unit_test(test_R_FLAG_4_GE_group_GA_gang),
	        cmocka_unit_test(test_flag_codes_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

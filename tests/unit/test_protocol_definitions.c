/* test_protocol_definitions.c: R-DEF-1, 2, 3, 5, 6 (src/protocol/definitions.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/definitions.h"

static struct lt_date D(int y, int m, int d) {
	return (struct lt_date){y, m, d};
}

static void
test_R_DEF_1_turns_18_tomorrow_is_child(void **state)
{
	/* Born 2008-06-15; on 2026-06-14 still 17. */
	assert_true(def_is_child(D(2008, 6, 15), D(2026, 6, 14)));
	assert_int_equal(def_age_band(D(2008, 6, 15), D(2026, 6, 14)), AGE_16_17);
}

static void test_R_DEF_1_18th_birthday_today_is_adult(void **state)
{
	assert_false(def_is_child(D(2008, 6, 15), D(2026, 6, 15)));
	assert_int_equal(def_age_band(D(2008, 6, 15), D(2026, 6, 15)), AGE_ADULT);
}

static void test_R_DEF_1_leap_day_birthday(void **state)
{
	/* Born 29 Feb 2008: 18 on 1 March 2026 (common year), not on 28 Feb. */
	assert_true(def_is_child(D(2008, 2, 29), D(2026, 2, 28)));
	assert_false(def_is_child(D(2008, 2, 29), D(2026, 3, 1)));
	/* Turns 13 in a leap year on 29 Feb itself. */
	assert_int_equal(def_age_band(D(2011, 2, 28), D(2024, 2, 27)), AGE_UNDER_13);
	assert_int_equal(def_age_band(D(2012, 2, 29), D(2025, 2, 28)), AGE_UNDER_13);
	assert_int_equal(def_age_band(D(2012, 2, 29), D(2025, 3, 1)), AGE_UNDER_16);
}

static void test_R_DEF_1_not_born_and_invalid(void **state)
{
	assert_int_equal(def_age_band(D(2020, 1, 2), D(2020, 1, 1)), AGE_NOT_BORN);
	assert_false(def_is_child(D(2020, 1, 2), D(2020, 1, 1)));
	assert_int_equal(def_age_band(D(2011, 2, 30), D(2020, 1, 1)), AGE_UNKNOWN);
	assert_false(def_is_child(D(2011, 2, 30), D(2020, 1, 1)));
	assert_true(def_is_child(D(2020, 1, 1), D(2020, 1, 1))); /* day of birth */
}

static void test_R_DEF_1_16_17_never_closed_for_age(void **state)
{
	assert_false(def_age_allows_closure(AGE_16_17));
	assert_false(def_age_allows_closure(AGE_UNDER_13));
	assert_false(def_age_allows_closure(AGE_UNKNOWN));
	assert_true(def_age_allows_closure(AGE_ADULT));
}

static void test_R_DEF_2_bands_and_facts(void **state)
{
	assert_int_equal(def_age_band(D(2010, 5, 1), D(2023, 4, 30)), AGE_UNDER_13);
	assert_int_equal(def_age_band(D(2010, 5, 1), D(2023, 5, 1)), AGE_UNDER_16);
	assert_int_equal(def_age_band(D(2010, 5, 1), D(2026, 4, 30)), AGE_UNDER_16);
	assert_int_equal(def_age_band(D(2010, 5, 1), D(2026, 5, 1)), AGE_16_17);
	assert_non_null(strstr(def_age_band_facts(AGE_UNDER_13), "cannot consent"));
	assert_non_null(strstr(def_age_band_facts(AGE_16_17), "position of trust"));
	assert_string_equal(def_age_band_code(AGE_UNDER_16), "under_16");
	/* Facts, not findings: no band text says an offence was committed. */
	assert_null(strstr(def_age_band_facts(AGE_UNDER_16), "guilty"));
}

static void test_R_DEF_3_models(void **state)
{
	struct proto_err e;
	const char *ok[] = {"boyfriend", "online"};
	assert_int_equal(def_models_validate(ok, 2, &e), 0);
	assert_int_equal(def_models_validate(ok, 0, &e), -1);
	assert_string_equal(e.rule, "R-DEF-3");
	const char *dup[] = {"online", "online"};
	assert_int_equal(def_models_validate(dup, 2, &e), -1);
	const char *bad[] = {"lifestyle"};
	assert_int_equal(def_models_validate(bad, 1, &e), -1);
	assert_non_null(strstr(e.message, "lifestyle"));
}

static void test_R_DEF_5_risk_groups_looked_after_needs_home_authority(void **state)
{
	struct proto_err e;
	const char *g[] = {"missing", "looked_after"};
	assert_int_equal(def_risk_groups_validate(g, 2, NULL, &e), -1);
	assert_string_equal(e.rule, "R-DEF-6");
	struct def_looked_after lac = {"Northgate", "Riverside", "IRO Example", NULL};
	assert_int_equal(def_risk_groups_validate(g, 2, &lac, &e), 0);
	assert_int_equal(def_risk_groups_validate(g, 1, NULL, &e), 0);
	const char *bad[] = {"unknown_group"};
	assert_int_equal(def_risk_groups_validate(bad, 1, NULL, &e), -1);
	assert_string_equal(e.rule, "R-DEF-5");
}

static void test_R_DEF_6_placed_out_of_borough_shows_both(void **state)
{
	struct def_looked_after lac = {"Northgate", "Riverside", NULL, NULL};
	assert_true(def_placed_out_of_area(&lac));
	lac.host_authority = "northgate";
	assert_false(def_placed_out_of_area(&lac));
	lac.host_authority = NULL;
	assert_false(def_placed_out_of_area(&lac));
	struct proto_err e;
	struct def_looked_after nohome = {"", "Riverside", NULL, NULL};
	assert_int_equal(def_looked_after_validate(&nohome, &e), -1);
	assert_string_equal(e.field, "home_authority");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_DEF_1_turns_18_tomorrow_is_child),
	        cmocka_unit_test(test_R_DEF_1_18th_birthday_today_is_adult),
	        cmocka_unit_test(test_R_DEF_1_leap_day_birthday),
	        cmocka_unit_test(test_R_DEF_1_not_born_and_invalid),
	        cmocka_unit_test(test_R_DEF_1_16_17_never_closed_for_age),
	        cmocka_unit_test(test_R_DEF_2_bands_and_facts),
	        cmocka_unit_test(test_R_DEF_3_models),
	        cmocka_unit_test(test_R_DEF_5_risk_groups_looked_after_needs_home_authority),
	        cmocka_unit_test(test_R_DEF_6_placed_out_of_borough_shows_both),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

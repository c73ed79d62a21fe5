/* test_protocol_reference.c: the code tables (src/protocol/reference.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/reference.h"

static void test_R_SIGN_1_nine_signs_two_distinct_As(void **state)
{
	size_t n;
	const struct ref_item *s = ref_table(REF_SIGNS, &n);
	assert_int_equal(n, 9);
	char letters[10] = {0};
	for (size_t i = 0; i < n; i++)
		letters[i] = s[i].group[0];
	assert_string_equal(letters, "SAFEGUARD");
	assert_string_not_equal(s[1].code, s[6].code);
	assert_non_null(ref_sign("alcohol_drugs"));
	assert_non_null(ref_sign("absent_missing"));
	assert_null(ref_sign("A"));
	assert_null(ref_sign(NULL));
}

static int count_dups(enum ref_table t)
{
	size_t n;
	const struct ref_item *it = ref_table(t, &n);
	int d = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(it[i].code, it[j].code) == 0)
				d++;
	return d;
}

static void test_codes_unique_in_every_table(void **state)
{
	for (int t = 0; t < REF_TABLE_COUNT; t++) {
		size_t n;
		assert_non_null(ref_table((enum ref_table)t, &n));
		assert_true(n > 0);
		assert_int_equal(count_dups((enum ref_table)t), 0);
	}
	size_t n = 99;
	assert_null(ref_table(REF_TABLE_COUNT, &n));
	assert_int_equal(n, 0);
	assert_null(ref_lookup(REF_TABLE_COUNT, "ES"));
}

static void test_R_CAT_2_indicators_per_category_with_domains(void **state)
{
	size_t n1, n2, n3, all;
	const struct ref_item *c1 = ref_indicators_for(1, &n1);
	ref_indicators_for(2, &n2);
	const struct ref_item *c3 = ref_indicators_for(3, &n3);
	ref_table(REF_INDICATORS, &all);
	assert_int_equal(n1 + n2 + n3, all);
	assert_true(n1 > 20 && n2 > 30 && n3 > 25);
	for (size_t i = 0; i < n1; i++)
		assert_int_equal(c1[i].category, 1);
	for (size_t i = 0; i < n3; i++) {
		assert_int_equal(c3[i].category, 3);
		assert_non_null(ref_lookup(REF_DOMAINS, c3[i].group));
	}
	assert_null(ref_indicators_for(4, &n1));
	assert_int_equal(n1, 0);
	const struct ref_item *it = ref_indicator("c2.mis.2");
	assert_non_null(it);
	assert_string_equal(it->group, "MIS");
	assert_int_equal(it->category, 2);
	assert_null(ref_indicator("c3.rew.1")); /* category 3 has no rewards domain */
}

static void test_R_ORD_5_tactics_T01_to_T29(void **state)
{
	size_t n;
	const struct ref_item *t = ref_table(REF_TACTICS, &n);
	assert_int_equal(n, 29);
	assert_string_equal(t[0].code, "T01");
	assert_string_equal(t[28].code, "T29");
	assert_true(ref_tactic("T14")->flags & REF_RESTRICTED);
	assert_true(ref_tactic("T15")->flags & REF_RESTRICTED);
	assert_false(ref_tactic("T16")->flags & REF_RESTRICTED);
	assert_null(ref_tactic("T30"));
}

static void test_enums_round_trip(void **state)
{
	for (int a = 0; a < AGENCY_COUNT; a++) {
		enum proto_agency out;
		assert_int_equal(ref_agency_parse(ref_agency_code((enum proto_agency)a), &out), 0);
		assert_int_equal(out, a);
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		enum proto_role out;
		assert_int_equal(ref_role_parse(ref_role_code((enum proto_role)r), &out), 0);
		assert_int_equal(out, r);
	}
	enum proto_exploitation e;
	assert_int_equal(ref_exploitation_parse("criminal", &e), 0);
	assert_int_equal(e, EXPLOIT_CRIMINAL);
	enum proto_role r;
	assert_int_equal(ref_role_parse("superuser", &r), -1);
	assert_string_equal(ref_role_code(ROLE_POLICE_SUPERVISOR), "police_supervisor");
	assert_null(ref_agency_code(AGENCY_COUNT));
}

static void test_R_PATH_5_6_7_checklist_items(void **state)
{
	const char *codes[] = {"I1", "I2", "I3", "I4", "I5", "S1", "S2", "S3",
	                       "S4", "S5", "S6", "E1", "E2", "E3", "E4", "E5"};
	size_t n;
	ref_table(REF_CHECKLIST, &n);
	assert_int_equal(n, ARRAY_LEN(codes));
	for (size_t i = 0; i < ARRAY_LEN(codes); i++)
		assert_non_null(ref_lookup(REF_CHECKLIST, codes[i]));
	assert_string_equal(ref_lookup(REF_CHECKLIST, "S3")->group, "supervisor");
}

static void test_R_FLAG_1_R_OUT_1_code_tables(void **state)
{
	const char *flags[] = {"ES", "GE", "GA", "LA", "LB", "LC", "EU"};
	for (size_t i = 0; i < ARRAY_LEN(flags); i++)
		assert_non_null(ref_lookup(REF_FLAGS, flags[i]));
	assert_string_equal(ref_lookup(REF_OUTCOMES, "MI")->group, "victim");
	assert_string_equal(ref_lookup(REF_OUTCOMES, "FQ")->group, "suspect");
	size_t n;
	ref_table(REF_MODELS, &n);
	assert_int_equal(n, 7);
	ref_table(REF_RISK_GROUPS, &n);
	assert_int_equal(n, 9);
}

static int count_all(enum ref_table t, const struct ref_item *it, void *ctx)
{
	(*(size_t *)ctx)++;
	return strcmp(it->code, "T29") == 0 ? 7 : 0;
}

static void test_ref_each_visits_and_stops(void **state)
{
	size_t n = 0;
	assert_int_equal(ref_each(count_all, &n), 7);
	assert_true(n > 50);
}

static void test_R_ORD_4_R_MASE_R_OUTC_tables(void **state)
{
	size_t n;
	const struct ref_item *t = ref_table(REF_DISRUPTION_TYPES, &n);
	assert_int_equal(n, 13);
	const char *classes[] = {"order", "notice", "event", "marker", "tactic"};
	for (size_t i = 0; i < n; i++) {
		bool known = false;
		for (size_t c = 0; c < ARRAY_LEN(classes); c++)
			known |= strcmp(t[i].group, classes[c]) == 0;
		assert_true(known);
	}
	assert_true(ref_lookup(REF_DISRUPTION_TYPES, "covert_tactic")->flags & REF_RESTRICTED);
	ref_table(REF_ORDER_STATUSES, &n);
	assert_int_equal(n, 7);
	ref_table(REF_CHILD_OUTCOMES, &n);
	assert_int_equal(n, 13);
	const struct ref_item *s = ref_table(REF_OUTCOME_SCALE, &n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(s[i].category, (int)i + 1);
	const struct ref_item *r = ref_table(REF_POLICE_RANKS, &n);
	for (size_t i = 1; i < n; i++) /* listed from the lowest level up */
		assert_true(r[i].category >= r[i - 1].category);
	assert_string_equal(ref_table_name(REF_CIN_FACTORS), "cin_factors");
	assert_string_equal(ref_table_name(REF_POLICE_RANKS), "police_ranks");
	assert_non_null(ref_lookup(REF_MEETING_NAMES, "MACE"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_SIGN_1_nine_signs_two_distinct_As),
	        cmocka_unit_test(test_codes_unique_in_every_table),
	        cmocka_unit_test(test_R_CAT_2_indicators_per_category_with_domains),
	        cmocka_unit_test(test_R_ORD_5_tactics_T01_to_T29),
	        cmocka_unit_test(test_enums_round_trip),
	        cmocka_unit_test(test_R_PATH_5_6_7_checklist_items),
	        cmocka_unit_test(test_R_FLAG_1_R_OUT_1_code_tables),
	        cmocka_unit_test(test_ref_each_visits_and_stops),
	        cmocka_unit_test(test_R_ORD_4_R_MASE_R_OUTC_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

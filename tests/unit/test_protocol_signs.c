/* test_protocol_signs.c: R-SIGN-1, R-SIGN-2, R-REC-2 (src/protocol/signs.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/signs.h"

/* 2026-03-10T12:00:00Z */
static const int64_t NOW = 1773144000;

static void test_R_SIGN_1_valid_signs(void **state)
{
	struct proto_err e;
	struct sign_entry s[] = {
	        {"gifts_money", "New phone and trainers, source not explained.", {2026, 3, 1}},
	        {"alcohol_drugs", "Smelled of cannabis on return.", {2026, 3, 10}},
	        {"absent_missing", "Three absences from school this term.", {2026, 2, 20}},
	};
	assert_int_equal(signs_validate(s, 3, NOW, &e), 0);
	assert_int_equal(signs_validate(NULL, 0, NOW, &e), 0);
}

static void test_R_SIGN_1_unknown_code(void **state)
{
	struct proto_err e;
	struct sign_entry s[] = {{"lifestyle", "x", {2026, 3, 1}}};
	assert_int_equal(signs_validate(s, 1, NOW, &e), -1);
	assert_string_equal(e.rule, "R-SIGN-1");
	assert_string_equal(e.field, "code");
}

static void test_R_SIGN_1_duplicate_sign(void **state)
{
	struct proto_err e;
	struct sign_entry s[] = {{"gifts_money", "a", {2026, 3, 1}},
	                         {"gifts_money", "b", {2026, 3, 2}}};
	assert_int_equal(signs_validate(s, 2, NOW, &e), -1);
	assert_non_null(strstr(e.message, "twice"));
}

static void test_R_SIGN_1_future_date_refused(void **state)
{
	struct proto_err e;
	struct sign_entry s[] = {{"gifts_money", "a", {2026, 3, 11}}};
	assert_int_equal(signs_validate(s, 1, NOW, &e), -1);
	assert_string_equal(e.field, "seen_on");
	struct sign_entry bad[] = {{"gifts_money", "a", {2026, 2, 30}}};
	assert_int_equal(signs_validate(bad, 1, NOW, &e), -1);
	assert_string_equal(e.field, "seen_on");
}

static void test_R_SIGN_1_evidence_required_capped_and_valid(void **state)
{
	struct proto_err e;
	struct sign_entry s[] = {{"gifts_money", "  ", {2026, 3, 1}}};
	assert_int_equal(signs_validate(s, 1, NOW, &e), -1);
	assert_string_equal(e.field, "evidence");
	static char big[PROTO_SHORT_MAX + 2];
	memset(big, 'a', sizeof(big) - 1);
	s[0].evidence = big;
	assert_int_equal(signs_validate(s, 1, NOW, &e), -1);
	assert_non_null(strstr(e.message, "too long"));
	s[0].evidence = "bad \xFF byte";
	assert_int_equal(signs_validate(s, 1, NOW, &e), -1);
	s[0].evidence = "Described as promiscuous by staff";
	assert_int_equal(signs_validate(s, 1, NOW, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
}

static void test_R_SIGN_2_no_signs_not_cse_pathway(void **state)
{
	struct signs_decision d;
	signs_decide(0, &d);
	assert_false(d.cse_pathway);
	assert_true(d.rationale_required);
	assert_true(d.consider_early_help);
	assert_string_equal(d.lead, "identifying_agency");
	assert_string_equal(d.rule, "R-SIGN-2");
	signs_decide(1, &d);
	assert_true(d.cse_pathway);
	struct proto_err e;
	assert_int_equal(signs_no_sign_rationale_validate("", &e), -1);
	assert_string_equal(e.rule, "R-SIGN-2");
	assert_int_equal(signs_no_sign_rationale_validate("No sign seen; school monitors.", &e), 0);
}

static void test_R_REC_2_rationale_names_a_sign(void **state)
{
	struct proto_err e;
	const char *codes[] = {"gifts_money"};
	assert_int_equal(signs_rationale_validate("Unexplained gifts.", codes, 1, &e), 0);
	assert_int_equal(signs_rationale_validate("Unexplained gifts.", NULL, 0, &e), -1);
	assert_string_equal(e.rule, "R-REC-2");
	assert_string_equal(e.field, "signs");
	assert_int_equal(signs_rationale_validate("", codes, 1, &e), -1);
	assert_string_equal(e.field, "rationale");
	const char *bad[] = {"gifts"};
	assert_int_equal(signs_rationale_validate("Gifts.", bad, 1, &e), -1);
	assert_int_equal(signs_rationale_validate("Child consented.", codes, 1, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
}

/* R-SIGN-2: before a referral without a sign goes to early help, text that describes a
 * SAFEGUARD sign (R-SIGN-1) is found, so that the referrer can be asked. */
static void test_R_SIGN_2_free_text_describing_signs_is_found(void **state)
{
	(void)state;
	const char *codes[9];
	size_t n = signs_described("Seen getting into cars with OLDER MEN after school; she has "
	                           "a new phone and went missing twice.",
	                           codes, 9);
	assert_int_equal(n, 3);
	/* in the order of the signs (R-SIGN-1) */
	assert_string_equal(codes[0], "absent_missing");
	assert_string_equal(codes[1], "gangs_older_crime");
	assert_string_equal(codes[2], "gifts_money");
	assert_string_equal(signs_described_by("with older males", "gangs_older_crime"),
	                    "older males");
	assert_string_equal(signs_described_by("Gifts from a neighbour.", "gifts_money"), "gifts");
	assert_non_null(signs_described_by("Going missing from care.", "absent_missing"));
	/* whole words only: "missingness" and "begifted" are not the words */
	assert_int_equal(signs_described("Missingness report; begifted.", codes, 9), 0);
	assert_null(signs_described_by("nothing here", "gifts_money"));
	assert_null(signs_described_by("gifts", "no_such_sign"));
	assert_int_equal(signs_described(NULL, codes, 9), 0);
	assert_int_equal(signs_described("", codes, 9), 0);
	/* only max codes are written; all are counted */
	assert_int_equal(signs_described("older men, gifts, went missing", codes, 1), 3);
	assert_string_equal(codes[0], "absent_missing");
}

static void test_R_SIGN_2_text_without_a_sign_finds_none(void **state)
{
	(void)state;
	const char *codes[9];
	assert_int_equal(signs_described("Late for school once; her parents are supportive and "
	                                 "she is doing well.",
	                                 codes, 9),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_SIGN_1_valid_signs),
	        cmocka_unit_test(test_R_SIGN_1_unknown_code),
	        cmocka_unit_test(test_R_SIGN_1_duplicate_sign),
	        cmocka_unit_test(test_R_SIGN_1_future_date_refused),
	        cmocka_unit_test(test_R_SIGN_1_evidence_required_capped_and_valid),
	        cmocka_unit_test(test_R_SIGN_2_no_signs_not_cse_pathway),
	        cmocka_unit_test(test_R_REC_2_rationale_names_a_sign),
	        cmocka_unit_test(test_R_SIGN_2_free_text_describing_signs_is_found),
	        cmocka_unit_test(test_R_SIGN_2_text_without_a_sign_finds_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

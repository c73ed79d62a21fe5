/* test_protocol_outcomes.c: R-OUT-1..5, R-OUTC-1, R-OUTC-2 and R-DL-8
 * (src/protocol/outcomes.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/language.h"
#include "protocol/outcomes.h"
#include "protocol/reference.h"

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static struct lt_date D(int y, int m, int d) {
	return (struct lt_date){y, m, d};
}

static void
test_R_OUT_1_MI_only_on_child(void **state)
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

static void test_R_OUTC_1_thirteen_outcomes_and_a_worded_scale(void **state)
{
	size_t n;
	const struct ref_item *o = ref_table(REF_CHILD_OUTCOMES, &n);
	assert_int_equal(n, 13);
	assert_int_equal(CHILD_OUTCOME_COUNT, 13);
	for (int i = 0; i < CHILD_OUTCOME_COUNT; i++) {
		enum child_outcome c;
		assert_string_equal(child_outcome_code(i), o[i].code);
		assert_int_equal(child_outcome_parse(o[i].code, &c, NULL), 0);
		assert_int_equal(c, i);
	}
	struct proto_err e;
	enum child_outcome c;
	assert_int_equal(child_outcome_parse("happiness", &c, &e), -1);
	assert_string_equal(e.rule, "R-OUTC-1");
	assert_null(child_outcome_code(CHILD_OUTCOME_COUNT));
	for (int s = OUTC_SCORE_MIN; s <= OUTC_SCORE_MAX; s++) {
		assert_non_null(outc_score_label(s));
		assert_int_equal(language_check(outc_score_label(s), NULL), 0);
	}
	assert_string_equal(outc_score_label(5), "Outcome met and sustained");
	assert_null(outc_score_label(OUTC_NOT_SCORED));
	assert_null(outc_score_label(6));
}

static struct outc_review review(const char *at, int base)
{
	struct outc_review r = {.reviewed_at = T(at), .reviewer_id = "usr_sw"};
	for (int i = 0; i < CHILD_OUTCOME_COUNT; i++)
		r.score[i] = base;
	return r;
}

static void test_R_OUTC_1_review_scores_each_outcome(void **state)
{
	int64_t now = T("2027-01-01T00:00Z");
	struct proto_err e;
	struct outc_review r = review("2026-12-01T10:00Z", 2);
	assert_int_equal(outc_review_validate(&r, now, &e), 0);
	r.score[OUTC_FAMILY_RELATIONSHIP] = OUTC_NOT_SCORED; /* needs a note */
	assert_int_equal(outc_review_validate(&r, now, &e), -1);
	assert_string_equal(e.rule, "R-OUTC-1");
	assert_string_equal(e.field, "family_relationship");
	r.note[OUTC_FAMILY_RELATIONSHIP] = "No contact with a parent at present";
	assert_int_equal(outc_review_validate(&r, now, &e), 0);
	r.score[OUTC_KNOWS_RIGHTS] = 6;
	assert_int_equal(outc_review_validate(&r, now, &e), -1);
	assert_string_equal(e.field, "knows_rights");
	r = review("2026-12-01T10:00Z", OUTC_NOT_SCORED);
	for (int i = 0; i < CHILD_OUTCOME_COUNT; i++)
		r.note[i] = "Not seen this quarter";
	assert_int_equal(outc_review_validate(&r, now, &e), -1); /* nothing scored */
	assert_string_equal(e.field, "score");
	r = review("2027-01-02T10:00Z", 3);
	assert_int_equal(outc_review_validate(&r, now, &e), -1);
	assert_string_equal(e.field, "reviewed_at");
	r = review("2026-12-01T10:00Z", 3);
	r.reviewer_id = NULL;
	assert_int_equal(outc_review_validate(&r, now, &e), -1);
	assert_string_equal(e.field, "reviewer_id");
}

static void test_R_OUTC_1_distance_travelled_between_reviews(void **state)
{
	struct outc_review a = review("2026-06-01T10:00Z", 2);
	struct outc_review b = review("2026-09-01T10:00Z", 2);
	b.score[OUTC_MISSING_REDUCED] = 4;
	b.score[OUTC_SCHOOL_ATTENDANCE] = 1;
	b.score[OUTC_STAYS_IN_CONTACT] = OUTC_NOT_SCORED;
	struct outc_distance d;
	struct proto_err e;
	assert_int_equal(outc_distance(&a, &b, &d, &e), 0);
	assert_int_equal(d.n_compared, 12);
	assert_int_equal(d.improved, 1);
	assert_int_equal(d.worse, 1);
	assert_int_equal(d.same, 10);
	assert_int_equal(d.change[OUTC_MISSING_REDUCED], 2);
	assert_int_equal(d.change[OUTC_SCHOOL_ATTENDANCE], -1);
	assert_false(d.compared[OUTC_STAYS_IN_CONTACT]);
	assert_int_equal(d.total, 1);
	assert_int_equal(d.days, 92);
	assert_int_equal(outc_distance(&b, &a, &d, &e), -1);
	assert_string_equal(e.field, "reviewed_at");
}

static void test_R_DL_8_outcome_reviews_every_3_months_by_default(void **state)
{
	int64_t due;
	struct proto_err e;
	assert_int_equal(outc_next_review(T("2026-11-30T10:00Z"), 0, &due, &e), 0);
	assert_int_equal(due, T("2027-02-28T10:00Z"));
	assert_int_equal(outc_next_review(T("2026-11-30T10:00Z"), 6, &due, &e), 0);
	assert_int_equal(due, T("2027-05-30T09:00Z")); /* 10:00 BST */
	assert_int_equal(outc_next_review(T("2026-11-30T10:00Z"), 13, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-8");
}

static struct cj_case full_case(void)
{
	struct cj_case c = {.person_id = "poc_1", .network_id = "net_1"};
	c.arrested_on = D(2026, 1, 5);
	c.referred_on = D(2026, 1, 6);
	c.decision = CJ_CHARGE;
	c.decided_on = D(2026, 1, 7);
	c.charged_on = D(2026, 1, 7);
	c.offence = "soa2003_s47_50";
	c.result = CJ_CONVICTED;
	c.result_on = D(2026, 9, 1);
	c.sentenced_on = D(2026, 10, 1);
	c.sentence = "Six years' imprisonment";
	return c;
}

static void cj_refused(const struct cj_case *c, const char *field)
{
	struct proto_err e;
	assert_int_equal(cj_case_validate(c, T("2027-01-01T00:00Z"), &e), -1);
	assert_string_equal(e.rule, "R-OUTC-2");
	assert_string_equal(e.field, field);
}

static void test_R_OUTC_2_criminal_justice_case(void **state)
{
	int64_t now = T("2027-01-01T00:00Z");
	struct cj_case c = full_case();
	assert_int_equal(cj_case_validate(&c, now, NULL), 0);
	assert_int_equal(cj_case_outcome(&c), OUTCOME_FQ); /* R-OUT-5: the charge adds FQ */
	c.charged_on = D(2026, 1, 6);                      /* before the decision to charge */
	cj_refused(&c, "charged_on");
	c = full_case();
	c.referred_on = D(2026, 1, 4); /* referred before the arrest */
	cj_refused(&c, "referred_on");
	c = full_case();
	c.offence = NULL;
	cj_refused(&c, "offence");
	c = full_case();
	c.result = CJ_ACQUITTED; /* a sentence needs a conviction */
	cj_refused(&c, "sentenced_on");
	c.sentenced_on = (struct lt_date){0, 0, 0};
	c.sentence = NULL;
	assert_int_equal(cj_case_validate(&c, now, NULL), 0);
	c = full_case();
	c.sentence = NULL;
	cj_refused(&c, "sentence");
	c = full_case();
	c.decision = CJ_NO_FURTHER_ACTION; /* charged without a decision to charge */
	cj_refused(&c, "charged_on");
	c = full_case();
	c.decision = CJ_CHARGE;
	c.charged_on = (struct lt_date){0, 0, 0};
	c.result = CJ_RESULT_NONE;
	c.result_on = c.sentenced_on = (struct lt_date){0, 0, 0};
	c.sentence = NULL;
	cj_refused(&c, "charged_on");
	c = full_case();
	c.result_on = (struct lt_date){0, 0, 0};
	cj_refused(&c, "result_on");
	c = full_case();
	c.sentenced_on = D(2027, 1, 2); /* in the future */
	cj_refused(&c, "sentenced_on");
	c = full_case();
	c.person_id = NULL;
	cj_refused(&c, "person_id");
	/* a police charge without a referral to the CPS */
	c = (struct cj_case){.person_id = "poc_2", .arrested_on = D(2026, 3, 1)};
	c.charged_on = D(2026, 3, 2);
	c.offence = "possession with intent to supply";
	assert_int_equal(cj_case_validate(&c, now, NULL), 0);
	/* a decision needs its referral */
	c = (struct cj_case){.person_id = "poc_3", .decision = CJ_NO_FURTHER_ACTION};
	c.decided_on = D(2026, 3, 2);
	cj_refused(&c, "referred_on");
	c.referred_on = D(2026, 3, 1);
	assert_int_equal(cj_case_validate(&c, now, NULL), 0);
	assert_int_equal(cj_case_outcome(&c), OUTCOME_NONE);
	c.result = CJ_CONVICTED; /* a result needs a charge */
	c.result_on = D(2026, 5, 1);
	cj_refused(&c, "result");
	enum cj_decision d;
	assert_int_equal(cj_decision_parse("out_of_court", &d, NULL), 0);
	assert_int_equal(d, CJ_OUT_OF_COURT);
	assert_string_equal(cj_decision_code(CJ_CHARGE), "charge");
	assert_null(cj_decision_code(CJ_DECISION_NONE));
	enum cj_result r;
	assert_int_equal(cj_result_parse("discontinued", &r, NULL), 0);
	assert_int_equal(r, CJ_DISCONTINUED);
	assert_int_equal(cj_result_parse("guilty", &r, NULL), -1);
	assert_null(cj_result_code(CJ_RESULT_COUNT));
}

static void test_R_OUTC_2_attrition_referred_charged_convicted(void **state)
{
	struct cj_case cases[5];
	cases[0] = full_case(); /* referred, charged, convicted */
	cases[1] = full_case(); /* referred, charged, awaiting trial */
	cases[1].result = CJ_RESULT_NONE;
	cases[1].result_on = cases[1].sentenced_on = (struct lt_date){0, 0, 0};
	cases[1].sentence = NULL;
	cases[2] = (struct cj_case){.person_id = "p3", .referred_on = D(2026, 2, 1)}; /* waiting */
	cases[3] = (struct cj_case){.person_id = "p4", .referred_on = D(2026, 2, 1)};
	cases[3].decision = CJ_NO_FURTHER_ACTION;
	cases[3].decided_on = D(2026, 3, 1);
	cases[4] = full_case(); /* referred in the year before */
	cases[4].arrested_on = D(2025, 5, 1);
	cases[4].referred_on = D(2025, 5, 2);
	cases[4].decided_on = cases[4].charged_on = D(2025, 5, 3);
	struct cj_attrition a;
	cj_attrition(cases, 5, D(2026, 1, 1), D(2026, 12, 31), &a);
	assert_int_equal(a.referred, 4);
	assert_int_equal(a.charged, 2);
	assert_int_equal(a.convicted, 1);
	assert_int_equal(a.awaiting_decision, 1);
	assert_int_equal(a.awaiting_result, 1);
	assert_int_equal(a.arrests, 2);
	assert_int_equal(a.charges, 2);
	assert_int_equal(a.convictions, 2); /* case 4's conviction is dated in 2026 */
	cj_attrition(cases, 5, (struct lt_date){0, 0, 0}, (struct lt_date){0, 0, 0}, &a);
	assert_int_equal(a.referred, 5);
	assert_int_equal(a.convicted, 2);
	cj_attrition(NULL, 0, D(2026, 1, 1), D(2026, 12, 31), &a);
	assert_int_equal(a.referred, 0);
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
	        cmocka_unit_test(test_R_OUTC_1_thirteen_outcomes_and_a_worded_scale),
	        cmocka_unit_test(test_R_OUTC_1_review_scores_each_outcome),
	        cmocka_unit_test(test_R_OUTC_1_distance_travelled_between_reviews),
	        cmocka_unit_test(test_R_DL_8_outcome_reviews_every_3_months_by_default),
	        cmocka_unit_test(test_R_OUTC_2_criminal_justice_case),
	        cmocka_unit_test(test_R_OUTC_2_attrition_referred_charged_convicted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_protocol_missing_return.c: the return and the patterns of missing episodes
 * (R-MISS-5, 6, 8, 9, 10; src/protocol/missing.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/missing.h"

#define HOUR ((int64_t)3600)
#define DAY ((int64_t)86400)

/* 2026-03-10T12:00:00Z */
static const int64_t NOW = 1773144000;

static void test_R_MISS_5_return_validation(void **state)
{
	struct miss_return r = {NOW - DAY, NOW - HOUR, "Bus station, Croydon", "two older males"};
	struct proto_err e;
	assert_int_equal(missing_return_validate(&r, NOW, &e), 0);
	r.with_whom = NULL;
	assert_int_equal(missing_return_validate(&r, NOW, &e), 0);
	r.returned_at = r.reported_at; /* found at once */
	assert_int_equal(missing_return_validate(&r, NOW, &e), 0);
	r.returned_at = r.reported_at - 1;
	assert_int_equal(missing_return_validate(&r, NOW, &e), -1);
	assert_string_equal(e.rule, "R-MISS-5");
	assert_string_equal(e.field, "returned_at");
	r.returned_at = NOW + 1;
	assert_int_equal(missing_return_validate(&r, NOW, &e), -1);
	assert_non_null(strstr(e.message, "future"));
	r.returned_at = NOW;
	r.where = "  ";
	assert_int_equal(missing_return_validate(&r, NOW, &e), -1);
	assert_string_equal(e.field, "where");
	r.where = "Park";
	r.with_whom = "a man she called a prostitute";
	assert_int_equal(missing_return_validate(&r, NOW, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
}

static struct miss_safe_well safe_well(void)
{
	return (struct miss_safe_well){NOW - 3 * HOUR,
	                               NOW - 2 * HOUR,
	                               "PC-4471",
	                               "Flat above a takeaway, Streatham",
	                               false,
	                               "an adult male known as 'Jay'",
	                               "Stayed overnight; was given alcohol.",
	                               false,
	                               NULL};
}

static void test_R_MISS_5_safe_and_well_check(void **state)
{
	struct miss_safe_well s = safe_well();
	struct miss_safe_well_plan plan;
	struct proto_err e;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), 0);
	assert_false(plan.crime_link);
	/* who with: required unless found alone */
	s.found_with = NULL;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
	assert_string_equal(e.field, "found_with");
	s.found_alone = true;
	assert_int_equal(missing_safe_well_validate(&s, NOW, NULL, &e), 0);
	s = safe_well();
	s.what_happened = "";
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
	assert_string_equal(e.field, "what_happened");
	s = safe_well();
	s.officer_id = NULL;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
	assert_string_equal(e.field, "officer_id");
	s = safe_well();
	s.checked_at = s.returned_at - 1;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
	assert_string_equal(e.field, "checked_at");
	s.checked_at = NOW + 60;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
}

static void test_R_MISS_5_crime_allegation_creates_linked_crime_reference(void **state)
{
	struct miss_safe_well s = safe_well();
	s.crime_alleged = true;
	struct miss_safe_well_plan plan;
	struct proto_err e;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), 0);
	assert_true(plan.crime_link);
	assert_true(plan.crime.create_crime_reference);
	assert_true(plan.crime.link_crime_reference);
	assert_false(plan.crime.create_record);
	assert_true(plan.crime.es_on_crime_report);
	s.crime_reference = "4201234/26";
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), 0);
	assert_false(plan.crime.create_crime_reference);
	assert_true(plan.crime.link_crime_reference);
	s.crime_reference = "=cmd|x";
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
	assert_string_equal(e.rule, "R-REC-4");
	s.crime_reference = "4201234/26";
	s.crime_alleged = false;
	assert_int_equal(missing_safe_well_validate(&s, NOW, &plan, &e), -1);
	assert_string_equal(e.field, "crime_reference");
}

static void test_R_MISS_6_interview_not_before_return(void **state)
{
	struct proto_err e;
	int64_t ret = NOW - 2 * DAY;
	assert_int_equal(missing_interview_time_validate(ret, ret, NOW, &e), 0);
	assert_int_equal(missing_interview_time_validate(ret, ret - 1, NOW, &e), -1);
	assert_string_equal(e.rule, "R-MISS-6");
	assert_string_equal(e.field, "interview_at");
	assert_int_equal(missing_interview_time_validate(ret, NOW + 1, NOW, &e), -1);
	assert_false(missing_interview_late(ret, ret + 72 * HOUR));
	assert_true(missing_interview_late(ret, ret + 72 * HOUR + 1));
}

static struct ri_findings findings(void)
{
	return (struct ri_findings){NOW - 2 * DAY,
	                            NOW - DAY,
	                            "RI-worker-12",
	                            false,
	                            "A flat in Brixton",
	                            "Older teenagers from school",
	                            "Went to a party; was offered a lift home.",
	                            "Arguments at the placement",
	                            "Keep-safe plan reviewed",
	                            "Risk of exploitation is rising: new older associates."};
}

static void test_R_MISS_8_interview_findings_become_chronology(void **state)
{
	struct ri_findings f = findings();
	struct buf facts = BUF_INIT(1 << 16), opinion = BUF_INIT(1 << 16);
	struct proto_err e;
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), 0);
	const char *t = buf_cstr(&facts);
	assert_non_null(strstr(t, "Return interview on 9 Mar 2026, 12:00 by RI-worker-12"));
	assert_non_null(strstr(t, "return on 8 Mar 2026, 12:00"));
	assert_non_null(strstr(t, "\nWhere the child stayed: A flat in Brixton"));
	assert_non_null(strstr(t, "\nWhat happened: Went to a party"));
	assert_non_null(strstr(t, "\nActions agreed: Keep-safe plan reviewed"));
	assert_null(strstr(t, "Risk of exploitation")); /* the opinion is kept apart */
	assert_null(strstr(t, "72 hours"));
	assert_non_null(strstr(buf_cstr(&opinion), "Risk of exploitation is rising"));

	/* The entries pass the chronology rules (R-REC-3). */
	const char *people[] = {"child-1", "RI-worker-12"};
	struct chron_entry ce = {f.interview_at, true, "RI-worker-12", people, 2, REC_FACT, t};
	assert_int_equal(recording_chron_validate(&ce, NOW, &e), 0);
	ce.nature = REC_OPINION;
	ce.text = buf_cstr(&opinion);
	assert_int_equal(recording_chron_validate(&ce, NOW, &e), 0);

	/* No assessment: no opinion entry. A late interview says so. */
	f.assessment = NULL;
	f.interview_at = f.returned_at + 80 * HOUR;
	assert_int_equal(missing_ri_chronology(&f, NOW + 2 * DAY, &facts, &opinion, &e), 0);
	assert_int_equal(opinion.len, 0);
	assert_non_null(strstr(buf_cstr(&facts), "more than 72 hours"));
	buf_release(&facts);
	buf_release(&opinion);
}

static void test_R_MISS_8_declined_and_refusals(void **state)
{
	struct ri_findings f = {.returned_at = NOW - 2 * DAY,
	                        .interview_at = NOW - DAY,
	                        .interviewer_id = "RI-worker-12",
	                        .declined = true};
	struct buf facts = BUF_INIT(1 << 16), opinion = BUF_INIT(1 << 16);
	struct proto_err e;
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), 0);
	assert_non_null(strstr(buf_cstr(&facts), "the child declined to take part"));
	/* an account is required unless declined */
	f.declined = false;
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), -1);
	assert_string_equal(e.rule, "R-MISS-8");
	assert_string_equal(e.field, "what_happened");
	assert_int_equal(facts.len, 0);
	f = findings();
	f.interview_at = f.returned_at - 1;
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), -1);
	assert_string_equal(e.rule, "R-MISS-6");
	f = findings();
	f.interviewer_id = "";
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), -1);
	f = findings();
	f.what_happened = "She was consenting, the carer said.";
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
	/* five long parts exceed one entry's cap */
	char big[1901];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	f = findings();
	f.where_stayed = f.with_whom = f.what_happened = f.why_left = f.actions = big;
	assert_int_equal(missing_ri_chronology(&f, NOW, &facts, &opinion, &e), -1);
	assert_int_equal(facts.len, 0);
	/* a buffer too small fails cleanly */
	struct buf small = BUF_INIT(16);
	f = findings();
	assert_int_equal(missing_ri_chronology(&f, NOW, &small, &opinion, &e), -1);
	assert_int_equal(small.len, 0);
	buf_release(&small);
	buf_release(&facts);
	buf_release(&opinion);
}

static struct miss_forensic forensic(void)
{
	return (struct miss_forensic){{FOR_YES, FOR_NO, FOR_YES},
	                              FOR_STRATEGY,
	                              "Disclosure of a party at an unknown address; phone holds "
	                              "contacts.",
	                              "DS-220",
	                              NOW - HOUR};
}

static void test_R_MISS_9_forensic_strategy_prompt_and_decision(void **state)
{
	size_t n = 0;
	const struct forensic_question *q = missing_forensic_questions(&n);
	assert_int_equal(n, MISS_FORENSIC_QUESTIONS);
	assert_string_equal(q[0].code, "clothing");
	assert_string_equal(q[1].code, "early_evidence_kit");
	assert_string_equal(q[2].code, "devices");
	assert_true(missing_forensic_prompt(true, false));
	assert_false(missing_forensic_prompt(true, true));
	assert_false(missing_forensic_prompt(false, false));

	struct miss_forensic f = forensic();
	struct proto_err e;
	int64_t ended = NOW - 2 * HOUR;
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), 0);
	f.answers[1] = FOR_UNANSWERED;
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	assert_string_equal(e.rule, "R-MISS-9");
	assert_string_equal(e.field, "early_evidence_kit");
	f = forensic();
	f.decision = FOR_NO_STRATEGY; /* but clothing answered yes */
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	assert_string_equal(e.field, "decision");
	f.answers[0] = f.answers[2] = FOR_NO;
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), 0);
	f.decision = FOR_STRATEGY; /* with nothing to do */
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	f.decision = FOR_DECISION_UNSET;
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	f = forensic();
	f.rationale = " ";
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	assert_string_equal(e.field, "rationale");
	f = forensic();
	f.decided_by = NULL;
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	f = forensic();
	f.decided_at = ended - 1;
	assert_int_equal(missing_forensic_validate(&f, ended, NOW, &e), -1);
	assert_string_equal(e.field, "decided_at");
}

static void test_R_MISS_10_repeat_counts_30_90_365(void **state)
{
	int64_t starts[] = {
	        NOW,                /* now: all windows */
	        NOW - 30 * DAY + 1, /* just inside 30 */
	        NOW - 30 * DAY,     /* exactly 30 days ago: 90 and 365 only */
	        NOW - 89 * DAY,     /* 90, 365 */
	        NOW - 364 * DAY,    /* 365 */
	        NOW - 365 * DAY,    /* none */
	        NOW + HOUR,         /* future: ignored */
	};
	struct miss_repeat r;
	missing_repeat_count(starts, ARRAY_LEN(starts), NOW, &r);
	assert_int_equal(r.days_30, 2);
	assert_int_equal(r.days_90, 4);
	assert_int_equal(r.days_365, 5);
	missing_repeat_count(NULL, 0, NOW, &r);
	assert_int_equal(r.days_365, 0);
}

/* Where two episodes ended counts only when both ended, within the found window. */
static void test_R_MISS_10_found_near(void **state)
{
	(void)state;
	struct miss_episode a = {"e0", "A", NOW - 10 * HOUR, NOW - 4 * HOUR, true, "loc-1", NULL};
	struct miss_episode b = {"e1", "B", NOW - 9 * HOUR, NOW - 2 * HOUR, true, "loc-1", NULL};
	assert_true(missing_found_near(&a, &b, 0)); /* two hours apart: the default window */
	assert_true(missing_found_near(&b, &a, 0));
	b.end += 1;
	assert_false(missing_found_near(&a, &b, 0));
	assert_true(missing_found_near(&a, &b, 3 * HOUR));
	b.end = NOW - 4 * HOUR;
	b.ended = false; /* still missing: not found anywhere yet */
	assert_false(missing_found_near(&a, &b, 0));
}

static void test_R_MISS_10_missing_together(void **state)
{
	struct miss_episode eps[] = {
	        /* 0: A, 10:00-18:00, found at loc-1 with person-9 */
	        {"e0", "A", NOW - 10 * HOUR, NOW - 2 * HOUR, true, "loc-1", "person-9"},
	        /* 1: B overlaps A by 7 hours, found at loc-1 */
	        {"e1", "B", NOW - 9 * HOUR, NOW - 2 * HOUR + 600, true, "loc-1", NULL},
	        /* 2: A again (same child: never paired with itself) */
	        {"e2", "A", NOW - 9 * HOUR + 60, NOW - 8 * HOUR, true, NULL, NULL},
	        /* 3: C overlaps A by 30 minutes only, found elsewhere */
	        {"e3", "C", NOW - 2 * HOUR - 1800, NOW - HOUR, true, "loc-7", NULL},
	        /* 4: D, found with child C, 30 minutes after C, no overlap with C */
	        {"e4", "D", NOW - HOUR + 60, NOW - HOUR + 1800, true, "loc-8", "C"},
	        /* 5: E still missing, started 30 minutes ago */
	        {"e5", "E", NOW - 1800, 0, false, NULL, NULL},
	};
	struct miss_together out[8];
	size_t found = 0;
	struct proto_err e;
	assert_int_equal(missing_together(eps, ARRAY_LEN(eps), NULL, NOW, out, 8, &found, &e), 0);
	assert_int_equal(found, 2);
	/* A+B: overlap 7 h, found at the same location within 2 hours */
	assert_int_equal(out[0].a, 0);
	assert_int_equal(out[0].b, 1);
	assert_true(out[0].overlapping);
	assert_int_equal(out[0].overlap, 7 * HOUR);
	assert_true(out[0].same_location);
	assert_false(out[0].same_person);
	/* Not pairs: B+e2 (59 minutes, under the 1-hour minimum), A+C (30 minutes, found
	 * apart), E (still missing, overlapping no one). C+D: D was found with C. */
	assert_int_equal(out[1].a, 3);
	assert_int_equal(out[1].b, 4);
	assert_false(out[1].overlapping);
	assert_int_equal(out[1].overlap, 0);
	assert_false(out[1].same_location);
	assert_true(out[1].same_person);
	/* cap smaller than the count: the count is still complete */
	assert_int_equal(missing_together(eps, ARRAY_LEN(eps), NULL, NOW, out, 1, &found, &e), 0);
	assert_int_equal(found, 2);
}

static void test_R_MISS_10_missing_together_options_and_errors(void **state)
{
	struct miss_episode eps[] = {
	        {"e0", "A", NOW - 10 * HOUR, NOW - 2 * HOUR, true, NULL, NULL},
	        {"e1", "C", NOW - 2 * HOUR - 1800, NOW - HOUR, true, NULL, NULL},
	};
	struct miss_together out[2];
	size_t found = 9;
	struct proto_err e;
	assert_int_equal(missing_together(eps, 2, NULL, NOW, out, 2, &found, &e), 0);
	assert_int_equal(found, 0);
	struct miss_together_opts o = {.min_overlap = 1800};
	assert_int_equal(missing_together(eps, 2, &o, NOW, out, 2, &found, &e), 0);
	assert_int_equal(found, 1);
	assert_int_equal(out[0].overlap, 1800);
	/* cap 0: counts only */
	assert_int_equal(missing_together(eps, 2, &o, NOW, NULL, 0, &found, &e), 0);
	assert_int_equal(found, 1);
	/* unsorted */
	struct miss_episode rev[] = {eps[1], eps[0]};
	assert_int_equal(missing_together(rev, 2, &o, NOW, out, 2, &found, &e), -1);
	assert_string_equal(e.rule, "R-MISS-10");
	/* end before start, end in the future, no child */
	eps[1].end = eps[1].start - 1;
	assert_int_equal(missing_together(eps, 2, &o, NOW, out, 2, &found, &e), -1);
	eps[1].end = NOW + 1;
	assert_int_equal(missing_together(eps, 2, &o, NOW, out, 2, &found, &e), -1);
	eps[1].end = NOW;
	eps[1].child_id = "";
	assert_int_equal(missing_together(eps, 2, &o, NOW, out, 2, &found, &e), -1);
	assert_int_equal(missing_together(NULL, 0, NULL, NOW, out, 2, &found, &e), 0);
	assert_int_equal(found, 0);
	/* an open episode runs to now: exactly the minimum overlap counts */
	struct miss_episode open[] = {
	        {"e0", "A", NOW - 3 * HOUR, NOW - HOUR, true, NULL, NULL},
	        {"e1", "B", NOW - 2 * HOUR, 0, false, NULL, NULL},
	};
	assert_int_equal(missing_together(open, 2, NULL, NOW, out, 2, &found, &e), 0);
	assert_int_equal(found, 1);
	assert_int_equal(out[0].overlap, HOUR);
	assert_true(out[0].overlapping);
	open[0].end = NOW - HOUR - 1;
	assert_int_equal(missing_together(open, 2, NULL, NOW, out, 2, &found, &e), 0);
	assert_int_equal(found, 0);
}

static void test_R_MISS_10_risk_levels(void **state)
{
	enum miss_risk r = MISS_RISK_HIGH;
	struct proto_err e;
	const char *codes[] = {"no_apparent_risk", "low", "medium", "high"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(missing_risk_parse(codes[i], &r, &e), 0);
		assert_int_equal(r, i);
		assert_string_equal(missing_risk_code(r), codes[i]);
		assert_non_null(missing_risk_label(r));
	}
	r = MISS_RISK_LOW;
	assert_int_equal(missing_risk_parse("High", &r, &e), -1);
	assert_int_equal(missing_risk_parse("", &r, &e), -1);
	assert_int_equal(missing_risk_parse(NULL, &r, &e), -1);
	assert_int_equal(missing_risk_parse("absent", &r, &e), -1);
	assert_int_equal(r, MISS_RISK_LOW);
	assert_null(missing_risk_code((enum miss_risk)9));
	assert_null(missing_risk_label((enum miss_risk) - 1));
	assert_string_equal(missing_risk_label(MISS_RISK_NO_APPARENT), "No apparent risk");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_MISS_5_return_validation),
	        cmocka_unit_test(test_R_MISS_5_safe_and_well_check),
	        cmocka_unit_test(test_R_MISS_5_crime_allegation_creates_linked_crime_reference),
	        cmocka_unit_test(test_R_MISS_6_interview_not_before_return),
	        cmocka_unit_test(test_R_MISS_8_interview_findings_become_chronology),
	        cmocka_unit_test(test_R_MISS_8_declined_and_refusals),
	        cmocka_unit_test(test_R_MISS_9_forensic_strategy_prompt_and_decision),
	        cmocka_unit_test(test_R_MISS_10_repeat_counts_30_90_365),
	        cmocka_unit_test(test_R_MISS_10_found_near),
	        cmocka_unit_test(test_R_MISS_10_missing_together),
	        cmocka_unit_test(test_R_MISS_10_missing_together_options_and_errors),
	        cmocka_unit_test(test_R_MISS_10_risk_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

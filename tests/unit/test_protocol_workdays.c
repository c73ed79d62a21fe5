/* test_protocol_workdays.c: Easter, the bank holidays of England and Wales and
 * working-day arithmetic (src/protocol/workdays.h), across years and clock changes;
 * and the MASH's evaluation and decision clock (R-PATH-3, src/protocol/mash.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/deadlines.h"
#include "protocol/mash.h"
#include "protocol/reference.h"
#include "protocol/workdays.h"

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static struct lt_date D(const char *s) {
	struct lt_date d;
	assert_int_equal(ltime_parse_date(s, &d), 0);
	return d;
}

static void
is_date(struct lt_date d, const char *want)
{
	char buf[LT_DATE_LEN];
	ltime_format_date(d, buf);
	assert_string_equal(buf, want);
}

static void test_easter_computus_across_years(void **state)
{
	static const char *const want[][2] = {
	        {"1818", "1818-03-22"}, {"1943", "1943-04-25"}, {"2000", "2000-04-23"},
	        {"2008", "2008-03-23"}, {"2011", "2011-04-24"}, {"2019", "2019-04-21"},
	        {"2024", "2024-03-31"}, {"2025", "2025-04-20"}, {"2026", "2026-04-05"},
	        {"2027", "2027-03-28"}, {"2038", "2038-04-25"}, {"2200", "2200-04-06"},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		is_date(wd_easter((int)strtol(want[i][0], NULL, 10)), want[i][1]);
}

static void holidays(const char *const *days, bool want)
{
	for (; *days; days++) {
		if (wd_bank_holiday(D(*days)) != want)
			fail_msg("%s: expected %s", *days, want ? "a bank holiday" : "not one");
		if (want)
			assert_false(wd_working_day(D(*days)));
	}
}

static void test_bank_holidays_2020_to_2027(void **state)
{
	static const char *const yes[] = {
	        /* 2020: early May moved to Friday 8 May */
	        "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
	        "2020-12-25", "2020-12-28",
	        /* 2021: Christmas on Saturday: Monday 27 and Tuesday 28 */
	        "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
	        "2021-12-27", "2021-12-28",
	        /* 2022: New Year on Saturday; spring moved; jubilee; state funeral; Christmas
	         * on Sunday: Boxing Day Monday 26, Christmas kept Tuesday 27 */
	        "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
	        "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
	        /* 2023: New Year on Sunday; the coronation */
	        "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
	        "2023-08-28", "2023-12-25", "2023-12-26",
	        /* 2026: Boxing Day on Saturday, kept Monday 28 */
	        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
	        "2026-12-25", "2026-12-28",
	        /* 2027: Christmas on Saturday */
	        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
	        "2027-12-27", "2027-12-28",
	        /* one-offs */
	        "1999-12-31", "2000-01-03", "2011-04-29", "2012-06-04", "2012-06-05", NULL};
	static const char *const no[] = {"2020-05-04", "2022-05-30", "2022-01-01", "2021-12-25",
	                                 "2026-12-26", "2026-12-24", "2026-04-04", "2026-04-05",
	                                 "2012-05-28", "2023-12-27", "2026-03-17", NULL};
	holidays(yes, true);
	holidays(no, false);
	/* every year has eight regular holidays, on weekdays (one-offs aside) */
	for (int y = 1990; y <= 2200; y++) {
		int n = 0;
		for (struct lt_date d = {y, 1, 1}; d.y == y; d = ltime_add_days(d, 1))
			if (wd_bank_holiday(d)) {
				n++;
				assert_true(wd_working_day(ltime_add_days(d, 0)) == false);
			}
		if (y != 1995 && y != 1999 && y != 2002 && y != 2011 && y != 2012 && y != 2020 &&
		    y != 2022 && y != 2023)
			assert_int_equal(n, 8);
	}
}

static void test_working_days(void **state)
{
	assert_true(wd_working_day(D("2026-12-04")));  /* a Friday */
	assert_false(wd_working_day(D("2026-12-05"))); /* Saturday */
	assert_false(wd_working_day(D("2026-12-06"))); /* Sunday */
	is_date(wd_next_working_day(D("2026-12-24")), "2026-12-24");
	is_date(wd_next_working_day(D("2026-12-25")), "2026-12-29");
	is_date(wd_next_working_day(D("2027-12-25")), "2027-12-29");
}

static void add_is(const char *from, int n, const char *want)
{
	int64_t out = 0;
	assert_int_equal(working_day_add(T(from), n, &out), 0);
	char buf[LT_TIME_LEN];
	ltime_format(out, buf);
	assert_string_equal(buf, want);
}

static void test_working_day_add(void **state)
{
	/* a Friday afternoon: due Monday afternoon */
	add_is("2026-12-04T15:00:00Z", 1, "2026-12-07T15:00:00Z");
	/* Christmas Eve 2026: Christmas, the weekend and Boxing Day kept on Monday 28 */
	add_is("2026-12-24T10:00:00Z", 1, "2026-12-29T10:00:00Z");
	/* Maundy Thursday 2026, 16:00 BST: Good Friday and Easter Monday skipped */
	add_is("2026-04-02T15:00:00Z", 1, "2026-04-07T15:00:00Z");
	/* across the autumn clock change: 12:00 BST Friday, 12:00 GMT Monday */
	add_is("2026-10-23T11:00:00Z", 1, "2026-10-26T12:00:00Z");
	/* received on a Saturday: counts from Monday 00:00, due the end of Monday (BST) */
	add_is("2026-03-28T10:00:00Z", 1, "2026-03-30T23:00:00Z");
	/* late on a Friday evening, London time, that is already Saturday in no zone */
	add_is("2026-07-10T22:30:00Z", 1, "2026-07-13T22:30:00Z");
	/* 23:30 BST on Friday is Friday in London although Friday 22:30 UTC */
	add_is("2026-07-10T22:30:00Z", 0, "2026-07-10T22:30:00Z");
	/* 00:30 BST Saturday (Friday 23:30 UTC) is a Saturday in London */
	add_is("2026-07-10T23:30:00Z", 0, "2026-07-12T23:00:00Z");
	/* several working days, across the 2022 jubilee */
	add_is("2022-06-01T09:00:00Z", 2, "2022-06-07T09:00:00Z");
	/* refused outside the years Lantern accepts */
	int64_t out = 7;
	assert_int_equal(working_day_add(ltime_midnight((struct lt_date){1899, 12, 29}), 1, &out),
	                 -1);
	assert_int_equal(working_day_add(T("2026-12-04T15:00:00Z"), -1, &out), -1);
	assert_int_equal(out, 7);
}

static void test_R_PATH_3_mash_outcomes_and_who_evaluates(void **state)
{
	enum mash_outcome o;
	struct proto_err e;
	static const char *const codes[] = {"no_further_action", "early_help",
	                                    "strategy_discussion", "section_47", "es_record"};
	for (int i = 0; i < MASH_OUTCOME_COUNT; i++) {
		assert_int_equal(mash_outcome_parse(codes[i], &o, &e), 0);
		assert_int_equal(o, i);
		assert_string_equal(mash_outcome_code(o), codes[i]);
		assert_false(proto_blank(mash_outcome_label(o)));
	}
	assert_int_equal(mash_outcome_parse("category_3", &o, &e), -1);
	assert_string_equal(e.rule, "R-PATH-3");
	assert_string_equal(e.field, "outcome");
	assert_int_equal(mash_outcome_parse(NULL, &o, &e), -1);
	assert_true(mash_may_evaluate(ROLE_BIT(ROLE_MASH_WORKER)));
	assert_true(mash_may_evaluate(ROLE_BIT(ROLE_MASH_WORKER) | ROLE_BIT(ROLE_HEALTH)));
	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_MASH_WORKER)
			assert_false(mash_may_evaluate(ROLE_BIT(r)));
}

static void test_R_PATH_3_evaluation_validated(void **state)
{
	struct proto_err e;
	assert_int_equal(
	        mash_evaluation_validate("mash", "awaiting_triage", "Shared with school.", &e), 0);
	assert_int_equal(mash_evaluation_validate("mash", "awaiting_triage", "  ", &e), -1);
	assert_string_equal(e.field, "rationale");
	assert_int_equal(mash_evaluation_validate("mash", "triaged", "Reason.", &e), -1);
	assert_null(e.field);
	assert_string_equal(e.rule, "R-PATH-3");
	assert_int_equal(mash_evaluation_validate("police_pathway", "awaiting_triage", "R.", &e),
	                 -1);
	assert_int_equal(mash_evaluation_validate(NULL, NULL, "R.", &e), -1);
}

static void test_R_PATH_3_decision_clock(void **state)
{
	int64_t due;
	assert_int_equal(mash_decision_due(T("2026-12-24T10:00:00Z"), &due), 0);
	assert_int_equal(due, T("2026-12-29T10:00:00Z"));
	const struct dl_kind *k = mash_decision_kind();
	assert_string_equal(k->code, "mash_decision");
	assert_string_equal(k->rule, "R-PATH-3");
	assert_true(k->escalates);
	int64_t got;
	assert_int_equal(dl_due(k, T("2026-12-04T15:00:00Z"), NULL, &got, NULL), 0);
	assert_int_equal(got, T("2026-12-07T15:00:00Z"));
	struct dl_status s;
	dl_status_at(k, got, got - T("2026-12-04T15:00:00Z"), T("2026-12-07T10:00:00Z"), &s);
	assert_int_equal(s.state, DL_OK);
	dl_status_at(k, got, got - T("2026-12-04T15:00:00Z"), T("2026-12-07T12:00:00Z"), &s);
	assert_int_equal(s.state, DL_AMBER);
	dl_status_at(k, got, got - T("2026-12-04T15:00:00Z"), T("2026-12-07T15:00:00Z"), &s);
	assert_int_equal(s.state, DL_RED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_easter_computus_across_years),
	        cmocka_unit_test(test_bank_holidays_2020_to_2027),
	        cmocka_unit_test(test_working_days),
	        cmocka_unit_test(test_working_day_add),
	        cmocka_unit_test(test_R_PATH_3_mash_outcomes_and_who_evaluates),
	        cmocka_unit_test(test_R_PATH_3_evaluation_validated),
	        cmocka_unit_test(test_R_PATH_3_decision_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_ltime.c: strict parsing, calendar arithmetic, ages, durations and the
 * Europe/London offset of util/ltime.h, checked against slow references and fixed
 * tables. */
#include <setjmp.h>
#include <cmocka.h>

#include "util/ltime.h"

static struct lt_date D(int y, int m, int d) {
	return (struct lt_date){y, m, d};
}

static void
assert_date(struct lt_date got, int y, int m, int d)
{
	assert_int_equal(got.y, y);
	assert_int_equal(got.m, m);
	assert_int_equal(got.d, d);
}

/* ---- dates ---------------------------------------------------------------- */

static void test_parse_date_valid(void **state)
{
	struct lt_date d;
	assert_int_equal(ltime_parse_date("2024-02-29", &d), 0);
	assert_date(d, 2024, 2, 29);
	assert_int_equal(ltime_parse_date("2000-02-29", &d), 0);
	assert_int_equal(ltime_parse_date("1900-01-01", &d), 0);
	assert_int_equal(ltime_parse_date("2200-12-31", &d), 0);
	assert_int_equal(ltime_parse_date("2011-12-31", &d), 0);
	assert_date(d, 2011, 12, 31);
}

static void test_parse_date_invalid_refused_output_untouched(void **state)
{
	static const char *bad[] = {
	        "2011-02-30",        "2023-02-29",  "1900-02-29",           "2100-02-29",
	        "2024-04-31",        "2024-00-10",  "2024-13-01",           "2024-01-00",
	        "2024-01-32",        "1899-12-31",  "2201-01-01",           "24-01-01",
	        "2024-1-01",         "2024-01-1",   "2024/01/01",           "2024-01-01 ",
	        " 2024-01-01",       "2024-01-01x", "2024-01-01T00:00:00Z", "",
	        "2024-01-0\xc2\xb9", "+024-01-01",  "2024--1-01",           "20240101",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct lt_date d = {7, 7, 7};
		if (ltime_parse_date(bad[i], &d) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_date(d, 7, 7, 7);
	}
	struct lt_date d;
	assert_int_equal(ltime_parse_date(NULL, &d), -1);
}

/* ---- instants ------------------------------------------------------------- */

static void test_parse_instant_forms(void **state)
{
	int64_t t;
	assert_int_equal(ltime_parse("1970-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(ltime_parse("2026-11-28T18:05:00Z", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2026-11-28T18:05Z", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2026-11-28 18:05:00z", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2026-11-28t18:05:00.999Z", &t), 0);
	assert_int_equal(t, 1795889100); /* fractions are truncated */
	assert_int_equal(ltime_parse("2026-11-28T19:05:00+01:00", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2026-11-28T12:35:00-05:30", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2026-11-29T08:05:00+14:00", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2026-11-28T18:05:00-00:00", &t), 0);
	assert_int_equal(t, 1795889100);
	assert_int_equal(ltime_parse("2024-02-29T23:59:59Z", &t), 0);
	assert_int_equal(t, 1709251199);
	assert_int_equal(ltime_parse("1900-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, -2208988800LL);
	assert_int_equal(ltime_parse("1900-01-01T00:30-00:30", &t), 0);
	assert_int_equal(t, -2208988800LL + 3600);
	assert_int_equal(ltime_parse("2201-01-01T00:30:00+01:00", &t), -1);
	assert_int_equal(ltime_parse("2200-12-31T23:59:59Z", &t), 0);
	/* an offset carries the instant across a date line */
	assert_int_equal(ltime_parse("2025-01-01T00:30:00+01:00", &t), 0);
	assert_int_equal(t, 1735687800);
}

static void test_parse_instant_refused(void **state)
{
	static const char *bad[] = {
	        "2024-01-01T24:00:00Z",
	        "2024-01-01T24:00Z",
	        "2024-01-01T23:60:00Z",
	        "2024-01-01T23:59:60Z",
	        "2024-01-01T10:00:00",
	        "2024-01-01T10:00",
	        "2024-01-01",
	        "2024-01-01T",
	        "2024-01-01T10",
	        "2024-01-01T10:00:00ZZ",
	        "2024-01-01T10:00:00Z ",
	        " 2024-01-01T10:00:00Z",
	        "2024-01-01T10:00:00Zjunk",
	        "2024-01-01T10:00:00+0100",
	        "2024-01-01T10:00:00+01",
	        "2024-01-01T10:00:00+15:00",
	        "2024-01-01T10:00:00+01:60",
	        "2024-01-01T10:00:00.Z",
	        "2024-01-01T10:00:00.",
	        "2024-01-01T1:00:00Z",
	        "2024-01-01T10:0:00Z",
	        "2024-01-01T10:00:0Z",
	        "2011-02-30T10:00:00Z",
	        "2023-02-29T00:00:00Z",
	        "2024-01-01X10:00:00Z",
	        "2024-01-01T10:00:00 Z",
	        "2024-01-01T10:00:00UTC",
	        "2024-01-01T10:00:00GMT",
	        "2024-01-01T-1:00:00Z",
	        "2024-01-01T10:00:00+01:00x",
	        "2024-01-01T10:00:00+1:00",
	        "",
	        "T10:00:00Z",
	        "2024-01-01T10:00:00\n",
	        "2024-01-01T10:00:00Z\n",
	        "2024-01-01T10:00:00.5",
	        /* in range as written, out of range in UTC */
	        "1900-01-01T00:00+01:00",
	        "2200-12-31T23:30:00-01:00",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		int64_t t = 4242;
		if (ltime_parse(bad[i], &t) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(t, 4242);
	}
	int64_t t;
	assert_int_equal(ltime_parse(NULL, &t), -1);
}

static void test_format_round_trip(void **state)
{
	char buf[LT_TIME_LEN];
	ltime_format(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	ltime_format(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	ltime_format(1795889100, buf);
	assert_string_equal(buf, "2026-11-28T18:05:00Z");
	/* every 7,777,777 s from 1900 to 2200: format then parse gives the instant back */
	int64_t lo = ltime_midnight(D(1900, 1, 1)), hi = ltime_midnight(D(2200, 12, 31)) + 86399;
	for (int64_t t = lo; t <= hi; t += 7777777) {
		int64_t back;
		ltime_format(t, buf);
		assert_int_equal(strlen(buf), LT_TIME_LEN - 1);
		assert_int_equal(ltime_parse(buf, &back), 0);
		assert_int_equal(back, t);
	}
	ltime_format(hi, buf);
	assert_string_equal(buf, "2200-12-31T23:59:59Z");

	char ds[LT_DATE_LEN];
	struct lt_date d;
	ltime_format_date(D(2024, 2, 29), ds);
	assert_string_equal(ds, "2024-02-29");
	assert_int_equal(ltime_parse_date(ds, &d), 0);
	assert_date(d, 2024, 2, 29);
	ltime_format_date(D(1900, 1, 1), ds);
	assert_string_equal(ds, "1900-01-01");
}

/* ---- days <-> date against a slow reference -------------------------------- */

static bool ref_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int ref_dim(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ref_leap(y) ? 29 : dim[m - 1];
}

/* Walks the calendar one day at a time from 1601-01-01 (day -134774) to 2400-12-31. */
static void test_days_match_slow_reference(void **state)
{
	int64_t day = -134774;
	struct lt_date d = D(1601, 1, 1);
	int64_t checked = 0;
	while (d.y <= 2400) {
		assert_int_equal(ltime_days(d), day);
		struct lt_date back = ltime_from_days(day);
		if (ltime_date_cmp(back, d) != 0)
			fail_msg("day %lld -> %d-%d-%d", (long long)day, back.y, back.m, back.d);
		assert_int_equal(ltime_date_valid(d), d.y >= 1900 && d.y <= 2200);
		day++;
		checked++;
		if (++d.d > ref_dim(d.y, d.m)) {
			d.d = 1;
			if (++d.m > 12) {
				d.m = 1;
				d.y++;
			}
		}
	}
	assert_int_equal(checked, 292194);
	assert_int_equal(ltime_days(D(1970, 1, 1)), 0);
	assert_int_equal(ltime_days(D(2000, 3, 1)), 11017);
}

static void test_days_far_from_epoch_round_trip(void **state)
{
	for (int64_t z = -3000000; z <= 3000000; z += 997) {
		struct lt_date d = ltime_from_days(z);
		assert_true(d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= ref_dim(d.y, d.m));
		assert_int_equal(ltime_days(d), z);
	}
}

static void test_date_of_midnight_add_days_cmp(void **state)
{
	assert_date(ltime_date_of(0), 1970, 1, 1);
	assert_date(ltime_date_of(86399), 1970, 1, 1);
	assert_date(ltime_date_of(86400), 1970, 1, 2);
	assert_date(ltime_date_of(-1), 1969, 12, 31);
	assert_date(ltime_date_of(-86400), 1969, 12, 31);
	assert_date(ltime_date_of(-86401), 1969, 12, 30);
	assert_int_equal(ltime_midnight(D(2026, 11, 28)), 1795824000);
	assert_date(ltime_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
	assert_date(ltime_add_days(D(2023, 2, 28), 1), 2023, 3, 1);
	assert_date(ltime_add_days(D(2024, 12, 31), 1), 2025, 1, 1);
	assert_date(ltime_add_days(D(2024, 3, 1), -1), 2024, 2, 29);
	assert_date(ltime_add_days(D(2026, 1, 1), 365), 2027, 1, 1);
	assert_int_equal(ltime_date_cmp(D(2024, 1, 1), D(2024, 1, 1)), 0);
	assert_int_equal(ltime_date_cmp(D(2024, 1, 1), D(2024, 1, 2)), -1);
	assert_int_equal(ltime_date_cmp(D(2024, 2, 1), D(2024, 1, 31)), 1);
	assert_int_equal(ltime_date_cmp(D(2023, 12, 31), D(2024, 1, 1)), -1);
}

static void test_now_is_plausible(void **state)
{
	int64_t now = ltime_now();
	assert_true(now > 1735689600); /* after 2025-01-01 */
	assert_true(now < ltime_midnight(D(2200, 1, 1)));
}

/* ---- age_on ------------------------------------------------------------------ */

static void test_age_on(void **state)
{
	struct lt_date dob = D(2008, 6, 15);
	assert_int_equal(ltime_age_on(dob, D(2008, 6, 15)), 0);
	assert_int_equal(ltime_age_on(dob, D(2008, 6, 14)), -1);
	assert_int_equal(ltime_age_on(dob, D(2009, 6, 14)), 0);
	assert_int_equal(ltime_age_on(dob, D(2009, 6, 15)), 1);
	/* the day before and the day of the 18th birthday */
	assert_int_equal(ltime_age_on(dob, D(2026, 6, 14)), 17);
	assert_int_equal(ltime_age_on(dob, D(2026, 6, 15)), 18);
	assert_int_equal(ltime_age_on(dob, D(2026, 5, 31)), 17);
	assert_int_equal(ltime_age_on(dob, D(2026, 12, 31)), 18);
	/* year boundary birthdays */
	assert_int_equal(ltime_age_on(D(2008, 12, 31), D(2026, 12, 30)), 17);
	assert_int_equal(ltime_age_on(D(2008, 12, 31), D(2026, 12, 31)), 18);
	assert_int_equal(ltime_age_on(D(2009, 1, 1), D(2026, 12, 31)), 17);
	assert_int_equal(ltime_age_on(D(2009, 1, 1), D(2027, 1, 1)), 18);
}

static void test_age_on_29_february(void **state)
{
	struct lt_date dob = D(2008, 2, 29);
	/* common years: the birthday is 1 March */
	assert_int_equal(ltime_age_on(dob, D(2009, 2, 28)), 0);
	assert_int_equal(ltime_age_on(dob, D(2009, 3, 1)), 1);
	/* 18th birthday in 2026 (common): 17 on 28 Feb, 18 on 1 Mar */
	assert_int_equal(ltime_age_on(dob, D(2026, 2, 28)), 17);
	assert_int_equal(ltime_age_on(dob, D(2026, 3, 1)), 18);
	/* leap years: the birthday is 29 February */
	assert_int_equal(ltime_age_on(dob, D(2012, 2, 28)), 3);
	assert_int_equal(ltime_age_on(dob, D(2012, 2, 29)), 4);
	assert_int_equal(ltime_age_on(dob, D(2012, 3, 1)), 4);
	/* born 29 Feb 2004: 2022 is a common year, so the 18th birthday is 1 March */
	assert_int_equal(ltime_age_on(D(2004, 2, 29), D(2022, 2, 28)), 17);
	assert_int_equal(ltime_age_on(D(2004, 2, 29), D(2022, 3, 1)), 18);
	/* 2100 is not a leap year */
	assert_int_equal(ltime_age_on(D(2096, 2, 29), D(2100, 2, 28)), 3);
	assert_int_equal(ltime_age_on(D(2096, 2, 29), D(2100, 3, 1)), 4);
}

/* Age by counting birthdays one year at a time, for every day of birth in 2004..2008
 * against a spread of days. */
static void test_age_on_matches_reference(void **state)
{
	for (int64_t b = ltime_days(D(2004, 1, 1)); b <= ltime_days(D(2008, 12, 31)); b += 3) {
		struct lt_date dob = ltime_from_days(b);
		for (int64_t o = b - 2; o <= b + 19 * 366; o += 53) {
			struct lt_date on = ltime_from_days(o);
			int ref = -1;
			if (o >= b) {
				ref = 0;
				for (int y = dob.y + 1; y <= on.y; y++) {
					struct lt_date bd = D(y, dob.m, dob.d);
					if (dob.m == 2 && dob.d == 29 && !ref_leap(y))
						bd = D(y, 3, 1);
					if (ltime_date_cmp(bd, on) <= 0)
						ref++;
				}
			}
			assert_int_equal(ltime_age_on(dob, on), ref);
		}
	}
}

/* ---- durations --------------------------------------------------------------- */

static void test_durations(void **state)
{
	int64_t v;
	assert_int_equal(ltime_parse_duration("90s", &v), 0);
	assert_int_equal(v, 90);
	assert_int_equal(ltime_parse_duration("30m", &v), 0);
	assert_int_equal(v, 1800);
	assert_int_equal(ltime_parse_duration("6h", &v), 0);
	assert_int_equal(v, 21600);
	assert_int_equal(ltime_parse_duration("72h", &v), 0);
	assert_int_equal(v, 259200);
	assert_int_equal(ltime_parse_duration("45d", &v), 0);
	assert_int_equal(v, 3888000);
	assert_int_equal(ltime_parse_duration("2w", &v), 0);
	assert_int_equal(v, 1209600);
	assert_int_equal(ltime_parse_duration("007m", &v), 0);
	assert_int_equal(v, 420);
	/* 100 years (of 366 days) is the limit, in any unit */
	assert_int_equal(ltime_parse_duration("36600d", &v), 0);
	assert_int_equal(v, 36600LL * 86400);
	assert_int_equal(ltime_parse_duration("3162240000s", &v), 0);
	static const char *bad[] = {
	        "0s",
	        "0d",
	        "36601d",
	        "3162240001s",
	        "5229w",
	        "",
	        "s",
	        "10",
	        "10x",
	        "10 m",
	        " 10m",
	        "10m ",
	        "-5m",
	        "+5m",
	        "1.5h",
	        "10ms",
	        "10M",
	        "10H",
	        "99999999999999999999999999s",
	        "18446744073709551616s",
	        "10mm",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		v = 31337;
		if (ltime_parse_duration(bad[i], &v) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(v, 31337);
	}
	assert_int_equal(ltime_parse_duration(NULL, &v), -1);
}

/* ---- Europe/London ----------------------------------------------------------- */

/* 01:00 UTC on the last Sundays of March and October (from the tz database). */
static const struct {
	int year;
	int64_t start, end;
} bst[] = {
        {1996, 828234000, 846378000},   {2000, 954032400, 972781200},
        {2019, 1553994000, 1572138000}, {2023, 1679792400, 1698541200},
        {2024, 1711846800, 1729990800}, {2025, 1743296400, 1761440400},
        {2026, 1774746000, 1792890000}, {2027, 1806195600, 1824944400},
        {2038, 2153350800, 2172099600}, {2100, 4109878800, 4128627600},
};

static void test_london_offset_at_clock_changes(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(bst); i++) {
		int64_t s = bst[i].start, e = bst[i].end;
		/* 00:59, 01:00 and 01:01 UTC on each change day */
		assert_int_equal(ltime_london_offset(s - 60), 0);
		assert_int_equal(ltime_london_offset(s - 1), 0);
		assert_int_equal(ltime_london_offset(s), 3600);
		assert_int_equal(ltime_london_offset(s + 60), 3600);
		assert_int_equal(ltime_london_offset(e - 60), 3600);
		assert_int_equal(ltime_london_offset(e - 1), 3600);
		assert_int_equal(ltime_london_offset(e), 0);
		assert_int_equal(ltime_london_offset(e + 60), 0);
		/* midwinter and midsummer */
		int64_t jan = ltime_midnight(D(bst[i].year, 1, 15)) + 43200;
		int64_t jul = ltime_midnight(D(bst[i].year, 7, 15)) + 43200;
		int64_t dec = ltime_midnight(D(bst[i].year, 12, 31)) + 86399;
		assert_int_equal(ltime_london_offset(jan), 0);
		assert_int_equal(ltime_london_offset(jul), 3600);
		assert_int_equal(ltime_london_offset(dec), 0);
		/* the change days are Sundays (1970-01-04 was a Sunday) */
		assert_int_equal(((s / 86400) - 3) % 7, 0);
		assert_int_equal(((e / 86400) - 3) % 7, 0);
	}
}

static void test_london_format_across_october_change(void **state)
{
	char out[64];
	int64_t e = 1792890000; /* 2026-10-25T01:00:00Z */
	ltime_london_format(e - 3600, out, sizeof out);
	assert_string_equal(out, "25 Oct 2026, 01:00"); /* 00:00Z, BST */
	ltime_london_format(e - 60, out, sizeof out);
	assert_string_equal(out, "25 Oct 2026, 01:59"); /* 00:59Z, BST */
	ltime_london_format(e, out, sizeof out);
	assert_string_equal(out, "25 Oct 2026, 01:00"); /* 01:00Z, GMT: 01:00 again */
	ltime_london_format(e + 60, out, sizeof out);
	assert_string_equal(out, "25 Oct 2026, 01:01");
	ltime_london_format(e + 3600, out, sizeof out);
	assert_string_equal(out, "25 Oct 2026, 02:00");
	/* March: 00:59 GMT is followed by 02:00 BST */
	int64_t s = 1774746000; /* 2026-03-29T01:00:00Z */
	ltime_london_format(s - 60, out, sizeof out);
	assert_string_equal(out, "29 Mar 2026, 00:59");
	ltime_london_format(s, out, sizeof out);
	assert_string_equal(out, "29 Mar 2026, 02:00");
	/* a BST evening is the next day in London */
	int64_t t;
	assert_int_equal(ltime_parse("2026-06-30T23:30:00Z", &t), 0);
	ltime_london_format(t, out, sizeof out);
	assert_string_equal(out, "1 Jul 2026, 00:30");
	assert_int_equal(ltime_parse("2026-11-28T18:05:00Z", &t), 0);
	ltime_london_format(t, out, sizeof out);
	assert_string_equal(out, "28 Nov 2026, 18:05");
	/* truncation to a short buffer is safe and terminated */
	char small[8];
	ltime_london_format(t, small, sizeof small);
	assert_string_equal(small, "28 Nov ");
}

static void test_mono_and_deadline(void **state)
{
	(void)state;
	int64_t a = ltime_mono_ns(), b = ltime_mono_ns();
	assert_true(b >= a);
	struct timespec before;
	clock_gettime(CLOCK_REALTIME, &before);
	/* 1.5 s ahead: whole seconds and nanoseconds both carried, nanoseconds in range */
	struct timespec d = ltime_deadline_ns(1500000000);
	assert_true(d.tv_nsec >= 0 && d.tv_nsec < 1000000000L);
	int64_t ahead =
	        (int64_t)(d.tv_sec - before.tv_sec) * 1000000000 + (d.tv_nsec - before.tv_nsec);
	assert_true(ahead >= 1500000000 && ahead < 2500000000);
	/* a carry: 999,999,999 ns ahead lands within the next two seconds */
	d = ltime_deadline_ns(999999999);
	assert_true(d.tv_nsec >= 0 && d.tv_nsec < 1000000000L);
	assert_true(d.tv_sec - before.tv_sec <= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_mono_and_deadline),
	        cmocka_unit_test(test_parse_date_valid),
	        cmocka_unit_test(test_parse_date_invalid_refused_output_untouched),
	        cmocka_unit_test(test_parse_instant_forms),
	        cmocka_unit_test(test_parse_instant_refused),
	        cmocka_unit_test(test_format_round_trip),
	        cmocka_unit_test(test_days_match_slow_reference),
	        cmocka_unit_test(test_days_far_from_epoch_round_trip),
	        cmocka_unit_test(test_date_of_midnight_add_days_cmp),
	        cmocka_unit_test(test_now_is_plausible),
	        cmocka_unit_test(test_age_on),
	        cmocka_unit_test(test_age_on_29_february),
	        cmocka_unit_test(test_age_on_matches_reference),
	        cmocka_unit_test(test_durations),
	        cmocka_unit_test(test_london_offset_at_clock_changes),
	        cmocka_unit_test(test_london_format_across_october_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

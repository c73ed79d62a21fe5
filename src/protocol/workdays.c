/*
 * workdays.c: bank holidays of England and Wales and working-day arithmetic on the
 * London wall clock (see workdays.h). The regular holidays follow the rules in force
 * since 1978; the years a holiday moved and the one-off holidays are a table.
 */
#include "protocol/workdays.h"

#include "protocol/deadlines.h"
#include "protocol/proto.h"

#define DAY ((int64_t)86400)

struct lt_date wd_easter(int y)
{
	/* the anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return (struct lt_date){y, month, day};
}

/* 0 = Sunday .. 6 = Saturday. */
static int weekday(struct lt_date d)
{
	int64_t w = (ltime_days(d) + 4) % 7; /* 1 January 1970 was a Thursday */
	return (int)(w < 0 ? w + 7 : w);
}

static bool same(struct lt_date a, struct lt_date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

/* The first Monday of month m of year y, or the last when `last`. */
static struct lt_date monday_of(int y, int m, bool last)
{
	if (!last) {
		struct lt_date d = {y, m, 1};
		return ltime_add_days(d, (8 - weekday(d)) % 7);
	}
	struct lt_date d =
	        ltime_add_days((struct lt_date){m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1}, -1);
	return ltime_add_days(d, -((weekday(d) + 6) % 7));
}

/* Years in which the early May or spring holiday moved, and one-off holidays. */
static const struct {
	int y;
	int early_may_m, early_may_d; /* 0: the first Monday of May */
	int spring_m, spring_d;       /* 0: the last Monday of May */
} MOVED[] = {
        {1995, 5, 8, 0, 0}, /* VE Day, 50th anniversary */
        {2002, 0, 0, 6, 4}, /* Golden Jubilee */
        {2012, 0, 0, 6, 4}, /* Diamond Jubilee */
        {2020, 5, 8, 0, 0}, /* VE Day, 75th anniversary */
        {2022, 0, 0, 6, 2}, /* Platinum Jubilee */
};
static const struct lt_date ONE_OFF[] = {
        {1999, 12, 31}, /* the millennium */
        {2002, 6, 3},   /* Golden Jubilee */
        {2011, 4, 29},  /* the royal wedding */
        {2012, 6, 5},   /* Diamond Jubilee */
        {2022, 6, 3},   /* Platinum Jubilee */
        {2022, 9, 19},  /* the state funeral of Queen Elizabeth II */
        {2023, 5, 8},   /* the coronation of King Charles III */
};

/* Christmas Day and Boxing Day with their substitutes: a Saturday Christmas is kept on
 * Monday 27th and Boxing Day on Tuesday 28th; a Sunday Christmas on Tuesday 27th
 * (Boxing Day being Monday 26th); a Saturday Boxing Day on Monday 28th. */
static bool christmas(struct lt_date d)
{
	if (d.m != 12 || d.d < 25 || d.d > 28)
		return false;
	int xmas = weekday((struct lt_date){d.y, 12, 25});
	switch (xmas) {
	case 6: /* Saturday */
		return d.d == 27 || d.d == 28;
	case 0: /* Sunday */
		return d.d == 26 || d.d == 27;
	case 5: /* Friday: Boxing Day on Saturday, kept on Monday 28th */
		return d.d == 25 || d.d == 28;
	default:
		return d.d == 25 || d.d == 26;
	}
}

bool wd_bank_holiday(struct lt_date d)
{
	if (!ltime_date_valid(d))
		return false;
	for (size_t i = 0; i < ARRAY_LEN(ONE_OFF); i++)
		if (same(d, ONE_OFF[i]))
			return true;
	/* New Year's Day, or the Monday after it falls at a weekend */
	int ny = weekday((struct lt_date){d.y, 1, 1});
	struct lt_date nyd = {d.y, 1, ny == 6 ? 3 : ny == 0 ? 2 : 1};
	if (same(d, nyd))
		return true;
	struct lt_date easter = wd_easter(d.y);
	if (same(d, ltime_add_days(easter, -2)) || same(d, ltime_add_days(easter, 1)))
		return true;
	struct lt_date early = monday_of(d.y, 5, false), spring = monday_of(d.y, 5, true);
	for (size_t i = 0; i < ARRAY_LEN(MOVED); i++) {
		if (MOVED[i].y != d.y)
			continue;
		if (MOVED[i].early_may_m)
			early = (struct lt_date){d.y, MOVED[i].early_may_m, MOVED[i].early_may_d};
		if (MOVED[i].spring_m)
			spring = (struct lt_date){d.y, MOVED[i].spring_m, MOVED[i].spring_d};
	}
	if (same(d, early) || same(d, spring) || same(d, monday_of(d.y, 8, true)))
		return true;
	return christmas(d);
}

bool wd_working_day(struct lt_date d)
{
	int w = weekday(d);
	return w != 0 && w != 6 && !wd_bank_holiday(d);
}

struct lt_date wd_next_working_day(struct lt_date d)
{
	while (!wd_working_day(d))
		d = ltime_add_days(d, 1);
	return d;
}

int working_day_add(int64_t t, int n, int64_t *out)
{
	if (n < 0 || n > 3660)
		return -1;
	int64_t local = t + ltime_london_offset(t);
	int64_t day = local / DAY - (local % DAY < 0);
	int64_t secs = local - day * DAY;
	struct lt_date d = ltime_from_days(day);
	if (d.y < 1900 || d.y > 2200)
		return -1;
	if (!wd_working_day(d)) {
		d = wd_next_working_day(d);
		secs = 0;
	}
	for (int i = 0; i < n; i++)
		d = wd_next_working_day(ltime_add_days(d, 1));
	if (d.y > 2200)
		return -1;
	*out = dl_london_to_utc(ltime_days(d) * DAY + secs);
	return 0;
}

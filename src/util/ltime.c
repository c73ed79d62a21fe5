/*
 * ltime.c: calendar arithmetic without the C library's time zone machinery (which
 * depends on the process environment). Days <-> civil date use the proleptic
 * Gregorian algorithms of Howard Hinnant's "chrono-compatible low-level date
 * algorithms".
 */
#include "util/ltime.h"

#include <time.h>

int64_t ltime_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

int64_t ltime_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct timespec ltime_deadline_ns(int64_t ns)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += (time_t)(ns / 1000000000);
	t.tv_nsec += (long)(ns % 1000000000);
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool ltime_date_valid(struct lt_date d)
{
	return d.y >= 1900 && d.y <= 2200 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= days_in_month(d.y, d.m);
}

int64_t ltime_days(struct lt_date d)
{
	int64_t y = d.y - (d.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct lt_date ltime_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (struct lt_date){(int)(y + (m <= 2)), m, d};
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct lt_date ltime_date_of(int64_t t)
{
	return ltime_from_days(floor_div(t, 86400));
}

int64_t ltime_midnight(struct lt_date d)
{
	return ltime_days(d) * 86400;
}

int ltime_date_cmp(struct lt_date a, struct lt_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

struct lt_date ltime_add_days(struct lt_date d, int days)
{
	return ltime_from_days(ltime_days(d) + days);
}

int ltime_age_on(struct lt_date dob, struct lt_date on)
{
	if (ltime_date_cmp(on, dob) < 0)
		return -1;
	int age = on.y - dob.y;
	int bm = dob.m, bd = dob.d;
	if (bm == 2 && bd == 29 && !is_leap(on.y)) {
		bm = 3;
		bd = 1;
	}
	if (on.m < bm || (on.m == bm && on.d < bd))
		age--;
	return age;
}

/* Reads exactly n decimal digits. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*s)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*s += n;
	*out = v;
	return true;
}

static bool parse_date_part(const char **p, struct lt_date *d)
{
	const char *s = *p;
	if (!digits(&s, 4, &d->y) || *s++ != '-' || !digits(&s, 2, &d->m) || *s++ != '-' ||
	    !digits(&s, 2, &d->d))
		return false;
	if (!ltime_date_valid(*d))
		return false;
	*p = s;
	return true;
}

int ltime_parse_date(const char *s, struct lt_date *out)
{
	struct lt_date d;
	if (!s || !parse_date_part(&s, &d) || *s)
		return -1;
	*out = d;
	return 0;
}

int ltime_parse(const char *s, int64_t *out)
{
	struct lt_date d;
	int hh, mm, ss = 0;
	if (!s || !parse_date_part(&s, &d))
		return -1;
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	if (!digits(&s, 2, &hh) || *s++ != ':' || !digits(&s, 2, &mm))
		return -1;
	if (*s == ':') {
		s++;
		if (!digits(&s, 2, &ss))
			return -1;
		if (*s == '.') {
			s++;
			if (*s < '0' || *s > '9')
				return -1;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return -1;
	int off = 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1, oh, om;
		if (!digits(&s, 2, &oh) || *s++ != ':' || !digits(&s, 2, &om) || oh > 14 || om > 59)
			return -1;
		off = sign * (oh * 3600 + om * 60);
	} else {
		return -1;
	}
	if (*s)
		return -1;
	int64_t t = ltime_midnight(d) + hh * 3600 + mm * 60 + ss - off;
	/* the year range applies to the instant in UTC too, so that what is accepted
	 * can be formatted and parsed again */
	if (!ltime_date_valid(ltime_date_of(t)))
		return -1;
	*out = t;
	return 0;
}

void ltime_format(int64_t t, char out[LT_TIME_LEN])
{
	struct lt_date d = ltime_date_of(t);
	int64_t sec = t - ltime_midnight(d);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.y % 10000, d.m, d.d,
	         (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	memcpy(out, tmp, LT_TIME_LEN - 1);
	out[LT_TIME_LEN - 1] = '\0';
}

void ltime_format_date(struct lt_date d, char out[LT_DATE_LEN])
{
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
	memcpy(out, tmp, LT_DATE_LEN - 1);
	out[LT_DATE_LEN - 1] = '\0';
}

int ltime_parse_duration(const char *s, int64_t *out)
{
	if (!s || !*s)
		return -1;
	int64_t n = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (*p - '0');
		if (n > 100LL * 366 * 86400)
			return -1;
		p++;
	}
	if (p == s || !p[0] || p[1])
		return -1;
	int64_t unit;
	switch (*p) {
	case 's':
		unit = 1;
		break;
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	default:
		return -1;
	}
	if (n == 0 || n > 100LL * 366 * 86400 / unit)
		return -1;
	*out = n * unit;
	return 0;
}

/* 01:00 UTC on the last Sunday of month m (March or October) of year y. */
static int64_t last_sunday_0100(int y, int m)
{
	struct lt_date d = {y, m, days_in_month(y, m)};
	int64_t days = ltime_days(d);
	int64_t wd = ((days % 7) + 7 + 4) % 7; /* 1970-01-01 was a Thursday; 0 = Sunday */
	return (days - wd) * 86400 + 3600;
}

int ltime_london_offset(int64_t t)
{
	int y = ltime_date_of(t).y;
	return t >= last_sunday_0100(y, 3) && t < last_sunday_0100(y, 10) ? 3600 : 0;
}

void ltime_london_format(int64_t t, char *out, size_t n)
{
	static const char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int64_t local = t + ltime_london_offset(t);
	struct lt_date d = ltime_date_of(local);
	int64_t sec = local - ltime_midnight(d);
	snprintf(out, n, "%d %s %04d, %02d:%02d", d.d, mon[d.m - 1], d.y % 10000, (int)(sec / 3600),
	         (int)(sec / 60 % 60));
}

/*
 * ltime.h: time in Lantern. Inside the system every instant is an int64 count of
 * seconds since 1970-01-01T00:00:00Z (UTC); calendar dates (dates of birth, order
 * dates) are struct lt_date. Text forms are ISO 8601. Conversion to Europe/London for
 * display lives in ltime_london_*; nothing else uses local time.
 *
 * All parsers are strict: they accept the whole string or fail (-1) without writing
 * the output, and they reject impossible dates (2011-02-30) and out-of-range years
 * (accepted years: 1900..2200, for an instant both as written and in UTC).
 */
#ifndef LANTERN_LTIME_H
#define LANTERN_LTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct lt_date {
	int y, m, d;
};

#define LT_DATE_LEN 11 /* "YYYY-MM-DD" + NUL */
#define LT_TIME_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

int64_t ltime_now(void);
/* The monotonic clock in nanoseconds: for measuring durations only. */
int64_t ltime_mono_ns(void);
/* The CLOCK_REALTIME instant ns nanoseconds from now, as pthread_cond_timedwait wants
 * its deadline (condition variables with the default clock). */
struct timespec ltime_deadline_ns(int64_t ns);

bool ltime_date_valid(struct lt_date d);
/* "YYYY-MM-DD". */
int ltime_parse_date(const char *s, struct lt_date *out);
/* "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)"; a space may replace the T. A time
 * without a zone is refused: Lantern never guesses the zone of an instant. */
int ltime_parse(const char *s, int64_t *out);
void ltime_format(int64_t t, char out[LT_TIME_LEN]);
void ltime_format_date(struct lt_date d, char out[LT_DATE_LEN]);

/* Days since 1970-01-01 of a valid date (negative before). */
int64_t ltime_days(struct lt_date d);
struct lt_date ltime_from_days(int64_t days);
/* The UTC calendar date of an instant. */
struct lt_date ltime_date_of(int64_t t);
/* Midnight UTC at the start of `d`. */
int64_t ltime_midnight(struct lt_date d);
int ltime_date_cmp(struct lt_date a, struct lt_date b);
struct lt_date ltime_add_days(struct lt_date d, int days);

/* Whole years completed on `on` by someone born on `dob`; -1 if `on` is before
 * `dob`. A child born on 29 February has their birthday on 1 March in common years. */
int ltime_age_on(struct lt_date dob, struct lt_date on);

/* Durations: "90s", "30m", "6h", "72h", "45d", "2w" -> seconds. Positive, at most
 * 100 years. */
int ltime_parse_duration(const char *s, int64_t *out);

/* Offset of Europe/London from UTC at instant t, in seconds (0 or 3600): British
 * Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October. */
int ltime_london_offset(int64_t t);
/* "28 Nov 2026, 18:05" in Europe/London time, for pages. */
void ltime_london_format(int64_t t, char *out, size_t n);

#endif

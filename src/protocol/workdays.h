/*
 * workdays.h: working days in England and Wales, for clocks the protocol counts in
 * working days (the MASH decision within one working day of receipt, R-PATH-3,
 * R-DL-9). A working day is Monday to Friday and not a bank holiday of England and
 * Wales: New Year's Day, Good Friday, Easter Monday, the early May, spring and summer
 * bank holidays, Christmas Day and Boxing Day, with substitute days when a fixed date
 * falls at a weekend, the years the early May or spring holiday moved, and the
 * one-off holidays proclaimed since 1995. Easter Sunday comes from the Gregorian
 * computus. Pure functions: nothing here reads the clock.
 */
#ifndef LANTERN_PROTO_WORKDAYS_H
#define LANTERN_PROTO_WORKDAYS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/ltime.h"

/* Easter Sunday of Gregorian year y (1583..9999; the anonymous Gregorian algorithm). */
struct lt_date wd_easter(int y);

/* Whether d is a bank holiday in England and Wales (substitute days included). */
bool wd_bank_holiday(struct lt_date d);

/* Whether d is a working day: Monday to Friday and not a bank holiday. */
bool wd_working_day(struct lt_date d);

/* The first working day on or after d. */
struct lt_date wd_next_working_day(struct lt_date d);

/*
 * The instant `n` (>= 0) working days after instant `t` (UTC seconds), counted on the
 * Europe/London wall clock: the same wall-clock time on the n-th working day after the
 * day of `t`. Something received on a day that is not a working day counts as
 * received at 00:00 on the next working day, so
 * one working day from Saturday 10:00 is the end of Monday (Tuesday 00:00). n == 0
 * returns that start. Years outside 1900..2200 are refused with -1 (t untouched).
 */
int working_day_add(int64_t t, int n, int64_t *out);

#endif

/*
 * deadlines.h: the deadlines of the protocol (R-DL-1..9) as one table. A deadline kind
 * is a struct dl_kind: its code, rule ID, label, how its due instant follows from an
 * anchor instant (fixed real duration, London calendar days or months, or a function),
 * its default owner, when it turns amber, and whether an overdue item goes to the
 * owner's supervisor. Adding a kind is one entry in the table in deadlines.c.
 *
 * Instants are int64 UTC seconds. Hour durations are real elapsed time; day and month
 * durations are calendar arithmetic on the Europe/London wall clock, keeping the
 * anchor's wall-clock time (so "six months from 31 August, 10:00" is 28 February,
 * 10:00 London time whatever the clock changes in between). Nothing here reads the
 * clock: `now` is always a parameter.
 */
#ifndef LANTERN_PROTO_DEADLINES_H
#define LANTERN_PROTO_DEADLINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "util/ltime.h"

/* How a kind's due instant follows from its anchor. */
enum dl_method {
	DL_SECONDS,  /* anchor + amount seconds of real time */
	DL_DAYS,     /* anchor + amount calendar days, London wall clock */
	DL_MONTHS,   /* anchor + amount calendar months, London wall clock, clamped */
	DL_FUNCTION, /* fn(kind, anchor, params) */
};

/* Per-deadline inputs that are not in the table. Zero-initialise and set what the
 * kind needs. */
struct dl_params {
	int64_t amount; /* configurable kinds: overrides the kind's amount (same unit);
	                   0 = the kind's default */
	int64_t due_at; /* DL_FUNCTION kinds with an agreed or scheduled date: a MASE
	                   action's due date, the next MASE meeting on the borough's
	                   schedule, foreign travel restrictions that end before five
	                   years */
	bool due_at_set;
	int64_t last_done; /* recurring kinds: when the last occurrence was completed */
	bool last_done_set;
};

struct dl_kind;
/* Computes the due instant of a DL_FUNCTION kind; 0, or -1 with err. */
typedef int (*dl_due_fn)(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                         int64_t *due, struct proto_err *err);

struct dl_kind {
	const char *code;         /* stable, e.g. "return_interview" */
	const char *rule;         /* e.g. "R-DL-1" */
	const char *label;        /* for work queues */
	const char *anchor_label; /* what the anchor instant is, e.g. "return" */
	enum dl_method method;
	int64_t amount;     /* seconds, days or months by method; DL_FUNCTION: passed to fn */
	int64_t max_amount; /* > 0: params.amount may set 1..max_amount; 0: not configurable */
	dl_due_fn fn;       /* DL_FUNCTION only */
	const char *owner;  /* default owner: a role or team code */
	int amber_pct;      /* amber when time left <= this % of the period ... */
	int64_t amber_min;  /* ... or <= this many seconds, whichever is larger */
	bool escalates;     /* R-DL-9: overdue items show in the owner's supervisor's queue */
};

/* The table, in a fixed order (R-DL-1 first). `n` receives its length. */
const struct dl_kind *dl_kinds(size_t *n);
/* The kind with this code, or NULL. */
const struct dl_kind *dl_kind_find(const char *code);

/* The due instant of a deadline of kind `k` whose clock starts at `anchor` (UTC).
 * Refuses (-1, err citing the kind's rule) an anchor outside 1900..2200, a
 * configurable amount outside 1..max_amount (or any amount for a fixed kind), and
 * whatever the kind's function refuses. `p` may be NULL (defaults). */
int dl_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p, int64_t *due,
           struct proto_err *err);

/* Calendar arithmetic. dl_add_months clamps the day to the end of the month
 * (31 Jan + 1 month = 28 or 29 Feb); `months` may be negative. */
struct lt_date dl_add_months(struct lt_date d, int months);
/* Adds calendar months or days to instant `t` on the Europe/London wall clock and
 * returns the UTC instant. A wall-clock time that the spring clock change skips is
 * moved forward by the hour; one that the autumn change repeats is taken the first
 * (earlier) time. */
int64_t dl_add_months_london(int64_t t, int months);
int64_t dl_add_days_london(int64_t t, int days);
/* The UTC instant of London wall-clock time `local` (seconds since 1970 as if London
 * were UTC), with the rules above. */
int64_t dl_london_to_utc(int64_t local);
/* The London calendar date of instant `t` ("the date served", "today"). */
struct lt_date dl_london_date(int64_t t);
/* The instant of 00:00 London time at the start of date `d` (valid). */
int64_t dl_london_midnight(struct lt_date d);

enum dl_state { DL_OK, DL_AMBER, DL_RED };
struct dl_status {
	enum dl_state state;
	int64_t left; /* due - now: negative when overdue */
};
/* R-DL-9. State at `now` of a deadline due at `due` whose period (due minus anchor)
 * is `period`. Red (overdue) when now >= due: the due instant is the last moment, so
 * at it the deadline has been reached. Amber when 0 < left <= the amber window: the
 * larger of the kind's amber_pct of the period and its amber_min, never more than
 * the period. `k` NULL: 25% of the period or 24 hours. */
void dl_status_at(const struct dl_kind *k, int64_t due, int64_t period, int64_t now,
                  struct dl_status *out);
const char *dl_state_code(enum dl_state s); /* "ok", "amber", "red" */

/* Time left in words: "2 days 3 hours left", "5 hours 10 minutes left", "overdue by
 * 5 hours", "due now" (left == 0), "less than a minute left". Units below the second
 * largest are dropped (never rounded up). Always NUL-terminates `out` (n > 0). */
void dl_time_left_words(int64_t left, char *out, size_t n);
/* "due 26 Oct 2026, 09:00 (2 days left)": the due instant on the London clock and
 * the time left at `now`. */
void dl_describe(int64_t due, int64_t now, char *out, size_t n);

/* R-DL-9: an item in a work queue. The strings are borrowed. */
struct dl_item {
	const struct dl_kind *kind;
	const char *subject_id;    /* what the deadline is about: episode, child, order... */
	const char *owner_id;      /* the person or team who owns it */
	const char *supervisor_id; /* the owner's supervisor, or NULL */
	int64_t anchor;
	int64_t due;
};

/* R-DL-9. Work queue order: overdue first, most overdue first, then soonest due.
 * Because an overdue item is due before any item that is not, this is due time
 * ascending; ties by rule, kind code, subject, owner (all deterministic). */
int dl_item_cmp(const struct dl_item *a, const struct dl_item *b);
void dl_queue_sort(struct dl_item *items, size_t n);
/* R-DL-9. Merges two queues already in work queue order into `out` (which must hold
 * na + nb items and must not overlap the inputs), dropping an item of `b` that
 * duplicates one of `a` (same kind, subject and due). Returns the count written. */
size_t dl_queue_merge(const struct dl_item *a, size_t na, const struct dl_item *b, size_t nb,
                      struct dl_item *out);
/* R-DL-9. Whether `it` shows in the queue of supervisor `supervisor_id` at `now`:
 * its kind escalates, it is overdue (now >= due) and that person supervises its
 * owner. */
bool dl_in_supervisor_queue(const struct dl_item *it, const char *supervisor_id, int64_t now);

#endif

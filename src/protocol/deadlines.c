/*
 * deadlines.c: the deadline table (R-DL-1..8), due-time arithmetic, amber/red states,
 * time left in words and work queue order (R-DL-9). See deadlines.h.
 */
#include "protocol/deadlines.h"

#include "protocol/missing.h"

#define HOUR ((int64_t)3600)
#define DAY ((int64_t)86400)

static int mase_action_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                           int64_t *due, struct proto_err *err);
static int annual_review_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                             int64_t *due, struct proto_err *err);
static int mase_meeting_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                            int64_t *due, struct proto_err *err);
static int travel_renewal_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                              int64_t *due, struct proto_err *err);

/*
 * "Within three days" (R-DL-4, R-ORD-3) is three calendar days on the London wall
 * clock, keeping the time of day of the service or change: served Friday 10:00, due
 * Monday 10:00, whether a clock change falls in between (then 71 or 73 hours of real
 * time) or not. The protocol and the order count the period in days, and the subject
 * and the offender manager read it on the calendar; 72 hours of real time would move
 * the due time to 09:00 or 11:00 across a clock change, earlier or later than anyone
 * reading the order expects.
 *
 * The table. Amber windows, where the protocol is silent, are set so that the owner
 * has time to act: a working day for the 72-hour interview and the 3-day
 * notification, a quarter of the (short) absent timeframe, a week before a MASE
 * meeting (the case list must go out beforehand, R-MASE-5), three months before an
 * order's review (time to prepare an application), two weeks for revisits and
 * outcome reviews. Every kind escalates when overdue (R-DL-9).
 */
static const struct dl_kind KINDS[] = {
        /* R-DL-1 (R-MISS-6) */
        {"return_interview", "R-DL-1", "Return interview", "return", DL_SECONDS,
         MISS_RETURN_INTERVIEW_WINDOW, 0, NULL, "childrens_social_care", 0, 24 * HOUR, true},
        /* R-DL-2 (R-MISS-4): the borough's managed timeframe, at most 72 hours */
        {"absent_escalation", "R-DL-2", "Absent episode: escalate to missing", "absent since",
         DL_SECONDS, MISS_ABSENT_DEFAULT_TIMEFRAME, 72 * HOUR, NULL, "police_missing_persons_unit",
         25, 0, true},
        /* R-DL-3 (s11) */
        {"victim_revisit", "R-DL-3", "Revisit the child who has not disclosed",
         "all other lines of enquiry complete", DL_MONTHS, 6, 0, NULL, "set", 0, 14 * DAY, true},
        /* R-DL-4 (R-ORD-2, R-ORD-3) */
        {"sro_notification", "R-DL-4", "Sexual Risk Order: name and address notified",
         "order served or change", DL_DAYS, 3, 0, NULL, "police_offender_management", 0, 24 * HOUR,
         true},
        {"shpo_review", "R-DL-4", "Sexual Harm Prevention Order review (minimum 5 years)",
         "order made", DL_MONTHS, 60, 0, NULL, "police_offender_management", 0, 90 * DAY, true},
        {"sro_review", "R-DL-4", "Sexual Risk Order review (minimum 2 years)", "order made",
         DL_MONTHS, 24, 0, NULL, "police_offender_management", 0, 90 * DAY, true},
        /* five years, or the restrictions' own earlier end (due_at) */
        {"foreign_travel_renewal", "R-DL-4", "Foreign travel restriction renewal (5 years)",
         "restriction imposed or renewed", DL_FUNCTION, 60, 0, travel_renewal_due,
         "police_offender_management", 0, 90 * DAY, true},
        /* R-DL-5 (R-MASE-1, R-MASE-7): a month after the last meeting, or the next date on
         * the borough's schedule (due_at, from mase_next_due) */
        {"mase_meeting", "R-DL-5", "Next MASE meeting", "last meeting", DL_FUNCTION, 1, 0,
         mase_meeting_due, "mase_chair", 0, 7 * DAY, true},
        {"mase_action", "R-DL-5", "MASE action", "meeting", DL_FUNCTION, 0, 0, mase_action_due,
         "mase_action_owner", 25, 2 * DAY, true},
        /* R-DL-6 (s11) */
        {"nrm_reflection", "R-DL-6", "NRM reflection and recovery period (minimum 45 days) ends",
         "NRM referral", DL_DAYS, 45, 0, NULL, "childrens_social_care", 0, 7 * DAY, true},
        /* R-DL-7 (s14) */
        {"protocol_review", "R-DL-7", "Protocol review (annual)", "adoption", DL_FUNCTION, 12, 0,
         annual_review_due, "safeguarding_partnership", 0, 60 * DAY, true},
        /* R-DL-8 (s12): default every 3 months, configurable up to 12 */
        {"outcome_review", "R-DL-8", "Outcome review", "intervention start or last review",
         DL_MONTHS, 3, 12, NULL, "lead_professional", 0, 14 * DAY, true},
};

const struct dl_kind *dl_kinds(size_t *n)
{
	if (n)
		*n = ARRAY_LEN(KINDS);
	return KINDS;
}

const struct dl_kind *dl_kind_find(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(KINDS); i++)
		if (strcmp(KINDS[i].code, code) == 0)
			return &KINDS[i];
	return NULL;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

struct lt_date dl_add_months(struct lt_date d, int months)
{
	int64_t total = (int64_t)d.y * 12 + (d.m - 1) + months;
	struct lt_date r;
	r.y = (int)floor_div(total, 12);
	r.m = (int)(total - (int64_t)r.y * 12) + 1;
	int last = month_days(r.y, r.m);
	r.d = d.d > last ? last : d.d;
	return r;
}

int64_t dl_london_to_utc(int64_t local)
{
	int64_t summer = local - HOUR;
	if (ltime_london_offset(summer) == HOUR)
		return summer; /* BST; the earlier of a repeated hour */
	/* GMT, or a time the spring change skips (then `local` as UTC is an hour later on
	 * the wall clock). */
	return local;
}

/* Adds months and days on the London wall clock. */
static int64_t add_london(int64_t t, int months, int days)
{
	int64_t local = t + ltime_london_offset(t);
	int64_t day = floor_div(local, DAY);
	int64_t secs = local - day * DAY;
	struct lt_date d = ltime_from_days(day);
	if (months)
		d = dl_add_months(d, months);
	int64_t nday = ltime_days(d) + days;
	return dl_london_to_utc(nday * DAY + secs);
}

struct lt_date dl_london_date(int64_t t)
{
	return ltime_from_days(floor_div(t + ltime_london_offset(t), DAY));
}

int64_t dl_london_midnight(struct lt_date d)
{
	return dl_london_to_utc(ltime_days(d) * DAY);
}

int64_t dl_add_months_london(int64_t t, int months)
{
	return add_london(t, months, 0);
}

int64_t dl_add_days_london(int64_t t, int days)
{
	return add_london(t, 0, days);
}

/* Instants accepted as anchors and agreed dates: years 1900..2200 UTC. */
static bool instant_in_range(int64_t t)
{
	return t >= ltime_midnight((struct lt_date){1900, 1, 1}) &&
	       t < ltime_midnight((struct lt_date){2201, 1, 1});
}

/* R-DL-5 (R-MASE-7): an action is due on the date the meeting agreed, which cannot be
 * before the meeting. */
static int mase_action_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                           int64_t *due, struct proto_err *err)
{
	if (!p || !p->due_at_set)
		return proto_fail(err, k->rule, "due_at",
		                  "A MASE action needs the due date the meeting agreed (%s).",
		                  k->rule);
	if (!instant_in_range(p->due_at))
		return proto_fail(err, k->rule, "due_at",
		                  "The action's due date is out of range (%s).", k->rule);
	if (p->due_at < anchor)
		return proto_fail(err, k->rule, "due_at",
		                  "A MASE action cannot be due before the meeting that agreed it "
		                  "(%s).",
		                  k->rule);
	*due = p->due_at;
	return 0;
}

/* R-DL-5 (R-MASE-1): the next meeting is due a month (k->amount) after the last one,
 * or on the date the borough's schedule gives (p->due_at). A scheduled date must be
 * after the last meeting and no later than a month and two weeks after it: a monthly
 * schedule never leaves a longer gap (at most five weeks between the same weekday of
 * two months, plus a meeting held up to a week early, mase_next_due). */
static int mase_meeting_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                            int64_t *due, struct proto_err *err)
{
	int64_t monthly = dl_add_months_london(anchor, (int)k->amount);
	if (!p || !p->due_at_set) {
		*due = monthly;
		return 0;
	}
	if (p->due_at <= anchor || p->due_at > dl_add_days_london(monthly, 14))
		return proto_fail(err, k->rule, "due_at",
		                  "The next meeting must be after the last one and within about a "
		                  "month of it: the meeting is held monthly (%s, R-MASE-1).",
		                  k->rule);
	*due = p->due_at;
	return 0;
}

/* R-DL-4 (R-ORD-2, R-ORD-3): foreign travel restrictions must be renewed five years
 * (k->amount months) after they were imposed or last renewed, or by their own end
 * (p->due_at) when the court set an earlier one; never later than five years. */
static int travel_renewal_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                              int64_t *due, struct proto_err *err)
{
	int64_t limit = dl_add_months_london(anchor, (int)k->amount);
	if (!p || !p->due_at_set) {
		*due = limit;
		return 0;
	}
	if (p->due_at <= anchor || p->due_at > limit)
		return proto_fail(err, k->rule, "due_at",
		                  "Foreign travel restrictions end after they start and last at "
		                  "most five years unless renewed (%s, R-ORD-2, R-ORD-3).",
		                  k->rule);
	*due = p->due_at;
	return 0;
}

/* R-DL-7: due k->amount months after adoption, then k->amount months after the last
 * completed review ("annually after"). */
static int annual_review_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                             int64_t *due, struct proto_err *err)
{
	if (!p || !p->last_done_set) {
		*due = dl_add_months_london(anchor, (int)k->amount);
		return 0;
	}
	if (p->last_done < anchor || !instant_in_range(p->last_done))
		return proto_fail(err, k->rule, "last_done",
		                  "The last review cannot be before the protocol was adopted, nor "
		                  "after the year 2200 (%s).",
		                  k->rule);
	*due = dl_add_months_london(p->last_done, (int)k->amount);
	return 0;
}

/* R-DL-1..8 */
int dl_due(const struct dl_kind *k, int64_t anchor, const struct dl_params *p, int64_t *due,
           struct proto_err *err)
{
	if (!k)
		return proto_fail(err, "R-DL-9", "kind", "Unknown deadline kind (R-DL-9).");
	if (!instant_in_range(anchor))
		return proto_fail(err, k->rule, "anchor",
		                  "The %s time is out of range: years 1900 to 2200 (%s).",
		                  k->anchor_label, k->rule);
	int64_t amount = k->amount;
	if (p && p->amount != 0) {
		if (k->max_amount <= 0)
			return proto_fail(err, k->rule, "amount",
			                  "The period of '%s' is set by the protocol and cannot be "
			                  "changed (%s).",
			                  k->label, k->rule);
		if (p->amount < 1 || p->amount > k->max_amount)
			return proto_fail(err, k->rule, "amount",
			                  "The period of '%s' must be between 1 and %lld %s (%s).",
			                  k->label, (long long)k->max_amount,
			                  k->method == DL_SECONDS ? "seconds"
			                  : k->method == DL_DAYS  ? "days"
			                                          : "months",
			                  k->rule);
		amount = p->amount;
	}
	switch (k->method) {
	case DL_SECONDS:
		*due = anchor + amount;
		return 0;
	case DL_DAYS:
		*due = dl_add_days_london(anchor, (int)amount);
		return 0;
	case DL_MONTHS:
		*due = dl_add_months_london(anchor, (int)amount);
		return 0;
	case DL_FUNCTION:
		if (!k->fn)
			break;
		return k->fn(k, anchor, p, due, err);
	}
	return proto_fail(err, k->rule, "kind", "Deadline kind '%s' has no due rule (%s).",
	                  k->code ? k->code : "?", k->rule);
}

/* R-DL-9 */
void dl_status_at(const struct dl_kind *k, int64_t due, int64_t period, int64_t now,
                  struct dl_status *out)
{
	int pct = k ? k->amber_pct : 25;
	int64_t min = k ? k->amber_min : 24 * HOUR;
	if (period < 0)
		period = 0;
	int64_t window = period / 100 * pct + period % 100 * pct / 100;
	if (min > window)
		window = min;
	if (window > period)
		window = period;
	out->left = due - now;
	if (out->left <= 0)
		out->state = DL_RED;
	else if (out->left <= window)
		out->state = DL_AMBER;
	else
		out->state = DL_OK;
}

const char *dl_state_code(enum dl_state s)
{
	switch (s) {
	case DL_OK:
		return "ok";
	case DL_AMBER:
		return "amber";
	case DL_RED:
		return "red";
	}
	return NULL;
}

/* "2 days 3 hours", "5 hours", "10 minutes", "less than a minute". */
static void span_words(int64_t s, char *out, size_t n)
{
	int64_t d = s / DAY, h = s % DAY / HOUR, m = s % HOUR / 60;
	if (d > 0 && h > 0)
		snprintf(out, n, "%lld day%s %lld hour%s", (long long)d, d == 1 ? "" : "s",
		         (long long)h, h == 1 ? "" : "s");
	else if (d > 0)
		snprintf(out, n, "%lld day%s", (long long)d, d == 1 ? "" : "s");
	else if (h > 0 && m > 0)
		snprintf(out, n, "%lld hour%s %lld minute%s", (long long)h, h == 1 ? "" : "s",
		         (long long)m, m == 1 ? "" : "s");
	else if (h > 0)
		snprintf(out, n, "%lld hour%s", (long long)h, h == 1 ? "" : "s");
	else if (m > 0)
		snprintf(out, n, "%lld minute%s", (long long)m, m == 1 ? "" : "s");
	else
		snprintf(out, n, "less than a minute");
}

void dl_time_left_words(int64_t left, char *out, size_t n)
{
	if (!out || n == 0)
		return;
	char span[64];
	if (left == 0) {
		snprintf(out, n, "due now");
	} else if (left > 0) {
		span_words(left, span, sizeof(span));
		snprintf(out, n, "%s left", span);
	} else {
		span_words(left == INT64_MIN ? INT64_MAX : -left, span, sizeof(span));
		snprintf(out, n, "overdue by %s", span);
	}
}

void dl_describe(int64_t due, int64_t now, char *out, size_t n)
{
	if (!out || n == 0)
		return;
	char when[64], left[96];
	ltime_london_format(due, when, sizeof(when));
	dl_time_left_words(due - now, left, sizeof(left));
	snprintf(out, n, "due %s (%s)", when, left);
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* R-DL-9 */
int dl_item_cmp(const struct dl_item *a, const struct dl_item *b)
{
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	int c = str_cmp(a->kind ? a->kind->rule : NULL, b->kind ? b->kind->rule : NULL);
	if (c == 0)
		c = str_cmp(a->kind ? a->kind->code : NULL, b->kind ? b->kind->code : NULL);
	if (c == 0)
		c = str_cmp(a->subject_id, b->subject_id);
	if (c == 0)
		c = str_cmp(a->owner_id, b->owner_id);
	return c;
}

static int item_qsort_cmp(const void *a, const void *b)
{
	return dl_item_cmp(a, b);
}

void dl_queue_sort(struct dl_item *items, size_t n)
{
	if (items && n > 1)
		qsort(items, n, sizeof(*items), item_qsort_cmp);
}

static bool same_deadline(const struct dl_item *a, const struct dl_item *b)
{
	return a->kind == b->kind && a->due == b->due && str_cmp(a->subject_id, b->subject_id) == 0;
}

/* Whether `b` duplicates an item of `a` (sorted by due): binary search for the first
 * item due at b->due, then scan the items due then. */
static bool in_queue(const struct dl_item *a, size_t na, const struct dl_item *b)
{
	size_t lo = 0, hi = na;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid].due < b->due)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < na && a[lo].due == b->due; lo++)
		if (same_deadline(&a[lo], b))
			return true;
	return false;
}

/* R-DL-9 */
size_t dl_queue_merge(const struct dl_item *a, size_t na, const struct dl_item *b, size_t nb,
                      struct dl_item *out)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na || j < nb) {
		if (j < nb && in_queue(a, na, &b[j])) {
			j++;
			continue;
		}
		if (j >= nb || (i < na && dl_item_cmp(&a[i], &b[j]) <= 0))
			out[n++] = a[i++];
		else
			out[n++] = b[j++];
	}
	return n;
}

/* R-DL-9 */
bool dl_in_supervisor_queue(const struct dl_item *it, const char *supervisor_id, int64_t now)
{
	if (!it || !it->kind || !it->kind->escalates || now < it->due)
		return false;
	if (proto_blank(supervisor_id) || proto_blank(it->supervisor_id))
		return false;
	return strcmp(it->supervisor_id, supervisor_id) == 0;
}

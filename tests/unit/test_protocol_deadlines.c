/* test_protocol_deadlines.c: R-DL-1..9 (src/protocol/deadlines.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/deadlines.h"
#include "protocol/language.h"
#include "protocol/missing.h"

#define HOUR ((int64_t)3600)
#define DAY ((int64_t)86400)

/* An instant from ISO 8601 text; the tests' fixed clock. */
static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static const struct dl_kind *kind(const char *code)
{
	const struct dl_kind *k = dl_kind_find(code);
	assert_non_null(k);
	return k;
}

static int64_t due_of(const char *code, int64_t anchor, const struct dl_params *p)
{
	int64_t due = 0;
	struct proto_err e;
	assert_int_equal(dl_due(kind(code), anchor, p, &due, &e), 0);
	return due;
}

static void london(int64_t t, const char *want)
{
	char buf[64];
	ltime_london_format(t, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_R_DL_9_table_is_complete_and_consistent(void **state)
{
	size_t n = 0;
	const struct dl_kind *k = dl_kinds(&n);
	assert_true(n >= 12);
	bool seen[9] = {false};
	for (size_t i = 0; i < n; i++) {
		assert_non_null(k[i].code);
		assert_non_null(k[i].label);
		assert_non_null(k[i].anchor_label);
		assert_false(proto_blank(k[i].owner));
		assert_ptr_equal(dl_kind_find(k[i].code), &k[i]); /* codes unique */
		assert_int_equal(k[i].method == DL_FUNCTION, k[i].fn != NULL);
		assert_true(k[i].amber_pct >= 0 && k[i].amber_pct <= 100);
		assert_true(k[i].escalates);
		assert_int_equal(language_check(k[i].label, NULL), 0);
		int r = 0;
		assert_int_equal(sscanf(k[i].rule, "R-DL-%d", &r), 1);
		assert_true(r >= 1 && r <= 8);
		seen[r] = true;
	}
	for (int r = 1; r <= 8; r++)
		assert_true(seen[r]);
	assert_null(dl_kind_find("no_such_kind"));
	assert_null(dl_kind_find(NULL));
	int64_t due;
	struct proto_err e;
	assert_int_equal(dl_due(NULL, T("2026-01-01T00:00Z"), NULL, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-9");
}

/* A kind is only data: a new one works without any other change. */
static void test_R_DL_9_a_new_kind_is_one_entry(void **state)
{
	const struct dl_kind pnc = {"pnc_marker_check",
	                            "R-DL-9",
	                            "PNC marker check",
	                            "referral",
	                            DL_DAYS,
	                            7,
	                            0,
	                            NULL,
	                            "police_borough",
	                            0,
	                            2 * DAY,
	                            false};
	int64_t due;
	assert_int_equal(dl_due(&pnc, T("2026-03-26T12:00Z"), NULL, &due, NULL), 0);
	london(due, "2 Apr 2026, 12:00"); /* 12:00 GMT -> 12:00 BST, 11:00 UTC */
	assert_int_equal(due, T("2026-04-02T11:00Z"));
	struct dl_item it = {&pnc, "ep-1", "u-1", "sup-1", 0, due};
	assert_false(dl_in_supervisor_queue(&it, "sup-1", due + DAY)); /* does not escalate */
}

static void test_R_DL_1_return_interview_72h(void **state)
{
	int64_t ret = T("2026-03-10T12:00Z");
	int64_t due = due_of("return_interview", ret, NULL);
	assert_int_equal(due, ret + 72 * HOUR);
	assert_int_equal(due, missing_return_interview_due(ret));
	/* The period is fixed by the protocol. */
	struct dl_params p = {.amount = 96 * HOUR};
	struct proto_err e;
	assert_int_equal(dl_due(kind("return_interview"), ret, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-1");
	assert_string_equal(e.field, "amount");
}

/* 72 real hours across the end of British Summer Time (Sunday 25 October 2026): the
 * due instant is 72 hours later in UTC, and the London clock shows 71 hours. */
static void test_R_DL_1_72h_across_october_clock_change(void **state)
{
	int64_t ret = T("2026-10-23T09:00Z");
	london(ret, "23 Oct 2026, 10:00");
	int64_t due = due_of("return_interview", ret, NULL);
	assert_int_equal(due - ret, 72 * HOUR);
	assert_int_equal(due, T("2026-10-26T09:00Z"));
	london(due, "26 Oct 2026, 09:00");
	assert_int_equal(ltime_london_offset(ret), 3600);
	assert_int_equal(ltime_london_offset(due), 0);
	/* wall-clock difference: one hour less */
	int64_t wall = (due + ltime_london_offset(due)) - (ret + ltime_london_offset(ret));
	assert_int_equal(wall, 71 * HOUR);
	char buf[96];
	dl_describe(due, T("2026-10-24T09:00Z"), buf, sizeof(buf));
	assert_string_equal(buf, "due 26 Oct 2026, 09:00 (2 days left)");
	dl_describe(due, T("2026-10-25T12:30Z"), buf, sizeof(buf));
	assert_string_equal(buf, "due 26 Oct 2026, 09:00 (20 hours 30 minutes left)");
}

/* A return on 28 February 2028 runs across the leap day. */
static void test_R_DL_1_return_on_28_feb_2028_crosses_leap_day(void **state)
{
	int64_t ret = T("2028-02-28T15:00Z");
	int64_t due = due_of("return_interview", ret, NULL);
	assert_int_equal(due, T("2028-03-02T15:00Z"));
	london(due, "2 Mar 2028, 15:00");
	struct dl_status s;
	dl_status_at(kind("return_interview"), due, due - ret, T("2028-02-29T15:00Z"), &s);
	assert_int_equal(s.state, DL_OK);
	assert_int_equal(s.left, 48 * HOUR);
}

/* Exactly-at-boundary transitions: 24 h amber window for the 72-hour interview. */
static void test_R_DL_1_amber_and_red_boundaries(void **state)
{
	const struct dl_kind *k = kind("return_interview");
	int64_t ret = T("2026-03-10T12:00Z"), due = due_of("return_interview", ret, NULL);
	int64_t period = due - ret;
	struct dl_status s;
	dl_status_at(k, due, period, ret, &s);
	assert_int_equal(s.state, DL_OK);
	dl_status_at(k, due, period, due - 24 * HOUR - 1, &s);
	assert_int_equal(s.state, DL_OK);
	dl_status_at(k, due, period, due - 24 * HOUR, &s);
	assert_int_equal(s.state, DL_AMBER);
	assert_int_equal(s.left, 24 * HOUR);
	dl_status_at(k, due, period, due - 1, &s);
	assert_int_equal(s.state, DL_AMBER);
	dl_status_at(k, due, period, due, &s);
	assert_int_equal(s.state, DL_RED);
	assert_int_equal(s.left, 0);
	dl_status_at(k, due, period, due + 5 * HOUR, &s);
	assert_int_equal(s.state, DL_RED);
	assert_int_equal(s.left, -5 * HOUR);
	assert_string_equal(dl_state_code(s.state), "red");
	assert_string_equal(dl_state_code(DL_AMBER), "amber");
	assert_string_equal(dl_state_code(DL_OK), "ok");
}

static void test_R_DL_2_absent_escalation_timeframe(void **state)
{
	const struct dl_kind *k = kind("absent_escalation");
	int64_t since = T("2026-03-10T20:00Z");
	int64_t due = due_of("absent_escalation", since, NULL);
	assert_int_equal(due, since + 6 * HOUR);
	assert_int_equal(due, missing_escalation_due(since, 0));
	struct dl_params p = {.amount = 2 * HOUR};
	assert_int_equal(due_of("absent_escalation", since, &p), since + 2 * HOUR);
	assert_int_equal(due_of("absent_escalation", since, &p),
	                 missing_escalation_due(since, p.amount));
	struct proto_err e;
	p.amount = -1;
	assert_int_equal(dl_due(k, since, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-2");
	p.amount = 72 * HOUR + 1;
	assert_int_equal(dl_due(k, since, &p, &due, &e), -1);
	/* amber: the last quarter of the timeframe (90 minutes of 6 hours) */
	due = since + 6 * HOUR;
	struct dl_status s;
	dl_status_at(k, due, 6 * HOUR, due - 90 * 60 - 1, &s);
	assert_int_equal(s.state, DL_OK);
	dl_status_at(k, due, 6 * HOUR, due - 90 * 60, &s);
	assert_int_equal(s.state, DL_AMBER);
	dl_status_at(k, due, 6 * HOUR, due, &s);
	assert_int_equal(s.state, DL_RED);
	/* an anchor out of range */
	assert_int_equal(dl_due(k, ltime_midnight((struct lt_date){1899, 12, 31}), NULL, &due, &e),
	                 -1);
	assert_string_equal(e.field, "anchor");
}

/* Six calendar months from 31 August: 28 February (29 in a leap year), same London
 * wall-clock time across the October clock change. */
static void test_R_DL_3_six_month_revisit_from_31_august(void **state)
{
	int64_t done = T("2026-08-31T09:00Z"); /* 10:00 BST */
	int64_t due = due_of("victim_revisit", done, NULL);
	london(due, "28 Feb 2027, 10:00");
	assert_int_equal(due, T("2027-02-28T10:00Z"));
	due = due_of("victim_revisit", T("2027-08-31T09:00Z"), NULL);
	london(due, "29 Feb 2028, 10:00");
	/* 00:30 on 1 September in London is still 31 August in UTC: the London date counts */
	due = due_of("victim_revisit", T("2026-08-31T23:30Z"), NULL);
	london(due, "1 Mar 2027, 00:30");
	/* amber two weeks before */
	struct dl_status s;
	dl_status_at(kind("victim_revisit"), due, 180 * DAY, due - 14 * DAY, &s);
	assert_int_equal(s.state, DL_AMBER);
	dl_status_at(kind("victim_revisit"), due, 180 * DAY, due - 14 * DAY - 1, &s);
	assert_int_equal(s.state, DL_OK);
}

static void test_R_DL_3_calendar_months_clamp(void **state)
{
	struct lt_date d = dl_add_months((struct lt_date){2026, 1, 31}, 1);
	assert_int_equal(d.y, 2026);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 28);
	d = dl_add_months((struct lt_date){2028, 1, 31}, 1);
	assert_int_equal(d.d, 29);
	d = dl_add_months((struct lt_date){2026, 10, 31}, 6);
	assert_int_equal(d.y, 2027);
	assert_int_equal(d.m, 4);
	assert_int_equal(d.d, 30);
	d = dl_add_months((struct lt_date){2026, 3, 31}, -1);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 28);
	d = dl_add_months((struct lt_date){2026, 1, 15}, -13);
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 15);
	/* a wall-clock time the spring change skips moves forward an hour */
	int64_t t = dl_add_months_london(T("2027-02-28T01:30Z"), 1);
	london(t, "28 Mar 2027, 02:30");
	assert_int_equal(t, T("2027-03-28T01:30Z"));
	/* one the autumn change repeats is taken the first time (BST) */
	t = dl_add_months_london(T("2026-09-25T00:30Z"), 1);
	assert_int_equal(t, T("2026-10-25T00:30Z"));
	assert_int_equal(dl_london_to_utc(T("2026-10-25T02:00Z")), T("2026-10-25T02:00Z"));
	assert_int_equal(dl_london_to_utc(T("2026-07-01T12:00Z")), T("2026-07-01T11:00Z"));
}

static void test_R_DL_4_orders(void **state)
{
	/* SRO notification: 3 calendar days, across the clock change */
	int64_t served = T("2026-10-23T09:00Z");
	int64_t due = due_of("sro_notification", served, NULL);
	london(due, "26 Oct 2026, 10:00");
	assert_int_equal(due - served, 73 * HOUR);
	/* SHPO minimum 5 years, from a leap day */
	due = due_of("shpo_review", T("2024-02-29T12:00Z"), NULL);
	london(due, "28 Feb 2029, 12:00");
	due = due_of("sro_review", T("2026-05-15T09:00Z"), NULL);
	london(due, "15 May 2028, 10:00");
	due = due_of("foreign_travel_renewal", T("2026-05-15T09:00Z"), NULL);
	london(due, "15 May 2031, 10:00");
	struct dl_status s;
	dl_status_at(kind("shpo_review"), due, due - T("2026-05-15T09:00Z"), due - 90 * DAY, &s);
	assert_int_equal(s.state, DL_AMBER);
	struct proto_err e;
	struct dl_params p = {.amount = 36};
	assert_int_equal(dl_due(kind("shpo_review"), served, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-4");
}

static void test_R_DL_5_mase_monthly_and_actions(void **state)
{
	int64_t met = T("2026-01-31T10:00Z");
	int64_t due = due_of("mase_meeting", met, NULL);
	london(due, "28 Feb 2026, 10:00");
	const struct dl_kind *k = kind("mase_action");
	struct dl_params p = {.due_at = T("2026-02-14T17:00Z"), .due_at_set = true};
	assert_int_equal(due_of("mase_action", met, &p), p.due_at);
	struct proto_err e;
	struct dl_params none = {0};
	assert_int_equal(dl_due(k, met, &none, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-5");
	assert_int_equal(dl_due(k, met, NULL, &due, &e), -1);
	p.due_at = met - 1;
	assert_int_equal(dl_due(k, met, &p, &due, &e), -1);
	assert_string_equal(e.field, "due_at");
	/* amber: a quarter of the period or 2 days */
	p.due_at = met + 8 * DAY;
	due = due_of("mase_action", met, &p);
	struct dl_status s;
	dl_status_at(k, due, due - met, due - 2 * DAY, &s);
	assert_int_equal(s.state, DL_AMBER);
	dl_status_at(k, due, due - met, due - 2 * DAY - 1, &s);
	assert_int_equal(s.state, DL_OK);
}

static void test_R_DL_6_nrm_45_days(void **state)
{
	int64_t referred = T("2026-03-01T10:00Z"); /* 10:00 GMT */
	int64_t due = due_of("nrm_reflection", referred, NULL);
	london(due, "15 Apr 2026, 10:00");
	assert_int_equal(due, T("2026-04-15T09:00Z"));
}

static void test_R_DL_7_protocol_review_annual(void **state)
{
	int64_t adopted = T("2026-04-01T09:00Z");
	int64_t due = due_of("protocol_review", adopted, NULL);
	london(due, "1 Apr 2027, 10:00");
	struct dl_params p = {.last_done = T("2027-03-20T10:00Z"), .last_done_set = true};
	london(due_of("protocol_review", adopted, &p), "20 Mar 2028, 10:00");
	p.last_done = T("2028-06-01T10:00Z"); /* a late review: a year after it */
	london(due_of("protocol_review", adopted, &p), "1 Jun 2029, 11:00");
	struct proto_err e;
	p.last_done = adopted - 1;
	assert_int_equal(dl_due(kind("protocol_review"), adopted, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-7");
}

static void test_R_DL_8_outcome_reviews_every_3_months(void **state)
{
	int64_t start = T("2026-11-30T10:00Z");
	london(due_of("outcome_review", start, NULL), "28 Feb 2027, 10:00");
	struct dl_params p = {.amount = 1};
	london(due_of("outcome_review", start, &p), "30 Dec 2026, 10:00");
	struct proto_err e;
	int64_t due;
	p.amount = 13;
	assert_int_equal(dl_due(kind("outcome_review"), start, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-8");
}

static void test_R_DL_9_time_left_in_words(void **state)
{
	char b[64];
	dl_time_left_words(2 * DAY + 3 * HOUR + 59 * 60, b, sizeof(b));
	assert_string_equal(b, "2 days 3 hours left");
	dl_time_left_words(DAY, b, sizeof(b));
	assert_string_equal(b, "1 day left");
	dl_time_left_words(HOUR + 60, b, sizeof(b));
	assert_string_equal(b, "1 hour 1 minute left");
	dl_time_left_words(59, b, sizeof(b));
	assert_string_equal(b, "less than a minute left");
	dl_time_left_words(0, b, sizeof(b));
	assert_string_equal(b, "due now");
	dl_time_left_words(-5 * HOUR, b, sizeof(b));
	assert_string_equal(b, "overdue by 5 hours");
	dl_time_left_words(-(3 * DAY + HOUR), b, sizeof(b));
	assert_string_equal(b, "overdue by 3 days 1 hour");
	dl_time_left_words(INT64_MIN, b, sizeof(b));
	assert_non_null(strstr(b, "overdue by"));
	char tiny[8];
	dl_time_left_words(-5 * HOUR, tiny, sizeof(tiny));
	assert_int_equal(strlen(tiny), 7);
}

static void test_R_DL_9_work_queue_order_and_merge(void **state)
{
	int64_t now = T("2026-03-10T12:00Z");
	const struct dl_kind *ri = kind("return_interview"), *rv = kind("victim_revisit");
	struct dl_item q[] = {
	        {rv, "child-3", "team-a", "sup-1", 0, now + 10 * DAY},
	        {ri, "ep-2", "team-a", "sup-1", 0, now + HOUR},
	        {ri, "ep-1", "team-a", "sup-1", 0, now - 5 * HOUR},
	        {ri, "ep-4", "team-a", "sup-1", 0, now - 1},
	        {rv, "child-5", "team-a", "sup-1", 0, now + HOUR},
	};
	dl_queue_sort(q, ARRAY_LEN(q));
	assert_string_equal(q[0].subject_id, "ep-1"); /* most overdue */
	assert_string_equal(q[1].subject_id, "ep-4");
	assert_string_equal(q[2].subject_id, "ep-2"); /* same due: R-DL-1 before R-DL-3 */
	assert_string_equal(q[3].subject_id, "child-5");
	assert_string_equal(q[4].subject_id, "child-3");

	struct dl_item mine[] = {
	        {ri, "ep-7", "u-9", "sup-2", 0, now - HOUR},
	        {ri, "ep-2", "team-a", "sup-1", 0, now + HOUR}, /* also in the team queue */
	        {rv, "child-8", "u-9", "sup-2", 0, now + 20 * DAY},
	};
	struct dl_item out[ARRAY_LEN(q) + ARRAY_LEN(mine)];
	size_t n = dl_queue_merge(q, ARRAY_LEN(q), mine, ARRAY_LEN(mine), out);
	assert_int_equal(n, 7);
	const char *want[] = {"ep-1", "ep-7", "ep-4", "ep-2", "child-5", "child-3", "child-8"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out[i].subject_id, want[i]);
	assert_int_equal(dl_queue_merge(NULL, 0, mine, 1, out), 1);
	assert_int_equal(dl_queue_merge(q, 2, NULL, 0, out), 2);
}

/* The order of the work queue's Overdue list (app/work.c): most overdue first, whatever
 * kind; an item of a kind outside the table (the MASH's decision) by the rule it carries;
 * equal ones by subject, a missing subject first. */
static void test_R_DL_9_overdue_list_order(void **state)
{
	int64_t now = T("2026-03-10T12:00Z");
	const struct dl_kind *ri = kind("return_interview");
	struct dl_kind mash = {.code = "mash_decision", .rule = "R-PATH-3"};
	struct dl_item a = {ri, "ep-1", NULL, NULL, 0, now - 2 * HOUR};
	struct dl_item b = {&mash, "rfl-1", NULL, NULL, 0, now - HOUR};
	assert_true(dl_item_cmp(&a, &b) < 0); /* more overdue first */
	assert_true(dl_item_cmp(&b, &a) > 0);
	b.due = a.due; /* same time: R-DL-1 before R-PATH-3 */
	assert_true(dl_item_cmp(&a, &b) < 0);
	struct dl_item c = {ri, "ep-2", NULL, NULL, 0, a.due};
	assert_true(dl_item_cmp(&a, &c) < 0);
	c.subject_id = NULL;
	assert_true(dl_item_cmp(&c, &a) < 0);
	assert_int_equal(dl_item_cmp(&a, &a), 0);
}

static void test_R_DL_9_overdue_goes_to_supervisor(void **state)
{
	int64_t due = T("2026-03-10T12:00Z");
	struct dl_item it = {kind("return_interview"), "ep-1", "u-1", "sup-1",
	                     due - 72 * HOUR,          due};
	assert_false(dl_in_supervisor_queue(&it, "sup-1", due - 1));
	assert_true(dl_in_supervisor_queue(&it, "sup-1", due));
	assert_true(dl_in_supervisor_queue(&it, "sup-1", due + DAY));
	assert_false(dl_in_supervisor_queue(&it, "sup-2", due + DAY));
	assert_false(dl_in_supervisor_queue(&it, "", due + DAY));
	assert_false(dl_in_supervisor_queue(&it, NULL, due + DAY));
	it.supervisor_id = NULL;
	assert_false(dl_in_supervisor_queue(&it, "sup-1", due + DAY));
	assert_false(dl_in_supervisor_queue(NULL, "sup-1", due));
}

/* R-DL-4 (R-ORD-3): "within three days" is three London calendar days at the time of
 * day of the service, in both clock changes (see the table's comment in deadlines.c). */
static void test_R_DL_4_sro_notification_3_days_both_clock_changes(void **state)
{
	int64_t spring = T("2026-03-27T10:00Z"); /* Friday 10:00 GMT */
	int64_t due = due_of("sro_notification", spring, NULL);
	london(due, "30 Mar 2026, 10:00");
	assert_int_equal(due - spring, 71 * HOUR);
	int64_t autumn = T("2026-10-23T09:00Z"); /* Friday 10:00 BST */
	due = due_of("sro_notification", autumn, NULL);
	london(due, "26 Oct 2026, 10:00");
	assert_int_equal(due - autumn, 73 * HOUR);
	int64_t plain = T("2026-06-05T09:00Z"); /* no change in between: 72 hours */
	assert_int_equal(due_of("sro_notification", plain, NULL) - plain, 72 * HOUR);
}

static void test_R_DL_4_foreign_travel_renewal_due_by_its_end(void **state)
{
	int64_t from = T("2026-05-14T23:00Z"); /* 00:00 BST on 15 May */
	london(due_of("foreign_travel_renewal", from, NULL), "15 May 2031, 00:00");
	struct dl_params p = {.due_at = T("2029-01-31T00:00Z"), .due_at_set = true};
	assert_int_equal(due_of("foreign_travel_renewal", from, &p), p.due_at);
	struct proto_err e;
	int64_t due;
	p.due_at = T("2031-05-15T00:00Z"); /* an hour past five years */
	assert_int_equal(dl_due(kind("foreign_travel_renewal"), from, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-4");
	assert_string_equal(e.field, "due_at");
	p.due_at = from;
	assert_int_equal(dl_due(kind("foreign_travel_renewal"), from, &p, &due, &e), -1);
}

static void test_R_DL_6_nrm_45_days_across_the_clock_change(void **state)
{
	int64_t referred = T("2026-09-20T13:30Z"); /* 14:30 BST */
	int64_t due = due_of("nrm_reflection", referred, NULL);
	london(due, "4 Nov 2026, 14:30"); /* 14:30 GMT: 45 calendar days */
	assert_int_equal(due - referred, 45 * DAY + HOUR);
	assert_string_equal(kind("nrm_reflection")->rule, "R-DL-6");
	struct proto_err e;
	struct dl_params p = {.amount = 30}; /* a minimum set by the protocol */
	assert_int_equal(dl_due(kind("nrm_reflection"), referred, &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-6");
}

static void test_london_date_and_midnight(void **state)
{
	struct lt_date d = dl_london_date(T("2026-06-14T23:30Z")); /* 00:30 BST on the 15th */
	assert_int_equal(ltime_date_cmp(d, (struct lt_date){2026, 6, 15}), 0);
	d = dl_london_date(T("2026-12-14T23:30Z"));
	assert_int_equal(ltime_date_cmp(d, (struct lt_date){2026, 12, 14}), 0);
	assert_int_equal(dl_london_midnight((struct lt_date){2026, 6, 15}), T("2026-06-14T23:00Z"));
	assert_int_equal(dl_london_midnight((struct lt_date){2026, 12, 15}),
	                 T("2026-12-15T00:00Z"));
	/* the spring clock change is at 01:00 GMT, so midnight exists that day */
	assert_int_equal(dl_london_midnight((struct lt_date){2026, 3, 29}), T("2026-03-29T00:00Z"));
	d = dl_london_date(ltime_midnight((struct lt_date){1950, 1, 1}) - 1);
	assert_int_equal(ltime_date_cmp(d, (struct lt_date){1949, 12, 31}), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_DL_9_table_is_complete_and_consistent),
	        cmocka_unit_test(test_R_DL_9_a_new_kind_is_one_entry),
	        cmocka_unit_test(test_R_DL_1_return_interview_72h),
	        cmocka_unit_test(test_R_DL_1_72h_across_october_clock_change),
	        cmocka_unit_test(test_R_DL_1_return_on_28_feb_2028_crosses_leap_day),
	        cmocka_unit_test(test_R_DL_1_amber_and_red_boundaries),
	        cmocka_unit_test(test_R_DL_2_absent_escalation_timeframe),
	        cmocka_unit_test(test_R_DL_3_six_month_revisit_from_31_august),
	        cmocka_unit_test(test_R_DL_3_calendar_months_clamp),
	        cmocka_unit_test(test_R_DL_4_orders),
	        cmocka_unit_test(test_R_DL_4_sro_notification_3_days_both_clock_changes),
	        cmocka_unit_test(test_R_DL_4_foreign_travel_renewal_due_by_its_end),
	        cmocka_unit_test(test_R_DL_6_nrm_45_days_across_the_clock_change),
	        cmocka_unit_test(test_london_date_and_midnight),
	        cmocka_unit_test(test_R_DL_5_mase_monthly_and_actions),
	        cmocka_unit_test(test_R_DL_6_nrm_45_days),
	        cmocka_unit_test(test_R_DL_7_protocol_review_annual),
	        cmocka_unit_test(test_R_DL_8_outcome_reviews_every_3_months),
	        cmocka_unit_test(test_R_DL_9_time_left_in_words),
	        cmocka_unit_test(test_R_DL_9_work_queue_order_and_merge),
	        cmocka_unit_test(test_R_DL_9_overdue_list_order),
	        cmocka_unit_test(test_R_DL_9_overdue_goes_to_supervisor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_protocol_orders.c: R-ORD-1..4, R-OUT-3, R-OUT-5 and the order deadlines of
 * R-DL-4 (src/protocol/orders.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/orders.h"
#include "protocol/reference.h"

#define HOUR ((int64_t)3600)

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static struct lt_date D(int y, int m, int d) {
	return (struct lt_date){y, m, d};
}

static void
london(int64_t t, const char *want)
{
	char buf[64];
	ltime_london_format(t, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* The fixed "now" of these tests. */
static int64_t NOW;

static int setup(void **state)
{
	NOW = T("2030-06-01T12:00Z");
	return 0;
}

static void refused(const struct disruption *d, const char *rule, const char *field)
{
	struct proto_err e;
	proto_err_clear(&e);
	assert_int_equal(disruption_validate(d, NOW, &e), -1);
	if (strcmp(e.rule, rule) != 0 || (field && strcmp(e.field ? e.field : "", field) != 0))
		print_error("got %s %s: %s\n", e.rule, e.field ? e.field : "-", e.message);
	assert_string_equal(e.rule, rule);
	if (field)
		assert_string_equal(e.field, field);
	assert_non_null(strstr(e.message, rule));
}

static void accepted(const struct disruption *d)
{
	struct proto_err e;
	proto_err_clear(&e);
	int rc = disruption_validate(d, NOW, &e);
	if (rc != 0)
		print_error("refused: %s %s: %s\n", e.rule, e.field ? e.field : "-", e.message);
	assert_int_equal(rc, 0);
}

/* A CAWN served at 10:00 London time on `on`. */
static struct disruption cawn(struct lt_date dob, struct lt_date on, bool in_care)
{
	struct disruption d = {.type = DISRUPT_CAWN, .status = ORDER_SERVED};
	d.subject_id = "poc_1";
	d.child_id = "chd_1";
	d.serving_officer = "usr_pc1";
	d.served = true;
	d.served_at = dl_london_midnight(on) + 10 * HOUR;
	d.child_dob = dob;
	d.child_in_care = in_care;
	return d;
}

static void test_R_ORD_1_cawn_child_under_16_on_the_serve_date(void **state)
{
	struct disruption d = cawn(D(2012, 6, 15), D(2028, 6, 14), false); /* 15 */
	accepted(&d);
	d = cawn(D(2012, 6, 15), D(2028, 6, 15), false); /* 16 that day */
	refused(&d, "R-ORD-1", "child_id");
	struct proto_err e;
	assert_int_equal(cawn_eligible(D(2012, 6, 15), D(2028, 6, 15), false, &e), -1);
	assert_non_null(strstr(e.message, "was 16"));
	/* the serve date decides, not the date recorded: served 23:30 London on the eve of
	 * the birthday in summer is 22:30 UTC, still the day before */
	d = cawn(D(2012, 6, 15), D(2028, 6, 14), false);
	d.served_at = T("2028-06-14T22:30Z");
	accepted(&d);
	d.served_at = T("2028-06-14T23:30Z"); /* 00:30 BST on the 15th: 16 */
	refused(&d, "R-ORD-1", "child_id");
}

static void test_R_ORD_1_cawn_under_18_in_local_authority_care(void **state)
{
	struct disruption d = cawn(D(2011, 1, 10), D(2028, 6, 1), true); /* 17, in care */
	accepted(&d);
	d.child_in_care = false;
	refused(&d, "R-ORD-1", "child_id");
	d = cawn(D(2010, 1, 10), D(2028, 6, 1), true); /* 18: an adult */
	refused(&d, "R-ORD-1", "child_id");
	struct proto_err e;
	assert_int_equal(cawn_eligible(D(2010, 1, 10), D(2028, 6, 1), true, &e), -1);
	assert_non_null(strstr(e.message, "not a child"));
}

static void test_R_ORD_1_cawn_29_february_birthday(void **state)
{
	/* born 29 Feb 2008: the 18th birthday in 2026 (a common year) is 1 March */
	struct disruption d = cawn(D(2008, 2, 29), D(2026, 2, 28), true);
	accepted(&d);
	d = cawn(D(2008, 2, 29), D(2026, 3, 1), true);
	refused(&d, "R-ORD-1", "child_id");
	/* the 16th birthday of a leap-day child falls on 29 February itself (2028) */
	d = cawn(D(2012, 2, 29), D(2028, 2, 28), false);
	accepted(&d);
	d = cawn(D(2012, 2, 29), D(2028, 2, 29), false);
	refused(&d, "R-ORD-1", "child_id");
}

static void test_R_ORD_1_cawn_lapses_at_16_or_18_in_care(void **state)
{
	struct lt_date d;
	assert_int_equal(cawn_lapses_on(D(2012, 6, 15), false, &d), 0);
	assert_int_equal(ltime_date_cmp(d, D(2028, 6, 15)), 0);
	assert_int_equal(cawn_lapses_on(D(2008, 2, 29), true, &d), 0);
	assert_int_equal(ltime_date_cmp(d, D(2026, 3, 1)), 0);
	/* the day it lapses is the first day the notice could not be served */
	struct disruption c = cawn(D(2008, 2, 29), d, true);
	refused(&c, "R-ORD-1", "child_id");
	assert_int_equal(cawn_lapses_on(D(2008, 2, 30), true, &d), -1);
}

static void test_R_ORD_1_cawn_names_warned_child_date_and_officer(void **state)
{
	struct disruption d = cawn(D(2014, 3, 3), D(2028, 6, 1), false);
	accepted(&d);
	d.subject_id = NULL;
	refused(&d, "R-ORD-1", "subject_id");
	d = cawn(D(2014, 3, 3), D(2028, 6, 1), false);
	d.child_id = " ";
	refused(&d, "R-ORD-1", "child_id");
	d = cawn(D(2014, 3, 3), D(2028, 6, 1), false);
	d.serving_officer = NULL;
	refused(&d, "R-ORD-1", "serving_officer");
	d = cawn(D(2014, 3, 3), D(2028, 6, 1), false);
	d.served = false;
	refused(&d, "R-ORD-1", "served_at");
	d = cawn((struct lt_date){0, 0, 0}, D(2028, 6, 1), false);
	refused(&d, "R-ORD-1", "child_dob");
	d = cawn(D(2029, 1, 1), D(2028, 6, 1), false); /* born after the date served */
	refused(&d, "R-ORD-1", "child_dob");
	d = cawn(D(2014, 3, 3), D(2028, 6, 1), false);
	d.status = ORDER_MADE; /* a notice has no court stage */
	refused(&d, "R-ORD-4", "status");
	d = cawn(D(2014, 3, 3), D(2028, 6, 1), false);
	d.made_on = D(2028, 5, 30);
	refused(&d, "R-ORD-4", "made_on");
}

/* A court order made on `made`, served at 10:00 London that day. */
static struct disruption order(enum disruption_type t, struct lt_date made)
{
	struct disruption d = {.type = t, .status = ORDER_SERVED, .subject_id = "poc_1"};
	d.applied_on = made;
	d.made_on = made;
	d.served = true;
	d.served_at = dl_london_midnight(made) + 10 * HOUR;
	return d;
}

static void test_R_ORD_2_shpo_at_least_5_years_across_leap_years(void **state)
{
	struct disruption d = order(DISRUPT_SHPO, D(2024, 2, 29));
	accepted(&d); /* no end date: until further order */
	d.ends_on = D(2029, 2, 28);
	refused(&d, "R-ORD-2", "ends_on");
	d.ends_on = D(2029, 3, 1);
	accepted(&d);
	d = order(DISRUPT_SHPO, D(2025, 3, 1));
	d.ends_on = D(2030, 2, 28);
	refused(&d, "R-ORD-2", "ends_on");
	d.ends_on = D(2030, 3, 1);
	accepted(&d);
	d = order(DISRUPT_SHPO, D(2027, 2, 28)); /* five years on, 2032 is a leap year */
	d.ends_on = D(2032, 2, 27);
	refused(&d, "R-ORD-2", "ends_on");
	d.ends_on = D(2032, 2, 28);
	accepted(&d);
	struct lt_date m;
	assert_int_equal(order_min_end(DISRUPT_SHPO, D(2024, 2, 29), &m), 0);
	assert_int_equal(ltime_date_cmp(m, D(2029, 3, 1)), 0);
	assert_int_equal(ltime_age_on(D(2024, 2, 29), m), 5); /* as a birthday */
	assert_int_equal(order_min_end(DISRUPT_CAWN, D(2024, 2, 29), &m), -1);
	assert_int_equal(order_min_years(DISRUPT_SHPO), 5);
	struct proto_err e;
	d.ends_on = D(2031, 1, 1);
	assert_int_equal(disruption_validate(&d, NOW, &e), -1);
	assert_non_null(strstr(e.message, "2032-02-28"));
}

static void test_R_ORD_2_foreign_travel_renewed_after_5_years(void **state)
{
	struct disruption d = order(DISRUPT_SHPO, D(2026, 5, 15));
	d.travel_restricted = true;
	d.travel_from = D(2026, 5, 15);
	accepted(&d);
	d.travel_until = D(2031, 5, 15);
	accepted(&d);
	d.travel_until = D(2031, 5, 16);
	refused(&d, "R-ORD-2", "travel_until");
	d.travel_until = D(2026, 5, 15);
	refused(&d, "R-ORD-2", "travel_until");
	d.travel_until = (struct lt_date){0, 0, 0};
	d.travel_from = D(2026, 5, 14); /* before the order */
	refused(&d, "R-ORD-2", "travel_from");
	d.travel_from = (struct lt_date){0, 0, 0};
	refused(&d, "R-ORD-2", "travel_from");
	/* the renewal date: five years on; a leap-day start renews on 28 February */
	struct lt_date r = order_travel_renewal_on(D(2024, 2, 29));
	assert_int_equal(ltime_date_cmp(r, D(2029, 2, 28)), 0);
	/* restrictions on another type */
	d = order(DISRUPT_INJUNCTION, D(2026, 5, 15));
	d.travel_restricted = true;
	d.travel_from = D(2026, 5, 15);
	refused(&d, "R-ORD-2", "travel_restricted");
	d.travel_restricted = false;
	refused(&d, "R-ORD-2", "travel_from");
	/* never beyond the order */
	d = order(DISRUPT_SHPO, D(2026, 5, 15));
	d.ends_on = D(2031, 6, 1);
	d.travel_restricted = true;
	d.travel_from = D(2027, 1, 1);
	d.travel_until = D(2031, 12, 31);
	refused(&d, "R-ORD-2", "travel_until");
}

static void test_R_ORD_3_sro_at_least_2_years(void **state)
{
	struct disruption d = order(DISRUPT_SRO, D(2026, 1, 10));
	d.ends_on = D(2028, 1, 9);
	refused(&d, "R-ORD-3", "ends_on");
	d.ends_on = D(2028, 1, 10);
	accepted(&d);
	d = order(DISRUPT_SRO, D(2028, 2, 29));
	d.ends_on = D(2030, 2, 28);
	refused(&d, "R-ORD-3", "ends_on");
	d.ends_on = D(2030, 3, 1);
	accepted(&d);
	/* foreign travel restrictions at most five years unless renewed */
	d.travel_restricted = true;
	d.travel_from = D(2028, 2, 29);
	d.travel_until = D(2033, 3, 1);
	refused(&d, "R-ORD-3", "travel_until");
	d.ends_on = (struct lt_date){0, 0, 0};
	d.travel_until = D(2033, 2, 28);
	accepted(&d);
}

static long deadlines(const struct disruption *d, struct order_deadline *out, size_t cap)
{
	struct proto_err e;
	long n = order_deadlines(d, out, cap, &e);
	assert_true(n >= 0);
	return n;
}

/* "Within three days" is three London calendar days, at the time of day of service. */
static void test_R_ORD_3_notify_within_3_days_spring_clock_change(void **state)
{
	struct disruption d = order(DISRUPT_SRO, D(2026, 3, 27));
	d.served_at = T("2026-03-27T10:00Z"); /* Friday 10:00 GMT */
	struct order_deadline dl[4];
	assert_int_equal(deadlines(&d, dl, 4), 2); /* notification, review */
	assert_string_equal(dl[0].kind->code, "sro_notification");
	assert_string_equal(dl[0].kind->rule, "R-DL-4");
	assert_int_equal(dl[0].index, -1);
	assert_false(dl[0].done);
	london(dl[0].due, "30 Mar 2026, 10:00"); /* Monday 10:00 BST */
	assert_int_equal(dl[0].due - d.served_at, 71 * HOUR);
	assert_string_equal(dl[1].kind->code, "sro_review");
	london(dl[1].due, "27 Mar 2028, 00:00");
}

static void test_R_ORD_3_notify_within_3_days_autumn_clock_change(void **state)
{
	struct disruption d = order(DISRUPT_SRO, D(2026, 10, 23));
	d.served_at = T("2026-10-23T09:00Z"); /* Friday 10:00 BST */
	struct order_change ch[] = {
	        {T("2027-10-29T14:00Z"), false, 0}, /* Friday 15:00 BST */
	        {T("2027-03-26T08:00Z"), true, T("2027-03-27T08:00Z")},
	};
	d.changes = ch;
	d.n_changes = 2;
	d.notified = true;
	d.notified_at = T("2026-10-24T09:00Z");
	struct order_deadline dl[4];
	assert_int_equal(deadlines(&d, dl, 4), 4);
	london(dl[0].due, "26 Oct 2026, 10:00"); /* Monday 10:00 GMT */
	assert_int_equal(dl[0].due - d.served_at, 73 * HOUR);
	assert_true(dl[0].done);
	assert_int_equal(dl[0].done_at, d.notified_at);
	assert_int_equal(dl[1].index, 0);
	london(dl[1].due, "1 Nov 2027, 15:00"); /* across the 31 October change */
	assert_int_equal(dl[1].due - ch[0].changed_at, 73 * HOUR);
	assert_false(dl[1].done);
	assert_int_equal(dl[2].index, 1);
	london(dl[2].due, "29 Mar 2027, 08:00"); /* across the 28 March change: 71 hours */
	assert_int_equal(dl[2].due - ch[1].changed_at, 71 * HOUR);
	assert_true(dl[2].done);
	/* the unnotified change is overdue once its due instant is reached */
	struct dl_status s;
	dl_status_at(dl[1].kind, dl[1].due, dl[1].due - dl[1].anchor, dl[1].due, &s);
	assert_int_equal(s.state, DL_RED);
	/* like snprintf: with room for one, the count is still four */
	assert_int_equal(deadlines(&d, dl, 1), 4);
	assert_int_equal(deadlines(&d, NULL, 0), 4);
	accepted(&d);
}

static void test_R_ORD_3_notifications_checked(void **state)
{
	struct disruption d = order(DISRUPT_SRO, D(2026, 10, 23));
	d.notified = true;
	d.notified_at = d.served_at - 1;
	refused(&d, "R-ORD-3", "notified_at");
	d.notified_at = NOW + 1;
	refused(&d, "R-ORD-3", "notified_at");
	d.notified_at = d.served_at + HOUR;
	accepted(&d);
	struct order_change ch = {d.served_at - HOUR, false, 0};
	d.changes = &ch;
	d.n_changes = 1;
	refused(&d, "R-ORD-3", "changes");
	ch = (struct order_change){d.served_at + 10 * HOUR, true, d.served_at + 9 * HOUR};
	refused(&d, "R-ORD-3", "changes");
	ch.notified_at = d.served_at + 11 * HOUR;
	accepted(&d);
	/* only on a Sexual Risk Order, and only once served */
	d.type = DISRUPT_SHPO;
	refused(&d, "R-ORD-3", "notified");
	d = order(DISRUPT_SRO, D(2026, 10, 23));
	d.status = ORDER_MADE;
	d.served = false;
	d.notified = true;
	d.notified_at = T("2026-10-24T09:00Z");
	refused(&d, "R-ORD-3", "notified");
}

static void test_R_ORD_3_breaches_recorded_not_before_the_order(void **state)
{
	struct disruption d = order(DISRUPT_SRO, D(2027, 4, 1));
	struct lt_date b[] = {D(2027, 3, 31)};
	d.status = ORDER_BREACHED;
	d.breaches = b;
	d.n_breaches = 1;
	refused(&d, "R-ORD-3", "breaches");
	b[0] = D(2027, 4, 1);
	accepted(&d);
	d.served_at += 2 * 24 * HOUR; /* served on 3 April: a breach on the 1st is before */
	refused(&d, "R-ORD-3", "breaches");
	d = order(DISRUPT_SRO, D(2027, 4, 1));
	d.status = ORDER_BREACHED;
	d.n_breaches = 0;
	refused(&d, "R-ORD-3", "breaches");
	/* not after the order ended, not in the future */
	struct lt_date late[] = {D(2028, 1, 1)};
	d.breaches = late;
	d.n_breaches = 1;
	accepted(&d);
	d.status = ORDER_DISCHARGED;
	d.discharged_on = D(2027, 12, 31);
	refused(&d, "R-ORD-3", "breaches");
	struct lt_date future[] = {D(2030, 6, 2)};
	d = order(DISRUPT_SRO, D(2027, 4, 1));
	d.status = ORDER_BREACHED;
	d.breaches = future;
	d.n_breaches = 1;
	refused(&d, "R-ORD-3", "breaches");
}

static void test_R_ORD_4_types_codes_and_targets(void **state)
{
	size_t n;
	const struct ref_item *t = ref_table(REF_DISRUPTION_TYPES, &n);
	assert_int_equal(n, DISRUPTION_TYPE_COUNT);
	for (int i = 0; i < ORDER_TYPE_COUNT; i++) /* the orders keep enum order_type's codes */
		assert_string_equal(t[i].code, order_type_code((enum order_type)i));
	for (int i = 0; i < DISRUPTION_TYPE_COUNT; i++) {
		enum disruption_type out;
		assert_int_equal(disruption_type_parse(disruption_type_code(i), &out, NULL), 0);
		assert_int_equal(out, i);
		assert_int_equal(disruption_restricted(i), (t[i].flags & REF_RESTRICTED) != 0);
	}
	struct proto_err e;
	enum disruption_type out;
	assert_int_equal(disruption_type_parse("asbo", &out, &e), -1);
	assert_string_equal(e.rule, "R-ORD-4");
	assert_null(disruption_type_code(DISRUPTION_TYPE_COUNT));
	assert_int_equal(disruption_class_of(DISRUPT_ANPR_MARKER), DCLASS_MARKER);
	assert_int_equal(disruption_class_of(DISRUPT_HOTEL_NOTICE), DCLASS_NOTICE);

	struct disruption d = {.type = DISRUPT_HOTEL_NOTICE, .status = ORDER_SERVED};
	d.served = true;
	d.served_at = T("2029-01-05T15:00Z");
	refused(&d, "R-ORD-4", "place_id");
	d.place_id = "plc_hotel";
	accepted(&d);
	d.vehicle_id = "veh_1";
	refused(&d, "R-ORD-4", "vehicle_id");
	d = (struct disruption){.type = DISRUPT_ANPR_MARKER, .on = D(2029, 1, 5)};
	refused(&d, "R-ORD-4", "vehicle_id");
	d.vehicle_id = "veh_1";
	accepted(&d);
	d = (struct disruption){.type = DISRUPT_LICENSING, .on = D(2029, 1, 5)};
	refused(&d, "R-ORD-4", "subject_id");
	d.place_id = "plc_takeaway";
	accepted(&d);
	d = order(DISRUPT_SRO, D(2027, 4, 1));
	d.child_id = "chd_1";
	refused(&d, "R-ORD-3", "child_id");
	d.child_id = NULL;
	d.subject_id = "poc\n1";
	refused(&d, "R-ORD-3", "subject_id");
	d.subject_id = "poc_1";
	d.note = "She is a child prostitute"; /* R-DEF-4 holds in notes */
	refused(&d, "R-DEF-4", "note");
}

static void test_R_ORD_4_covert_tactics_only_for_entitled_police(void **state)
{
	assert_true(disruption_restricted(DISRUPT_COVERT));
	assert_false(disruption_visible(DISRUPT_COVERT, false));
	assert_true(disruption_visible(DISRUPT_COVERT, true));
	assert_true(disruption_visible(DISRUPT_ARREST, false));
	assert_false(disruption_visible(DISRUPTION_TYPE_COUNT, true));
	struct proto_err e;
	assert_int_equal(disruption_may_record(DISRUPT_COVERT, false, &e), -1);
	assert_string_equal(e.rule, "R-ORD-4");
	assert_string_equal(e.field, "type");
	assert_int_equal(disruption_may_record(DISRUPT_COVERT, true, &e), 0);
	assert_int_equal(disruption_may_record(DISRUPT_CHARGE, false, &e), 0);
	assert_int_equal(disruption_may_record(DISRUPTION_TYPE_COUNT, true, &e), -1);
	struct disruption d = {.type = DISRUPT_COVERT, .on = D(2029, 2, 1), .subject_id = "poc_1"};
	accepted(&d);
}

static void test_R_ORD_4_lifecycle_transitions(void **state)
{
	const enum disruption_type t = DISRUPT_SHPO;
	assert_true(order_transition_allowed(t, ORDER_APPLIED, ORDER_MADE));
	assert_false(order_transition_allowed(t, ORDER_APPLIED, ORDER_SERVED));
	assert_true(order_transition_allowed(t, ORDER_MADE, ORDER_SERVED));
	assert_true(order_transition_allowed(t, ORDER_MADE, ORDER_DISCHARGED));
	assert_false(order_transition_allowed(t, ORDER_MADE, ORDER_BREACHED));
	for (int from = ORDER_SERVED; from <= ORDER_BREACHED; from++) {
		assert_true(order_transition_allowed(t, from, ORDER_VARIED));
		assert_true(order_transition_allowed(t, from, ORDER_BREACHED));
		assert_true(order_transition_allowed(t, from, ORDER_EXPIRED));
		assert_true(order_transition_allowed(t, from, ORDER_DISCHARGED));
		assert_false(order_transition_allowed(t, from, ORDER_APPLIED));
		assert_false(order_transition_allowed(t, from, ORDER_MADE));
	}
	for (int to = 0; to < ORDER_STATUS_COUNT; to++) {
		assert_false(order_transition_allowed(t, ORDER_EXPIRED, to));
		assert_false(order_transition_allowed(t, ORDER_DISCHARGED, to));
	}
	/* a notice starts served and is never varied; events have no status */
	assert_false(order_status_fits(DISRUPT_CAWN, ORDER_APPLIED));
	assert_true(order_status_fits(DISRUPT_CAWN, ORDER_BREACHED));
	assert_false(order_transition_allowed(DISRUPT_CAWN, ORDER_SERVED, ORDER_VARIED));
	assert_true(order_transition_allowed(DISRUPT_CAWN, ORDER_SERVED, ORDER_BREACHED));
	assert_false(order_status_fits(DISRUPT_ARREST, ORDER_SERVED));
	assert_false(order_transition_allowed(DISRUPT_ARREST, ORDER_SERVED, ORDER_EXPIRED));
	enum order_status s;
	assert_int_equal(order_status_parse("discharged", &s, NULL), 0);
	assert_int_equal(s, ORDER_DISCHARGED);
	struct proto_err e;
	assert_int_equal(order_status_parse("refused", &s, &e), -1);
	assert_string_equal(e.rule, "R-ORD-4");
	assert_null(order_status_code(ORDER_STATUS_COUNT));
	assert_true(order_status_ended(ORDER_EXPIRED));
	assert_false(order_status_ended(ORDER_BREACHED));
}

static void test_R_ORD_4_serve_date_before_order_date_refused(void **state)
{
	struct disruption d = order(DISRUPT_SHPO, D(2027, 4, 1));
	d.served_at = dl_london_midnight(D(2027, 3, 31)) + 10 * HOUR;
	refused(&d, "R-ORD-4", "served_at");
	d = order(DISRUPT_SHPO, D(2027, 4, 1));
	d.applied_on = D(2027, 4, 2);
	refused(&d, "R-ORD-4", "made_on");
	d = order(DISRUPT_SHPO, D(2027, 4, 1));
	d.served_at = NOW + 60; /* in the future */
	refused(&d, "R-ORD-4", "served_at");
	d = order(DISRUPT_SHPO, D(2027, 4, 1));
	d.made_on = D(2027, 2, 30);
	refused(&d, "R-ORD-4", "made_on");
	d = order(DISRUPT_SHPO, D(2030, 6, 2)); /* made tomorrow */
	d.applied_on = (struct lt_date){0, 0, 0};
	refused(&d, "R-ORD-4", "made_on");
}

static void test_R_ORD_4_status_implies_its_dates(void **state)
{
	struct disruption d = {.type = DISRUPT_SRO, .status = ORDER_APPLIED, .subject_id = "p"};
	refused(&d, "R-ORD-4", "applied_on");
	d.applied_on = D(2027, 1, 4);
	accepted(&d);
	d.made_on = D(2027, 2, 1);
	refused(&d, "R-ORD-4", "made_on"); /* applied, yet made: the status is made */
	d.status = ORDER_MADE;
	accepted(&d);
	d.status = ORDER_SERVED;
	refused(&d, "R-ORD-3", "served_at");
	d.served = true;
	d.served_at = dl_london_midnight(D(2027, 2, 1)) + 12 * HOUR;
	accepted(&d);
	d.varied_on = D(2027, 6, 1);
	refused(&d, "R-ORD-4", "varied_on"); /* a variation: the status is varied */
	d.status = ORDER_VARIED;
	accepted(&d);
	d.varied_on = D(2027, 1, 31);
	refused(&d, "R-ORD-4", "varied_on"); /* before service */
	d.varied_on = D(2027, 6, 1);
	d.status = ORDER_EXPIRED;
	refused(&d, "R-ORD-4", "expired_on");
	d.expired_on = D(2029, 2, 1);
	refused(&d, "R-ORD-4", "expired_on"); /* no end date: discharged, never expired */
	d.ends_on = D(2029, 2, 1);
	accepted(&d);
	d.expired_on = D(2029, 1, 31);
	refused(&d, "R-ORD-4", "expired_on"); /* before its end: that is a discharge */
	d.expired_on = (struct lt_date){0, 0, 0};
	d.status = ORDER_DISCHARGED;
	d.discharged_on = D(2027, 5, 1); /* before the last variation */
	refused(&d, "R-ORD-4", "discharged_on");
	d.discharged_on = D(2028, 5, 1);
	accepted(&d);
	d.status = ORDER_STATUS_COUNT;
	refused(&d, "R-ORD-4", "status");
	d.type = DISRUPTION_TYPE_COUNT;
	refused(&d, "R-ORD-4", "type");
}

static void test_R_ORD_4_change_keeps_the_history(void **state)
{
	struct proto_err e;
	struct disruption before = {.type = DISRUPT_SHPO, .status = ORDER_APPLIED};
	before.subject_id = "poc_1";
	before.applied_on = D(2027, 1, 4);
	struct disruption after = before;
	after.status = ORDER_MADE;
	after.made_on = D(2027, 3, 1);
	after.ends_on = D(2032, 3, 1);
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), 0);
	/* applied -> served skips the court */
	after.status = ORDER_SERVED;
	after.served = true;
	after.served_at = dl_london_midnight(D(2027, 3, 1)) + 11 * HOUR;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	assert_string_equal(e.field, "status");
	/* made -> served; the date made is kept */
	before = after;
	before.status = ORDER_MADE;
	before.served = false;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), 0);
	after.made_on = D(2027, 3, 2);
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	assert_string_equal(e.field, "made_on");
	/* served -> breached, then a second breach; earlier breaches are kept */
	after.made_on = D(2027, 3, 1);
	before = after;
	struct lt_date b1[] = {D(2028, 1, 10)};
	after.status = ORDER_BREACHED;
	after.breaches = b1;
	after.n_breaches = 1;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), 0);
	before = after;
	struct lt_date b2[] = {D(2028, 1, 10), D(2028, 8, 1)};
	after.breaches = b2;
	after.n_breaches = 2;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), 0);
	struct lt_date b3[] = {D(2028, 1, 11), D(2028, 8, 1)};
	after.breaches = b3;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	assert_string_equal(e.field, "breaches");
	after.breaches = b1;
	after.n_breaches = 0;
	after.status = ORDER_SERVED; /* breached -> served is not a transition */
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	/* the service is kept */
	after = before;
	after.served_at += 60;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	assert_string_equal(e.field, "served_at");
	/* discharged: final */
	after = before;
	after.status = ORDER_DISCHARGED;
	after.discharged_on = D(2029, 1, 1);
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), 0);
	before = after;
	after.note = "a later note";
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	assert_string_equal(e.field, "status");
	/* the type never changes */
	after = before;
	after.type = DISRUPT_SRO;
	assert_int_equal(order_change_validate(&before, &after, NOW, &e), -1);
	assert_string_equal(e.field, "type");
	/* foreign travel restrictions renewed: never dated before the last time */
	struct disruption t1 = {.type = DISRUPT_SHPO, .status = ORDER_SERVED, .subject_id = "p"};
	t1.made_on = D(2026, 1, 5);
	t1.served = true;
	t1.served_at = dl_london_midnight(D(2026, 1, 5)) + 12 * HOUR;
	t1.travel_restricted = true;
	t1.travel_from = D(2026, 1, 5);
	struct disruption t2 = t1;
	t2.status = ORDER_VARIED;
	t2.varied_on = D(2030, 5, 1);
	t2.travel_from = D(2030, 5, 1);
	assert_int_equal(order_change_validate(&t1, &t2, NOW, &e), 0);
	struct disruption t3 = t2;
	t3.varied_on = D(2030, 5, 2);
	t3.travel_from = D(2028, 1, 4); /* after the order, before the last renewal */
	assert_int_equal(order_change_validate(&t2, &t3, NOW, &e), -1);
	assert_string_equal(e.field, "travel_from");
	/* a marker: its start is kept, its removal may be added */
	struct disruption m = {.type = DISRUPT_ANPR_MARKER, .vehicle_id = "v", .on = D(2029, 1, 1)};
	struct disruption m2 = m;
	m2.until = D(2029, 6, 1);
	assert_int_equal(order_change_validate(&m, &m2, NOW, &e), 0);
	m2.on = D(2029, 1, 2);
	assert_int_equal(order_change_validate(&m, &m2, NOW, &e), -1);
	assert_string_equal(e.field, "on");
}

static void test_R_ORD_4_events_markers_and_charges(void **state)
{
	struct disruption d = {.type = DISRUPT_ARREST, .subject_id = "poc_1"};
	refused(&d, "R-ORD-4", "on");
	d.on = D(2029, 5, 5);
	accepted(&d);
	d.until = D(2029, 5, 6);
	refused(&d, "R-ORD-4", "until");
	d.until = (struct lt_date){0, 0, 0};
	d.served = true;
	d.served_at = T("2029-05-05T10:00Z");
	refused(&d, "R-ORD-4", "status");
	d = (struct disruption){.type = DISRUPT_CHARGE, .subject_id = "poc_1", .on = D(2029, 5, 6)};
	refused(&d, "R-ORD-4", "offence");
	d.offence = "soa2003_s9_15";
	accepted(&d);
	d.type = DISRUPT_ARREST;
	refused(&d, "R-ORD-4", "offence");
	d = (struct disruption){
	        .type = DISRUPT_CAD_SCHEME, .place_id = "plc_1", .on = D(2029, 5, 5)};
	d.until = D(2029, 5, 4);
	refused(&d, "R-ORD-4", "until");
	d.until = D(2030, 6, 2); /* removed tomorrow: not yet */
	refused(&d, "R-ORD-4", "until");
	d.until = D(2029, 12, 1);
	accepted(&d);
	d.on = D(2030, 6, 2);
	d.until = (struct lt_date){0, 0, 0};
	refused(&d, "R-ORD-4", "on");
}

static void test_R_OUT_3_R_OUT_5_serving_adds_the_code_once(void **state)
{
	struct disruption made = order(DISRUPT_SHPO, D(2027, 4, 1));
	made.status = ORDER_MADE;
	made.served = false;
	assert_int_equal(disruption_outcome(&made), OUTCOME_NONE);
	struct disruption served = order(DISRUPT_SHPO, D(2027, 4, 1));
	assert_int_equal(disruption_new_outcome(&made, &served), OUTCOME_FO); /* R-OUT-3 */
	struct lt_date b[] = {D(2028, 1, 1)};
	struct disruption breached = served;
	breached.status = ORDER_BREACHED;
	breached.breaches = b;
	breached.n_breaches = 1;
	assert_int_equal(disruption_new_outcome(&served, &breached), OUTCOME_NONE);
	struct disruption sro = order(DISRUPT_SRO, D(2027, 4, 1));
	assert_int_equal(disruption_new_outcome(NULL, &sro), OUTCOME_FP); /* R-OUT-2 */
	struct disruption c = cawn(D(2014, 1, 1), D(2028, 1, 1), false);
	assert_int_equal(disruption_new_outcome(NULL, &c), OUTCOME_FP);
	struct disruption charge = {.type = DISRUPT_CHARGE, .subject_id = "p", .on = D(2029, 1, 1)};
	charge.offence = "possession with intent to supply";
	assert_int_equal(disruption_new_outcome(NULL, &charge), OUTCOME_FQ); /* R-OUT-4 */
	assert_int_equal(disruption_new_outcome(&charge, &charge), OUTCOME_NONE);
	struct disruption arrest = {.type = DISRUPT_ARREST, .subject_id = "p", .on = D(2029, 1, 1)};
	assert_int_equal(disruption_new_outcome(NULL, &arrest), OUTCOME_NONE);
	struct disruption hotel = {.type = DISRUPT_HOTEL_NOTICE, .status = ORDER_SERVED};
	hotel.place_id = "plc";
	hotel.served = true;
	hotel.served_at = T("2029-01-01T10:00Z");
	assert_int_equal(disruption_new_outcome(NULL, &hotel), OUTCOME_NONE);
}

static void test_R_DL_4_order_reviews_and_renewals(void **state)
{
	struct disruption d = order(DISRUPT_SHPO, D(2026, 5, 15));
	d.travel_restricted = true;
	d.travel_from = D(2026, 5, 15);
	struct order_deadline dl[4];
	assert_int_equal(deadlines(&d, dl, 4), 2);
	assert_string_equal(dl[0].kind->code, "shpo_review");
	london(dl[0].due, "15 May 2031, 00:00");
	assert_string_equal(dl[1].kind->code, "foreign_travel_renewal");
	london(dl[1].due, "15 May 2031, 00:00");
	/* restrictions the court set to end earlier are renewed by their end */
	d.travel_until = D(2029, 1, 31);
	assert_int_equal(deadlines(&d, dl, 4), 2);
	london(dl[1].due, "31 Jan 2029, 00:00");
	/* an order that has ended starts no deadline; nor does an arrest */
	d.status = ORDER_DISCHARGED;
	d.discharged_on = D(2028, 1, 1);
	assert_int_equal(deadlines(&d, dl, 4), 0);
	struct disruption a = {.type = DISRUPT_ARREST, .subject_id = "p", .on = D(2029, 1, 1)};
	assert_int_equal(deadlines(&a, dl, 4), 0);
	/* an SRO applied for has no deadline yet */
	struct disruption ap = {.type = DISRUPT_SRO, .status = ORDER_APPLIED, .subject_id = "p"};
	ap.applied_on = D(2029, 1, 1);
	assert_int_equal(deadlines(&ap, dl, 4), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_ORD_1_cawn_child_under_16_on_the_serve_date),
	        cmocka_unit_test(test_R_ORD_1_cawn_under_18_in_local_authority_care),
	        cmocka_unit_test(test_R_ORD_1_cawn_29_february_birthday),
	        cmocka_unit_test(test_R_ORD_1_cawn_lapses_at_16_or_18_in_care),
	        cmocka_unit_test(test_R_ORD_1_cawn_names_warned_child_date_and_officer),
	        cmocka_unit_test(test_R_ORD_2_shpo_at_least_5_years_across_leap_years),
	        cmocka_unit_test(test_R_ORD_2_foreign_travel_renewed_after_5_years),
	        cmocka_unit_test(test_R_ORD_3_sro_at_least_2_years),
	        cmocka_unit_test(test_R_ORD_3_notify_within_3_days_spring_clock_change),
	        cmocka_unit_test(test_R_ORD_3_notify_within_3_days_autumn_clock_change),
	        cmocka_unit_test(test_R_ORD_3_notifications_checked),
	        cmocka_unit_test(test_R_ORD_3_breaches_recorded_not_before_the_order),
	        cmocka_unit_test(test_R_ORD_4_types_codes_and_targets),
	        cmocka_unit_test(test_R_ORD_4_covert_tactics_only_for_entitled_police),
	        cmocka_unit_test(test_R_ORD_4_lifecycle_transitions),
	        cmocka_unit_test(test_R_ORD_4_serve_date_before_order_date_refused),
	        cmocka_unit_test(test_R_ORD_4_status_implies_its_dates),
	        cmocka_unit_test(test_R_ORD_4_change_keeps_the_history),
	        cmocka_unit_test(test_R_ORD_4_events_markers_and_charges),
	        cmocka_unit_test(test_R_OUT_3_R_OUT_5_serving_adds_the_code_once),
	        cmocka_unit_test(test_R_DL_4_order_reviews_and_renewals),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

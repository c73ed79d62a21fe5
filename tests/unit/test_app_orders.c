/*
 * test_app_orders.c: the order and disruption use cases (src/app/orders.h) against a real
 * database, named after the rules they apply: R-ORD-1 (a CAWN child's age and care status
 * on the date served, from the child's record), R-ORD-2 and R-ORD-3 (minimum durations
 * across leap years), R-ORD-3 (notifications within three days across the clock changes,
 * breaches never before the order), R-ORD-4 (the lifecycle from application to service,
 * dates in order, covert tactics for entitled police only), R-OUT-2/3/5 (serving adds FP
 * or FO to the person in the same transaction, with a chronology entry on the record of
 * each linked child), R-INFO-3 (an order on a person the actor may not see is refused
 * like absence and audited). Every refusal is checked to have written nothing. All names
 * and details are synthetic.
 */
#include "concern_fixture.h"

#include "app/orders.h"

/* Tables of migration 012 and the outcome codes, beside the fixture's. */
static const char *const DX_TABLES[] = {
        "disruptions", "disruption_breaches", "disruption_changes", "disruption_history",
        "outcomes",    "record_entries",      "tactic_marks",       "plan_actions",
        "cj_cases",    "nrm_referrals"};
#define DX_N (sizeof DX_TABLES / sizeof DX_TABLES[0])

struct dx_counts {
	struct cx_counts cx;
	int64_t dx[DX_N];
};

static void dx_counts(struct fx *f, struct dx_counts *c)
{
	cx_counts(f, &c->cx);
	for (size_t i = 0; i < DX_N; i++)
		c->dx[i] = fx_count(f, DX_TABLES[i]);
}

/* Nothing written, except `audit` more audit events (refusals). */
static void dx_assert_unchanged(struct fx *f, const struct dx_counts *c, int64_t audit)
{
	cx_assert_unchanged(f, &c->cx, audit);
	for (size_t i = 0; i < DX_N; i++)
		if (fx_count(f, DX_TABLES[i]) != c->dx[i])
			fail_msg("table %s changed", DX_TABLES[i]);
}

/* A person recorded by the police supervisor (Camden Police), linked to a child with a
 * record referred by the social worker. Ids and the record reference out. */
static void person_and_child(struct fx *f, const char *name, const char *given, const char *family,
                             const char *dob, char pid[ID_MAX], char child[ID_MAX], char ref[32])
{
	fx_new_record(f, "sw.green", given, family, dob, ref, child);
	cx_add_person(f, "ps.clark", name, NULL, pid);
	cx_add_link(f, "ps.clark", pid, child, "associate", NULL);
}

/* Runs a use case as `user` expecting a refusal with `rule` on `field`. */
static void refused(struct fx *f, cx_use_case fn, const char *user, const char *id, json_t *in,
                    int code, const char *rule, const char *field)
{
	json_t *out;
	struct app_err err;
	int rc = cx_call(f, fn, user, id, in, &out, &err);
	if (rc != code)
		fail_msg("expected %d, got %d: %s", code, rc, err.message);
	if (rule) {
		assert_non_null(err.rule);
		assert_string_equal(err.rule, rule);
	}
	if (field && !fx_field(&err, field))
		fail_msg("no error on field %s (%s)", field, err.message);
	assert_null(out);
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The number of outcomes of `code` on person `pid`. */
static int64_t outcomes_of(struct fx *f, const char *pid, const char *code)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM outcomes WHERE person_id = $1"
	                                " AND code = $2",
	                                "ss", pid, code),
	                 DB_OK);
	return n;
}

/* ---- R-ORD-1 ---- */

static void test_R_ORD_1_cawn_child_under_16_on_the_date_served(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], child[ID_MAX], ref[32];
	/* sixteen on 5 March 2026: fifteen on 1 March, sixteen on 6 March */
	person_and_child(f, "Dorian Vance", "Ella", "Marsh", "2010-03-05", pid, child, ref);
	struct dx_counts c;
	dx_counts(f, &c);
	json_t *late = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "cawn", "person_id", pid,
	                         "child_id", child, "served_at", "2026-03-06T10:00:00Z",
	                         "serving_officer", "PC 1234 Ames");
	refused(f, app_order_add, "ps.clark", NULL, late, APP_INVALID, "R-ORD-1", "child_id");
	dx_assert_unchanged(f, &c, 0);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "cawn", "person_id", pid,
	                       "child_id", child, "served_at", "2026-03-01T10:00:00Z",
	                       "serving_officer", "PC 1234 Ames");
	json_t *o = cx_ok(f, app_order_add, "ps.clark", NULL, in);
	assert_string_equal(str(o, "status"), "served");
	assert_string_equal(str(o, "child_dob"), "2010-03-05");
	assert_string_equal(str(o, "outcome_added"), "FP");
	json_decref(o);
	/* R-ORD-1: the serving officer is named */
	json_t *noone = json_pack("{s:s, s:s, s:s, s:s}", "type", "cawn", "person_id", pid,
	                          "child_id", child, "served_at", "2026-03-01T10:00:00Z");
	refused(f, app_order_add, "ps.clark", NULL, noone, APP_INVALID, "R-ORD-1",
	        "serving_officer");
}

static void test_R_ORD_1_cawn_child_in_care_under_18_on_the_date_served(void **state)
{
	struct fx *f = *state;
	/* seventeen; in local authority care from 1 January 2026 only */
	json_t *c = fx_child("Farah", "Quill", "2008-06-01");
	json_object_set_new(c, "looked_after", json_true());
	json_object_set_new(c, "home_authority", json_string("Camden"));
	json_object_set_new(
	        c, "risk_groups",
	        json_pack("[{s:s, s:s}]", "code", "looked_after", "from", "2026-01-01"));
	struct actor sw = fx_actor(f, "sw.green");
	json_t *out = fx_submit(f, &sw, fx_referral(c, NULL));
	char child[ID_MAX], pid[ID_MAX];
	snprintf(child, sizeof child, "%s", str(out, "child_id"));
	json_decref(out);
	cx_add_person(f, "ps.clark", "Gideon Rook", NULL, pid);
	struct dx_counts k;
	dx_counts(f, &k);
	/* served before the care began: seventeen and not in care then */
	json_t *before = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "cawn", "person_id", pid,
	                           "child_id", child, "served_at", "2025-12-20T10:00:00Z",
	                           "serving_officer", "DC Brook");
	refused(f, app_order_add, "ps.clark", NULL, before, APP_INVALID, "R-ORD-1", "child_id");
	dx_assert_unchanged(f, &k, 0);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "cawn", "person_id", pid,
	                       "child_id", child, "served_at", "2026-02-02T10:00:00Z",
	                       "serving_officer", "DC Brook");
	json_t *o = cx_ok(f, app_order_add, "ps.clark", NULL, in);
	assert_true(json_is_true(json_object_get(o, "child_in_care")));
	json_decref(o);
}

/* ---- R-ORD-2, R-ORD-3: durations across leap years ---- */

static void test_R_ORD_2_shpo_at_least_five_years_from_29_february(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX];
	cx_add_person(f, "ps.clark", "Hollis Dray", NULL, pid);
	struct dx_counts c;
	dx_counts(f, &c);
	/* made 29 February 2024: five years run to 1 March 2029 (R-ORD-2) */
	json_t *shrt =
	        json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "shpo", "person_id", pid, "status",
	                  "made", "made_on", "2024-02-29", "ends_on", "2029-02-28");
	refused(f, app_order_add, "ps.clark", NULL, shrt, APP_INVALID, "R-ORD-2", "ends_on");
	dx_assert_unchanged(f, &c, 0);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "shpo", "person_id", pid,
	                       "status", "made", "made_on", "2024-02-29", "ends_on", "2029-03-01");
	json_t *o = cx_ok(f, app_order_add, "ps.clark", NULL, in);
	assert_true(json_is_null(json_object_get(o, "outcome_added"))); /* made, not served */
	json_decref(o);
}

static void test_R_ORD_3_sro_at_least_two_years_from_29_february(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX];
	cx_add_person(f, "ps.clark", "Ivor Penn", NULL, pid);
	struct dx_counts c;
	dx_counts(f, &c);
	json_t *shrt =
	        json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "sro", "person_id", pid, "status",
	                  "made", "made_on", "2024-02-29", "ends_on", "2026-02-28");
	refused(f, app_order_add, "ps.clark", NULL, shrt, APP_INVALID, "R-ORD-3", "ends_on");
	dx_assert_unchanged(f, &c, 0);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "sro", "person_id", pid,
	                       "status", "made", "made_on", "2024-02-29", "ends_on", "2026-03-01");
	json_decref(cx_ok(f, app_order_add, "ps.clark", NULL, in));
}

/* ---- R-ORD-4, R-OUT-5: from application to service ---- */

static void test_R_OUT_5_sro_from_application_to_service_adds_FP(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], child[ID_MAX], ref[32], id[ID_MAX];
	person_and_child(f, "Jasper Holt", "Kira", "Lenton", "2012-05-05", pid, child, ref);
	json_t *o = cx_ok(f, app_order_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:s}", "type", "sro", "person_id", pid,
	                            "applied_on", "2026-02-01"));
	assert_string_equal(str(o, "status"), "applied");
	cx_id(o, id);
	o = cx_ok(f, app_order_change, "ps.clark", id,
	          json_pack("{s:s, s:s}", "made_on", "2026-02-20", "ends_on", "2028-02-20"));
	assert_string_equal(str(o, "status"), "made");
	assert_true(json_is_null(json_object_get(o, "outcome_added")));
	json_decref(o);
	assert_int_equal(outcomes_of(f, pid, "FP"), 0);
	/* R-ORD-4: a serve date before the order's date is refused, nothing written */
	struct dx_counts c;
	dx_counts(f, &c);
	refused(f, app_order_change, "ps.clark", id,
	        json_pack("{s:s, s:s}", "served_at", "2026-02-19T10:00:00Z", "serving_officer",
	                  "PC Ames"),
	        APP_INVALID, "R-ORD-4", "served_at");
	dx_assert_unchanged(f, &c, 0);
	o = cx_ok(f, app_order_change, "ps.clark", id,
	          json_pack("{s:s, s:s}", "served_at", "2026-02-21T10:00:00Z", "serving_officer",
	                    "PC Ames"));
	assert_string_equal(str(o, "status"), "served");
	assert_string_equal(str(o, "outcome_added"), "FP"); /* R-OUT-2, R-OUT-5 */
	assert_string_equal(str(o, "outcome"), "FP");
	json_decref(o);
	assert_int_equal(outcomes_of(f, pid, "FP"), 1);
	assert_int_equal(cx_entries(f, ref, "outcome", "Outcome FP recorded for Jasper Holt"), 1);
	assert_int_equal(cx_audit(f, "outcome_add", "person", pid), 1);
	/* a breach later adds no second code; a breach before the order is refused */
	dx_counts(f, &c);
	refused(f, app_order_change, "ps.clark", id, json_pack("{s:s}", "breach_on", "2026-02-10"),
	        APP_INVALID, "R-ORD-3", "breaches");
	dx_assert_unchanged(f, &c, 0);
	o = cx_ok(f, app_order_change, "ps.clark", id,
	          json_pack("{s:s}", "breach_on", "2026-03-01"));
	assert_string_equal(str(o, "status"), "breached");
	assert_int_equal(json_array_size(json_object_get(o, "breaches")), 1);
	assert_int_equal(json_array_size(json_object_get(o, "history")), 4);
	json_decref(o);
	assert_int_equal(outcomes_of(f, pid, "FP"), 1);
	/* R-ORD-4: discharged is final */
	json_decref(cx_ok(f, app_order_change, "ps.clark", id,
	                  json_pack("{s:s}", "discharged_on", "2026-03-05")));
	refused(f, app_order_change, "ps.clark", id, json_pack("{s:s}", "breach_on", "2026-03-06"),
	        APP_INVALID, "R-ORD-4", "status");
	fx_assert_audit_intact(f);
}

static void test_R_OUT_3_shpo_served_adds_FO(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], child[ID_MAX], ref[32];
	person_and_child(f, "Lorcan Wade", "Mina", "Oakes", "2011-07-07", pid, child, ref);
	json_t *o = cx_ok(f, app_order_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", "shpo", "person_id",
	                            pid, "status", "served", "made_on", "2026-01-10", "served_at",
	                            "2026-01-10T15:00:00Z", "serving_officer", "DC Brook"));
	assert_string_equal(str(o, "outcome_added"), "FO");
	json_decref(o);
	assert_int_equal(outcomes_of(f, pid, "FO"), 1);
	assert_int_equal(cx_entries(f, ref, "outcome", "Outcome FO recorded for Lorcan Wade"), 1);
}

/* ---- R-ORD-3, R-DL-4: notifications within three days, across the clock changes ---- */

/* The due time of the first deadline of `kind` of order `id`. */
static const char *due_of(json_t *order, const char *kind)
{
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(order, "deadlines"), i, d)
	{
		if (strcmp(str(d, "kind"), kind) == 0)
			return str(d, "due_at");
	}
	return "";
}

static void test_R_ORD_3_notification_three_days_across_the_clock_change(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX];
	cx_add_person(f, "ps.clark", "Nevin Ashe", NULL, pid);
	/* served Friday 24 October 2025, 10:00 BST (09:00Z); the clocks go back on Sunday 26th:
	 * due Monday 27th, 10:00 GMT */
	json_t *o = cx_ok(f, app_order_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", "sro", "person_id",
	                            pid, "status", "served", "made_on", "2025-10-24", "served_at",
	                            "2025-10-24T09:00:00Z", "serving_officer", "PC Ames"));
	assert_string_equal(due_of(o, "sro_notification"), "2025-10-27T10:00:00Z");
	json_decref(o);
	/* spring: served Friday 28 March 2025, 10:00 GMT; the clocks go forward on Sunday
	 * 30th: due Monday 31st, 10:00 BST (09:00Z) */
	char pid2[ID_MAX];
	cx_add_person(f, "ps.clark", "Orla Teague", NULL, pid2);
	o = cx_ok(f, app_order_add, "ps.clark", NULL,
	          json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "type", "sro", "person_id", pid2,
	                    "status", "served", "made_on", "2025-03-28", "served_at",
	                    "2025-03-28T10:00:00Z", "serving_officer", "PC Ames", "notified_at",
	                    "2025-03-30T12:00:00Z"));
	assert_string_equal(due_of(o, "sro_notification"), "2025-03-31T09:00:00Z");
	json_t *dl = json_array_get(json_object_get(o, "deadlines"), 0);
	assert_string_equal(str(dl, "state"), "done");
	json_decref(o);
}

static void test_R_ORD_3_change_of_name_before_service_refused(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], id[ID_MAX];
	cx_add_person(f, "ps.clark", "Perrin Vale", NULL, pid);
	cx_id(cx_ok(f, app_order_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", "sro", "person_id", pid,
	                      "status", "served", "made_on", "2026-02-02", "served_at",
	                      "2026-02-02T11:00:00Z", "serving_officer", "PC Ames")),
	      id);
	struct dx_counts c;
	dx_counts(f, &c);
	refused(f, app_order_change, "ps.clark", id,
	        json_pack("{s:s}", "name_change_at", "2026-02-01T11:00:00Z"), APP_INVALID,
	        "R-ORD-3", "changes");
	dx_assert_unchanged(f, &c, 0);
	json_t *o = cx_ok(f, app_order_change, "ps.clark", id,
	                  json_pack("{s:s}", "name_change_at", "2026-03-01T11:00:00Z"));
	assert_int_equal(json_array_size(json_object_get(o, "changes")), 1);
	json_decref(o);
	o = cx_ok(f, app_order_change, "ps.clark", id,
	          json_pack("{s:{s:i, s:s}}", "change_notified", "index", 0, "notified_at",
	                    "2026-03-02T09:00:00Z"));
	assert_string_equal(str(json_array_get(json_object_get(o, "changes"), 0), "notified_at"),
	                    "2026-03-02T09:00:00Z");
	json_decref(o);
}

/* ---- R-INFO-3: who sees an order ---- */

static void test_R_INFO_3_order_on_a_person_not_seen_is_404_and_audited(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], id[ID_MAX];
	cx_add_person(f, "ps.clark", "Quentin Roe", NULL, pid); /* Camden Police's, unlinked */
	struct dx_counts c;
	dx_counts(f, &c);
	int64_t before = fx_audit_count(f, "refused", pid);
	refused(f, app_order_add, "nurse.hill", NULL,
	        json_pack("{s:s, s:s, s:s}", "type", "sro", "person_id", pid, "applied_on",
	                  "2026-03-01"),
	        APP_NOT_FOUND, NULL, NULL);
	dx_assert_unchanged(f, &c, 1);
	assert_int_equal(fx_audit_count(f, "refused", pid), before + 1);
	cx_id(cx_ok(f, app_order_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:s}", "type", "sro", "person_id", pid, "applied_on",
	                      "2026-03-01")),
	      id);
	refused(f, app_order_get, "nurse.hill", id, NULL, APP_NOT_FOUND, NULL, NULL);
	refused(f, app_person_orders, "nurse.hill", pid, NULL, APP_NOT_FOUND, NULL, NULL);
	json_t *o = cx_ok(f, app_person_orders, "pc.ames", pid, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "orders")), 1);
	json_decref(o);
}

static void test_R_ORD_4_covert_tactics_for_entitled_police_only(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], id[ID_MAX];
	cx_add_person(f, "sw.green", "Rafe Sutton", NULL, pid); /* Camden CSC's */
	struct dx_counts c;
	dx_counts(f, &c);
	refused(f, app_order_add, "sw.green", NULL,
	        json_pack("{s:s, s:s, s:s}", "type", "covert_tactic", "person_id", pid, "on",
	                  "2026-03-01"),
	        APP_INVALID, "R-ORD-4", "type");
	dx_assert_unchanged(f, &c, 0);
	cx_id(cx_ok(f, app_order_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:s}", "type", "covert_tactic", "person_id", pid, "on",
	                      "2026-03-01")),
	      id);
	/* the social worker sees the person, never the tactic */
	refused(f, app_order_get, "sw.green", id, NULL, APP_NOT_FOUND, NULL, NULL);
	json_t *o = cx_ok(f, app_person_orders, "sw.green", pid, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "orders")), 0);
	json_decref(o);
	o = cx_ok(f, app_person_orders, "ps.clark", pid, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "orders")), 1);
	json_decref(o);
}

static void test_R_OUTC_2_arrests_and_charges_go_through_the_case(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX];
	cx_add_person(f, "ps.clark", "Silas Trent", NULL, pid);
	struct dx_counts c;
	dx_counts(f, &c);
	refused(f, app_order_add, "ps.clark", NULL,
	        json_pack("{s:s, s:s, s:s, s:s}", "type", "charge", "person_id", pid, "on",
	                  "2026-03-01", "offence", "Possession with intent to supply"),
	        APP_INVALID, "R-OUTC-2", "type");
	refused(f, app_order_add, "ps.clark", NULL,
	        json_pack("{s:s, s:s, s:s}", "type", "no_such_thing", "person_id", pid, "on",
	                  "2026-03-01"),
	        APP_INVALID, "R-ORD-4", "type");
	dx_assert_unchanged(f, &c, 0);
}

static void test_R_ORD_4_summary_counts_by_type_and_status(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX];
	cx_add_person(f, "ps.clark", "Tobias Quell", NULL, pid);
	/* a hotel notice names a place: against a person alone it is refused */
	refused(f, app_order_add, "ps.clark", NULL,
	        json_pack("{s:s, s:s, s:s, s:s}", "type", "hotel_notice", "person_id", pid,
	                  "served_at", "2026-03-01T10:00:00Z", "borough", "Hackney"),
	        APP_INVALID, "R-ORD-4", "place_id");
	json_t *o = cx_ok(f, app_disruption_summary, "ps.clark", "Hackney", NULL);
	assert_int_equal(json_integer_value(json_object_get(o, "orders_total")), 0);
	json_decref(o);
	char plc[ID_MAX];
	cx_id(cx_ok(f, app_place_add, "ps.clark", NULL,
	            json_pack("{s:s, s:s, s:s, s:b}", "type", "hotel", "name", "Demo Lodge Hotel",
	                      "borough", "Hackney", "confirm_new", 1)),
	      plc);
	json_decref(cx_ok(f, app_order_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:s, s:s}", "type", "hotel_notice", "place_id", plc,
	                            "served_at", "2026-03-01T10:00:00Z", "borough", "Hackney")));
	o = cx_ok(f, app_disruption_summary, "pc.ames", "HAC", NULL);
	assert_int_equal(json_integer_value(json_object_get(o, "orders_total")), 1);
	json_t *row = json_array_get(json_object_get(o, "orders"), 0);
	assert_string_equal(str(row, "type"), "hotel_notice");
	assert_string_equal(str(row, "status"), "served");
	json_decref(o);
	refused(f, app_disruption_summary, "ps.clark", "Nowhere", NULL, APP_NOT_FOUND, NULL, NULL);
	o = cx_ok(f, app_place_orders, "ps.clark", plc, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "orders")), 1);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_ORD_1_cawn_child_under_16_on_the_date_served),
	        cmocka_unit_test(test_R_ORD_1_cawn_child_in_care_under_18_on_the_date_served),
	        cmocka_unit_test(test_R_ORD_2_shpo_at_least_five_years_from_29_february),
	        cmocka_unit_test(test_R_ORD_3_sro_at_least_two_years_from_29_february),
	        cmocka_unit_test(test_R_OUT_5_sro_from_application_to_service_adds_FP),
	        cmocka_unit_test(test_R_OUT_3_shpo_served_adds_FO),
	        cmocka_unit_test(test_R_ORD_3_notification_three_days_across_the_clock_change),
	        cmocka_unit_test(test_R_ORD_3_change_of_name_before_service_refused),
	        cmocka_unit_test(test_R_INFO_3_order_on_a_person_not_seen_is_404_and_audited),
	        cmocka_unit_test(test_R_ORD_4_covert_tactics_for_entitled_police_only),
	        cmocka_unit_test(test_R_OUTC_2_arrests_and_charges_go_through_the_case),
	        cmocka_unit_test(test_R_ORD_4_summary_counts_by_type_and_status),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}

/* test_protocol_reports.c: the board report's figures and the problem profile
 * (R-RPT-1..3), agency contacts (R-INFO-1) and census factor codes
 * (src/protocol/reports.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/language.h"
#include "protocol/reference.h"
#include "protocol/reports.h"

#define DAY ((int64_t)86400)

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static struct lt_date D(int y, int m, int d) {
	return (struct lt_date){y, m, d};
}

/* April 2026 to March 2027, London time. */
static struct rpt_period
year(void)
{
	return rpt_census_year(2026);
}

static void test_R_RPT_1_period(void **state)
{
	struct rpt_period p = year();
	assert_int_equal(p.from, T("2026-03-31T23:00Z")); /* 00:00 BST on 1 April */
	assert_int_equal(p.to, T("2027-03-31T23:00Z"));
	assert_int_equal(rpt_period_validate(&p, NULL), 0);
	assert_true(rpt_in_period(p.from, &p));
	assert_false(rpt_in_period(p.to, &p));
	assert_true(rpt_date_in_period(D(2026, 4, 1), &p));
	assert_true(rpt_date_in_period(D(2027, 3, 31), &p));
	assert_false(rpt_date_in_period(D(2027, 4, 1), &p));
	assert_false(rpt_date_in_period(D(2026, 2, 30), &p));
	struct proto_err e;
	struct rpt_period bad = {p.to, p.from};
	assert_int_equal(rpt_period_validate(&bad, &e), -1);
	assert_string_equal(e.rule, "R-RPT-1");
	assert_string_equal(e.field, "to");
	bad = (struct rpt_period){p.from, p.from + 21 * 366 * DAY};
	assert_int_equal(rpt_period_validate(&bad, &e), -1);
}

static void test_R_RPT_1_volume_counts_each_child_open_in_the_period(void **state)
{
	struct rpt_period p = year();
	struct rpt_record_facts r = {T("2025-11-01T10:00Z"), false, 0}; /* still open */
	assert_true(rpt_in_volume(&r, &p));
	assert_false(rpt_is_new(&r, &p));
	r = (struct rpt_record_facts){T("2025-11-01T10:00Z"), true, T("2026-03-31T22:00Z")};
	assert_false(rpt_in_volume(&r, &p)); /* closed the day before */
	r.closed_at = T("2026-04-02T10:00Z");
	assert_true(rpt_in_volume(&r, &p));
	r = (struct rpt_record_facts){T("2027-01-10T10:00Z"), false, 0};
	assert_true(rpt_in_volume(&r, &p));
	assert_true(rpt_is_new(&r, &p));
	r.opened_at = p.to;
	assert_false(rpt_in_volume(&r, &p));
	struct rpt_totals t = {0};
	assert_true(rpt_is_empty(&t));
	t.meetings = 1;
	assert_false(rpt_is_empty(&t));
	assert_int_equal(language_check(RPT_EMPTY_TEXT, NULL), 0);
}

static void test_R_RPT_1_which_disruptions_are_counted(void **state)
{
	struct rpt_period p = year();
	struct disruption shpo = {.type = DISRUPT_SHPO, .status = ORDER_MADE, .subject_id = "p"};
	shpo.made_on = D(2026, 5, 1);
	assert_false(rpt_disruption_counted(&shpo, &p)); /* made, not yet served */
	assert_true(rpt_activity_counted(&shpo, &p));    /* but it is activity */
	shpo.status = ORDER_SERVED;
	shpo.served = true;
	shpo.served_at = T("2026-05-02T10:00Z");
	assert_true(rpt_disruption_counted(&shpo, &p));
	shpo.served_at = T("2027-03-31T23:30Z"); /* 00:30 BST on 1 April 2027: next year */
	assert_false(rpt_disruption_counted(&shpo, &p));
	struct disruption arrest = {.type = DISRUPT_ARREST, .subject_id = "p", .on = D(2026, 4, 1)};
	assert_true(rpt_disruption_counted(&arrest, &p));
	struct disruption covert = {.type = DISRUPT_COVERT, .subject_id = "p", .on = D(2026, 6, 1)};
	assert_false(rpt_disruption_counted(&covert, &p)); /* never in the board report */
	assert_false(rpt_activity_counted(&covert, &p));
	struct disruption old = {.type = DISRUPT_SRO, .status = ORDER_BREACHED, .subject_id = "p"};
	struct lt_date b[] = {D(2026, 7, 1)};
	old.made_on = D(2024, 1, 1);
	old.served = true;
	old.served_at = T("2024-01-02T10:00Z");
	old.breaches = b;
	old.n_breaches = 1;
	assert_false(rpt_disruption_counted(&old, &p));
	assert_true(rpt_activity_counted(&old, &p)); /* the breach is this year's activity */
	/* a criminal justice case gives its arrest and charge as disruptions, once */
	struct cj_case c = {.person_id = "poc_1", .arrested_on = D(2026, 8, 1)};
	c.charged_on = D(2026, 8, 2);
	c.offence = "soa2003_s9_15";
	struct disruption out[2];
	assert_int_equal(rpt_case_disruptions(&c, out), 2);
	assert_int_equal(out[0].type, DISRUPT_ARREST);
	assert_int_equal(out[1].type, DISRUPT_CHARGE);
	assert_string_equal(out[1].offence, "soa2003_s9_15");
	assert_int_equal(disruption_validate(&out[1], T("2027-01-01T00:00Z"), NULL), 0);
	assert_true(rpt_disruption_counted(&out[1], &p));
	assert_int_equal(disruption_outcome(&out[1]), OUTCOME_FQ);
	c.charged_on = (struct lt_date){0, 0, 0};
	assert_int_equal(rpt_case_disruptions(&c, out), 1);
}

static void test_R_RPT_1_agency_performance(void **state)
{
	struct rpt_period p = year();
	struct mase_flags f = {.n_missing = 1, .missing = {"health"}};
	assert_false(rpt_member_attended(&f, "health"));
	assert_true(rpt_member_attended(&f, "education"));
	assert_false(rpt_member_attended(&f, NULL));
	struct plan_action a = {.status = ACTION_DONE, .due_at = T("2026-06-01T16:00Z")};
	a.closed_at = T("2026-05-30T12:00Z");
	assert_true(rpt_action_counted(&a, &p));
	assert_true(plan_action_on_time(&a));
	a.status = ACTION_CANCELLED;
	assert_false(rpt_action_counted(&a, &p));
	char buf[16];
	assert_int_equal(rpt_percent(3, 4, buf, sizeof(buf)), 75);
	assert_string_equal(buf, "75%");
	assert_int_equal(rpt_percent(1, 3, buf, sizeof(buf)), 33);
	assert_int_equal(rpt_percent(2, 3, buf, sizeof(buf)), 67);
	assert_int_equal(rpt_percent(1, 8, buf, sizeof(buf)), 13); /* 12.5 rounds up */
	assert_int_equal(rpt_percent(0, 0, buf, sizeof(buf)), -1); /* no data, no error */
	assert_string_equal(buf, "no data");
	assert_int_equal(rpt_percent(5, 5, NULL, 0), 100);
}

static void test_R_RPT_2_every_figure_is_defined(void **state)
{
	size_t ns, nf;
	const struct ref_item *sec = ref_table(REF_REPORT_SECTIONS, &ns);
	const struct ref_item *fig = ref_table(REF_REPORT_FIGURES, &nf);
	for (size_t i = 0; i < ns; i++) { /* each section has at least one figure */
		size_t k = 0;
		for (size_t j = 0; j < nf; j++)
			k += strcmp(fig[j].group, sec[i].code) == 0;
		assert_true(k > 0);
	}
	for (size_t j = 0; j < nf; j++) /* and each figure belongs to a section */
		assert_non_null(ref_lookup(REF_REPORT_SECTIONS, fig[j].group));
	/* the six sections of the board report, as s5 App D lists them */
	const char *board[] = {"volume",
	                       "communities",
	                       "patterns",
	                       "perpetrator_activity",
	                       "agency_performance",
	                       "disruptions"};
	for (size_t i = 0; i < ARRAY_LEN(board); i++)
		assert_string_equal(ref_lookup(REF_REPORT_SECTIONS, board[i])->group, "board");
}

static void test_R_RPT_3_problem_profile_over_time_and_place(void **state)
{
	struct rpt_period p = year();
	assert_int_equal(rpt_buckets(&p, RPT_MONTH), 12);
	assert_int_equal(rpt_buckets(&p, RPT_QUARTER), 4);
	assert_int_equal(rpt_buckets(&p, RPT_YEAR), 2);
	size_t i;
	assert_int_equal(rpt_bucket_of(T("2026-03-31T23:30Z"), &p, RPT_MONTH, &i), 0);
	assert_int_equal(i, 0); /* 00:30 BST on 1 April: April */
	assert_int_equal(rpt_bucket_of(T("2027-03-31T22:59Z"), &p, RPT_MONTH, &i), 0);
	assert_int_equal(i, 11);
	assert_int_equal(rpt_bucket_of(T("2027-03-31T23:00Z"), &p, RPT_MONTH, &i), -1);
	char label[32];
	rpt_bucket_label(&p, RPT_MONTH, 0, label, sizeof(label));
	assert_string_equal(label, "Apr 2026");
	rpt_bucket_label(&p, RPT_MONTH, 11, label, sizeof(label));
	assert_string_equal(label, "Mar 2027");
	rpt_bucket_label(&p, RPT_QUARTER, 0, label, sizeof(label));
	assert_string_equal(label, "2026 Q2");
	rpt_bucket_label(&p, RPT_YEAR, 1, label, sizeof(label));
	assert_string_equal(label, "2027");
	rpt_bucket_label(&p, RPT_MONTH, 12, label, sizeof(label));
	assert_string_equal(label, "");
	struct rpt_period bad = {p.to, p.from};
	assert_int_equal(rpt_buckets(&bad, RPT_MONTH), 0);
	assert_string_equal(rpt_case_place("Hackney", "Camden"), "Hackney");
	assert_string_equal(rpt_case_place(NULL, "Camden"), "Camden");
	assert_string_equal(rpt_case_place(" ", "Camden"), "Camden");
}

static void test_R_INFO_1_agency_lead_and_single_point_of_contact(void **state)
{
	struct proto_err e;
	struct rpt_agency_contacts c = {"agc_1", "usr_lead", "usr_spoc"};
	assert_int_equal(rpt_contacts_validate(&c, &e), 0);
	c.spoc = NULL;
	assert_int_equal(rpt_contacts_validate(&c, &e), -1);
	assert_string_equal(e.rule, "R-INFO-1");
	assert_string_equal(e.field, "spoc");
	c = (struct rpt_agency_contacts){"agc_1", "", "usr_spoc"};
	assert_int_equal(rpt_contacts_validate(&c, &e), -1);
	assert_string_equal(e.field, "lead");
	struct rpt_agency_contacts list[] = {
	        {"a", "l", "s"}, {"b", NULL, "s"}, {"c", "l", NULL}, {"d", "l", "s"}};
	assert_int_equal(rpt_contacts_missing(list, 4), 2);
}

static void test_CIN_census_factor_codes(void **state)
{
	size_t n;
	const struct ref_item *f = ref_table(REF_CIN_FACTORS, &n);
	assert_int_equal(n, RPT_CIN_COUNT);
	const char *want[] = {"10A", "11A", "12A", "13A", "24A"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(f[i].code, want[i]);
	struct rpt_cin_facts facts = {0};
	assert_int_equal(rpt_cin_factors(&facts), 0);
	facts.missing_episode = true;
	facts.sexual_record = true;
	facts.nrm_referral = true;
	assert_int_equal(rpt_cin_factors(&facts), RPT_CIN_10A | RPT_CIN_11A | RPT_CIN_12A);
	facts = (struct rpt_cin_facts){.gang_flag = true, .criminal_record = true};
	unsigned s = rpt_cin_factors(&facts);
	assert_int_equal(s, RPT_CIN_13A | RPT_CIN_24A);
	const char *codes[RPT_CIN_COUNT];
	assert_int_equal(rpt_cin_codes(s, codes), 2);
	assert_string_equal(codes[0], "13A");
	assert_string_equal(codes[1], "24A");
	facts = (struct rpt_cin_facts){.trafficked = true, .gang_associated = true};
	assert_int_equal(rpt_cin_factors(&facts), RPT_CIN_12A | RPT_CIN_13A);
	facts = (struct rpt_cin_facts){.trafficking_record = true};
	assert_int_equal(rpt_cin_factors(&facts), RPT_CIN_12A);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_RPT_1_period),
	        cmocka_unit_test(test_R_RPT_1_volume_counts_each_child_open_in_the_period),
	        cmocka_unit_test(test_R_RPT_1_which_disruptions_are_counted),
	        cmocka_unit_test(test_R_RPT_1_agency_performance),
	        cmocka_unit_test(test_R_RPT_2_every_figure_is_defined),
	        cmocka_unit_test(test_R_RPT_3_problem_profile_over_time_and_place),
	        cmocka_unit_test(test_R_INFO_1_agency_lead_and_single_point_of_contact),
	        cmocka_unit_test(test_CIN_census_factor_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

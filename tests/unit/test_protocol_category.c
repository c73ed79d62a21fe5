/* test_protocol_category.c: R-CAT-1..7 (src/protocol/category.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/category.h"

static const int64_t NOW = 1773144000;

static struct cat_decision good(void)
{
	return (struct cat_decision){2,
	                             CAT_CONTACT_CONTACT,
	                             "Gifts from a man of 24; seen at a flat known to police.",
	                             "pc-0007",
	                             CAT_KIND_INITIAL,
	                             NOW - 60};
}

static void test_R_CAT_1_descriptions(void **state)
{
	assert_non_null(strstr(category_description(1), "groomed"));
	assert_non_null(strstr(category_description(2), "online"));
	assert_non_null(strstr(category_description(3), "habitual"));
	assert_null(category_description(4));
}

static void test_R_CAT_3_valid_decision(void **state)
{
	struct proto_err e;
	struct cat_decision d = good();
	assert_int_equal(category_decision_validate(&d, NOW, &e), 0);
	d.category = 1;
	d.contact = CAT_CONTACT_UNSET;
	d.kind = CAT_KIND_ASSESSMENT_TEAM;
	assert_int_equal(category_decision_validate(&d, NOW, &e), 0);
	assert_string_equal(category_kind_code(CAT_KIND_SUPERVISOR), "supervisor");
}

static void test_R_CAT_3_cat2_needs_contact_or_online(void **state)
{
	struct proto_err e;
	struct cat_decision d = good();
	d.contact = CAT_CONTACT_UNSET;
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_string_equal(e.rule, "R-CAT-3");
	assert_string_equal(e.field, "contact");
}

static void test_R_CAT_3_refusals(void **state)
{
	struct proto_err e;
	struct cat_decision d = good();
	d.category = 0;
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_string_equal(e.field, "category");
	d = good();
	d.rationale = "";
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_string_equal(e.field, "rationale");
	d = good();
	d.decided_by = NULL;
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_string_equal(e.field, "decided_by");
	d = good();
	d.decided_at = NOW + 3600;
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	d = good();
	d.kind = (enum cat_kind)9;
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_string_equal(e.field, "kind");
}

static void test_R_CAT_3_victim_blaming_rationale_refused(void **state)
{
	struct proto_err e;
	struct cat_decision d = good();
	d.rationale = "She is promiscuous and goes with older men.";
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
	assert_string_equal(e.field, "rationale");
}

static void test_R_CAT_3_overlong_or_invalid_rationale(void **state)
{
	struct proto_err e;
	struct cat_decision d = good();
	static char big[PROTO_SHORT_MAX + 10];
	memset(big, 'x', sizeof(big) - 1);
	d.rationale = big;
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_non_null(strstr(e.message, "too long"));
	d.rationale = "overlong \xC0\xAF slash";
	assert_int_equal(category_decision_validate(&d, NOW, &e), -1);
	assert_non_null(strstr(e.message, "not valid text"));
}

static struct cat_alloc_input alloc_in(int cat, enum cat_contact c)
{
	return (struct cat_alloc_input){cat, c, "Northgate", NULL, false, NULL, NULL};
}

static void test_R_CAT_4_cat1_goes_to_residence_borough(void **state)
{
	struct cat_alloc_input in = alloc_in(1, CAT_CONTACT_UNSET);
	struct cat_allocation a;
	assert_int_equal(category_allocate(&in, &a, NULL), 0);
	assert_int_equal(a.lead, CAT_LEAD_BOROUGH);
	assert_string_equal(a.lead_borough, "Northgate");
	assert_null(a.enquiring_borough);
}

static void test_R_CAT_4_online_cat2_goes_to_borough(void **state)
{
	struct cat_alloc_input in = alloc_in(2, CAT_CONTACT_ONLINE);
	struct cat_allocation a;
	assert_int_equal(category_allocate(&in, &a, NULL), 0);
	assert_int_equal(a.lead, CAT_LEAD_BOROUGH);
	assert_string_equal(a.lead_borough, "Northgate");
}

static void test_R_CAT_4_contact_cat2_goes_to_SET(void **state)
{
	struct cat_alloc_input in = alloc_in(2, CAT_CONTACT_CONTACT);
	struct cat_allocation a;
	assert_int_equal(category_allocate(&in, &a, NULL), 0);
	assert_int_equal(a.lead, CAT_LEAD_SET);
	assert_null(a.lead_borough);
	assert_string_equal(a.owning_borough, "Northgate");
}

static void test_R_CAT_4_cat3_goes_to_SET_and_cat2_needs_contact(void **state)
{
	struct cat_alloc_input in = alloc_in(3, CAT_CONTACT_ONLINE);
	struct cat_allocation a;
	struct proto_err e;
	assert_int_equal(category_allocate(&in, &a, &e), 0);
	assert_int_equal(a.lead, CAT_LEAD_SET);
	in = alloc_in(2, CAT_CONTACT_UNSET);
	assert_int_equal(category_allocate(&in, &a, &e), -1);
	assert_string_equal(e.rule, "R-CAT-4");
	in = alloc_in(1, CAT_CONTACT_UNSET);
	in.residence_borough = "";
	assert_int_equal(category_allocate(&in, &a, &e), -1);
	assert_string_equal(e.field, "residence_borough");
}

static void test_R_CAT_5_other_borough_enquires_both_shown(void **state)
{
	struct cat_alloc_input in = alloc_in(1, CAT_CONTACT_UNSET);
	in.exploitation_borough = "Eastbridge";
	struct cat_allocation a;
	assert_int_equal(category_allocate(&in, &a, NULL), 0);
	assert_string_equal(a.owning_borough, "Northgate");
	assert_string_equal(a.enquiring_borough, "Eastbridge");
	in.exploitation_borough = "NORTHGATE";
	assert_int_equal(category_allocate(&in, &a, NULL), 0);
	assert_null(a.enquiring_borough);
}

static void test_R_CAT_6_looked_after_child_placed_in_another_borough(void **state)
{
	/* Home authority Riverside placed the child in Northgate. */
	struct cat_alloc_input in = alloc_in(2, CAT_CONTACT_ONLINE);
	in.looked_after = true;
	in.home_authority = "Riverside";
	in.host_authority = "Northgate";
	struct cat_allocation a;
	struct proto_err e;
	assert_int_equal(category_allocate(&in, &a, &e), 0);
	assert_string_equal(a.police_lead_borough, "Northgate");
	assert_string_equal(a.lead_borough, "Northgate");
	assert_string_equal(a.primary_authority, "Riverside");
	assert_string_equal(a.host_authority, "Northgate");
	in.home_authority = NULL;
	assert_int_equal(category_allocate(&in, &a, &e), -1);
	assert_string_equal(e.rule, "R-CAT-6");
}

static void test_R_CAT_2_indicator_checklist_and_summary_no_score(void **state)
{
	size_t n;
	const struct ref_item *list = category_indicators(2, &n);
	assert_non_null(list);
	assert_true(n > 0);
	const char *ticked[] = {"c2.mis.1", "c2.mis.2", "c2.rew.1", "c3.coe.3"};
	struct cat_indicator_summary s;
	struct proto_err e;
	assert_int_equal(category_indicator_summary(ticked, 4, &s, &e), 0);
	assert_int_equal(s.per_domain[1], 2); /* MIS */
	assert_int_equal(s.per_domain[2], 1); /* REW */
	assert_int_equal(s.per_domain[4], 1); /* COE */
	assert_int_equal(s.per_domain[0], 0);
	/* The summary is only counts per domain: no total, score or category field. */
	assert_int_equal(sizeof(s), sizeof(size_t) * 10);
	const char *bad[] = {"c2.mis.1", "c2.mis.1"};
	assert_int_equal(category_indicator_summary(bad, 2, &s, &e), -1);
	assert_string_equal(e.rule, "R-CAT-2");
	const char *unknown[] = {"c9.x.1"};
	assert_int_equal(category_indicator_summary(unknown, 1, &s, &e), -1);
}

static void test_R_CAT_7_low_category_never_excluded(void **state)
{
	assert_non_null(strstr(category_low_reminder(), "missing information"));
	for (int c = 0; c <= 3; c++)
		assert_true(category_included_in_checks(c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_CAT_1_descriptions),
	        cmocka_unit_test(test_R_CAT_3_valid_decision),
	        cmocka_unit_test(test_R_CAT_3_cat2_needs_contact_or_online),
	        cmocka_unit_test(test_R_CAT_3_refusals),
	        cmocka_unit_test(test_R_CAT_3_victim_blaming_rationale_refused),
	        cmocka_unit_test(test_R_CAT_3_overlong_or_invalid_rationale),
	        cmocka_unit_test(test_R_CAT_4_cat1_goes_to_residence_borough),
	        cmocka_unit_test(test_R_CAT_4_online_cat2_goes_to_borough),
	        cmocka_unit_test(test_R_CAT_4_contact_cat2_goes_to_SET),
	        cmocka_unit_test(test_R_CAT_4_cat3_goes_to_SET_and_cat2_needs_contact),
	        cmocka_unit_test(test_R_CAT_5_other_borough_enquires_both_shown),
	        cmocka_unit_test(test_R_CAT_6_looked_after_child_placed_in_another_borough),
	        cmocka_unit_test(test_R_CAT_2_indicator_checklist_and_summary_no_score),
	        cmocka_unit_test(test_R_CAT_7_low_category_never_excluded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_protocol_mase.c: the monthly multi-agency meeting, R-MASE-1..9 and R-DL-5
 * (src/protocol/mase.h), with a fixed clock. */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/deadlines.h"
#include "protocol/mase.h"
#include "protocol/reference.h"

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static void london(int64_t t, const char *want)
{
	char buf[64];
	ltime_london_format(t, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_R_MASE_1_meeting_name_is_a_setting(void **state)
{
	enum mase_name n;
	struct proto_err e;
	assert_int_equal(mase_name_parse("MACE", &n, &e), 0);
	assert_int_equal(n, MASE_NAME_MACE);
	assert_string_equal(mase_name_short(n), "MACE");
	assert_string_equal(mase_name_long(n), "Multi-Agency Child Exploitation meeting");
	assert_int_equal(mase_name_parse("mace", &n, &e), -1);
	assert_string_equal(e.rule, "R-MASE-1");
	assert_int_equal(mase_name_parse(NULL, &n, &e), -1);
	assert_string_equal(mase_name_short(MASE_NAME_DEFAULT), "MASE");
	assert_string_equal(mase_name_short(MASE_NAME_COUNT), "MASE"); /* a bad value */
}

static int64_t next_of(const struct mase_schedule *s, const char *after)
{
	int64_t next = 0;
	struct proto_err e;
	assert_int_equal(mase_schedule_next(s, T(after), &next, &e), 0);
	return next;
}

static void test_R_MASE_1_monthly_schedule(void **state)
{
	struct mase_schedule tue2 = {MASE_NTH_WEEKDAY, 2, 2, 0, 10, 0}; /* 2nd Tuesday 10:00 */
	london(next_of(&tue2, "2026-01-13T10:00Z"), "10 Feb 2026, 10:00");
	london(next_of(&tue2, "2026-01-13T09:59Z"), "13 Jan 2026, 10:00");
	london(next_of(&tue2, "2026-03-10T10:00Z"), "14 Apr 2026, 10:00"); /* BST */
	assert_int_equal(next_of(&tue2, "2026-03-10T10:00Z"), T("2026-04-14T09:00Z"));
	struct mase_schedule lastfri = {MASE_NTH_WEEKDAY, -1, 5, 0, 14, 0};
	london(next_of(&lastfri, "2026-03-01T00:00Z"), "27 Mar 2026, 14:00");
	london(next_of(&lastfri, "2026-03-27T14:00Z"), "24 Apr 2026, 14:00");
	london(next_of(&lastfri, "2026-12-25T14:00Z"), "29 Jan 2027, 14:00");
	struct mase_schedule day31 = {MASE_DAY_OF_MONTH, 0, 0, 31, 9, 30};
	london(next_of(&day31, "2026-01-31T09:30Z"), "28 Feb 2026, 09:30");
	london(next_of(&day31, "2028-01-31T09:30Z"), "29 Feb 2028, 09:30");
	london(next_of(&day31, "2026-02-28T09:30Z"), "31 Mar 2026, 09:30");
	struct proto_err e;
	struct mase_schedule bad = {MASE_NTH_WEEKDAY, 5, 2, 0, 10, 0};
	assert_int_equal(mase_schedule_validate(&bad, &e), -1);
	assert_string_equal(e.field, "nth");
	bad = (struct mase_schedule){MASE_NTH_WEEKDAY, 1, 0, 0, 10, 0};
	assert_int_equal(mase_schedule_validate(&bad, &e), -1);
	assert_string_equal(e.field, "weekday");
	bad = (struct mase_schedule){MASE_DAY_OF_MONTH, 0, 0, 32, 10, 0};
	assert_int_equal(mase_schedule_validate(&bad, &e), -1);
	assert_string_equal(e.field, "day");
	bad = (struct mase_schedule){MASE_DAY_OF_MONTH, 0, 0, 1, 24, 0};
	assert_int_equal(mase_schedule_validate(&bad, &e), -1);
	assert_string_equal(e.rule, "R-MASE-1");
	int64_t next;
	assert_int_equal(mase_schedule_next(&bad, T("2026-01-01T00:00Z"), &next, &e), -1);
	int64_t early = ltime_midnight((struct lt_date){1850, 1, 1});
	assert_int_equal(mase_schedule_next(&tue2, early, &next, &e), -1);
}

static void test_R_DL_5_next_meeting_due(void **state)
{
	struct mase_schedule tue2 = {MASE_NTH_WEEKDAY, 2, 2, 0, 10, 0};
	struct proto_err e;
	int64_t due;
	assert_int_equal(mase_next_due(&tue2, T("2026-01-13T10:00Z"), &due, &e), 0);
	london(due, "10 Feb 2026, 10:00");
	/* held five days early (5 March for 10 March): the next is April's */
	assert_int_equal(mase_next_due(&tue2, T("2026-03-05T10:00Z"), &due, &e), 0);
	london(due, "14 Apr 2026, 10:00");
	/* held a day late: still the next month's date */
	assert_int_equal(mase_next_due(&tue2, T("2026-02-11T10:00Z"), &due, &e), 0);
	london(due, "10 Mar 2026, 10:00");
	/* no schedule: a calendar month */
	assert_int_equal(mase_next_due(NULL, T("2026-01-31T10:00Z"), &due, &e), 0);
	london(due, "28 Feb 2026, 10:00");
	/* the engine's kind gives the same instant, and refuses a date that is not monthly */
	const struct dl_kind *k = dl_kind_find("mase_meeting");
	assert_int_equal(k->method, DL_FUNCTION);
	struct dl_params p = {.due_at = T("2026-02-10T10:00Z"), .due_at_set = true};
	assert_int_equal(dl_due(k, T("2026-01-13T10:00Z"), &p, &due, &e), 0);
	assert_int_equal(due, p.due_at);
	p.due_at = T("2026-03-01T10:00Z");
	assert_int_equal(dl_due(k, T("2026-01-13T10:00Z"), &p, &due, &e), -1);
	assert_string_equal(e.rule, "R-DL-5");
	assert_string_equal(e.field, "due_at");
	p.due_at = T("2026-01-13T10:00Z");
	assert_int_equal(dl_due(k, T("2026-01-13T10:00Z"), &p, &due, &e), -1);
	int64_t early = ltime_midnight((struct lt_date){1850, 1, 1});
	assert_int_equal(mase_next_due(&tue2, early, &due, &e), -1);
}

static void test_R_MASE_5_case_list_circulated_before_the_meeting(void **state)
{
	london(mase_circulate_by(T("2026-04-14T09:00Z")), "7 Apr 2026, 10:00");
	/* the same time of day on the London clock, across the clock change */
	london(mase_circulate_by(T("2026-04-01T09:00Z")), "25 Mar 2026, 10:00");
	assert_true(mase_circulate_by(T("2026-04-14T09:00Z")) < T("2026-04-14T09:00Z"));
}

#define A(id, member, rank, chair, co, mgr, present)                                               \
	{                                                                                          \
		id, member, rank, NULL, chair, co, mgr, present                                    \
	}

/* A meeting that keeps every rule. */
static const struct mase_attendee GOOD[] = {
        A("usr_chair", "police", "detective_chief_inspector", true, false, false, true),
        A("usr_di", "police", "detective_inspector", false, false, false, true),
        A("usr_csc", "childrens_social_care", NULL, false, true, true, true),
        A("usr_health", "health", NULL, false, false, false, true),
        A("usr_edu", "education", NULL, false, false, false, true),
        A("usr_sup", "support_service", NULL, false, false, false, true),
        A("usr_yos", "youth_offending", NULL, false, false, false, true),
        A("usr_housing", "housing", NULL, false, false, false, true),
};

static void copy_good(struct mase_attendee *a)
{
	memcpy(a, GOOD, sizeof(GOOD));
}

static void test_R_MASE_2_chair_rank_and_police_attendance(void **state)
{
	struct mase_attendee a[ARRAY_LEN(GOOD)];
	struct mase_flags f;
	struct proto_err e;
	copy_good(a);
	assert_int_equal(mase_attendees_validate(a, ARRAY_LEN(a), &e), 0);
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_false(mase_flags_any(&f));
	/* chair: an inspector is enough, a sergeant is flagged */
	a[0].rank = "inspector";
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_false(f.chair_below_inspector);
	a[0].rank = "sergeant";
	assert_int_equal(mase_attendees_validate(a, ARRAY_LEN(a), &e), 0);
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_true(f.chair_below_inspector);
	assert_true(mase_flags_any(&f));
	/* police attendance at DI/DCI level, the chair aside */
	copy_good(a);
	a[1].rank = "detective_sergeant";
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_true(f.police_below_di);
	assert_false(f.chair_below_inspector);
	a[1].rank = "detective_inspector";
	a[1].present = false; /* sent apologies */
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_true(f.police_below_di);
	/* a chair who is not police; a co-chair who is not a CSC manager */
	copy_good(a);
	a[0] = (struct mase_attendee)A("usr_chair", "health", NULL, true, false, false, true);
	a[2].csc_manager = false;
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_true(f.chair_not_police);
	assert_false(f.chair_below_inspector);
	assert_true(f.co_chair_not_csc_manager);
	struct mase_gap g[MASE_MAX_GAPS];
	size_t ng = mase_gaps(&f, g);
	assert_int_equal(ng, 2);
	assert_string_equal(g[0].code, "chair_not_police");
	assert_string_equal(g[0].rule, "R-MASE-2");
	assert_string_equal(g[1].code, "co_chair_not_csc_manager");
}

static void refused(struct mase_attendee *a, size_t n, const char *rule, const char *field)
{
	struct proto_err e;
	assert_int_equal(mase_attendees_validate(a, n, &e), -1);
	assert_string_equal(e.rule, rule);
	assert_string_equal(e.field, field);
	assert_non_null(strstr(e.message, rule));
}

static void test_R_MASE_2_rank_or_chair_outside_the_list_refused(void **state)
{
	struct mase_attendee a[ARRAY_LEN(GOOD)];
	copy_good(a);
	a[0].rank = "sheriff";
	refused(a, ARRAY_LEN(a), "R-MASE-2", "chair_rank");
	copy_good(a);
	a[1].rank = "DI"; /* codes, not abbreviations */
	refused(a, ARRAY_LEN(a), "R-MASE-2", "rank");
	copy_good(a);
	a[1].rank = NULL;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "rank");
	copy_good(a);
	a[3].rank = "inspector"; /* a rank on a health attendee */
	refused(a, ARRAY_LEN(a), "R-MASE-2", "rank");
	copy_good(a);
	a[1].chair = true;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "chair");
	copy_good(a);
	a[0].chair = false;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "chair");
	copy_good(a);
	a[0].present = false;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "chair");
	copy_good(a);
	a[3].co_chair = true;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "co_chair");
	copy_good(a);
	a[0].co_chair = true;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "co_chair");
	copy_good(a);
	a[4].person_id = "usr_health";
	refused(a, ARRAY_LEN(a), "R-MASE-2", "person_id");
	copy_good(a);
	a[4].person_id = NULL;
	refused(a, ARRAY_LEN(a), "R-MASE-2", "person_id");
	refused(a, 0, "R-MASE-2", "attendees");
	copy_good(a);
	a[5].member = "fire_service";
	refused(a, ARRAY_LEN(a), "R-MASE-3", "member");
	/* every rank code of the list is accepted, and levels order the ranks */
	size_t n;
	const struct ref_item *ranks = ref_table(REF_POLICE_RANKS, &n);
	for (size_t i = 0; i < n; i++) {
		copy_good(a);
		a[1].rank = ranks[i].code;
		assert_int_equal(mase_attendees_validate(a, ARRAY_LEN(a), NULL), 0);
	}
	assert_int_equal(ref_lookup(REF_POLICE_RANKS, "inspector")->category, MASE_CHAIR_MIN_LEVEL);
	assert_int_equal(ref_lookup(REF_POLICE_RANKS, "detective_inspector")->category,
	                 MASE_POLICE_MIN_LEVEL);
	assert_true(ref_lookup(REF_POLICE_RANKS, "detective_sergeant")->category <
	            MASE_POLICE_MIN_LEVEL);
}

static void test_R_MASE_3_statutory_members_missing(void **state)
{
	struct mase_attendee a[ARRAY_LEN(GOOD)];
	struct mase_flags f;
	copy_good(a);
	a[3].present = false;      /* health sent apologies */
	a[6].member = "probation"; /* no youth offending */
	assert_int_equal(mase_attendees_validate(a, ARRAY_LEN(a), NULL), 0);
	mase_meeting_flags(a, ARRAY_LEN(a), &f);
	assert_int_equal(f.n_missing, 2);
	assert_string_equal(f.missing[0], "health");
	assert_string_equal(f.missing[1], "youth_offending");
	assert_true(mase_flags_any(&f));
	struct mase_gap g[MASE_MAX_GAPS];
	assert_int_equal(mase_gaps(&f, g), 2);
	assert_string_equal(g[0].rule, "R-MASE-3");
	assert_string_equal(g[0].code, "missing_member");
	assert_string_equal(g[0].member, "health");
	/* only the police attended: five absent, and every gap reported */
	struct mase_attendee one[] = {
	        A("usr_chair", "police", "chief_inspector", true, false, false, true)};
	mase_meeting_flags(one, 1, &f);
	assert_int_equal(f.n_missing, 5);
	assert_true(f.police_below_di);
	assert_int_equal(mase_gaps(&f, g), 6);
	size_t n, statutory = 0;
	const struct ref_item *m = ref_table(REF_MASE_MEMBERS, &n);
	for (size_t i = 0; i < n; i++)
		statutory += strcmp(m[i].group, "statutory") == 0;
	assert_int_equal(statutory, MASE_STATUTORY_COUNT);
}

static void test_R_MASE_4_only_referred_cases_on_the_agenda(void **state)
{
	struct proto_err e;
	struct mase_case_facts f = {true, T("2026-02-01T10:00Z"), T("2026-02-10T10:00Z")};
	assert_int_equal(mase_agenda_admit(&f, &e), 0);
	f.referred = false;
	assert_int_equal(mase_agenda_admit(&f, &e), -1);
	assert_string_equal(e.rule, "R-MASE-4");
	assert_string_equal(e.field, "record_ref");
	f = (struct mase_case_facts){true, T("2026-02-11T10:00Z"), T("2026-02-10T10:00Z")};
	assert_int_equal(mase_agenda_admit(&f, &e), -1); /* referred only after the meeting */
}

static void test_R_MASE_5_each_attendee_sees_their_agency_view(void **state)
{
	struct mase_view_facts f = {MASE_SEC_NEW, ACCESS_OPEN, false, false};
	assert_int_equal(mase_item_view(&f), MASE_VIEW_FULL);
	assert_false(mase_view_shows_restricted(&f));
	f.decision = ACCESS_HIDDEN; /* not their case: not shown at all */
	assert_int_equal(mase_item_view(&f), MASE_VIEW_NONE);
	f.decision = ACCESS_RESTRICTED;
	assert_int_equal(mase_item_view(&f), MASE_VIEW_LISTED);
	f.decision = ACCESS_NEEDS_REASON;
	assert_int_equal(mase_item_view(&f), MASE_VIEW_LISTED);
	f.decision = ACCESS_OPEN_LOGGED;
	assert_int_equal(mase_item_view(&f), MASE_VIEW_FULL);
	/* restricted intelligence: only for entitled police */
	f = (struct mase_view_facts){MASE_SEC_PERPETRATORS, ACCESS_OPEN, true, false};
	assert_int_equal(mase_item_view(&f), MASE_VIEW_NONE);
	f.police_entitled = true;
	assert_int_equal(mase_item_view(&f), MASE_VIEW_FULL);
	assert_true(mase_view_shows_restricted(&f));
	/* the compliance counts name no child: everyone sees them */
	f = (struct mase_view_facts){MASE_SEC_COMPLIANCE, ACCESS_HIDDEN, false, false};
	assert_int_equal(mase_item_view(&f), MASE_VIEW_FULL);
}

static void test_R_MASE_6_agenda_sections_and_compliance(void **state)
{
	size_t n;
	const struct ref_item *s = ref_table(REF_AGENDA_SECTIONS, &n);
	assert_int_equal(n, 7);
	for (int i = MASE_SEC_COMPLIANCE; i <= MASE_SEC_LOCATIONS; i++) {
		assert_string_equal(mase_section_code(i), s[i - 1].code);
		assert_int_equal(s[i - 1].category, i);
	}
	assert_null(mase_section_code(0));
	assert_null(mase_section_code(8));
	struct mase_case_place p = {false, false, false};
	assert_int_equal(mase_case_sections(&p), MASE_SEC_BIT(MASE_SEC_NEW));
	p = (struct mase_case_place){true, true, true};
	assert_int_equal(mase_case_sections(&p), MASE_SEC_BIT(MASE_SEC_REVIEW) |
	                                                 MASE_SEC_BIT(MASE_SEC_OUT_OF_BOROUGH) |
	                                                 MASE_SEC_BIT(MASE_SEC_CROSS_BORDER));
	struct mase_compliance c;
	struct proto_err e;
	struct mase_referral_count same[] = {
	        {"police", 12}, {"childrens_social_care", 12}, {"education", 4}};
	assert_int_equal(mase_compliance_check(same, 3, &c, &e), 0);
	assert_false(c.mismatch);
	struct mase_referral_count diff[] = {{"police", 12}, {"childrens_social_care", 9}};
	assert_int_equal(mase_compliance_check(diff, 2, &c, &e), 0);
	assert_true(c.mismatch);
	assert_int_equal(c.difference, 3);
	struct mase_referral_count only[] = {{"police", 2}};
	assert_int_equal(mase_compliance_check(only, 1, &c, &e), 0);
	assert_true(c.mismatch); /* social care recorded none */
	assert_int_equal(c.csc, 0);
	assert_int_equal(mase_compliance_check(NULL, 0, &c, &e), 0);
	assert_false(c.mismatch);
	struct mase_referral_count bad[] = {{"police", 2}, {"police", 3}};
	assert_int_equal(mase_compliance_check(bad, 2, &c, &e), -1);
	assert_string_equal(e.rule, "R-MASE-6");
	bad[1] = (struct mase_referral_count){"fire", 1};
	assert_int_equal(mase_compliance_check(bad, 2, &c, &e), -1);
	bad[1] = (struct mase_referral_count){"health", -1};
	assert_int_equal(mase_compliance_check(bad, 2, &c, &e), -1);
	assert_string_equal(e.field, "count");
}

static void test_R_MASE_7_each_case_has_a_plan(void **state)
{
	struct plan_action acts[2] = {{0}, {0}};
	acts[0].owner_agency = "agc_police";
	acts[0].agreed_at = T("2026-02-10T10:00Z");
	acts[0].due_at = T("2026-02-24T10:00Z");
	acts[1] = acts[0];
	struct mase_case_plan p = {0, 1, acts, 2};
	struct mase_plan_gaps g;
	assert_true(mase_case_plan_check(&p, &g));
	p.tactics_not_considered = 3;
	acts[1].owner_agency = NULL;
	acts[1].due_at = acts[1].agreed_at - 1;
	p.decisions = 0;
	assert_false(mase_case_plan_check(&p, &g));
	assert_true(g.tactics_incomplete);
	assert_true(g.no_decision);
	assert_int_equal(g.actions_without_owner, 1);
	assert_int_equal(g.actions_without_due, 1);
}

static void test_R_MASE_8_chair_duties_recorded(void **state)
{
	struct mase_duty d[MASE_DUTY_COUNT] = {
	        {true, NULL}, {true, NULL}, {true, NULL}, {true, NULL}, {true, NULL}};
	struct mase_flags none = {0};
	struct proto_err e;
	assert_int_equal(mase_chair_duties_validate(d, "usr_chair", "usr_chair", NULL, &none, &e),
	                 0);
	assert_int_equal(
	        mase_chair_duties_validate(d, "usr_csc", "usr_chair", "usr_csc", &none, &e), 0);
	assert_int_equal(mase_chair_duties_validate(d, "usr_di", "usr_chair", "usr_csc", &none, &e),
	                 -1);
	assert_string_equal(e.rule, "R-MASE-8");
	assert_string_equal(e.field, "recorder_id");
	d[3].done = false;
	assert_int_equal(mase_chair_duties_validate(d, "usr_chair", "usr_chair", NULL, &none, &e),
	                 -1);
	assert_string_equal(e.field, "D4");
	d[3].note = "Two actions had no owner; the chair will assign them by Friday";
	assert_int_equal(mase_chair_duties_validate(d, "usr_chair", "usr_chair", NULL, &none, &e),
	                 0);
	/* a flagged meeting: D1 says what was reported to the board */
	struct mase_flags flagged = {.police_below_di = true};
	assert_int_equal(
	        mase_chair_duties_validate(d, "usr_chair", "usr_chair", NULL, &flagged, &e), -1);
	assert_string_equal(e.field, "D1");
	d[0].note = "Police attendance below DI reported to the board";
	assert_int_equal(
	        mase_chair_duties_validate(d, "usr_chair", "usr_chair", NULL, &flagged, &e), 0);
	d[2].note = "the child was promiscuous";
	assert_int_equal(mase_chair_duties_validate(d, "usr_chair", "usr_chair", NULL, &none, &e),
	                 -1);
	assert_string_equal(e.rule, "R-DEF-4");
	size_t n;
	ref_table(REF_CHAIR_DUTIES, &n);
	assert_int_equal(n, MASE_DUTY_COUNT);
}

static void test_R_MASE_9_linked_case_list_R_CAT_7(void **state)
{
	struct mase_link_facts f = {.kind = MASE_ENTITY_PERSON, .linked_records = 1};
	assert_int_equal(mase_analysis_of(&f), 0);
	f.linked_records = MASE_SERIAL_MIN;
	assert_int_equal(mase_analysis_of(&f), MASE_AN_SERIAL);
	f = (struct mase_link_facts){.kind = MASE_ENTITY_GROUP, .linked_records = 1, .members = 1};
	assert_int_equal(mase_analysis_of(&f), 0);
	f.group_flagged = true;
	assert_int_equal(mase_analysis_of(&f), MASE_AN_GROUP);
	f = (struct mase_link_facts){.kind = MASE_ENTITY_GROUP, .linked_records = 0, .members = 5};
	assert_int_equal(mase_analysis_of(&f), 0); /* linked to no child */
	f = (struct mase_link_facts){.kind = MASE_ENTITY_PLACE, .linked_records = 3};
	assert_int_equal(mase_analysis_of(&f), MASE_AN_LOCATION);
	/* R-CAT-7: a low category never hides a linked case */
	f = (struct mase_link_facts){.kind = MASE_ENTITY_RECORD, .category = 1, .linked_others = 1};
	assert_int_equal(mase_analysis_of(&f), MASE_AN_LOW_LINKED);
	f.category = 0; /* not yet categorised */
	assert_int_equal(mase_analysis_of(&f), MASE_AN_LOW_LINKED);
	f.category = 2;
	assert_int_equal(mase_analysis_of(&f), 0);
	f = (struct mase_link_facts){.kind = MASE_ENTITY_RECORD, .category = 1};
	assert_int_equal(mase_analysis_of(&f), 0);
	assert_string_equal(mase_analysis_code(MASE_AN_LOW_LINKED), "low_category_linked");
	assert_string_equal(mase_analysis_code(MASE_AN_SERIAL), "serial_person");
	assert_null(mase_analysis_code(MASE_AN_SERIAL | MASE_AN_GROUP));
}

/* R-MASE-7, R-MASE-8: the chair, who is not a practitioner, records the meeting and its
 * decisions, and what the meeting agreed (actions, tactical options) but no plan outside a
 * meeting; practitioners record plans anywhere; an auditor neither. */
static void test_R_MASE_7_chair_records_what_the_meeting_agreed(void **state)
{
	(void)state;
	uint32_t chair = ROLE_BIT(ROLE_MASE_CHAIR), officer = ROLE_BIT(ROLE_POLICE_OFFICER),
	         analyst = ROLE_BIT(ROLE_ANALYST), auditor = ROLE_BIT(ROLE_AUDITOR),
	         sup = ROLE_BIT(ROLE_POLICE_SUPERVISOR);
	assert_true(mase_may_organise(chair, false));
	assert_true(mase_may_organise(sup, false));
	assert_true(mase_may_organise(analyst, false));
	assert_false(mase_may_organise(officer, false));
	assert_false(mase_may_organise(auditor, false));
	assert_true(mase_may_organise(0, true));
	assert_true(mase_may_record_plan(chair, false, true));
	assert_false(mase_may_record_plan(chair, false, false));
	assert_false(access_may_file(chair, false)); /* why the chair needed this rule */
	assert_true(mase_may_record_plan(officer, false, false));
	assert_true(mase_may_record_plan(officer, false, true));
	assert_true(mase_may_record_plan(analyst, false, true));
	assert_false(mase_may_record_plan(analyst, false, false));
	assert_false(mase_may_record_plan(auditor, false, true));
	assert_false(mase_may_record_plan(ROLE_BIT(ROLE_ADMINISTRATOR), false, true));
	assert_true(mase_may_record_plan(0, true, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_MASE_1_meeting_name_is_a_setting),
	        cmocka_unit_test(test_R_MASE_1_monthly_schedule),
	        cmocka_unit_test(test_R_DL_5_next_meeting_due),
	        cmocka_unit_test(test_R_MASE_5_case_list_circulated_before_the_meeting),
	        cmocka_unit_test(test_R_MASE_2_chair_rank_and_police_attendance),
	        cmocka_unit_test(test_R_MASE_2_rank_or_chair_outside_the_list_refused),
	        cmocka_unit_test(test_R_MASE_3_statutory_members_missing),
	        cmocka_unit_test(test_R_MASE_4_only_referred_cases_on_the_agenda),
	        cmocka_unit_test(test_R_MASE_5_each_attendee_sees_their_agency_view),
	        cmocka_unit_test(test_R_MASE_6_agenda_sections_and_compliance),
	        cmocka_unit_test(test_R_MASE_7_each_case_has_a_plan),
	        cmocka_unit_test(test_R_MASE_8_chair_duties_recorded),
	        cmocka_unit_test(test_R_MASE_7_chair_records_what_the_meeting_agreed),
	        cmocka_unit_test(test_R_MASE_9_linked_case_list_R_CAT_7),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

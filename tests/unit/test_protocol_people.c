/*
 * test_protocol_people.c: the rules about persons of concern, places, vehicles, phones
 * and links (src/protocol/people.h): R-POI-1 (items, names, dates of birth, grading),
 * R-POI-2 (PNC markers), R-LOC-1 (places, hotspots, link kinds and ends, date ranges)
 * and R-INFO-3 (who sees what, who may restrict).
 */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/people.h"

#define R(x) ROLE_BIT(ROLE_##x)

static const struct lt_date TODAY = {2026, 3, 10};

/* ---- ends and kinds ---- */

static void test_R_LOC_1_ends_by_code_and_id_prefix(void **state)
{
	(void)state;
	for (int e = 0; e < PEOPLE_END_N; e++) {
		assert_int_equal(people_end_from_code(people_end_code(e)), e);
		char id[40];
		snprintf(id, sizeof id, "%s_0123456789ABCDEFGHJK", people_end_prefix(e));
		assert_int_equal(people_end_of_id(id), e);
	}
	assert_int_equal(people_end_of_id("poc_X"), PEOPLE_PERSON);
	assert_int_equal(people_end_of_id("pocx_X"), -1); /* prefix must end at '_' */
	assert_int_equal(people_end_of_id("rec_X"), -1);
	assert_int_equal(people_end_of_id("ch"), -1);
	assert_int_equal(people_end_of_id(NULL), -1);
	assert_int_equal(people_end_from_code("gang"), -1);
	assert_null(people_end_code(PEOPLE_END_N));
}

static void test_R_LOC_1_every_kind_has_a_code_and_words(void **state)
{
	(void)state;
	for (int k = 0; k < PEOPLE_LINK_N; k++) {
		assert_int_equal(people_link_from_code(people_link_code(k)), k);
		assert_non_null(people_link_words(k));
	}
	assert_int_equal(people_link_from_code("lives_with"), -1);
	assert_int_equal(people_link_from_code(NULL), -1);
	assert_true(people_link_symmetric(PEOPLE_ASSOCIATE));
	assert_true(people_link_symmetric(PEOPLE_SEEN_WITH));
	assert_false(people_link_symmetric(PEOPLE_USES));
}

static void test_R_LOC_1_kinds_fit_their_ends(void **state)
{
	(void)state;
	/* as given */
	assert_int_equal(people_link_fits(PEOPLE_ASSOCIATE, PEOPLE_CHILD, PEOPLE_PERSON), 0);
	assert_int_equal(people_link_fits(PEOPLE_ASSOCIATE, PEOPLE_PERSON, PEOPLE_PERSON), 0);
	assert_int_equal(people_link_fits(PEOPLE_SEEN_WITH, PEOPLE_EPISODE, PEOPLE_VEHICLE), 0);
	assert_int_equal(people_link_fits(PEOPLE_FOUND_AT, PEOPLE_EPISODE, PEOPLE_PLACE), 0);
	assert_int_equal(people_link_fits(PEOPLE_USES, PEOPLE_PERSON, PEOPLE_PHONE), 0);
	assert_int_equal(people_link_fits(PEOPLE_REGISTERED_KEEPER, PEOPLE_PLACE, PEOPLE_VEHICLE),
	                 0);
	assert_int_equal(people_link_fits(PEOPLE_MEMBER_OF, PEOPLE_CHILD, PEOPLE_PERSON), 0);
	assert_int_equal(people_link_fits(PEOPLE_VISITED, PEOPLE_VEHICLE, PEOPLE_PLACE), 0);
	assert_int_equal(people_link_fits(PEOPLE_TRANSPORTED, PEOPLE_VEHICLE, PEOPLE_CHILD), 0);
	/* the other way round: the caller swaps */
	assert_int_equal(people_link_fits(PEOPLE_TRANSPORTED, PEOPLE_CHILD, PEOPLE_VEHICLE), 1);
	assert_int_equal(people_link_fits(PEOPLE_FOUND_AT, PEOPLE_PLACE, PEOPLE_CHILD), 1);
	assert_int_equal(people_link_fits(PEOPLE_SEEN_WITH, PEOPLE_VEHICLE, PEOPLE_CHILD), 1);
	/* refused pairings */
	assert_int_equal(people_link_fits(PEOPLE_ASSOCIATE, PEOPLE_CHILD, PEOPLE_PLACE), -1);
	assert_int_equal(people_link_fits(PEOPLE_SEEN_WITH, PEOPLE_EPISODE, PEOPLE_EPISODE), -1);
	assert_int_equal(people_link_fits(PEOPLE_SEEN_WITH, PEOPLE_VEHICLE, PEOPLE_VEHICLE), -1);
	assert_int_equal(people_link_fits(PEOPLE_FOUND_AT, PEOPLE_PLACE, PEOPLE_PLACE), -1);
	assert_int_equal(people_link_fits(PEOPLE_USES, PEOPLE_PHONE, PEOPLE_VEHICLE), -1);
	assert_int_equal(people_link_fits(PEOPLE_REGISTERED_KEEPER, PEOPLE_CHILD, PEOPLE_VEHICLE),
	                 -1);
	assert_int_equal(people_link_fits(PEOPLE_VISITED, PEOPLE_PHONE, PEOPLE_PLACE), -1);
	assert_int_equal(people_link_fits(PEOPLE_TRANSPORTED, PEOPLE_CHILD, PEOPLE_CHILD), -1);
	assert_int_equal(people_link_fits(PEOPLE_LINK_N, PEOPLE_CHILD, PEOPLE_PERSON), -1);
	assert_int_equal(people_link_fits(PEOPLE_USES, PEOPLE_END_N, PEOPLE_PHONE), -1);
	/* every kind joins at least one pairing, and a symmetric kind fits both ways */
	for (int k = 0; k < PEOPLE_LINK_N; k++) {
		int fits = 0;
		for (int a = 0; a < PEOPLE_END_N; a++)
			for (int b = 0; b < PEOPLE_END_N; b++) {
				int f = people_link_fits(k, a, b);
				fits += f == 0;
				if (people_link_symmetric(k) && f >= 0)
					assert_true(people_link_fits(k, b, a) >= 0);
			}
		assert_true(fits > 0);
	}
}

static void test_R_LOC_1_link_validate_self_link_and_kind(void **state)
{
	(void)state;
	struct proto_err e;
	struct people_link_in l = {.kind = PEOPLE_ASSOCIATE,
	                           .from = PEOPLE_PERSON,
	                           .to = PEOPLE_PERSON,
	                           .from_id = "poc_A",
	                           .to_id = "poc_A"};
	assert_int_equal(people_link_validate(&l, &e), -1);
	assert_string_equal(e.field, "to");
	assert_string_equal(e.rule, "R-LOC-1");
	l.to_id = "poc_B";
	assert_int_equal(people_link_validate(&l, &e), 0);
	/* a child and one of its own episodes */
	struct people_link_in c = {.kind = PEOPLE_SEEN_WITH,
	                           .from = PEOPLE_EPISODE,
	                           .to = PEOPLE_CHILD,
	                           .from_id = "mep_1",
	                           .to_id = "ch_1",
	                           .from_child = "ch_1",
	                           .to_child = "ch_1"};
	assert_int_equal(people_link_validate(&c, &e), -1);
	assert_string_equal(e.field, "to");
	c.to_id = "ch_2";
	c.to_child = "ch_2"; /* another child seen during the episode */
	assert_int_equal(people_link_validate(&c, &e), 0);
	/* unknown kind, and a kind that does not fit */
	l.kind = -1;
	assert_int_equal(people_link_validate(&l, &e), -1);
	assert_string_equal(e.field, "kind");
	l.kind = PEOPLE_FOUND_AT;
	assert_int_equal(people_link_validate(&l, &e), -1);
	assert_string_equal(e.field, "kind");
	assert_non_null(strstr(e.message, "found at"));
	/* reversed ends are reported for the caller to swap */
	struct people_link_in t = {.kind = PEOPLE_TRANSPORTED,
	                           .from = PEOPLE_CHILD,
	                           .to = PEOPLE_VEHICLE,
	                           .from_id = "ch_1",
	                           .to_id = "veh_1"};
	assert_int_equal(people_link_validate(&t, &e), 1);
}

/* ---- grading ---- */

static void test_R_POI_1_grading_parse_forms(void **state)
{
	(void)state;
	static const char *const ok[] = {"2/B/P", "2bp", "2 B C", "1-a-p", "3.E.C", " 2, b, p "};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct people_grading g = {0};
		assert_int_equal(people_grading_parse(ok[i], &g), 0);
		assert_true(g.source_eval >= '1' && g.source_eval <= '3');
		assert_true(g.assessment >= 'A' && g.assessment <= 'E');
		assert_true(g.handling == 'P' || g.handling == 'C');
	}
	struct people_grading g = {0};
	assert_int_equal(people_grading_parse("2/b/c", &g), 0);
	assert_int_equal(g.source_eval, '2');
	assert_int_equal(g.assessment, 'B');
	assert_int_equal(g.handling, 'C');
	/* out of scale still parses: the validator names the field */
	assert_int_equal(people_grading_parse("4/F/X", &g), 0);
	static const char *const bad[] = {"",      "2/B",    "2/B/P/Q",
	                                  "B/2/P", "22P",    "2B P!",
	                                  "2 B 5", "2\tB P", "2///////////////B/P"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(people_grading_parse(bad[i], &g), -1);
	assert_int_equal(people_grading_parse(NULL, &g), -1);
}

static void test_R_POI_1_grading_scales(void **state)
{
	(void)state;
	struct proto_err e;
	struct people_grading g = {.nature = PEOPLE_INTELLIGENCE,
	                           .source_eval = '2',
	                           .assessment = 'B',
	                           .handling = 'P'};
	assert_int_equal(people_grading_validate(&g, "grading", &e), 0);
	char s[PEOPLE_GRADING_LEN];
	people_grading_format(&g, s);
	assert_string_equal(s, "2/B/P");
	/* each code out of its scale is refused, naming the field */
	struct people_grading b = g;
	b.source_eval = '4';
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_string_equal(e.field, "grading");
	assert_string_equal(e.rule, "R-POI-1");
	b = g;
	b.source_eval = '0';
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	b = g;
	b.assessment = 'F';
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_non_null(strstr(e.message, "A to E"));
	b = g;
	b.handling = 'X';
	assert_int_equal(people_grading_validate(&b, "links.grading", &e), -1);
	assert_string_equal(e.field, "links.grading");
	/* intelligence must be graded */
	b = (struct people_grading){.nature = PEOPLE_INTELLIGENCE};
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_string_equal(e.field, "grading");
	/* handling code C needs its conditions, P takes none */
	b = g;
	b.handling = 'C';
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_string_equal(e.field, "handling_conditions");
	b.conditions = "Not to be shared outside the strategy meeting.";
	assert_int_equal(people_grading_validate(&b, "grading", &e), 0);
	b.handling = 'P';
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_string_equal(e.field, "handling_conditions");
	/* a fact is not graded; a fact or intelligence must be said */
	b = (struct people_grading){.nature = PEOPLE_FACT};
	assert_int_equal(people_grading_validate(&b, "grading", &e), 0);
	people_grading_format(&b, s);
	assert_string_equal(s, "");
	b.source_eval = '1';
	b.assessment = 'A';
	b.handling = 'P';
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_string_equal(e.field, "grading");
	b = (struct people_grading){.nature = PEOPLE_NATURE_UNSET};
	assert_int_equal(people_grading_validate(&b, "grading", &e), -1);
	assert_string_equal(e.field, "nature");
	assert_int_equal(people_nature_from_code("opinion"), PEOPLE_NATURE_UNSET);
	assert_int_equal(people_nature_from_code("fact"), PEOPLE_FACT);
	assert_string_equal(people_nature_code(PEOPLE_INTELLIGENCE), "intelligence");
}

/* ---- date ranges ---- */

static void test_R_LOC_1_date_ranges(void **state)
{
	(void)state;
	struct proto_err e;
	assert_int_equal(people_dates_validate(NULL, NULL, TODAY, "from_date", "to_date", &e), 0);
	assert_int_equal(
	        people_dates_validate("2026-01-01", NULL, TODAY, "from_date", "to_date", &e), 0);
	assert_int_equal(
	        people_dates_validate(NULL, "2026-01-01", TODAY, "from_date", "to_date", &e), 0);
	assert_int_equal(people_dates_validate("2026-01-01", "2026-01-01", TODAY, "from_date",
	                                       "to_date", &e),
	                 0);
	/* an end before the start names the end */
	assert_int_equal(people_dates_validate("2026-02-01", "2026-01-31", TODAY, "from_date",
	                                       "to_date", &e),
	                 -1);
	assert_string_equal(e.field, "to_date");
	assert_string_equal(e.rule, "R-LOC-1");
	/* not in the future, and real dates */
	assert_int_equal(
	        people_dates_validate("2026-03-11", NULL, TODAY, "from_date", "to_date", &e), -1);
	assert_string_equal(e.field, "from_date");
	assert_int_equal(
	        people_dates_validate(NULL, "2027-01-01", TODAY, "from_date", "to_date", &e), -1);
	assert_string_equal(e.field, "to_date");
	assert_int_equal(
	        people_dates_validate("2026-02-30", NULL, TODAY, "from_date", "to_date", &e), -1);
	assert_string_equal(e.field, "from_date");
}

/* ---- dates of birth ---- */

static void test_R_POI_1_approximate_dates_of_birth(void **state)
{
	(void)state;
	struct proto_err e;
	struct people_dob exact = {.kind = PEOPLE_DOB_EXACT, .date = {1990, 4, 2}};
	struct people_dob year = {.kind = PEOPLE_DOB_YEAR, .year = 1990};
	struct people_dob range = {
	        .kind = PEOPLE_DOB_AGE_RANGE, .age_min = 25, .age_max = 30, .on = {2026, 3, 1}};
	assert_int_equal(people_dob_validate(&exact, TODAY, "dob", &e), 0);
	assert_int_equal(people_dob_validate(&year, TODAY, "dob", &e), 0);
	assert_int_equal(people_dob_validate(&range, TODAY, "dob", &e), 0);
	/* a person of concern may be young: 15 is not refused */
	struct people_dob teen = {.kind = PEOPLE_DOB_EXACT, .date = {2010, 6, 1}};
	assert_int_equal(people_dob_validate(&teen, TODAY, "dob", &e), 0);

	int a, b;
	people_dob_years(&range, &a, &b);
	assert_int_equal(a, 1995);
	assert_int_equal(b, 2001);
	people_dob_years(&year, &a, &b);
	assert_int_equal(a, 1990);
	assert_int_equal(b, 1990);
	assert_true(people_dob_fits(&exact, (struct lt_date){1990, 4, 2}));
	assert_false(people_dob_fits(&exact, (struct lt_date){1990, 2, 4}));
	assert_true(people_dob_fits(&year, (struct lt_date){1990, 12, 31}));
	assert_false(people_dob_fits(&year, (struct lt_date){1991, 1, 1}));
	/* aged 25..30 on 2026-03-01: born 1995-03-02 .. 2001-03-01 */
	assert_true(people_dob_fits(&range, (struct lt_date){2001, 3, 1}));
	assert_false(people_dob_fits(&range, (struct lt_date){2001, 3, 2}));
	assert_true(people_dob_fits(&range, (struct lt_date){1995, 3, 2}));
	assert_false(people_dob_fits(&range, (struct lt_date){1995, 3, 1}));
	assert_false(people_dob_fits(&range, (struct lt_date){1995, 2, 30}));

	char s[64];
	people_dob_describe(&range, s, sizeof s);
	assert_string_equal(s, "aged 25 to 30 on 2026-03-01");
	people_dob_describe(&year, s, sizeof s);
	assert_string_equal(s, "born in 1990");
	people_dob_describe(&exact, s, sizeof s);
	assert_string_equal(s, "1990-04-02");

	/* refusals name the field */
	struct people_dob bad = {.kind = PEOPLE_DOB_EXACT, .date = {2026, 3, 11}};
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	assert_string_equal(e.field, "dob");
	bad = (struct people_dob){.kind = PEOPLE_DOB_YEAR, .year = 2027};
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	bad.year = 1899;
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	bad = range;
	bad.age_min = 31;
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	bad = range;
	bad.age_min = 10;
	bad.age_max = 50; /* wider than PEOPLE_AGE_SPAN_MAX */
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	bad = range;
	bad.age_max = PEOPLE_AGE_MAX + 1;
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	bad = range;
	bad.on = (struct lt_date){2026, 3, 11};
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
	bad.kind = (enum people_dob_kind)9;
	assert_int_equal(people_dob_validate(&bad, TODAY, "dob", &e), -1);
}

/* ---- persons of concern ---- */

static void test_R_POI_1_items_and_person(void **state)
{
	(void)state;
	struct proto_err e;
	for (int k = 0; k < PEOPLE_ITEM_N; k++)
		assert_int_equal(people_item_from_code(people_item_code(k)), k);
	assert_int_equal(people_item_from_code("phone"), -1); /* phones are entities */
	assert_true(people_item_is_name(PEOPLE_ITEM_STREET_NAME));
	assert_true(people_item_is_name(PEOPLE_ITEM_NICKNAME));
	assert_false(people_item_is_name(PEOPLE_ITEM_GROUP));

	assert_int_equal(people_item_validate(PEOPLE_ITEM_STREET_NAME, "Little T", "PNC", &e), 0);
	assert_int_equal(people_item_validate(PEOPLE_ITEM_NAME, "", "PNC", &e), -1);
	assert_string_equal(e.field, "value");
	assert_int_equal(people_item_validate(PEOPLE_ITEM_NAME, "Two\nlines", "PNC", &e), -1);
	assert_string_equal(e.field, "value");
	assert_int_equal(people_item_validate(PEOPLE_ITEM_GROUP, "Northside", NULL, &e), -1);
	assert_string_equal(e.field, "source");
	assert_string_equal(e.rule, "R-POI-1");
	assert_int_equal(people_item_validate(PEOPLE_ITEM_N, "x", "y", &e), -1);
	assert_string_equal(e.field, "kind");

	struct people_person_facts p = {.n_names = 0};
	assert_int_equal(people_person_validate(&p, &e), -1);
	assert_string_equal(e.field, "names");
	p.n_names = 1;
	assert_int_equal(people_person_validate(&p, &e), 0);
	p.gender = "man";
	assert_int_equal(people_person_validate(&p, &e), -1);
	assert_string_equal(e.field, "gender");
	p.gender = "male";
	p.description = "Tall, drives a silver car, often outside the school at 3pm.";
	assert_int_equal(people_person_validate(&p, &e), 0);
}

static void test_R_INFO_3_only_entitled_police_restrict(void **state)
{
	(void)state;
	struct proto_err e;
	assert_int_equal(people_restricted_validate(false, false, false, "restricted", &e), 0);
	assert_int_equal(people_restricted_validate(true, true, false, "restricted", &e), 0);
	assert_int_equal(people_restricted_validate(true, false, true, "restricted", &e), 0);
	assert_int_equal(people_restricted_validate(true, false, false, "names[1].restricted", &e),
	                 -1);
	assert_string_equal(e.field, "names[1].restricted");
	assert_string_equal(e.rule, "R-INFO-3");
}

/* ---- R-POI-2 ---- */

static void test_R_POI_2_pnc_marker(void **state)
{
	(void)state;
	struct proto_err e;
	assert_int_equal(people_pnc_validate("done", NULL, true, false, &e), PEOPLE_PNC_DONE);
	assert_int_equal(people_pnc_validate("not_done", "Awaiting the DOB.", true, false, &e),
	                 PEOPLE_PNC_NOT_DONE);
	assert_int_equal(people_pnc_validate("done", NULL, false, true, &e), PEOPLE_PNC_DONE);
	/* police only */
	assert_int_equal(people_pnc_validate("done", NULL, false, false, &e), -1);
	assert_string_equal(e.rule, "R-POI-2");
	assert_null(e.field);
	assert_int_equal(people_pnc_validate("maybe", NULL, true, false, &e), -1);
	assert_string_equal(e.field, "status");
	assert_int_equal(people_pnc_validate(NULL, NULL, true, false, &e), -1);
	assert_string_equal(people_pnc_code(PEOPLE_PNC_NOT_DONE), "not_done");
}

/* ---- places ---- */

static void test_R_LOC_1_place_types(void **state)
{
	(void)state;
	static const char *const codes[] = {"hotel",
	                                    "b_and_b",
	                                    "takeaway",
	                                    "taxi_firm",
	                                    "shop",
	                                    "park",
	                                    "school",
	                                    "childrens_home",
	                                    "hostel",
	                                    "private_address",
	                                    "online_platform",
	                                    "other"};
	assert_int_equal(sizeof codes / sizeof codes[0], PEOPLE_PLACE_TYPE_N);
	for (int t = 0; t < PEOPLE_PLACE_TYPE_N; t++) {
		assert_int_equal(people_place_type_from_code(codes[t]), t);
		assert_non_null(people_place_type_words(t));
	}
	assert_int_equal(people_place_type_from_code("city_centre"), -1);
	assert_string_equal(people_place_type_words(PEOPLE_PLACE_B_AND_B), "B&B");
}

static void test_R_LOC_1_what_a_place_needs(void **state)
{
	(void)state;
	struct proto_err e;
	assert_int_equal(people_place_validate("hotel", "Station Hotel", NULL, NULL, &e), 0);
	assert_int_equal(people_place_validate("park", NULL, "Fernbank Park, NW1", NULL, &e), 0);
	assert_int_equal(people_place_validate("castle", "Keep", NULL, NULL, &e), -1);
	assert_string_equal(e.field, "type");
	assert_string_equal(e.rule, "R-LOC-1");
	assert_int_equal(people_place_validate("shop", NULL, NULL, NULL, &e), -1);
	assert_string_equal(e.field, "name");
	assert_int_equal(people_place_validate("private_address", "Flat", NULL, NULL, &e), -1);
	assert_string_equal(e.field, "address");
	assert_int_equal(people_place_validate("online_platform", NULL, "x", NULL, &e), -1);
	assert_string_equal(e.field, "name");
	assert_int_equal(people_place_validate("other", "Bus station", NULL, "Line1\nLine2", &e),
	                 0);
	assert_int_equal(people_place_validate("other", "Two\nlines", NULL, NULL, &e), -1);
	assert_string_equal(e.field, "name");
}

static void test_R_LOC_1_hotspots(void **state)
{
	(void)state;
	struct proto_err e;
	assert_false(people_hotspot_suggested(1, 2));
	assert_true(people_hotspot_suggested(PEOPLE_HOTSPOT_CHILDREN, 0));
	assert_true(people_hotspot_suggested(0, PEOPLE_HOTSPOT_EPISODES));
	const char *why = "Three children found here after missing episodes in a month.";
	assert_int_equal(people_hotspot_validate(why, R(POLICE_OFFICER), true, false, &e), 0);
	assert_int_equal(people_hotspot_validate(why, R(ANALYST), false, false, &e), 0);
	assert_int_equal(people_hotspot_validate(why, R(MASE_CHAIR), false, false, &e), 0);
	assert_int_equal(people_hotspot_validate(why, 0, false, true, &e), 0);
	/* a practitioner without a partnership-wide or police role may not */
	assert_int_equal(people_hotspot_validate(why, R(SOCIAL_WORKER), false, false, &e), -1);
	assert_null(e.field);
	assert_string_equal(e.rule, "R-LOC-1");
	/* a police role outside a police agency is not entitled */
	assert_int_equal(people_hotspot_validate(why, R(POLICE_OFFICER), false, false, &e), -1);
	assert_int_equal(people_hotspot_validate(NULL, R(ANALYST), false, false, &e), -1);
	assert_string_equal(e.field, "rationale");
	assert_int_equal(people_hotspot_validate("busy", R(ANALYST), false, false, &e), -1);
	assert_string_equal(e.field, "rationale");
}

/* ---- who sees what ---- */

static void test_R_INFO_3_who_sees_persons_and_places(void **state)
{
	(void)state;
	struct people_sight s = {.scope = ACCESS_MEMBERSHIP};
	assert_false(people_entity_visible(&s)); /* a teacher, neither own nor linked */
	s.own_agency = true;
	assert_true(people_entity_visible(&s));
	s.own_agency = false;
	s.linked_to_child = true;
	assert_true(people_entity_visible(&s));
	s.restricted = true; /* restricted: police only, whatever the links */
	assert_false(people_entity_visible(&s));
	s.police_entitled = true;
	assert_true(people_entity_visible(&s));
	/* partnership-wide and police see all that is not restricted */
	struct people_sight wide = {.scope = ACCESS_ALL};
	assert_true(people_entity_visible(&wide));
	wide.restricted = true;
	assert_false(people_entity_visible(&wide));
	struct people_sight police = {.scope = ACCESS_MEMBERSHIP, .police_entitled = true};
	assert_true(people_entity_visible(&police));
	struct people_sight sys = {.scope = ACCESS_ALL, .system = true, .restricted = true};
	assert_true(people_entity_visible(&sys));
	/* auditors and administrators see none, even one their agency recorded */
	struct people_sight none = {.scope = ACCESS_NONE, .own_agency = true};
	assert_false(people_entity_visible(&none));
	assert_true(people_sees_all(ACCESS_MEMBERSHIP, true, false));
	assert_false(people_sees_all(ACCESS_MEMBERSHIP, false, false));
}

static void test_R_INFO_3_links_need_both_ends(void **state)
{
	(void)state;
	assert_true(people_link_visible(false, false, false, true, true));
	assert_false(people_link_visible(false, false, false, true, false));
	assert_false(people_link_visible(false, true, false, false, true));
	/* restricted intelligence: entitled police only */
	assert_false(people_link_visible(true, false, false, true, true));
	assert_true(people_link_visible(true, true, false, true, true));
	assert_true(people_link_visible(true, false, true, true, true));
	assert_true(people_restricted_visible(false, false, false));
	assert_false(people_restricted_visible(true, false, false));
	assert_true(people_identifier_visible(ACCESS_MEMBERSHIP, false));
	assert_false(people_identifier_visible(ACCESS_NONE, false));
	assert_true(people_identifier_visible(ACCESS_NONE, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_LOC_1_ends_by_code_and_id_prefix),
	        cmocka_unit_test(test_R_LOC_1_every_kind_has_a_code_and_words),
	        cmocka_unit_test(test_R_LOC_1_kinds_fit_their_ends),
	        cmocka_unit_test(test_R_LOC_1_link_validate_self_link_and_kind),
	        cmocka_unit_test(test_R_POI_1_grading_parse_forms),
	        cmocka_unit_test(test_R_POI_1_grading_scales),
	        cmocka_unit_test(test_R_LOC_1_date_ranges),
	        cmocka_unit_test(test_R_POI_1_approximate_dates_of_birth),
	        cmocka_unit_test(test_R_POI_1_items_and_person),
	        cmocka_unit_test(test_R_INFO_3_only_entitled_police_restrict),
	        cmocka_unit_test(test_R_POI_2_pnc_marker),
	        cmocka_unit_test(test_R_LOC_1_place_types),
	        cmocka_unit_test(test_R_LOC_1_what_a_place_needs),
	        cmocka_unit_test(test_R_LOC_1_hotspots),
	        cmocka_unit_test(test_R_INFO_3_who_sees_persons_and_places),
	        cmocka_unit_test(test_R_INFO_3_links_need_both_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_link_match.c: link/match.h, the person matcher behind R-REC-1 (one record per
 * child): each comparison level, the reasons in words, the bands and the caps that keep
 * brothers, sisters and twins apart. All people here are made up. */
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "link/match.h"

struct opt {
	const char *school, *authority, *ref, *phone, *line, *alias;
};

static struct link_person prep_x(const char *given, const char *family, int y, int m, int d,
                                 char gender, const char *postcode, const char *nhs,
                                 const struct opt *o)
{
	struct link_person_in in = {
	        .given = given, .family = family, .dob = {y, m, d}, .gender = gender, .nhs = nhs};
	if (o && o->line) {
		in.addresses[0].line = o->line;
		in.addresses[0].postcode = postcode;
		in.n_addresses = 1;
	} else {
		in.postcode = postcode;
	}
	if (o) {
		in.school = o->school;
		in.placing_authority = o->authority;
		in.ref = o->ref;
		in.phone = o->phone;
		if (o->alias) {
			in.aliases[0] = o->alias;
			in.n_aliases = 1;
		}
	}
	struct link_person p;
	assert_int_equal(link_person_prepare(&in, &p), 0);
	return p;
}

static struct link_person prep(const char *given, const char *family, int y, int m, int d,
                               char gender, const char *postcode, const char *nhs)
{
	return prep_x(given, family, y, m, d, gender, postcode, nhs, NULL);
}

/* The level of field c between a and b, checked to be the same both ways. */
static int level(const struct link_person *a, const struct link_person *b, enum link_cmp c)
{
	struct link_gamma g1, g2;
	link_compare(a, b, &g1);
	link_compare(b, a, &g2);
	assert_int_equal(g1.level[c], g2.level[c]);
	return g1.level[c];
}

static int given_level(const char *a, const char *b)
{
	struct link_person x = prep(a, "Hartley", 2010, 5, 20, 'F', NULL, NULL);
	struct link_person y = prep(b, "Hartley", 2010, 5, 20, 'F', NULL, NULL);
	return level(&x, &y, LINK_C_GIVEN);
}

static int family_level(const char *a, const char *b)
{
	struct link_person x = prep("Amelia", a, 2010, 5, 20, 'F', NULL, NULL);
	struct link_person y = prep("Amelia", b, 2010, 5, 20, 'F', NULL, NULL);
	return level(&x, &y, LINK_C_FAMILY);
}

static int dob_level(int y1, int m1, int d1, int y2, int m2, int d2)
{
	struct link_person x = prep("Amelia", "Okafor", y1, m1, d1, 'F', NULL, NULL);
	struct link_person y = prep("Amelia", "Okafor", y2, m2, d2, 'F', NULL, NULL);
	return level(&x, &y, LINK_C_DOB);
}

static bool has_reason(const struct link_result *r, const char *needle)
{
	for (int i = 0; i < r->n_reasons; i++)
		if (strstr(r->reasons[i], needle))
			return true;
	return false;
}

static void test_given_name_levels(void **state)
{
	assert_int_equal(given_level("Amelia", "amelia"), LINK_GIVEN_EXACT);
	assert_int_equal(given_level("Bill", "William"), LINK_GIVEN_SHORT);
	assert_int_equal(given_level("Mohammed", "Muhammad"), LINK_GIVEN_VARIANT);
	assert_int_equal(given_level("Shevaun", "Siobhán"), LINK_GIVEN_VARIANT);
	assert_int_equal(given_level("Kristofer", "Christopher"), LINK_GIVEN_SOUNDS);
	assert_int_equal(given_level("Oliver", "Olivet"), LINK_GIVEN_CLOSE);
	assert_int_equal(given_level("Huw", "Hw"), LINK_GIVEN_CLOSE);
	assert_int_equal(given_level("Mia", "Alice Mia"), LINK_GIVEN_MIDDLE);
	assert_int_equal(given_level("J", "James"), LINK_GIVEN_INITIAL);
	assert_int_equal(given_level("Zoe", "Amy"), LINK_GIVEN_DIFFERENT);
	/* Short names that share a sound code but nothing else are not alike. */
	assert_int_equal(given_level("Alfie", "Olivia"), LINK_GIVEN_DIFFERENT);
	/* The first given names agreeing beats a middle name agreeing. */
	assert_int_equal(given_level("Mary Jane", "Mary Ann"), LINK_GIVEN_EXACT);
}

static void test_family_name_levels(void **state)
{
	assert_int_equal(family_level("O'Neill", "ONEILL"), LINK_FAMILY_EXACT);
	assert_int_equal(family_level("Smith-Jones", "Jones"), LINK_FAMILY_EXACT);
	assert_int_equal(family_level("Cooper", "Kuper"), LINK_FAMILY_SOUNDS);
	assert_int_equal(family_level("Okafor", "Okafpr"), LINK_FAMILY_CLOSE);
	assert_int_equal(family_level("Okafor", "Nowak"), LINK_FAMILY_DIFFERENT);
	assert_int_equal(family_level("Okafor", NULL), LINK_NULL);
}

static void test_R_REC_1_swapped_names_level(void **state)
{
	struct link_person a = prep("Okafor", "Amelia", 0, 0, 0, 'F', NULL, NULL);
	struct link_person b = prep("Amelia", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	assert_int_equal(level(&a, &b, LINK_C_FAMILY), LINK_FAMILY_SWAPPED);
	assert_int_equal(level(&a, &b, LINK_C_GIVEN), LINK_NULL);
	/* Swapped with a short form on one side. */
	a = prep("Hartley", "Bill", 2009, 1, 2, 'M', NULL, NULL);
	b = prep("William", "Hartley", 2009, 1, 2, 'M', NULL, NULL);
	assert_int_equal(level(&a, &b, LINK_C_FAMILY), LINK_FAMILY_SWAPPED);
	struct link_result r;
	link_score(&a, &b, &r);
	assert_true(has_reason(&r, "given and family names recorded the other way round"));
}

static void test_other_names_level(void **state)
{
	struct opt oa = {.alias = "Little T Okafor"}, ob = {.alias = "Little T"},
	           oc = {.alias = "Big Mo"};
	struct link_person a = prep_x("Tayo", "Okafor", 2011, 3, 14, 'M', NULL, NULL, &oa);
	struct link_person b = prep_x("Tayo", "Okafor", 2011, 3, 14, 'M', NULL, NULL, &ob);
	struct link_person c = prep_x("Tayo", "Okafor", 2011, 3, 14, 'M', NULL, NULL, &oc);
	struct link_person d = prep("Tayo", "Okafor", 2011, 3, 14, 'M', NULL, NULL);
	assert_int_equal(level(&a, &b, LINK_C_OTHER), LINK_SAME);
	assert_int_equal(level(&a, &c, LINK_C_OTHER), LINK_DIFFERENT);
	assert_int_equal(level(&a, &d, LINK_C_OTHER), LINK_NULL);
	/* A name recorded as an other name counts as a weaker given-name agreement. */
	struct link_person e = prep("Little T", "Okafor", 2011, 3, 14, 'M', NULL, NULL);
	struct link_person f = prep_x("Tayo", "Okafor", 2011, 3, 14, 'M', NULL, NULL, &ob);
	assert_int_equal(level(&e, &f, LINK_C_GIVEN), LINK_GIVEN_MIDDLE);
}

static void test_date_of_birth_levels(void **state)
{
	assert_int_equal(dob_level(2011, 3, 14, 2011, 3, 14), LINK_DOB_EXACT);
	assert_int_equal(dob_level(2011, 3, 4, 2011, 4, 3), LINK_DOB_SWAPPED);
	assert_int_equal(dob_level(2011, 3, 14, 2012, 3, 14), LINK_DOB_YEAR_ONE);
	assert_int_equal(dob_level(2010, 12, 31, 2011, 12, 31), LINK_DOB_YEAR_ONE);
	assert_int_equal(dob_level(2011, 3, 14, 2011, 3, 15), LINK_DOB_SLIP); /* day off by one */
	assert_int_equal(dob_level(2011, 3, 14, 2011, 4, 14), LINK_DOB_SLIP); /* month by one */
	assert_int_equal(dob_level(2011, 3, 12, 2011, 3, 21), LINK_DOB_SLIP); /* digits swapped */
	assert_int_equal(dob_level(2011, 3, 14, 2017, 3, 14), LINK_DOB_YEAR_DIGIT);
	assert_int_equal(dob_level(2012, 3, 14, 2021, 3, 14), LINK_DOB_YEAR_DIGIT); /* swapped */
	assert_int_equal(dob_level(2011, 3, 14, 2011, 3, 27), LINK_DOB_ONE_OFF);
	assert_int_equal(dob_level(2011, 3, 14, 2011, 9, 14), LINK_DOB_ONE_OFF);
	assert_int_equal(dob_level(2011, 3, 14, 2019, 3, 14), LINK_DOB_YEAR_DIGIT);
	assert_int_equal(dob_level(2011, 3, 14, 2008, 3, 14), LINK_DOB_ONE_OFF);
	assert_int_equal(dob_level(2011, 0, 0, 2011, 3, 14), LINK_DOB_PARTIAL);
	assert_int_equal(dob_level(2011, 3, 0, 2011, 3, 14), LINK_DOB_PARTIAL);
	assert_int_equal(dob_level(2011, 4, 0, 2011, 3, 14), LINK_DOB_DIFFERENT);
	/* Only the year on one side, one year apart: near, not different. */
	assert_int_equal(dob_level(2012, 0, 0, 2011, 3, 14), LINK_DOB_PARTIAL_NEAR);
	assert_int_equal(dob_level(2011, 3, 14, 2010, 0, 0), LINK_DOB_PARTIAL_NEAR);
	assert_int_equal(dob_level(2013, 0, 0, 2011, 3, 14), LINK_DOB_DIFFERENT);
	assert_int_equal(dob_level(2012, 4, 0, 2011, 4, 14), LINK_DOB_DIFFERENT);
	/* Day and month swapped and one part slipped as well (each alone, then both). */
	assert_int_equal(dob_level(2011, 3, 4, 2011, 4, 3), LINK_DOB_SWAPPED);
	assert_int_equal(dob_level(2011, 3, 4, 2011, 3, 5), LINK_DOB_SLIP);
	assert_int_equal(dob_level(2011, 3, 4, 2011, 5, 3), LINK_DOB_SWAP_SLIP); /* day slipped */
	assert_int_equal(dob_level(2011, 3, 4, 2012, 4, 3), LINK_DOB_SWAP_SLIP); /* year by one */
	assert_int_equal(dob_level(2011, 3, 4, 2011, 9, 3), LINK_DOB_DIFFERENT); /* not a slip */
	assert_int_equal(dob_level(2011, 3, 4, 2016, 4, 3), LINK_DOB_DIFFERENT); /* year digit */
	/* Same year, day and month both different: evidence against, not for. */
	assert_int_equal(dob_level(2011, 3, 14, 2011, 8, 2), LINK_DOB_DIFFERENT);
	assert_int_equal(dob_level(0, 0, 0, 2011, 8, 2), LINK_NULL);
	assert_true(link_level_weight(link_model_default(), LINK_C_DOB, LINK_DOB_DIFFERENT) < 0);
}

static int middle_level(const char *a, const char *b)
{
	struct link_person x = prep(a, "Hartley", 2010, 5, 20, 'F', NULL, NULL);
	struct link_person y = prep(b, "Hartley", 2010, 5, 20, 'F', NULL, NULL);
	return level(&x, &y, LINK_C_MIDDLE);
}

static void test_middle_name_levels(void **state)
{
	assert_int_equal(middle_level("Amelia Rose", "Amelia Rose"), LINK_MIDDLE_EXACT);
	assert_int_equal(middle_level("Amelia Rose Jane", "Amelia Jane"), LINK_MIDDLE_EXACT);
	assert_int_equal(middle_level("Amelia Katherine", "Amelia Kathryn"), LINK_MIDDLE_SIMILAR);
	assert_int_equal(middle_level("Amelia R", "Amelia Rose"), LINK_MIDDLE_INITIAL);
	assert_int_equal(middle_level("Amelia Rose", "Amelia Grace"), LINK_MIDDLE_DIFFERENT);
	/* Only one side with a middle name, or neither: nothing to compare. */
	assert_int_equal(middle_level("Amelia", "Amelia Rose"), LINK_NULL);
	assert_int_equal(middle_level("Amelia", "Amelia"), LINK_NULL);
	/* A middle name used as the given name is the given-name level's, not this one's. */
	assert_int_equal(middle_level("Rose", "Amelia Rose"), LINK_NULL);
	/* The first given names agree either way; the middle names tell more. */
	const struct link_model *m = link_model_default();
	assert_true(link_level_weight(m, LINK_C_MIDDLE, LINK_MIDDLE_DIFFERENT) < 0);
	struct link_person a = prep("Amelia Rose", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person b = prep("Amelia Rose", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person c = prep("Amelia Grace", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person d = prep("Amelia", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	double same = link_score_weight(&a, &b, NULL), none = link_score_weight(&a, &d, NULL);
	double other = link_score_weight(&a, &c, NULL);
	assert_true(same > none + 3);
	assert_true(other < none);
	struct link_result r;
	link_score(&a, &b, &r);
	assert_true(has_reason(&r, "same middle name (Rose"));
	link_score(&a, &c, &r);
	assert_true(has_reason(&r, "different middle names (Rose / Grace)"));
}

static void test_gender_school_phone_nhs_authority_ref_levels(void **state)
{
	struct opt o1 = {.school = "Highfield Primary School",
	                 .authority = "Northborough Council",
	                 .ref = "H801200001234",
	                 .phone = "07700 900123"};
	struct opt o2 = {.school = "highfield primary school",
	                 .authority = "Northborough Council",
	                 .ref = "H801200001243",
	                 .phone = "+44 7700 900123"};
	struct opt o3 = {.school = "Eastfield Academy",
	                 .authority = "Westmoor Council",
	                 .ref = "A999999999999",
	                 .phone = "07700 900999"};
	struct link_person a = prep_x("Amy", "Bell", 2012, 2, 2, 'F', NULL, "999 000 0018", &o1);
	struct link_person b = prep_x("Amy", "Bell", 2012, 2, 2, 'F', NULL, "9990000018", &o2);
	struct link_person c = prep_x("Amy", "Bell", 2012, 2, 2, 'M', NULL, "9434765919", &o3);
	struct link_person d = prep("Amy", "Bell", 2012, 2, 2, 0, NULL, NULL);
	assert_int_equal(level(&a, &b, LINK_C_GENDER), LINK_SAME);
	assert_int_equal(level(&a, &c, LINK_C_GENDER), LINK_DIFFERENT);
	assert_int_equal(level(&a, &d, LINK_C_GENDER), LINK_NULL);
	assert_int_equal(level(&a, &b, LINK_C_SCHOOL), LINK_SAME);
	assert_int_equal(level(&a, &c, LINK_C_SCHOOL), LINK_DIFFERENT);
	assert_int_equal(level(&a, &b, LINK_C_PHONE), LINK_SAME);
	assert_int_equal(level(&a, &c, LINK_C_PHONE), LINK_DIFFERENT);
	assert_int_equal(level(&a, &b, LINK_C_NHS), LINK_SAME);
	assert_int_equal(level(&a, &c, LINK_C_NHS), LINK_DIFFERENT);
	assert_int_equal(level(&a, &d, LINK_C_NHS), LINK_NULL);
	assert_int_equal(level(&a, &b, LINK_C_AUTHORITY), LINK_SAME);
	assert_int_equal(level(&a, &c, LINK_C_AUTHORITY), LINK_DIFFERENT);
	assert_int_equal(level(&a, &b, LINK_C_REF), LINK_REF_ONE_OFF);
	assert_int_equal(level(&a, &a, LINK_C_REF), LINK_REF_SAME);
	assert_int_equal(level(&a, &c, LINK_C_REF), LINK_REF_DIFFERENT);
}

static void test_address_levels(void **state)
{
	struct opt l1 = {.line = "12 Acacia Road"}, l2 = {.line = "12 Acacia Rd"},
	           l3 = {.line = "40 Station Street"};
	struct link_person a = prep_x("Amy", "Bell", 2012, 2, 2, 'F', "E1 6AN", NULL, &l1);
	struct link_person same = prep_x("Amy", "Bell", 2012, 2, 2, 'F', "e16an", NULL, &l2);
	struct link_person pc = prep_x("Amy", "Bell", 2012, 2, 2, 'F', "E1 6AN", NULL, &l3);
	struct link_person line = prep_x("Amy", "Bell", 2012, 2, 2, 'F', "E1 6AP", NULL, &l1);
	struct link_person district = prep_x("Amy", "Bell", 2012, 2, 2, 'F', "E1 7QX", NULL, &l3);
	struct link_person diff = prep_x("Amy", "Bell", 2012, 2, 2, 'F', "M1 1AA", NULL, &l3);
	struct link_person none = prep("Amy", "Bell", 2012, 2, 2, 'F', NULL, NULL);
	assert_int_equal(level(&a, &same, LINK_C_ADDRESS), LINK_ADDR_SAME);
	assert_int_equal(level(&a, &pc, LINK_C_ADDRESS), LINK_ADDR_POSTCODE);
	assert_int_equal(level(&a, &line, LINK_C_ADDRESS), LINK_ADDR_LINE);
	assert_int_equal(level(&a, &district, LINK_C_ADDRESS), LINK_ADDR_DISTRICT);
	assert_int_equal(level(&a, &diff, LINK_C_ADDRESS), LINK_ADDR_DIFFERENT);
	assert_int_equal(level(&a, &none, LINK_C_ADDRESS), LINK_NULL);
	/* Any of a child's addresses counts. */
	struct link_person_in in = {.given = "Amy", .family = "Bell", .n_addresses = 2};
	in.addresses[0].line = "3 New Road";
	in.addresses[0].postcode = "N7 6PG";
	in.addresses[1].line = "12 Acacia Road";
	in.addresses[1].postcode = "E1 6AN";
	struct link_person two;
	link_person_prepare(&in, &two);
	assert_int_equal(two.n_addr, 2);
	assert_int_equal(level(&a, &two, LINK_C_ADDRESS), LINK_ADDR_SAME);
}

/* Reasons are words for a professional, never algorithm names. */
static void test_R_REC_1_reasons_in_words(void **state)
{
	struct link_result r;
	struct link_person a = prep("Bill", "Kuper", 2011, 4, 3, 'M', NULL, "999 000 0018");
	struct link_person b = prep("William", "Cooper", 2011, 3, 4, 'F', NULL, "9990000018");
	link_score(&a, &b, &r);
	assert_true(has_reason(&r, "Bill is a usual short form of William"));
	assert_true(has_reason(&r, "family name sounds like Cooper"));
	assert_true(has_reason(&r, "day and month swapped in the date of birth"));
	assert_true(has_reason(&r, "same NHS number"));
	assert_true(has_reason(&r, "different gender"));
	bool against = false;
	for (int i = 0; i < r.n_reasons; i++) {
		assert_null(strstr(r.reasons[i], "etaphone"));
		assert_null(strstr(r.reasons[i], "Jaro"));
		assert_null(strstr(r.reasons[i], "Soundex"));
		if (strstr(r.reasons[i], "different gender"))
			against = r.reason_weight[i] < 0;
	}
	assert_true(against);
	/* Strongest first. */
	for (int i = 1; i < r.n_reasons; i++)
		assert_true(fabs(r.reason_weight[i - 1]) >= fabs(r.reason_weight[i]));
	struct link_person c = prep("William", "Cooper", 2011, 4, 3, 'M', NULL, NULL);
	link_score(&b, &c, &r);
	assert_true(has_reason(&r, "same date of birth") || has_reason(&r, "day and month"));
	link_score(&c, &c, &r);
	assert_true(has_reason(&r, "same date of birth"));
	assert_true(has_reason(&r, "same given name (William"));
}

static void test_R_REC_1_the_same_child_is_likely(void **state)
{
	struct opt o = {.line = "12 Acacia Road", .school = "Highfield Primary School"};
	struct link_person a = prep_x("Amelia", "Okafor", 2011, 3, 14, 'F', "E1 6AN", NULL, &o);
	struct link_person b = prep_x("amelia", "OKAFOR", 2011, 3, 14, 'F', "e16an", NULL, &o);
	struct link_result r;
	link_score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
	assert_true(r.probability > 0.99);
	/* With the NHS numbers agreeing as well: certain. */
	a = prep_x("Amelia", "Okafor", 2011, 3, 14, 'F', "E1 6AN", "9990000018", &o);
	b = prep_x("Amelia", "Okafor", 2011, 3, 14, 'F', "E1 6AN", "999 000 0018", &o);
	link_score(&a, &b, &r);
	assert_int_equal(r.strength, LINK_CERTAIN_MATCH);
	assert_string_equal(link_strength_name(r.strength), "certain");
	/* Unrelated children: no band. */
	struct link_person c = prep("Tomasz", "Nowak", 2008, 9, 30, 'M', "M1 1AA", NULL);
	link_score(&a, &c, &r);
	assert_int_equal(r.strength, LINK_NONE);
	assert_true(r.probability < 0.01);
}

/* R-REC-1: brothers, sisters and twins share everything but a given name (and for
 * brothers and sisters the date of birth); they are never 'likely'. */
static void test_R_REC_1_twins_and_siblings_are_not_likely(void **state)
{
	struct opt o = {.line = "12 Acacia Road",
	                .school = "Highfield Primary School",
	                .phone = "07700 900123"};
	struct link_person amy = prep_x("Amy", "Okafor", 2011, 3, 14, 'F', "E1 6AN", NULL, &o);
	struct link_person zoe = prep_x("Zoe", "Okafor", 2011, 3, 14, 'F', "E1 6AN", NULL, &o);
	struct link_person tom = prep_x("Tom", "Okafor", 2013, 7, 2, 'M', "E1 6AN", NULL, &o);
	struct link_person mia = prep_x("Mia", "Okafor", 0, 0, 0, 'F', "E1 6AN", NULL, &o);
	struct link_person ella = prep_x("Ella Mia", "Okafor", 2009, 1, 5, 'F', "E1 6AN", NULL, &o);
	struct link_result r;
	link_score(&amy, &zoe, &r);
	assert_true(r.strength < LINK_PROBABLE_MATCH);
	assert_true(has_reason(&r, "different given names (Amy / Zoe)"));
	link_score(&amy, &tom, &r);
	assert_true(r.strength < LINK_PROBABLE_MATCH);
	link_score(&mia, &ella, &r); /* a sister's middle name, no date of birth */
	assert_true(r.strength < LINK_PROBABLE_MATCH);
	struct link_gamma g;
	link_compare(&amy, &zoe, &g);
	assert_true(link_gamma_capped(&g));
	/* The middle name used as the given name: the date of birth must confirm it, the
	 * same or a keystroke away (no brother or sister but a twin is a day or a month
	 * apart), not merely the same year. */
	struct link_person rose = prep("Rose", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person amyr = prep("Amy Rose", "Okafor", 2011, 3, 15, 'F', NULL, NULL);
	struct link_person amyy = prep("Amy Rose", "Okafor", 2011, 0, 0, 'F', NULL, NULL);
	struct link_person amyo = prep("Amy Rose", "Okafor", 2011, 9, 2, 'F', NULL, NULL);
	link_compare(&rose, &amyr, &g);
	assert_int_equal(g.level[LINK_C_GIVEN], LINK_GIVEN_MIDDLE);
	assert_false(link_gamma_capped(&g));
	link_compare(&rose, &amyy, &g);
	assert_true(link_gamma_capped(&g));
	link_compare(&rose, &amyo, &g);
	assert_true(link_gamma_capped(&g));
	/* An agreeing NHS number lifts the cap. */
	struct link_person a2 =
	        prep_x("Amy", "Okafor", 2011, 3, 14, 'F', "E1 6AN", "9990000018", &o);
	struct link_person b2 =
	        prep_x("Aimee", "Okafor", 2012, 8, 1, 'F', "E1 6AN", "9990000018", &o);
	link_compare(&a2, &b2, &g);
	assert_false(link_gamma_capped(&g));
}

/* R-REC-1: one record per child: a probe is at most one of the children found for it,
 * so a candidate's weight among the others is lower when another matches as well. */
static void test_R_REC_1_candidates_weighed_together(void **state)
{
	double w[4] = {10.0, 10.0, -20.0, -INFINITY};
	link_weights_compete(w, NULL, 4);
	/* two equal ones: each loses about log2(1 + 2^10) */
	assert_true(fabs(w[0] - (10.0 - log2(1.0 + exp2(10.0) + exp2(-20.0)))) < 1e-9);
	assert_true(w[0] == w[1] && w[0] < 0.1);
	assert_true(w[2] < -20.0 - 10.0);
	assert_true(w[3] == -INFINITY);
	/* Others with little evidence of their own hardly move the best; the order is
	 * kept. */
	double v[3] = {40.0, -10.0, -12.0};
	link_weights_compete(v, NULL, 3);
	assert_true(fabs(v[0] - 40.0) < 0.01);
	assert_true(v[1] < -49.0 && v[1] > v[2]);
	/* A skipped candidate (a brother or sister) takes nothing from the others. */
	double x[2] = {5.0, 8.0};
	bool skip[2] = {false, true};
	link_weights_compete(x, skip, 2);
	assert_true(x[0] == 5.0);
	assert_true(x[1] < 8.0);
	/* One candidate, or none: unchanged. */
	double one = 3.0;
	link_weights_compete(&one, NULL, 1);
	assert_true(one == 3.0);
	link_weights_compete(NULL, NULL, 0);
	/* Bands: 'likely' on the weight among the others, 'possible' on the pair's own. */
	struct link_model *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	memcpy(m, link_model_default(), sizeof(*m));
	m->likely = 4.0;
	m->possible = 6.0;
	struct link_person a = prep("Amelia", "Okafor", 2011, 3, 14, 'F', NULL, NULL);
	struct link_gamma g;
	link_compare(&a, &a, &g);
	assert_int_equal(link_band(m, &g, 10.0, 5.0), LINK_PROBABLE_MATCH);
	assert_int_equal(link_band(m, &g, 10.0, 1.0), LINK_POSSIBLE_MATCH);
	assert_int_equal(link_band(m, &g, 5.0, 1.0), LINK_NONE);
	assert_int_equal(link_band(m, &g, 5.0, 5.0), LINK_PROBABLE_MATCH);
	struct link_result r;
	link_score_among(m, 0, &a, &a, 10.0, 1.0, &r);
	assert_int_equal(r.strength, LINK_POSSIBLE_MATCH);
	assert_true(r.weight == 1.0);
	assert_true(has_reason(&r, "another child found matches the details too"));
	free(m);
}

/* Term frequencies: agreeing on a rare family name counts for more than on a common
 * one. */
static void test_R_REC_1_rare_name_beats_common(void **state)
{
	struct link_person s1 = prep("Olivia", "Smith", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person s2 = prep("Olivia", "Smith", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person r1 = prep("Olivia", "Featherstonehaugh", 2011, 3, 14, 'F', NULL, NULL);
	struct link_person r2 = prep("Olivia", "Featherstonehaugh", 2011, 3, 14, 'F', NULL, NULL);
	double common = link_score_weight(&s1, &s2, NULL);
	double rare = link_score_weight(&r1, &r2, NULL);
	assert_true(rare > common + 2.0);
	struct link_result r;
	link_score(&s1, &s2, &r);
	assert_true(has_reason(&r, "Smith, a common name"));
}

static void test_prepare_rejects_and_keeps_partial(void **state)
{
	struct link_person_in in = {.given = "Amy",
	                            .family = "Bell",
	                            .dob = {2011, 2, 30},
	                            .gender = 'Q',
	                            .nhs = "123",
	                            .phone = "not a phone",
	                            .postcode = "!!"};
	struct link_person p;
	assert_int_equal(link_person_prepare(&in, &p), 0);
	assert_int_equal(p.dob.y, 2011);
	assert_int_equal(p.dob.m, 2);
	assert_int_equal(p.dob.d, 0);
	assert_true(p.rejected & LINK_REJ_DOB);
	assert_true(p.rejected & LINK_REJ_GENDER);
	assert_true(p.rejected & LINK_REJ_NHS);
	assert_true(p.rejected & LINK_REJ_PHONE);
	assert_true(p.rejected & LINK_REJ_POSTCODE);
	assert_int_equal(link_person_prepare(NULL, &p), -1);
	assert_int_equal(link_person_prepare(&in, NULL), -1);
	/* A name longer than a token keeps a valid UTF-8 prefix. */
	in = (struct link_person_in){.given = "Żaneta-Żaneta-Żaneta",
	                             .family = "Wiśniewskaaaaaaaaaaaaaaa"};
	link_person_prepare(&in, &p);
	assert_true(p.n_tok >= 2);
	for (int i = 0; i < p.n_tok; i++)
		assert_true(link_jaro(p.tok[i].s, p.tok[i].s) >= 0);
}

static void test_scoring_is_symmetric_and_null_safe(void **state)
{
	struct link_person a = prep("Liz", "Hartley", 2010, 5, 20, 'F', "N7 6PG", NULL);
	struct link_person b = prep("Elizabeth", "Hartly", 2010, 5, 20, 'F', NULL, NULL);
	assert_true(fabs(link_score_weight(&a, &b, NULL) - link_score_weight(&b, &a, NULL)) < 1e-9);
	struct link_result r;
	link_score(NULL, &b, &r);
	assert_int_equal(r.strength, LINK_NONE);
	link_score(&a, &b, NULL); /* no crash */
	enum link_strength s;
	link_score_weight(NULL, NULL, &s);
	assert_int_equal(s, LINK_NONE);
	/* A larger store makes the same evidence less conclusive (the prior). */
	double small = link_weight_with(NULL, 10000, &a, &b, NULL);
	double big = link_weight_with(NULL, 1000000, &a, &b, NULL);
	assert_true(fabs((small - big) - log2(100.0)) < 0.01);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_given_name_levels),
	        cmocka_unit_test(test_family_name_levels),
	        cmocka_unit_test(test_R_REC_1_swapped_names_level),
	        cmocka_unit_test(test_other_names_level),
	        cmocka_unit_test(test_date_of_birth_levels),
	        cmocka_unit_test(test_middle_name_levels),
	        cmocka_unit_test(test_R_REC_1_candidates_weighed_together),
	        cmocka_unit_test(test_gender_school_phone_nhs_authority_ref_levels),
	        cmocka_unit_test(test_address_levels),
	        cmocka_unit_test(test_R_REC_1_reasons_in_words),
	        cmocka_unit_test(test_R_REC_1_the_same_child_is_likely),
	        cmocka_unit_test(test_R_REC_1_twins_and_siblings_are_not_likely),
	        cmocka_unit_test(test_R_REC_1_rare_name_beats_common),
	        cmocka_unit_test(test_prepare_rejects_and_keeps_partial),
	        cmocka_unit_test(test_scoring_is_symmetric_and_null_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

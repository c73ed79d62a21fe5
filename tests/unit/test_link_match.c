/* test_link_match.c: link/match.h, the person matcher behind R-REC-1 (one record per
 * child). All people here are made up. */
#include <setjmp.h>
#include <cmocka.h>

#include "link/match.h"

static struct link_person prep(const char *given, const char *family, int y, int m, int d,
                               char gender, const char *postcode, const char *nhs)
{
	struct link_person_in in = {.given = given,
	                            .family = family,
	                            .dob = {y, m, d},
	                            .gender = gender,
	                            .postcode = postcode,
	                            .nhs = nhs};
	struct link_person p;
	assert_int_equal(link_person_prepare(&in, &p), 0);
	return p;
}

static bool has_reason(const struct link_result *r, const char *needle)
{
	for (int i = 0; i < r->n_reasons; i++)
		if (strstr(r->reasons[i], needle))
			return true;
	return false;
}

/* Prepares both and scores; also checks that blocking would have found the pair. */
static void score(const struct link_person *a, const struct link_person *b, struct link_result *r)
{
	link_score(a, b, r);
	char ka[LINK_MAX_KEYS][LINK_KEY_LEN], kb[LINK_MAX_KEYS][LINK_KEY_LEN];
	int na = link_blocking_keys(a, ka, LINK_MAX_KEYS),
	    nb = link_blocking_keys(b, kb, LINK_MAX_KEYS);
	bool shared = false;
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			shared |= strcmp(ka[i], kb[j]) == 0;
	if (r->strength >= LINK_PROBABLE_MATCH)
		assert_true(shared);
}

static void test_R_REC_1_exact_is_certain(void **state)
{
	struct link_person a = prep("Amelia", "Okafor", 2011, 3, 14, 'F', "E1 6AN", NULL);
	struct link_person b = prep("amelia", "OKAFOR", 2011, 3, 14, 'F', "e16an", NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_int_equal(r.strength, LINK_CERTAIN_MATCH);
	assert_true(has_reason(&r, "date of birth matches"));
	assert_true(has_reason(&r, "same postcode"));
}

static void test_R_REC_1_nickname_matches_existing_child(void **state)
{
	struct link_person a = prep("Liz", "Hartley", 2010, 5, 20, 'F', NULL, NULL);
	struct link_person b = prep("Elizabeth", "Hartley", 2010, 5, 20, 'F', NULL, NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
	assert_true(has_reason(&r, "known nickname of 'Elizabeth'"));
}

static void test_R_REC_1_transliteration_matches(void **state)
{
	struct link_person a = prep("Mohammed", "Rahman", 2009, 7, 2, 'M', NULL, NULL);
	struct link_person b = prep("Muhammad", "Rehman", 2009, 7, 2, 'M', NULL, NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
	assert_true(has_reason(&r, "spelling variant of 'Muhammad'"));
	a = prep("Shevaun", "Murphy", 2012, 1, 30, 'F', NULL, NULL);
	b = prep("Siobhán", "Murphy", 2012, 1, 30, 'F', NULL, NULL);
	score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
}

static void test_R_REC_1_swapped_day_month(void **state)
{
	struct link_person a = prep("Kian", "Doyle", 2013, 4, 9, 'M', NULL, NULL);
	struct link_person b = prep("Kian", "Doyle", 2013, 9, 4, 'M', NULL, NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
	assert_true(has_reason(&r, "date of birth matches with day and month swapped"));
}

static void test_R_REC_1_misspelt_family_name_sounds_the_same(void **state)
{
	struct link_person a = prep("Tyler", "Smyth", 2008, 11, 1, 'M', "SE15 4QT", NULL);
	struct link_person b = prep("Tyler", "Smith", 2008, 11, 1, 'M', "SE15 4QT", NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
	assert_true(has_reason(&r, "family name sounds the same (Double Metaphone"));
}

static void test_R_REC_1_alias_matches(void **state)
{
	struct link_person_in in = {.given = "Jordan",
	                            .family = "Bailey",
	                            .dob = {2010, 6, 6},
	                            .aliases = {"JB Bailey", "Little J"},
	                            .n_aliases = 2};
	struct link_person cand;
	link_person_prepare(&in, &cand);
	assert_int_equal(cand.n_names, 3);
	struct link_person probe = prep("Little J", NULL, 2010, 6, 6, 0, NULL, NULL);
	struct link_result r;
	link_score(&probe, &cand, &r);
	assert_true(has_reason(&r, "alias"));
	assert_true(r.weight > 0);
}

static void test_R_REC_1_partial_record_is_possible_not_none(void **state)
{
	struct link_person a = prep("Kayleigh", NULL, 2014, 0, 0, 'F', NULL, NULL);
	struct link_person b = prep("Kayleigh", "Price", 2014, 8, 3, 'F', "CR0 2AB", NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_int_equal(r.strength, LINK_POSSIBLE_MATCH);
	assert_true(has_reason(&r, "partial date of birth agrees (year)"));
}

static void test_nhs_number_is_decisive(void **state)
{
	struct link_person a = prep("Jo", "Bell", 0, 0, 0, 0, NULL, "999 000 0018");
	struct link_person b = prep("Joanne", "Bell-Carter", 2012, 2, 2, 'F', NULL, "9990000018");
	struct link_result r;
	score(&a, &b, &r);
	assert_int_equal(r.strength, LINK_CERTAIN_MATCH);
	assert_true(has_reason(&r, "same NHS number"));
}

static void test_conflicting_nhs_number_is_strong_evidence_against(void **state)
{
	struct link_person a = prep("Ella", "Ward", 2012, 2, 2, 'F', "N7 6PG", "999 000 0018");
	struct link_person b = prep("Ella", "Ward", 2012, 2, 2, 'F', "N7 6PG", "999 000 0026");
	struct link_result r;
	score(&a, &b, &r);
	assert_true(r.strength <= LINK_POSSIBLE_MATCH);
	assert_true(has_reason(&r, "different NHS numbers"));
}

static void test_different_children_do_not_match(void **state)
{
	struct link_person a = prep("Oliver", "Kowalski", 2009, 1, 12, 'M', "RM8 1AA", NULL);
	struct link_person b = prep("Grace", "Achterberg", 2015, 10, 27, 'F', "HA0 3BB", NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_int_equal(r.strength, LINK_NONE);
	/* Twins: same family name, date of birth and postcode, different given names. */
	a = prep("Ruby", "Khan", 2012, 5, 5, 'F', "E2 8AA", NULL);
	b = prep("Jacob", "Khan", 2012, 5, 5, 'M', "E2 8AA", NULL);
	score(&a, &b, &r);
	assert_true(r.strength < LINK_PROBABLE_MATCH);
}

static void test_names_swapped(void **state)
{
	struct link_person a = prep("Ali", "Chukwuemeka", 2011, 9, 9, 'M', NULL, NULL);
	struct link_person b = prep("Chukwuemeka", "Ali", 2011, 9, 9, 'M', NULL, NULL);
	struct link_result r;
	score(&a, &b, &r);
	assert_true(r.strength >= LINK_PROBABLE_MATCH);
	assert_true(has_reason(&r, "swapped"));
}

static void test_prepare_rejects_bad_fields_but_keeps_the_rest(void **state)
{
	struct link_person_in in = {.given = "Sam\xff",
	                            .family = "Lee",
	                            .dob = {2011, 13, 40},
	                            .postcode = "not a postcode!",
	                            .nhs = "123",
	                            .phone = "abc",
	                            .gender = 'Q'};
	struct link_person p;
	assert_int_equal(link_person_prepare(&in, &p), 0);
	assert_true(p.rejected & LINK_REJ_GIVEN);
	assert_true(p.rejected & LINK_REJ_DOB);
	assert_true(p.rejected & LINK_REJ_POSTCODE);
	assert_true(p.rejected & LINK_REJ_NHS);
	assert_true(p.rejected & LINK_REJ_PHONE);
	assert_true(p.rejected & LINK_REJ_GENDER);
	assert_int_equal(p.names[0].n_family, 1);
	assert_int_equal(p.dob.y, 2011);
	assert_int_equal(p.dob.m, 0);
	assert_int_equal(link_person_prepare(NULL, &p), -1);
	/* Empty records score zero and never crash. */
	struct link_person_in empty = {0};
	struct link_person e;
	link_person_prepare(&empty, &e);
	struct link_result r;
	link_score(&e, &e, &r);
	assert_int_equal(r.strength, LINK_NONE);
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	assert_int_equal(link_blocking_keys(&e, keys, LINK_MAX_KEYS), 0);
}

static void test_blocking_keys(void **state)
{
	struct link_person p = prep("Liz", "Smith", 2010, 5, 20, 'F', NULL, "999 000 0018");
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	int n = link_blocking_keys(&p, keys, LINK_MAX_KEYS);
	bool nhs = false, dob = false, fam = false, nick = false;
	for (int i = 0; i < n; i++) {
		nhs |= strcmp(keys[i], "H:9990000018") == 0;
		dob |= strcmp(keys[i], "D:2010-05-20") == 0;
		fam |= strcmp(keys[i], "F:SM0") == 0;
		nick |= strcmp(keys[i], "N:elizabeth:2010") == 0;
	}
	assert_true(nhs && dob && fam && nick);
	/* Swapped day and month give the same date key. */
	struct link_person q = prep("Liz", "Smith", 2010, 5, 7, 'F', NULL, NULL);
	struct link_person s = prep("Liz", "Smith", 2010, 7, 5, 'F', NULL, NULL);
	char kq[LINK_MAX_KEYS][LINK_KEY_LEN], ks[LINK_MAX_KEYS][LINK_KEY_LEN];
	link_blocking_keys(&q, kq, LINK_MAX_KEYS);
	link_blocking_keys(&s, ks, LINK_MAX_KEYS);
	assert_string_equal(kq[0], ks[0]);
	assert_int_equal(link_blocking_keys(&p, keys, 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_REC_1_exact_is_certain),
	        cmocka_unit_test(test_R_REC_1_nickname_matches_existing_child),
	        cmocka_unit_test(test_R_REC_1_transliteration_matches),
	        cmocka_unit_test(test_R_REC_1_swapped_day_month),
	        cmocka_unit_test(test_R_REC_1_misspelt_family_name_sounds_the_same),
	        cmocka_unit_test(test_R_REC_1_alias_matches),
	        cmocka_unit_test(test_R_REC_1_partial_record_is_possible_not_none),
	        cmocka_unit_test(test_nhs_number_is_decisive),
	        cmocka_unit_test(test_conflicting_nhs_number_is_strong_evidence_against),
	        cmocka_unit_test(test_different_children_do_not_match),
	        cmocka_unit_test(test_names_swapped),
	        cmocka_unit_test(test_prepare_rejects_bad_fields_but_keeps_the_rest),
	        cmocka_unit_test(test_blocking_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_link_blocking.c: link/blocking.h for R-REC-1: a record entered again with any
 * one of the usual errors, or any two, shares a blocking key with the original; the
 * ranking of candidates is by shared keys with a stable tie-break, and common keys do
 * not bring candidates in. All people here are made up. */
#include <setjmp.h>
#include <cmocka.h>

#include "link/blocking.h"

/* The original: a complete record. */
static struct link_person_in original(void)
{
	struct link_person_in in = {.given = "William",
	                            .family = "Hartley",
	                            .dob = {2011, 3, 9},
	                            .gender = 'M',
	                            .n_addresses = 1};
	in.addresses[0].line = "12 Acacia Road";
	in.addresses[0].postcode = "E1 6AN";
	return in;
}

enum kind {
	C_NICKNAME,
	C_TRANSLIT,
	C_GIVEN_TYPO,
	C_FAMILY_TYPO,
	C_SWAPPED,
	C_DAY_MONTH,
	C_DOB_SLIP,
	C_YEAR_ONLY,
	C_NO_DOB,
	C_NO_ADDRESS,
	C_MOVED,
	C_NO_GENDER,
	C_N
};

/* Applies corruption k; given names with transliterations use a second original. */
static void corrupt(struct link_person_in *in, int k)
{
	switch (k) {
	case C_NICKNAME:
		in->given = strcmp(in->given, "William") == 0 ? "Bill" : in->given;
		break;
	case C_TRANSLIT:
		in->given = "Mohamed"; /* the original for this kind is Muhammad */
		break;
	case C_GIVEN_TYPO: /* the worst kind: the first sound changes */
		in->given = strcmp(in->given, "Muhammad") == 0 ? "Nuhammad" : "Xilliam";
		break;
	case C_FAMILY_TYPO:
		in->family = "Martley";
		break;
	case C_SWAPPED: {
		const char *t = in->given;
		in->given = in->family;
		in->family = t;
		break;
	}
	case C_DAY_MONTH: {
		int t = in->dob.d;
		in->dob.d = in->dob.m;
		in->dob.m = t;
		break;
	}
	case C_DOB_SLIP:
		in->dob.d = in->dob.d ? in->dob.d + 1 : 0;
		break;
	case C_YEAR_ONLY:
		in->dob.m = in->dob.d = 0;
		break;
	case C_NO_DOB:
		in->dob = (struct link_dob){0, 0, 0};
		break;
	case C_NO_ADDRESS:
		in->n_addresses = 0;
		break;
	case C_MOVED:
		in->addresses[0].line = "40 Station Street";
		in->addresses[0].postcode = "M1 1AA";
		break;
	default:
		in->gender = 0;
		break;
	}
}

static bool share_key(const struct link_person_in *a, const struct link_person_in *b)
{
	struct link_person pa, pb;
	link_person_prepare(a, &pa);
	link_person_prepare(b, &pb);
	char ka[LINK_MAX_KEYS][LINK_KEY_LEN], kb[LINK_MAX_KEYS][LINK_KEY_LEN];
	int na = link_blocking_keys(&pa, ka, LINK_MAX_KEYS);
	int nb = link_blocking_keys(&pb, kb, LINK_MAX_KEYS);
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (strcmp(ka[i], kb[j]) == 0)
				return true;
	return false;
}

static void test_R_REC_1_each_corruption_alone_shares_a_key(void **state)
{
	for (int k = 0; k < C_N; k++) {
		struct link_person_in a = original(), b = original();
		if (k == C_TRANSLIT)
			a.given = b.given = "Muhammad";
		corrupt(&b, k);
		if (!share_key(&a, &b))
			fail_msg("corruption %d alone shares no key", k);
	}
}

static void test_R_REC_1_corruptions_in_pairs_share_a_key(void **state)
{
	for (int x = 0; x < C_N; x++)
		for (int y = x + 1; y < C_N; y++) {
			struct link_person_in a = original(), b = original();
			if (x == C_TRANSLIT || y == C_TRANSLIT)
				a.given = b.given = "Muhammad";
			corrupt(&b, x);
			corrupt(&b, y);
			if (!share_key(&a, &b))
				fail_msg("corruptions %d and %d together share no key", x, y);
		}
}

/* The cases the former keys missed: names swapped with no or a wrong year, and a
 * family-name typo with no date of birth but the same postcode. */
static void test_R_REC_1_known_gaps_are_closed(void **state)
{
	struct link_person_in a = original(), b = original();
	corrupt(&b, C_SWAPPED);
	corrupt(&b, C_NO_DOB);
	assert_true(share_key(&a, &b));
	b = original();
	corrupt(&b, C_SWAPPED);
	b.dob.y = 2012;
	assert_true(share_key(&a, &b));
	b = original();
	corrupt(&b, C_FAMILY_TYPO);
	corrupt(&b, C_NO_DOB);
	assert_true(share_key(&a, &b));
}

/* Typos that change the sound of both names, or of one name while the date of birth is
 * wrong too, with no address to fall back on (the I, N and M keys). */
static void test_R_REC_1_typos_with_a_wrong_date_share_a_key(void **state)
{
	struct link_person_in a = original();
	a.n_addresses = 0;
	const char *given_typo = "Wilkiam", *family_typo = "Hartkey"; /* first letters kept */
	struct link_person_in b = a;
	b.given = given_typo;
	b.family = family_typo;
	assert_true(share_key(&a, &b)); /* both names, the date right */
	b = a;
	b.family = family_typo;
	b.dob.y = 2012;
	assert_true(share_key(&a, &b)); /* family name and the year */
	b.dob = (struct link_dob){2011, 3, 10};
	assert_true(share_key(&a, &b)); /* family name and the day */
	b = a;
	b.given = given_typo;
	b.dob.y = 2010;
	assert_true(share_key(&a, &b)); /* given name and the year */
	b.dob = (struct link_dob){2011, 4, 9};
	assert_true(share_key(&a, &b)); /* given name and the month */
	/* Each alone too. */
	b = a;
	b.given = given_typo;
	assert_true(share_key(&a, &b));
	b = a;
	b.family = family_typo;
	assert_true(share_key(&a, &b));
	/* The names swapped as well as a typo in each: the initials are taken in order. */
	b = a;
	b.given = "Hartkey";
	b.family = "Wilkiam";
	assert_true(share_key(&a, &b));
}

static void test_keys_are_unique_and_bounded(void **state)
{
	struct link_person_in in = original();
	in.aliases[0] = "Billy Hartley";
	in.aliases[1] = "Will Hart";
	in.n_aliases = 2;
	in.nhs = "9990000018";
	in.phone = "07700 900123";
	in.ref = "H801200001234";
	struct link_person p;
	link_person_prepare(&in, &p);
	char k[LINK_MAX_KEYS][LINK_KEY_LEN];
	int n = link_blocking_keys(&p, k, LINK_MAX_KEYS);
	assert_true(n > 10 && n <= LINK_MAX_KEYS);
	for (int i = 0; i < n; i++) {
		assert_true(link_key_cap(k[i]) > 0);
		for (int j = i + 1; j < n; j++)
			assert_string_not_equal(k[i], k[j]);
	}
	assert_string_equal(k[0], "H:9990000018");
	assert_int_equal(link_blocking_keys(&p, k, 3), 3);
	assert_int_equal(link_blocking_keys(NULL, k, 3), 0);
	assert_int_equal(link_key_cap("Z:1"), 0);
	assert_int_equal(link_key_cap("H:9990000018"), 20);
	/* The same person gives the same keys, in the same order. */
	char k2[LINK_MAX_KEYS][LINK_KEY_LEN];
	assert_int_equal(link_blocking_keys(&p, k2, LINK_MAX_KEYS), n);
	for (int i = 0; i < n; i++)
		assert_string_equal(k[i], k2[i]);
}

static void test_ranking_by_shared_keys_with_stable_ties(void **state)
{
	const char *l1[] = {"c3", "c1", "c2", "c1"}; /* c1 twice: counted once */
	const char *l2[] = {"c2", "c3"};
	const char *l3[] = {"c9"};
	struct link_posting lists[] = {
	        {"P:AML:OKFR", l1, 4, 0, NULL},
	        {"D:AML:2011-03-14", l2, 2, 0, NULL},
	        {"H:9990000018", l3, 1, 0, NULL},
	};
	struct link_candidate out[8];
	size_t common = 99;
	long n = link_rank_candidates(lists, 3, out, 8, &common);
	assert_int_equal(n, 4);
	assert_int_equal(common, 0);
	/* c2 and c3 share two keys (equal rank: by id), c9 one rare key, c1 one key held
	 * by more children. */
	assert_string_equal(out[0].id, "c2");
	assert_string_equal(out[1].id, "c3");
	assert_string_equal(out[2].id, "c9");
	assert_string_equal(out[3].id, "c1");
	assert_true(out[0].rank == out[1].rank);
	assert_true(out[2].rank > out[3].rank);
	assert_int_equal(out[1].keys, 2);
	assert_int_equal(out[3].keys, 1);
	/* The same input in another order gives the same ranking. */
	struct link_posting rev[] = {lists[2], lists[1], lists[0]};
	struct link_candidate out2[8];
	assert_int_equal(link_rank_candidates(rev, 3, out2, 8, NULL), 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(out[i].id, out2[i].id);
	/* Interned ids (one pointer per child): the same ranking. */
	static const char c1[] = "c1", c2[] = "c2", c3[] = "c3", c9[] = "c9";
	const char *i1[] = {c3, c1, c2, c1};
	const char *i2[] = {c2, c3};
	const char *i3[] = {c9};
	struct link_posting ilists[] = {
	        {"P:AML:OKFR", i1, 4, 0, NULL},
	        {"D:AML:2011-03-14", i2, 2, 0, NULL},
	        {"H:9990000018", i3, 1, 0, NULL},
	};
	struct link_candidate iout[8];
	assert_int_equal(link_rank_candidates_interned(ilists, 3, iout, 8, NULL), 4);
	for (int i = 0; i < 4; i++) {
		assert_string_equal(out[i].id, iout[i].id);
		assert_true(out[i].rank == iout[i].rank && out[i].keys == iout[i].keys);
	}
	/* max cuts after ranking. */
	assert_int_equal(link_rank_candidates(lists, 3, out, 2, NULL), 2);
	assert_string_equal(out[1].id, "c3");
	assert_int_equal(link_rank_candidates(NULL, 0, out, 2, NULL), 0);
	/* Too many ids in one call: refused, not ranked in part. */
	struct link_posting huge = {"P:AML:OKFR", l1, LINK_RANK_MAX_IDS + 1, 0, NULL};
	assert_int_equal(link_rank_candidates(&huge, 1, out, 2, NULL), -1);
}

/* R-REC-1: ids made during a run (an import's own children) tie by the order they were
 * added, before their ids: the stored ones (order 0) first, then row by row, so that a
 * probe scoring only its best-ranked candidates scores the same ones on every run. */
static void test_R_REC_1_ties_go_by_order_before_id(void **state)
{
	const char *ids[] = {"zz-stored", "m-row3", "a-row7", "k-row5"};
	const uint32_t ord[] = {0, 3, 7, 5};
	struct link_posting one = {"P:AML:OKFR", ids, 4, 0, ord};
	struct link_candidate out[4];
	assert_int_equal(link_rank_candidates(&one, 1, out, 4, NULL), 4);
	assert_string_equal(out[0].id, "zz-stored");
	assert_string_equal(out[1].id, "m-row3");
	assert_string_equal(out[2].id, "k-row5");
	assert_string_equal(out[3].id, "a-row7");
	assert_int_equal(out[3].order, 7);
	/* kept best two, whatever the ids the run gave the rows */
	const char *other[] = {"b-stored", "q-row3", "c-row7", "d-row5"};
	struct link_posting two = {"P:AML:OKFR", other, 4, 0, ord};
	assert_int_equal(link_rank_candidates_interned(&two, 1, out, 2, NULL), 2);
	assert_string_equal(out[0].id, "b-stored");
	assert_string_equal(out[1].id, "q-row3");
	/* a higher rank still comes first */
	const char *more[] = {"a-row7"};
	const uint32_t mord[] = {7};
	struct link_posting lists[] = {one, {"D:AML:2011-03-14", more, 1, 0, mord}};
	assert_int_equal(link_rank_candidates(lists, 2, out, 4, NULL), 4);
	assert_string_equal(out[0].id, "a-row7");
	assert_string_equal(out[1].id, "zz-stored");
}

static void test_common_keys_only_add_rank(void **state)
{
	/* An NHS key held by 21 children is over its cap of 20. */
	const char *many[21];
	char ids[21][8];
	for (int i = 0; i < 21; i++) {
		snprintf(ids[i], sizeof(ids[i]), "x%02d", i);
		many[i] = ids[i];
	}
	const char *other[] = {"x05", "y1"};
	struct link_posting lists[] = {
	        {"H:9990000018", many, 21, 0, NULL},
	        {"D:AML:2011-03-14", other, 2, 0, NULL},
	};
	struct link_candidate out[32];
	size_t common = 0;
	long n = link_rank_candidates(lists, 2, out, 32, &common);
	assert_int_equal(common, 1);
	assert_int_equal(n, 2); /* only x05 and y1: the common key brings nobody in */
	assert_string_equal(out[0].id, "x05");
	assert_int_equal(out[0].keys, 2);
	assert_string_equal(out[1].id, "y1");
	/* A store that sends only cap + 1 ids but says how many hold the key. */
	struct link_posting capped[] = {{"H:9990000018", many, 3, 500, NULL}, lists[1]};
	n = link_rank_candidates(capped, 2, out, 32, &common);
	assert_int_equal(common, 1);
	assert_int_equal(n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_REC_1_each_corruption_alone_shares_a_key),
	        cmocka_unit_test(test_R_REC_1_corruptions_in_pairs_share_a_key),
	        cmocka_unit_test(test_R_REC_1_known_gaps_are_closed),
	        cmocka_unit_test(test_R_REC_1_typos_with_a_wrong_date_share_a_key),
	        cmocka_unit_test(test_keys_are_unique_and_bounded),
	        cmocka_unit_test(test_ranking_by_shared_keys_with_stable_ties),
	        cmocka_unit_test(test_R_REC_1_ties_go_by_order_before_id),
	        cmocka_unit_test(test_common_keys_only_add_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_id.c: util/id.h: the ID format, validity checks, uniqueness from the CSPRNG and
 * determinism from a seeded struct rng. */
#include <setjmp.h>
#include <cmocka.h>

#include "util/id.h"

static void test_format(void **state)
{
	char id[ID_MAX];
	assert_int_equal(id_new("ch", id), 0);
	assert_int_equal(strlen(id), 2 + 1 + 20);
	assert_memory_equal(id, "ch_", 3);
	for (const char *p = id + 3; *p; p++)
		assert_non_null(strchr("0123456789abcdefghjkmnpqrstvwxyz", *p));
	assert_true(id_valid(id, "ch"));
	assert_true(id_valid(id, NULL));
	assert_false(id_valid(id, "c"));
	assert_false(id_valid(id, "chx"));
	assert_false(id_valid(id, "ep"));

	/* longest prefix fits ID_MAX */
	assert_int_equal(id_new("abcdefgh", id), 0);
	assert_int_equal(strlen(id), 8 + 1 + 20);
	assert_true(id_valid(id, "abcdefgh"));
}

static void test_bad_prefix_refused(void **state)
{
	char id[ID_MAX] = "untouched";
	static const char *bad[] = {"", "abcdefghi", "Ch", "c1", "c_h", "ch ", "\xc3\xa9"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		if (id_new(bad[i], id) == 0)
			fail_msg("accepted prefix '%s' giving '%s'", bad[i], id);
		struct rng r;
		rng_seed(&r, 1);
		assert_int_equal(id_new_rng(&r, bad[i], id), -1);
	}
}

static void test_validity_checks(void **state)
{
	assert_true(id_valid("ch_0123456789abcdefghjk", "ch"));
	assert_true(id_valid("ch_mnpqrstvwxyz00000000", "ch"));
	static const char *bad[] = {
	        "",
	        "ch",
	        "ch_",
	        "_0123456789abcdefghjk",
	        "ch_0123456789abcdefghj",   /* 19 */
	        "ch_0123456789abcdefghjkm", /* 21 */
	        "ch_0123456789abcdefghjI",  /* I is not Crockford */
	        "ch_0123456789abcdefghjl",  /* nor l, o, u */
	        "ch_0123456789abcdefghjo",
	        "ch_0123456789abcdefghju",
	        "ch_0123456789ABCDEFGHJK",
	        "Ch_0123456789abcdefghjk",
	        "c1_0123456789abcdefghjk",
	        "abcdefghi_0123456789abcdefghjk",
	        "ch_0123456789abcdefgh_k",
	        "ch-0123456789abcdefghjk",
	        "ch_0123456789abcdefghjk ",
	        " ch_0123456789abcdefghjk",
	        "ch_0123456789abcdefghj\n",
	        "ch_0123456789abcdefghj\xc3\xa9",
	        "../etc/passwd",
	        "ch_0123456789abcdefghjk' OR 1=1 --",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (id_valid(bad[i], NULL))
			fail_msg("valid: '%s'", bad[i]);
	assert_false(id_valid(NULL, NULL));
	assert_false(id_valid("ch_0123456789abcdefghjk", ""));
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_unique_over_10000(void **state)
{
	enum { N = 10000 };
	char(*ids)[ID_MAX] = calloc(N, ID_MAX);
	assert_non_null(ids);
	for (int i = 0; i < N; i++) {
		assert_int_equal(id_new("rec", ids[i]), 0);
		assert_true(id_valid(ids[i], "rec"));
	}
	qsort(ids, N, ID_MAX, cmp_id);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(ids[i - 1], ids[i]);
	/* every character of the alphabet appears in every position (100 bits: random) */
	for (int pos = 4; pos < 24; pos++) {
		unsigned seen = 0;
		for (int i = 0; i < N; i++) {
			const char *alpha = "0123456789abcdefghjkmnpqrstvwxyz";
			seen |= 1u << (strchr(alpha, ids[i][pos]) - alpha);
		}
		assert_int_equal(seen, 0xFFFFFFFFu);
	}
	free(ids);
}

static void test_deterministic_with_rng(void **state)
{
	struct rng a, b;
	char x[ID_MAX], y[ID_MAX];
	rng_seed(&a, 2026);
	assert_int_equal(id_new_rng(&a, "ch", x), 0);
	/* from an independent implementation of splitmix64 + xoshiro256** */
	assert_string_equal(x, "ch_nrt2a8cqvnz88e1f13kz");
	rng_seed(&a, 77);
	rng_seed(&b, 77);
	for (int i = 0; i < 100; i++) {
		assert_int_equal(id_new_rng(&a, "ep", x), 0);
		assert_int_equal(id_new_rng(&b, "ep", y), 0);
		assert_string_equal(x, y);
		assert_true(id_valid(x, "ep"));
	}
	rng_seed(&b, 78);
	assert_int_equal(id_new_rng(&b, "ep", y), 0);
	assert_string_not_equal(x, y);
}

static void test_random_bytes(void **state)
{
	unsigned char a[32] = {0}, b[32] = {0};
	id_random_bytes(a, sizeof a);
	id_random_bytes(b, sizeof b);
	assert_memory_not_equal(a, b, sizeof a);
	id_random_bytes(a, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_format),
	        cmocka_unit_test(test_bad_prefix_refused),
	        cmocka_unit_test(test_validity_checks),
	        cmocka_unit_test(test_unique_over_10000),
	        cmocka_unit_test(test_deterministic_with_rng),
	        cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

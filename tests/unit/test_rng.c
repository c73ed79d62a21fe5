/* test_rng.c: util/rng.h: known outputs of xoshiro256** seeded through splitmix64,
 * determinism, bounds of rng_below/rng_range/rng_double and rough uniformity. */
#include <setjmp.h>
#include <cmocka.h>

#include "util/rng.h"

/* Reference values from an independent implementation of splitmix64 + xoshiro256**. */
static void test_known_outputs(void **state)
{
	static const struct {
		uint64_t seed;
		uint64_t out[4];
	} kat[] = {
	        {0,
	         {0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL,
	          0x6aa594f1262d2d2cULL}},
	        {42,
	         {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL, 0xae17533239e499a1ULL,
	          0xecb8ad4703b360a1ULL}},
	};
	for (size_t i = 0; i < ARRAY_LEN(kat); i++) {
		struct rng r;
		rng_seed(&r, kat[i].seed);
		for (int k = 0; k < 4; k++)
			assert_true(rng_next(&r) == kat[i].out[k]);
	}
}

static void test_same_seed_same_sequence(void **state)
{
	struct rng a, b, c;
	rng_seed(&a, 20261128);
	rng_seed(&b, 20261128);
	rng_seed(&c, 20261129);
	int differ = 0;
	for (int i = 0; i < 1000; i++) {
		uint64_t x = rng_next(&a);
		assert_true(x == rng_next(&b));
		differ += x != rng_next(&c);
	}
	assert_true(differ > 990);
	/* re-seeding restarts the sequence */
	rng_seed(&a, 7);
	uint64_t first = rng_next(&a);
	rng_seed(&a, 7);
	assert_true(rng_next(&a) == first);
}

static void test_below_and_range_bounds(void **state)
{
	struct rng r;
	rng_seed(&r, 1);
	for (int i = 0; i < 10000; i++) {
		assert_true(rng_below(&r, 1) == 0);
		assert_true(rng_below(&r, 7) < 7);
		assert_true(rng_below(&r, UINT64_MAX) < UINT64_MAX);
		int64_t v = rng_range(&r, -3, 3);
		assert_true(v >= -3 && v <= 3);
		assert_true(rng_range(&r, 5, 5) == 5);
		double d = rng_double(&r);
		assert_true(d >= 0.0 && d < 1.0);
	}
	/* both ends of a small range are reached */
	bool lo = false, hi = false;
	for (int i = 0; i < 1000; i++) {
		int64_t v = rng_range(&r, 10, 12);
		lo |= v == 10;
		hi |= v == 12;
	}
	assert_true(lo && hi);
}

static void test_range_extremes(void **state)
{
	struct rng r;
	rng_seed(&r, 99);
	bool neg = false, pos = false;
	for (int i = 0; i < 1000; i++) {
		int64_t v = rng_range(&r, INT64_MIN, INT64_MAX);
		neg |= v < 0;
		pos |= v > 0;
		v = rng_range(&r, INT64_MIN, 0);
		assert_true(v <= 0);
		v = rng_range(&r, -1, INT64_MAX);
		assert_true(v >= -1);
		v = rng_range(&r, INT64_MAX - 1, INT64_MAX);
		assert_true(v >= INT64_MAX - 1);
		v = rng_range(&r, INT64_MIN, INT64_MIN + 1);
		assert_true(v <= INT64_MIN + 1);
	}
	assert_true(neg && pos);
}

/* Chi-squared over 10 buckets, 100,000 draws: 9 degrees of freedom, 27.9 is the 0.1%
 * critical value. The seed is fixed, so this is deterministic. */
static void test_rough_uniformity(void **state)
{
	struct rng r;
	rng_seed(&r, 12345);
	long counts[10] = {0}, dcounts[10] = {0};
	const long n = 100000;
	for (long i = 0; i < n; i++) {
		counts[rng_below(&r, 10)]++;
		dcounts[(int)(rng_double(&r) * 10)]++;
	}
	double chi = 0, dchi = 0, e = (double)n / 10;
	for (int k = 0; k < 10; k++) {
		chi += (counts[k] - e) * (counts[k] - e) / e;
		dchi += (dcounts[k] - e) * (dcounts[k] - e) / e;
	}
	assert_true(chi < 27.9);
	assert_true(dchi < 27.9);
	/* rng_chance hits its probability within a few per cent */
	long hits = 0;
	for (long i = 0; i < n; i++)
		hits += rng_chance(&r, 0.3);
	assert_true(hits > 29000 && hits < 31000);
	for (int i = 0; i < 100; i++) {
		assert_false(rng_chance(&r, 0.0));
		assert_true(rng_chance(&r, 1.0));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_known_outputs),
	        cmocka_unit_test(test_same_seed_same_sequence),
	        cmocka_unit_test(test_below_and_range_bounds),
	        cmocka_unit_test(test_range_extremes),
	        cmocka_unit_test(test_rough_uniformity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

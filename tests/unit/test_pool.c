/* test_pool.c: the contract of util/pool.h: budgets, large allocations, alignment,
 * zeroed memory and the string helpers. */
#include <setjmp.h>
#include <cmocka.h>
#include <stdalign.h>

#include "util/pool.h"

static void test_small_allocations_are_aligned_and_zeroed(void **state)
{
	struct pool *p = pool_new(1 << 20);
	assert_non_null(p);
	for (size_t n = 0; n < 300; n++) {
		unsigned char *m = pool_alloc(p, n);
		assert_non_null(m);
		assert_int_equal((uintptr_t)m % alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(m[i], 0);
		memset(m, 0xAB, n); /* must not disturb later allocations */
	}
	pool_free(p);
}

static void test_allocations_do_not_overlap(void **state)
{
	struct pool *p = pool_new(1 << 20);
	unsigned char *ptrs[64];
	size_t sizes[64];
	for (int i = 0; i < 64; i++) {
		sizes[i] = (size_t)(i * 37 % 3000) + 1; /* mixes small and large */
		ptrs[i] = pool_alloc(p, sizes[i]);
		assert_non_null(ptrs[i]);
		memset(ptrs[i], i, sizes[i]);
	}
	for (int i = 0; i < 64; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			assert_int_equal(ptrs[i][k], i);
	pool_free(p);
}

static void test_large_allocation_gets_own_block(void **state)
{
	struct pool *p = pool_new(1 << 22);
	char *a = pool_alloc(p, 10);
	char *big = pool_alloc(p, 100000);
	char *b = pool_alloc(p, 10);
	assert_non_null(a);
	assert_non_null(big);
	assert_non_null(b);
	assert_int_equal((uintptr_t)big % alignof(max_align_t), 0);
	for (size_t i = 0; i < 100000; i++)
		assert_int_equal(big[i], 0);
	memset(big, 'x', 100000);
	/* the small block stays current: b follows a in the same block */
	assert_true(b > a && b - a < 8192);
	assert_true(pool_used(p) >= 100000 + 20);
	pool_free(p);
}

static void test_budget_refuses_and_pool_stays_usable(void **state)
{
	struct pool *p = pool_new(64 * 1024);
	assert_null(pool_alloc(p, 65 * 1024));
	assert_null(pool_alloc(p, SIZE_MAX));
	assert_null(pool_alloc(p, SIZE_MAX - 3));
	size_t total = 0;
	while (pool_alloc(p, 1000))
		total += 1000;
	assert_true(total > 50 * 1024);
	assert_true(pool_used(p) <= 64 * 1024);
	/* a refusal leaves the pool intact */
	assert_null(pool_alloc(p, 1000));
	pool_free(p);
}

static void test_used_never_exceeds_budget(void **state)
{
	/* sizes that fill the budget with one large block plus its header */
	for (size_t budget = 4096; budget < 40000; budget += 1531) {
		struct pool *p = pool_new(budget);
		for (size_t n = 1; n < budget; n = n * 3 + 7) {
			void *m = pool_alloc(p, n);
			assert_true(pool_used(p) <= budget);
			if (!m)
				break;
		}
		assert_true(pool_used(p) <= budget);
		pool_free(p);
	}
	/* one allocation of exactly the budget leaves no room for its block header */
	struct pool *p = pool_new(10000);
	void *m = pool_alloc(p, 9984);
	assert_null(m);
	assert_true(pool_used(p) <= 10000);
	assert_non_null(pool_alloc(p, 9000));
	assert_true(pool_used(p) <= 10000);
	pool_free(p);
}

static void test_small_budget_still_allocates(void **state)
{
	/* a budget smaller than the block size must still serve small requests */
	struct pool *p = pool_new(1024);
	char *s = pool_alloc(p, 16);
	assert_non_null(s);
	assert_true(pool_used(p) <= 1024);
	assert_null(pool_alloc(p, 2000));
	pool_free(p);
}

static void test_zero_budget_refuses_everything(void **state)
{
	struct pool *p = pool_new(0);
	assert_null(pool_alloc(p, 0));
	assert_null(pool_alloc(p, 1));
	assert_int_equal(pool_used(p), 0);
	pool_free(p);
}

static void test_calloc_overflow_refused(void **state)
{
	struct pool *p = pool_new(1 << 20);
	assert_null(pool_calloc(p, SIZE_MAX / 2, 4));
	assert_null(pool_calloc(p, (SIZE_MAX >> 8) + 1, 256));
	int *v = pool_calloc(p, 100, sizeof(int));
	assert_non_null(v);
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], 0);
	assert_non_null(pool_calloc(p, 0, 8));
	pool_free(p);
}

static void test_strdup_and_strndup(void **state)
{
	struct pool *p = pool_new(1 << 16);
	const char *src = "Synthetic Example";
	char *d = pool_strdup(p, src);
	assert_string_equal(d, src);
	assert_ptr_not_equal(d, src);
	assert_string_equal(pool_strdup(p, ""), "");
	assert_string_equal(pool_strndup(p, src, 9), "Synthetic");
	assert_string_equal(pool_strndup(p, src, 0), "");
	/* like strndup, stops at the terminator of a shorter string */
	char shortbuf[4] = "abc";
	assert_string_equal(pool_strndup(p, shortbuf, 100), "abc");
	pool_free(p);
}

static void test_printf(void **state)
{
	struct pool *p = pool_new(1 << 16);
	assert_string_equal(pool_printf(p, "%s-%d-%05.1f", "ab", -42, 3.25), "ab--42-003.2");
	assert_string_equal(pool_printf(p, "%s", ""), "");
	char *longer = pool_printf(p, "%5000d", 7);
	assert_non_null(longer);
	assert_int_equal(strlen(longer), 5000);
	assert_null(pool_printf(p, "%70000d", 7)); /* over budget */
	pool_free(p);
}

static void test_free_null_is_harmless(void **state)
{
	pool_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_small_allocations_are_aligned_and_zeroed),
	        cmocka_unit_test(test_allocations_do_not_overlap),
	        cmocka_unit_test(test_large_allocation_gets_own_block),
	        cmocka_unit_test(test_budget_refuses_and_pool_stays_usable),
	        cmocka_unit_test(test_used_never_exceeds_budget),
	        cmocka_unit_test(test_small_budget_still_allocates),
	        cmocka_unit_test(test_zero_budget_refuses_everything),
	        cmocka_unit_test(test_calloc_overflow_refused),
	        cmocka_unit_test(test_strdup_and_strndup),
	        cmocka_unit_test(test_printf),
	        cmocka_unit_test(test_free_null_is_harmless),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_web_ratelimit.c: token buckets: burst, refill, independent keys, reset, eviction,
 * and several threads at once. */
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>

#include "web/ratelimit.h"

static void test_burst_then_refill(void **state)
{
	struct ratelimit *rl = ratelimit_new(3, 6, 100); /* 3 at once, one per 10 s */
	int64_t t = 1000;
	assert_true(ratelimit_take(rl, "acct:a", t));
	assert_true(ratelimit_take(rl, "acct:a", t));
	assert_true(ratelimit_take(rl, "acct:a", t));
	assert_false(ratelimit_take(rl, "acct:a", t));
	assert_false(ratelimit_peek(rl, "acct:a", t));
	assert_true(ratelimit_retry_after(rl, "acct:a", t) > 0);
	assert_true(ratelimit_take(rl, "acct:b", t)); /* keys are independent */
	assert_false(ratelimit_take(rl, "acct:a", t + 9000));
	assert_true(ratelimit_take(rl, "acct:a", t + 19000));
	assert_false(ratelimit_take(rl, "acct:a", t + 19000));
	/* Refill never exceeds the burst. */
	t += 10 * 60 * 1000;
	for (int i = 0; i < 3; i++)
		assert_true(ratelimit_take(rl, "acct:a", t));
	assert_false(ratelimit_take(rl, "acct:a", t));
	ratelimit_reset(rl, "acct:a");
	assert_true(ratelimit_peek(rl, "acct:a", t));
	assert_int_equal(ratelimit_retry_after(rl, "acct:a", t), 0);
	ratelimit_free(rl);
}

static void test_table_bounded(void **state)
{
	struct ratelimit *rl = ratelimit_new(2, 1, 50);
	char key[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "addr:%d", i);
		assert_true(ratelimit_take(rl, key, 1000 + i));
	}
	/* A recently limited key survives eviction of older ones. */
	assert_true(ratelimit_take(rl, "hot", 5000));
	assert_true(ratelimit_take(rl, "hot", 5000));
	assert_false(ratelimit_take(rl, "hot", 5000));
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "new:%d", i);
		ratelimit_take(rl, key, 5001);
	}
	assert_false(ratelimit_take(rl, "hot", 5002));
	ratelimit_free(rl);
	assert_null(ratelimit_new(0, 1, 10));
}

static void *hammer(void *arg)
{
	struct ratelimit *rl = arg;
	long ok = 0;
	for (int i = 0; i < 1000; i++)
		ok += ratelimit_take(rl, "shared", 1000);
	return (void *)ok;
}

static void test_threads(void **state)
{
	struct ratelimit *rl = ratelimit_new(100, 1, 10);
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer, rl);
	long total = 0;
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(th[i], &r);
		total += (long)r;
	}
	assert_int_equal(total, 100); /* exactly the burst, no more */
	ratelimit_free(rl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_burst_then_refill),
	        cmocka_unit_test(test_table_bounded),
	        cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_web_form.c: urlencoded parsing: decoding, repeats, caps and bad encodings. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/form.h"
#include "web/request.h"

static int parse(struct pool *p, const char *s, struct form *f)
{
	return form_parse(p, s, strlen(s), NULL, f, NULL);
}

static void test_basic_and_decoding(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct form f;
	assert_int_equal(parse(p, "username=a.user&password=p%40ss+word%21&empty=&flag", &f), 0);
	assert_int_equal(f.n, 4);
	assert_string_equal(form_get(&f, "username"), "a.user");
	assert_string_equal(form_get(&f, "password"), "p@ss word!");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_null(form_get(&f, "missing"));
	assert_int_equal(parse(p, "", &f), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(parse(p, "a=1&&b=2&", &f), 0);
	assert_int_equal(f.n, 2);
	assert_int_equal(parse(p, "plus=%2B1&u=caf%C3%A9", &f), 0);
	assert_string_equal(form_get(&f, "plus"), "+1");
	assert_string_equal(form_get(&f, "u"), "caf\xc3\xa9");
	pool_free(p);
}

static void test_multiple_values(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct form f;
	assert_int_equal(parse(p, "sign=S&x=1&sign=A&sign=F", &f), 0);
	const char *v[2];
	assert_int_equal(form_get_all(&f, "sign", v, 2), 3);
	assert_string_equal(v[0], "S");
	assert_string_equal(v[1], "A");
	assert_string_equal(form_get(&f, "sign"), "S");
	pool_free(p);
}

static void test_bad_encodings_refused(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct form f;
	const char *err = NULL;
	const char *bad[] = {"a=%",         "a=%4", "a=%G1", "a=%00", "a=%ff", "a=%c3%28",
	                     "a=%ed%a0%80", "=v",   "%0a=v", "a=%01", "a=%7f", "a=%C0%AF"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err = NULL;
		assert_int_equal(form_parse(p, bad[i], strlen(bad[i]), NULL, &f, &err), -1);
		assert_non_null(err);
		assert_null(strstr(err, bad[i])); /* never echoes input */
	}
	/* Newlines and tabs are allowed in values (textareas). */
	assert_int_equal(parse(p, "notes=line1%0D%0Aline2%09x", &f), 0);
	pool_free(p);
}

static void test_caps(void **state)
{
	struct pool *p = pool_new(8 << 20);
	struct form f;
	struct form_limits lim = {.max_total = 100, .max_fields = 3, .max_name = 4, .max_value = 5};
	assert_int_equal(form_parse(p, "a=1&b=2&c=3", 11, &lim, &f, NULL), 0);
	assert_int_equal(form_parse(p, "a=1&b=2&c=3&d=4", 15, &lim, &f, NULL), -1);
	assert_int_equal(form_parse(p, "abcde=1", 7, &lim, &f, NULL), -1);
	assert_int_equal(form_parse(p, "a=123456", 8, &lim, &f, NULL), -1);
	assert_int_equal(form_parse(p, "a=%41%41%41%41%41", 17, &lim, &f, NULL), 0); /* 5 decoded */
	char big[200];
	memset(big, 'a', sizeof big);
	assert_int_equal(form_parse(p, big, sizeof big, &lim, &f, NULL), -1);
	/* Default limits: 64 KiB total. */
	size_t n = (64 << 10) + 1;
	char *huge = malloc(n);
	memset(huge, 'x', n);
	huge[0] = 'a';
	huge[1] = '=';
	assert_int_equal(form_parse(p, huge, n, NULL, &f, NULL), -1);
	free(huge);
	pool_free(p);
}

static void test_url_decode(void **state)
{
	struct pool *p = pool_new(1 << 16);
	size_t n;
	assert_string_equal(url_decode(p, "a+b%20c", 7, true, &n), "a b c");
	assert_int_equal(n, 5);
	assert_string_equal(url_decode(p, "a+b", 3, false, NULL), "a+b");
	assert_null(url_decode(p, "%", 1, false, NULL));
	assert_null(url_decode(p, "ab%2", 4, false, NULL));
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_basic_and_decoding),
	        cmocka_unit_test(test_multiple_values),
	        cmocka_unit_test(test_bad_encodings_refused),
	        cmocka_unit_test(test_caps),
	        cmocka_unit_test(test_url_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

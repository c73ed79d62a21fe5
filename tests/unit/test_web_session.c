/* test_web_session.c: tokens, their hashes, the session cookie, cookie parsing, CSRF
 * token comparison and the Origin / Sec-Fetch-Site check. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/csrf.h"
#include "web/session.h"

static void test_tokens_random_and_wellformed(void **state)
{
	char a[SESSION_TOKEN_LEN + 1], b[SESSION_TOKEN_LEN + 1];
	assert_int_equal(session_token_new(a), 0);
	assert_int_equal(session_token_new(b), 0);
	assert_int_equal(strlen(a), SESSION_TOKEN_LEN);
	assert_string_not_equal(a, b);
	assert_true(session_token_wellformed(a));
	assert_false(session_token_wellformed("short"));
	assert_false(session_token_wellformed(NULL));
	char bad[SESSION_TOKEN_LEN + 1];
	memcpy(bad, a, sizeof bad);
	bad[3] = '=';
	assert_false(session_token_wellformed(bad));
	char longer[SESSION_TOKEN_LEN + 2];
	snprintf(longer, sizeof longer, "%sA", a);
	assert_false(session_token_wellformed(longer));
}

static void test_hash_is_stable_hex_and_not_the_token(void **state)
{
	char h1[SESSION_HASH_HEX + 1], h2[SESSION_HASH_HEX + 1];
	session_token_hash("abc", h1);
	session_token_hash("abc", h2);
	assert_string_equal(h1, h2);
	assert_int_equal(strlen(h1), 64);
	/* BLAKE2b-256("abc") */
	assert_string_equal(h1, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
	session_token_hash("abd", h2);
	assert_string_not_equal(h1, h2);
}

static void test_cookie_format(void **state)
{
	char c[256];
	assert_int_equal(session_cookie_format(c, sizeof c, "TOK", true, 0), 0);
	assert_string_equal(c, "__Host-lantern=TOK; Path=/; Secure; HttpOnly; SameSite=Strict");
	assert_int_equal(session_cookie_format(c, sizeof c, "TOK", false, 3600), 0);
	assert_string_equal(c, "lantern=TOK; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
	assert_int_equal(session_cookie_format(c, sizeof c, NULL, true, 0), 0);
	assert_string_equal(c, "__Host-lantern=; Path=/; Secure; HttpOnly; SameSite=Strict; "
	                       "Max-Age=0");
	assert_int_equal(session_cookie_format(c, 10, "TOK", true, 0), -1);
}

static void test_cookie_parse(void **state)
{
	struct pool *p = pool_new(1 << 16);
	struct kv kv[4];
	int n = cookie_parse(p, "a=1; __Host-lantern=\"tok\" ;b = two ; noval; =x; c=", kv, 4);
	assert_int_equal(n, 4);
	assert_string_equal(kv[0].name, "a");
	assert_string_equal(kv[0].value, "1");
	assert_string_equal(kv[1].name, "__Host-lantern");
	assert_string_equal(kv[1].value, "tok");
	assert_string_equal(kv[2].name, "b");
	assert_string_equal(kv[2].value, "two");
	assert_string_equal(kv[3].name, "c");
	assert_string_equal(kv[3].value, "");
	assert_int_equal(cookie_parse(p, "", kv, 4), 0);
	assert_int_equal(cookie_parse(p, ";;;  ;", kv, 4), 0);
	assert_int_equal(cookie_parse(p, "a=1;b=2;c=3;d=4;e=5;f=6", kv, 4), 4); /* capped */
	pool_free(p);
}

static void test_csrf_compare(void **state)
{
	assert_true(csrf_token_equal("abcdef", "abcdef"));
	assert_false(csrf_token_equal("abcdef", "abcdeg"));
	assert_false(csrf_token_equal("abcdef", "abcde"));
	assert_false(csrf_token_equal("abcdef", ""));
	assert_false(csrf_token_equal("", ""));
	assert_false(csrf_token_equal("abc", NULL));
	assert_false(csrf_token_equal(NULL, "abc"));
	assert_true(csrf_token_ok("tok", "tok"));
}

static bool origin_ok(const char *host, const char *origin, const char *site, bool tls)
{
	struct kv h[3];
	size_t n = 0;
	if (host)
		h[n++] = (struct kv){"Host", host};
	if (origin)
		h[n++] = (struct kv){"Origin", origin};
	if (site)
		h[n++] = (struct kv){"Sec-Fetch-Site", site};
	struct request r = {.headers = h, .nheaders = n};
	return csrf_origin_ok(&r, tls);
}

static void test_origin_check(void **state)
{
	assert_true(origin_ok("127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", false));
	assert_true(origin_ok("lantern.example", "https://lantern.example", NULL, true));
	assert_true(origin_ok("lantern.example", NULL, NULL, true)); /* non-browser client */
	assert_false(origin_ok("lantern.example", "https://evil.example", NULL, true));
	assert_false(origin_ok("lantern.example", "http://lantern.example", NULL, true));
	assert_false(origin_ok("lantern.example", "null", NULL, true));
	assert_false(origin_ok("lantern.example", NULL, "cross-site", true));
	assert_false(origin_ok("lantern.example", NULL, "same-site", true));
	assert_false(origin_ok(NULL, "https://lantern.example", NULL, true));
	assert_true(origin_ok("lantern.example", NULL, "none", true));
	/* With Referrer-Policy: no-referrer a browser's same-origin form post carries
	 * Origin: null; Sec-Fetch-Site decides. */
	assert_true(origin_ok("lantern.example", "null", "same-origin", true));
	assert_false(origin_ok("lantern.example", "https://lantern.example", "cross-site", true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_tokens_random_and_wellformed),
	        cmocka_unit_test(test_hash_is_stable_hex_and_not_the_token),
	        cmocka_unit_test(test_cookie_format),
	        cmocka_unit_test(test_cookie_parse),
	        cmocka_unit_test(test_csrf_compare),
	        cmocka_unit_test(test_origin_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

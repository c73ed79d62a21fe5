/* test_web_headers.c: security headers on responses, and problem+json bodies. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/headers.h"
#include "web/problem.h"

static void test_security_headers_on_pages(void **state)
{
	struct pool *p = pool_new(1 << 16);
	struct response r;
	response_init(&r, p);
	response_header(&r, "Cache-Control", "public"); /* a handler cannot weaken it */
	assert_int_equal(headers_apply(&r, false), 0);
	assert_string_equal(response_get_header(&r, "Content-Security-Policy"),
	                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src "
	                    "'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri "
	                    "'none'");
	assert_string_equal(response_get_header(&r, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(response_get_header(&r, "Referrer-Policy"), "no-referrer");
	assert_string_equal(response_get_header(&r, "X-Frame-Options"), "DENY");
	assert_string_equal(response_get_header(&r, "Cross-Origin-Opener-Policy"), "same-origin");
	assert_non_null(response_get_header(&r, "Permissions-Policy"));
	assert_string_equal(response_get_header(&r, "Cache-Control"), "no-store");
	assert_null(response_get_header(&r, "Strict-Transport-Security"));
	response_release(&r);
	pool_free(p);
}

static void test_static_cacheable_and_hsts_on_tls(void **state)
{
	struct pool *p = pool_new(1 << 16);
	struct response r;
	response_init(&r, p);
	r.cacheable = true;
	assert_int_equal(headers_apply(&r, true), 0);
	assert_string_equal(response_get_header(&r, "Cache-Control"), "public, max-age=86400");
	assert_non_null(
	        strstr(response_get_header(&r, "Strict-Transport-Security"), "max-age=31536000"));
	response_release(&r);
	pool_free(p);
}

static void test_header_injection_refused(void **state)
{
	struct pool *p = pool_new(1 << 16);
	struct response r;
	response_init(&r, p);
	assert_int_equal(response_header(&r, "X-A", "a\r\nSet-Cookie: x=1"), -1);
	assert_int_equal(response_redirect(&r, "//evil.example/"), -1);
	assert_int_equal(response_redirect(&r, "https://evil.example/"), -1);
	assert_int_equal(response_redirect(&r, "/home"), 0);
	assert_int_equal(r.status, 303);
	response_release(&r);
	pool_free(p);
}

static void test_problem_json(void **state)
{
	struct pool *p = pool_new(1 << 16);
	struct response r;
	response_init(&r, p);
	problem_respond(&r, PROBLEM_NOT_FOUND, NULL);
	assert_int_equal(r.status, 404);
	assert_string_equal(r.content_type, "application/problem+json");
	json_t *o = json_loads(buf_cstr(&r.body), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	                    "https://lantern.invalid/problems/not-found");
	assert_int_equal(json_integer_value(json_object_get(o, "status")), 404);
	assert_non_null(json_object_get(o, "title"));
	json_decref(o);

	struct field_errors e;
	fielderr_init(&e);
	fielderr_add(&e, "username", "is required");
	fielderr_add(&e, "username", "second error for same field is dropped");
	problem_validation(&r, &e);
	assert_int_equal(r.status, 422);
	o = json_loads(buf_cstr(&r.body), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	                    "https://lantern.invalid/problems/validation");
	json_t *errs = json_object_get(o, "errors");
	assert_int_equal(json_array_size(errs), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 0), "field")),
	                    "username");
	json_decref(o);

	problem_rule(&r, "R-CAT-4", "category", "a contact category 2 case goes to the SET");
	assert_int_equal(r.status, 422);
	o = json_loads(buf_cstr(&r.body), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(o, "rule")), "R-CAT-4");
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	                    "https://lantern.invalid/problems/protocol-rule");
	json_decref(o);
	response_release(&r);
	pool_free(p);
}

static void test_every_problem_kind_has_slug_and_title(void **state)
{
	for (int k = 0; k < PROBLEM_KIND_COUNT; k++) {
		assert_true(problem_status((enum problem_kind)k) >= 400);
		assert_non_null(problem_slug((enum problem_kind)k));
		assert_non_null(problem_title((enum problem_kind)k));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_security_headers_on_pages),
	        cmocka_unit_test(test_static_cacheable_and_hsts_on_tls),
	        cmocka_unit_test(test_header_injection_refused),
	        cmocka_unit_test(test_problem_json),
	        cmocka_unit_test(test_every_problem_kind_has_slug_and_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

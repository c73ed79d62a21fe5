/* test_web_router.c: route matching, parameters, 404/405 and table validation. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/router.h"

static void h_a(struct request *req, struct response *resp)
{
}
static void h_b(struct request *req, struct response *resp)
{
}

static const struct route table[] = {
        {HTTP_GET, "/", h_a, ROUTE_PUBLIC, {0}},
        {HTTP_GET, "/records/new", h_a, 0, {0}},
        {HTTP_GET, "/records/{ref}", h_b, 0, {0}},
        {HTTP_GET, "/records/{ref}/timeline", h_a, 0, {0}},
        {HTTP_POST, "/records/{ref}/entries", h_b, 0, {0}},
        {HTTP_DELETE, "/api/v1/session", h_a, ROUTE_API, {0}},
        {HTTP_POST, "/api/v1/session", h_b, ROUTE_API, {0}},
        {HTTP_GET, "/static/{*path}", h_a, ROUTE_STATIC, {0}},
};

static struct request *mkreq(struct pool *p, enum http_method m, const char *path)
{
	struct request *r = pool_calloc(p, 1, sizeof(*r));
	r->pool = p;
	r->method = m;
	if (request_split_path(r, path) < 0)
		return NULL;
	return r;
}

static void test_literal_and_root(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct request *r = mkreq(p, HTTP_GET, "/");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	assert_ptr_equal(r->route, &table[0]);
	r = mkreq(p, HTTP_GET, "/records/new");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	assert_ptr_equal(r->route, &table[1]); /* literal listed first wins */
	pool_free(p);
}

static void test_params_extracted_and_decoded(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct request *r = mkreq(p, HTTP_GET, "/records/R-2026%2F7/timeline");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	assert_ptr_equal(r->route, &table[3]);
	assert_string_equal(request_param(r, "ref"), "R-2026/7");
	assert_null(request_param(r, "nope"));
	r = mkreq(p, HTTP_GET, "/records/R-1/");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	assert_string_equal(request_param(r, "ref"), "R-1");
	pool_free(p);
}

static void test_tail_param(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct request *r = mkreq(p, HTTP_GET, "/static/govuk/govuk-frontend.min.css");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	assert_string_equal(request_param(r, "path"), "govuk/govuk-frontend.min.css");
	r = mkreq(p, HTTP_GET, "/static");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_NOT_FOUND);
	pool_free(p);
}

static void test_param_length_capped(void **state)
{
	struct pool *p = pool_new(1 << 20);
	char path[400];
	memcpy(path, "/records/", 9);
	memset(path + 9, 'x', ROUTE_PARAM_MAX + 1);
	path[9 + ROUTE_PARAM_MAX + 1] = '\0';
	struct request *r = mkreq(p, HTTP_GET, path);
	assert_non_null(r);
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_NOT_FOUND);
	path[9 + ROUTE_PARAM_MAX] = '\0';
	r = mkreq(p, HTTP_GET, path);
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	pool_free(p);
}

static void test_not_found_and_method_not_allowed(void **state)
{
	struct pool *p = pool_new(1 << 20);
	char allow[64];
	struct request *r = mkreq(p, HTTP_GET, "/nowhere");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, allow, sizeof allow),
	                 ROUTER_NOT_FOUND);
	r = mkreq(p, HTTP_GET, "/api/v1/session");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, allow, sizeof allow),
	                 ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(allow, "POST, DELETE");
	r = mkreq(p, HTTP_PUT, "/records/R-1");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, allow, sizeof allow),
	                 ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(allow, "GET, HEAD");
	pool_free(p);
}

static void test_head_matches_get(void **state)
{
	struct pool *p = pool_new(1 << 20);
	struct request *r = mkreq(p, HTTP_HEAD, "/records/R-1");
	assert_int_equal(router_match(table, ARRAY_LEN(table), r, NULL, 0), ROUTER_MATCH);
	assert_ptr_equal(r->route, &table[2]);
	pool_free(p);
}

static void test_bad_paths_refused(void **state)
{
	struct pool *p = pool_new(1 << 20);
	assert_null(mkreq(p, HTTP_GET, "/records/%2e%2e"));
	assert_null(mkreq(p, HTTP_GET, "/a/../b"));
	assert_null(mkreq(p, HTTP_GET, "/a/%00"));
	assert_null(mkreq(p, HTTP_GET, "/a/%0a"));
	assert_null(mkreq(p, HTTP_GET, "/a/%zz"));
	assert_null(mkreq(p, HTTP_GET, "/a/%4"));
	assert_null(mkreq(p, HTTP_GET, "/a/%ff"));
	assert_null(mkreq(p, HTTP_GET, "relative"));
	assert_null(mkreq(p, HTTP_GET, "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17"));
	assert_non_null(mkreq(p, HTTP_GET, "/caf%C3%A9"));
	pool_free(p);
}

static void test_validate_table(void **state)
{
	char err[200];
	assert_int_equal(router_validate(table, ARRAY_LEN(table), err, sizeof err), 0);
	const struct route dup[] = {{HTTP_GET, "/a", h_a, 0, {0}}, {HTTP_GET, "/a", h_b, 0, {0}}};
	assert_int_equal(router_validate(dup, 2, err, sizeof err), -1);
	const struct route bad1[] = {{HTTP_GET, "a", h_a, 0, {0}}};
	assert_int_equal(router_validate(bad1, 1, err, sizeof err), -1);
	const struct route bad2[] = {{HTTP_GET, "/a/{}", h_a, 0, {0}}};
	assert_int_equal(router_validate(bad2, 1, err, sizeof err), -1);
	const struct route bad3[] = {{HTTP_GET, "/a/{*t}/b", h_a, 0, {0}}};
	assert_int_equal(router_validate(bad3, 1, err, sizeof err), -1);
	const struct route bad4[] = {{HTTP_GET, "/a", NULL, 0, {0}}};
	assert_int_equal(router_validate(bad4, 1, err, sizeof err), -1);
}

/* A use case for the tables below (never called). */
static int uc_x(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                struct app_err *err)
{
	return APP_FAILED;
}

/* A route that names a use case names a parameter of its pattern, a success status and
 * a query only when it reads one. */
static void test_validate_use_case_routes(void **state)
{
	char err[200];
	static const struct route_query q = {NULL, NULL, NULL, 0, 0};
	const struct route good[] = {
	        {HTTP_GET, "/a/{id}", h_a, ROUTE_API, {uc_x, "id", ROUTE_IN_NONE, 200, NULL, NULL}},
	        {HTTP_POST, "/a", h_a, ROUTE_API, {uc_x, NULL, ROUTE_IN_BODY, 201, NULL, NULL}},
	        {HTTP_GET, "/a", h_a, ROUTE_API, {uc_x, NULL, ROUTE_IN_QUERY, 200, &q, "list"}},
	        {HTTP_DELETE,
	         "/a/{id}",
	         h_a,
	         ROUTE_API,
	         {uc_x, "id", ROUTE_IN_NONE, 204, NULL, NULL}},
	};
	assert_int_equal(router_validate(good, ARRAY_LEN(good), err, sizeof err), 0);
	const struct route param[] = {{HTTP_GET,
	                               "/a/{id}",
	                               h_a,
	                               ROUTE_API,
	                               {uc_x, "ref", ROUTE_IN_NONE, 200, NULL, NULL}}};
	assert_int_equal(router_validate(param, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "parameter"));
	const struct route status[] = {
	        {HTTP_GET, "/a", h_a, ROUTE_API, {uc_x, NULL, ROUTE_IN_NONE, 0, NULL, NULL}}};
	assert_int_equal(router_validate(status, 1, err, sizeof err), -1);
	const struct route query[] = {
	        {HTTP_GET, "/a", h_a, ROUTE_API, {uc_x, NULL, ROUTE_IN_BODY, 200, &q, NULL}}};
	assert_int_equal(router_validate(query, 1, err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_literal_and_root),
	        cmocka_unit_test(test_params_extracted_and_decoded),
	        cmocka_unit_test(test_tail_param),
	        cmocka_unit_test(test_param_length_capped),
	        cmocka_unit_test(test_not_found_and_method_not_allowed),
	        cmocka_unit_test(test_head_matches_get),
	        cmocka_unit_test(test_bad_paths_refused),
	        cmocka_unit_test(test_validate_table),
	        cmocka_unit_test(test_validate_use_case_routes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

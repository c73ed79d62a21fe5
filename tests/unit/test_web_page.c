/* test_web_page.c: mapping app/ use-case errors to problem+json and error pages, and
 * form error data for the error summary. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/page.h"
#include "web/router.h"

static void noop(struct request *req, struct response *resp)
{
}

static const struct route api_route = {HTTP_POST, "/api/v1/things", noop, ROUTE_API};

static json_t *run(const struct app_err *err, int *status)
{
	struct pool *p = pool_new(1 << 20);
	struct request req = {.pool = p, .route = &api_route};
	struct response resp;
	response_init(&resp, p);
	page_app_error(&req, &resp, err);
	*status = resp.status;
	assert_string_equal(resp.content_type, "application/problem+json");
	json_t *o = json_loads(buf_cstr(&resp.body), 0, NULL);
	response_release(&resp);
	pool_free(p);
	return o;
}

static void test_app_errors_map_to_problems(void **state)
{
	struct app_err err = {0};
	int status;
	app_fail(&err, APP_NOT_FOUND, NULL, "No such record.");
	json_t *o = run(&err, &status);
	assert_int_equal(status, 404);
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	                    "https://lantern.invalid/problems/not-found");
	json_decref(o);

	memset(&err, 0, sizeof err);
	app_fail(&err, APP_FORBIDDEN, NULL, "Not allowed.");
	o = run(&err, &status);
	assert_int_equal(status, 403);
	json_decref(o);

	memset(&err, 0, sizeof err);
	app_fail(&err, APP_CONFLICT, NULL, "Changed.");
	o = run(&err, &status);
	assert_int_equal(status, 409);
	json_decref(o);

	memset(&err, 0, sizeof err);
	app_fail(&err, APP_FAILED, NULL, "database said something internal");
	o = run(&err, &status);
	assert_int_equal(status, 500);
	assert_null(json_object_get(o, "detail")); /* nothing internal disclosed */
	json_decref(o);
}

static void test_field_errors_and_rules(void **state)
{
	struct app_err err = {0};
	int status;
	app_field_error(&err, "date_of_birth", "Enter a real date.");
	app_field_error(&err, "family_name", "Enter a family name.");
	json_t *o = run(&err, &status);
	assert_int_equal(status, 422);
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	                    "https://lantern.invalid/problems/validation");
	assert_int_equal(json_array_size(json_object_get(o, "errors")), 2);
	json_decref(o);

	memset(&err, 0, sizeof err);
	app_fail(&err, APP_INVALID, "R-CAT-4", "A contact category 2 case goes to the SET.");
	o = run(&err, &status);
	assert_int_equal(status, 422);
	assert_string_equal(json_string_value(json_object_get(o, "type")),
	                    "https://lantern.invalid/problems/protocol-rule");
	assert_string_equal(json_string_value(json_object_get(o, "rule")), "R-CAT-4");
	json_decref(o);
}

static void test_form_error_data(void **state)
{
	struct app_err err = {0};
	app_field_error(&err, "username", "Enter a username.");
	json_t *d = json_object();
	page_add_app_errors(d, &err);
	assert_true(json_is_true(json_object_get(d, "has_errors")));
	assert_string_equal(json_string_value(json_object_get(d, "username_error")),
	                    "Enter a username.");
	json_decref(d);
	struct app_err general = {0};
	app_fail(&general, APP_INVALID, NULL, "Something about the whole form.");
	d = json_object();
	page_add_app_errors(d, &general);
	assert_int_equal(json_array_size(json_object_get(d, "errors")), 1);
	json_decref(d);
	assert_int_equal(page_app_status(APP_OK), 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_app_errors_map_to_problems),
	        cmocka_unit_test(test_field_errors_and_rules),
	        cmocka_unit_test(test_form_error_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

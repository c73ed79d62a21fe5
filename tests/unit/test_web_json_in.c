/* test_web_json_in.c: JSON body caps and typed getters with field errors. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/json_in.h"

static json_t *parse(const char *s, const char **err)
{
	return json_in_parse(s, strlen(s), 0, 0, err);
}

static void test_valid_object(void **state)
{
	const char *err = NULL;
	json_t *o = parse("{\"username\":\"a.user\",\"n\":3,\"ok\":true,\"list\":[1,2]}", &err);
	assert_non_null(o);
	struct field_errors e;
	fielderr_init(&e);
	assert_string_equal(json_in_string(o, "username", true, 64, false, &e), "a.user");
	int64_t n = 0;
	assert_int_equal(json_in_int(o, "n", true, 0, 10, &n, &e), 0);
	assert_int_equal(n, 3);
	bool b = false;
	assert_int_equal(json_in_bool(o, "ok", true, &b, &e), 0);
	assert_true(b);
	assert_non_null(json_in_array(o, "list", true, 5, &e));
	assert_int_equal(json_in_int(o, "absent", false, 0, 10, &n, &e), 1);
	assert_null(json_in_string(o, "absent", false, 10, false, &e));
	assert_int_equal(e.n, 0);
	const char *allowed[] = {"username", "n", "ok", "list", NULL};
	assert_int_equal(json_in_only(o, allowed, &e), 0);
	json_decref(o);
}

static void test_refusals(void **state)
{
	const char *err;
	const char *bad[] = {
	        "",
	        "[1,2]",
	        "\"str\"",
	        "{\"a\":1,\"a\":2}",
	        "{\"a\":",
	        "{\"a\":\"\\u0000\"}",
	        "{\"a\":\"\xff\"}",
	        "{'a':1}",
	        "{\"a\":1} trailing",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err = NULL;
		assert_null(json_in_parse(bad[i], strlen(bad[i]), 0, 0, &err));
		assert_non_null(err);
	}
	err = NULL;
	assert_null(parse("{\"a\":1,\"a\":2}", &err));
	assert_string_equal(err, "the JSON has a duplicate key");
}

static void test_depth_and_size_caps(void **state)
{
	char deep[200];
	size_t n = 0;
	deep[n++] = '{';
	deep[n++] = '"';
	deep[n++] = 'a';
	deep[n++] = '"';
	deep[n++] = ':';
	for (int i = 0; i < 20; i++)
		deep[n++] = '[';
	for (int i = 0; i < 20; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	const char *err = NULL;
	assert_null(json_in_parse(deep, n, 0, 0, &err));
	assert_string_equal(err, "the JSON is nested too deeply");
	json_t *o = json_in_parse(deep, n, 0, 32, &err);
	assert_non_null(o);
	json_decref(o);
	/* Brackets inside strings do not count. */
	o = parse("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[[[\"}", &err);
	assert_non_null(o);
	json_decref(o);
	assert_null(json_in_parse("{\"a\":1}", 7, 6, 0, &err));
	assert_string_equal(err, "the request body is too large");
}

static void test_wrong_types_give_field_errors(void **state)
{
	json_t *o =
	        parse("{\"s\":1,\"i\":\"x\",\"r\":1.5,\"b\":\"true\",\"a\":{},\"long\":\"abcdef\","
	              "\"blank\":\"  \",\"ctl\":\"a\\u0001b\",\"big\":99,\"nl\":\"a\\nb\"}",
	              NULL);
	assert_non_null(o);
	struct field_errors e;
	fielderr_init(&e);
	int64_t n;
	bool b;
	assert_null(json_in_string(o, "s", true, 10, false, &e));
	assert_int_equal(json_in_int(o, "i", true, 0, 10, &n, &e), -1);
	assert_int_equal(json_in_int(o, "r", true, 0, 10, &n, &e), -1);
	assert_int_equal(json_in_bool(o, "b", true, &b, &e), -1);
	assert_null(json_in_array(o, "a", true, 10, &e));
	assert_null(json_in_string(o, "long", true, 5, false, &e));
	assert_null(json_in_string(o, "blank", true, 5, false, &e));
	assert_null(json_in_string(o, "ctl", true, 5, true, &e));
	assert_int_equal(json_in_int(o, "big", true, 0, 10, &n, &e), -1);
	assert_null(json_in_string(o, "nl", true, 5, false, &e));
	assert_non_null(json_in_string(o, "nl", true, 5, true, &e)); /* multiline allows it */
	assert_null(json_in_string(o, "missing", true, 5, false, &e));
	assert_string_equal(fielderr_get(&e, "s"), "must be a string");
	assert_string_equal(fielderr_get(&e, "i"), "must be a whole number");
	assert_string_equal(fielderr_get(&e, "r"), "must be a whole number");
	assert_string_equal(fielderr_get(&e, "b"), "must be true or false");
	assert_string_equal(fielderr_get(&e, "a"), "must be an array");
	assert_string_equal(fielderr_get(&e, "long"), "is too long");
	assert_string_equal(fielderr_get(&e, "blank"), "must not be empty");
	assert_string_equal(fielderr_get(&e, "ctl"), "contains characters that are not allowed");
	assert_string_equal(fielderr_get(&e, "big"), "is out of range");
	assert_string_equal(fielderr_get(&e, "missing"), "is required");
	const char *allowed[] = {"s", NULL};
	assert_int_equal(json_in_only(o, allowed, &e), 9);
	assert_non_null(fielderr_get(&e, "(unknown field)"));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_valid_object),
	        cmocka_unit_test(test_refusals),
	        cmocka_unit_test(test_depth_and_size_caps),
	        cmocka_unit_test(test_wrong_types_give_field_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_cli_options.c: the one option parser of the `lantern` command (cli/options.h):
 * both forms of a value, options among positional arguments, "--", unknown options in
 * either mode, missing and unwanted values, numbers out of range, the JSON kinds and
 * invalid UTF-8, and settings of the configuration as flags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

#include "cli/cli.h"
#include "cli/options.h"

#define MAXARGS 16

/* A writable argv of the NULL-terminated words, with its count in *argc. */
struct args {
	char *v[MAXARGS + 1];
	char text[MAXARGS][64];
};

static char **args(struct args *a, int *argc, const char *const *words)
{
	int n = 0;
	for (; words[n] && n < MAXARGS; n++) {
		snprintf(a->text[n], sizeof a->text[n], "%s", words[n]);
		a->v[n] = a->text[n];
	}
	a->v[n] = NULL;
	*argc = n;
	return a->v;
}

static void test_values_flags_and_positionals(void **state)
{
	(void)state;
	struct args a;
	int argc;
	static const char *const w[] = {"cmd",   "first",  "--name",    "Ann",
	                                "--yes", "second", "--at=noon", NULL};
	char **argv = args(&a, &argc, w);
	const char *name = NULL, *at = NULL;
	bool yes = false, no = false;
	const struct cli_opt opts[] = {CLI_STRING("--name", &name), CLI_STRING("--at", &at),
	                               CLI_FLAG("--yes", &yes), CLI_FLAG("--no", &no)};
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT), 0);
	assert_int_equal(argc, 3);
	assert_string_equal(argv[1], "first");
	assert_string_equal(argv[2], "second");
	assert_null(argv[3]);
	assert_string_equal(name, "Ann");
	assert_string_equal(at, "noon");
	assert_true(yes);
	assert_false(no);
}

static void test_double_dash_ends_options(void **state)
{
	(void)state;
	struct args a;
	int argc;
	static const char *const w[] = {"cmd", "--name", "x", "--", "--name", "-", NULL};
	const char *name = NULL;
	const struct cli_opt opts[] = {CLI_STRING("--name", &name)};
	char **argv = args(&a, &argc, w);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 1, CLI_PARSE_STRICT), 0);
	assert_int_equal(argc, 3); /* "--" dropped */
	assert_string_equal(argv[1], "--name");
	assert_string_equal(argv[2], "-");
	assert_string_equal(name, "x");
	argv = args(&a, &argc, w);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 1, CLI_PARSE_KEEP), 0);
	assert_int_equal(argc, 4); /* kept for the next parse */
	assert_string_equal(argv[1], "--");
}

static void test_unknown_missing_and_unwanted(void **state)
{
	(void)state;
	struct args a;
	int argc;
	bool yes = false;
	const char *name = NULL;
	const struct cli_opt opts[] = {CLI_FLAG("--yes", &yes), CLI_STRING("--name", &name)};
	static const char *const unknown[] = {"cmd", "--bogus", "1", "--yes", NULL};
	char **argv = args(&a, &argc, unknown);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 2, CLI_PARSE_STRICT), CLI_USAGE);
	argv = args(&a, &argc, unknown);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 2, CLI_PARSE_KEEP), 0);
	assert_int_equal(argc, 3);
	assert_string_equal(argv[1], "--bogus");
	assert_string_equal(argv[2], "1");
	assert_true(yes);
	static const char *const missing[] = {"cmd", "--name", NULL};
	argv = args(&a, &argc, missing);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 2, CLI_PARSE_STRICT), CLI_USAGE);
	static const char *const unwanted[] = {"cmd", "--yes=please", NULL};
	argv = args(&a, &argc, unwanted);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 2, CLI_PARSE_STRICT), CLI_USAGE);
	static const char *const single[] = {"cmd", "-", "--", NULL};
	argv = args(&a, &argc, single);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 2, CLI_PARSE_STRICT), 0);
	assert_int_equal(argc, 2);
	assert_string_equal(argv[1], "-");
}

static void test_numbers_in_range(void **state)
{
	(void)state;
	struct args a;
	int argc;
	int64_t n = 7;
	const struct cli_opt opts[] = {CLI_INT("--n", &n, 1, 10, NULL)};
	static const char *const good[] = {"cmd", "--n", "10", NULL};
	char **argv = args(&a, &argc, good);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 1, CLI_PARSE_STRICT), 0);
	assert_int_equal(n, 10);
	static const char *const low[] = {"cmd", "--n=0", NULL};
	argv = args(&a, &argc, low);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 1, CLI_PARSE_STRICT), CLI_USAGE);
	static const char *const text[] = {"cmd", "--n", "ten", NULL};
	argv = args(&a, &argc, text);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, 1, CLI_PARSE_STRICT), CLI_USAGE);
	assert_int_equal(n, 10);
}

static void test_json_members(void **state)
{
	(void)state;
	struct args a;
	int argc;
	json_t *in = json_object();
	const struct cli_opt opts[] = {
	        CLI_JSON("--reason", in, "reason"),
	        CLI_JSON_INT("--category", in, "category", 1, 3, "1, 2 or 3"),
	        CLI_JSON_CONST("--contact", in, "contact", "contact"),
	        CLI_JSON_CONST("--online", in, "contact", "online"),
	        CLI_JSON_LIST("--role", in, "roles"),
	};
	static const char *const w[] = {"cmd",    "--reason", "seen",      "--category",
	                                "2",      "--role",   "a",         "--online",
	                                "--role", "b",        "--contact", NULL};
	char **argv = args(&a, &argc, w);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT), 0);
	assert_int_equal(argc, 1);
	assert_string_equal(json_string_value(json_object_get(in, "reason")), "seen");
	assert_int_equal(json_integer_value(json_object_get(in, "category")), 2);
	assert_string_equal(json_string_value(json_object_get(in, "contact")),
	                    "contact"); /* last */
	json_t *roles = json_object_get(in, "roles");
	assert_int_equal(json_array_size(roles), 2);
	assert_string_equal(json_string_value(json_array_get(roles, 1)), "b");
	static const char *const bad[] = {"cmd", "--reason", "\xff\xfe", NULL};
	argv = args(&a, &argc, bad);
	assert_int_equal(cli_parse("cmd", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT),
	                 CLI_USAGE);
	json_decref(in);
}

static void test_settings_as_flags(void **state)
{
	(void)state;
	struct args a;
	int argc;
	struct config cfg;
	config_defaults(&cfg);
	const struct cli_opt opts[] = {CLI_CONFIG_KEYS(&cfg)};
	static const char *const w[] = {"serve", "--threads", "3", "--listen=127.0.0.1:9", NULL};
	char **argv = args(&a, &argc, w);
	assert_int_equal(cli_parse("serve", &argc, argv, opts, 1, CLI_PARSE_STRICT), 0);
	assert_int_equal(cfg.threads, 3);
	assert_string_equal(cfg.listen, "127.0.0.1:9");
	static const char *const dash[] = {"serve", "--view-cache-mb", "5", NULL};
	argv = args(&a, &argc, dash);
	assert_int_equal(cli_parse("serve", &argc, argv, opts, 1, CLI_PARSE_STRICT), 0);
	assert_int_equal(cfg.view_cache_mb, 5);
	static const char *const unknown[] = {"serve", "--bogus", "1", NULL};
	argv = args(&a, &argc, unknown);
	assert_int_equal(cli_parse("serve", &argc, argv, opts, 1, CLI_PARSE_STRICT), CLI_USAGE);
	static const char *const bad[] = {"serve", "--threads", "0", NULL};
	argv = args(&a, &argc, bad);
	assert_int_equal(cli_parse("serve", &argc, argv, opts, 1, CLI_PARSE_STRICT), CLI_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_values_flags_and_positionals),
	        cmocka_unit_test(test_double_dash_ends_options),
	        cmocka_unit_test(test_unknown_missing_and_unwanted),
	        cmocka_unit_test(test_numbers_in_range),
	        cmocka_unit_test(test_json_members),
	        cmocka_unit_test(test_settings_as_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

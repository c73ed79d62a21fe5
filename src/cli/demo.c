/*
 * demo.c: `lantern demo`: fills a new database with a synthetic demo partnership
 * (src/demo/ does the work through the ordinary use cases). With --logins it
 * prints the demo usernames, their roles and the one shared demo password.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"

#include "demo/demo.h"
#include "util/ltime.h"

const char CLI_DEMO_USAGE[] =
        "usage: lantern demo [--seed N] [--boroughs K] [--children M] [--today DATE]\n"
        "                    [--logins] [--db URL]\n"
        "Generates synthetic demo data (fictional boroughs, agencies, users, children,\n"
        "referrals and records) into a database that holds no children yet. The same seed\n"
        "and day give the same data. Defaults: --seed 1 --boroughs 3 --children 300, and\n"
        "--today the day it runs (YYYY-MM-DD): the timeline covers the two years before the\n"
        "start of that day, so ages and deadlines are right on the day the demo is made.\n"
        "--logins prints the demo usernames, roles and the shared demo password.\n";

/* Prints the login table and its warning. */
static void print_logins(json_t *out)
{
	json_t *logins = json_object_get(out, "logins");
	printf("\nDemo logins (synthetic data only; never use these on a real system):\n");
	printf("  %-24s %-20s %s\n", "USERNAME", "ROLE", "AGENCY");
	size_t i;
	json_t *v;
	json_array_foreach(logins, i, v)
	{
		printf("  %-24s %-20s %s\n", json_string_value(json_object_get(v, "username")),
		       json_string_value(json_object_get(v, "roles")),
		       json_string_value(json_object_get(v, "agency")));
	}
	printf("  password for every demo login: %s\n",
	       json_string_value(json_object_get(out, "password")));
	printf("WARNING: these are demo logins with a published password. The database holds\n"
	       "synthetic demo data only; do not enter real information into it.\n");
}

int cli_demo(struct cli_ctx *c, int argc, char **argv)
{
	int64_t seed = 1, boroughs = 3, children = 300;
	const char *today = NULL;
	bool logins = false;
	char b_range[32], c_range[32];
	snprintf(b_range, sizeof b_range, "1 to %d", DEMO_MAX_BOROUGHS);
	snprintf(c_range, sizeof c_range, "1 to %d", DEMO_MAX_CHILDREN);
	const struct cli_opt opts[] = {
	        CLI_INT("--seed", &seed, 0, INT64_MAX, "a whole number"),
	        CLI_INT("--boroughs", &boroughs, 1, DEMO_MAX_BOROUGHS, b_range),
	        CLI_INT("--children", &children, 1, DEMO_MAX_CHILDREN, c_range),
	        CLI_STRING("--today", &today),
	        CLI_FLAG("--logins", &logins),
	};
	int rc = cli_parse("demo", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT);
	if (rc != CLI_OK)
		return rc;
	if (argc > 1)
		return cli_error(CLI_USAGE, "demo: unexpected argument '%.40s'", argv[1]);
	struct demo_opts o = {
	        .seed = (uint64_t)seed, .boroughs = (int)boroughs, .children = (int)children};
	struct lt_date d;
	if (today && ltime_parse_date(today, &d) < 0)
		return cli_error(CLI_USAGE, "demo: --today must be a date written YYYY-MM-DD");
	if (today)
		o.reference = ltime_midnight(d);
	struct app_err err = {0};
	json_t *out = NULL;
	rc = app_demo_generate(c->db, &o, &out, &err);
	if (rc != APP_OK)
		return cli_app_error(&err);
	json_t *counts = json_object_get(out, "counts");
	printf("demo data generated in %s (seed %llu): %lld boroughs, %lld users, %lld "
	       "children, %lld referrals, %lld records\n",
	       c->cfg.db, (unsigned long long)o.seed,
	       (long long)json_array_size(json_object_get(out, "boroughs")),
	       (long long)json_integer_value(json_object_get(counts, "users")),
	       (long long)json_integer_value(json_object_get(counts, "children")),
	       (long long)json_integer_value(json_object_get(counts, "referrals")),
	       (long long)json_integer_value(json_object_get(counts, "records")));
	if (logins)
		print_logins(out);
	json_decref(out);
	return CLI_OK;
}

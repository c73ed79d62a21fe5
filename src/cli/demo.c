/*
 * demo.c: `lantern demo`: fills a new database with a synthetic demo partnership
 * (src/app/demo.c does the work through the ordinary use cases). With --logins it
 * prints the demo usernames, their roles and the one shared demo password.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include "demo/demo.h"
#include "util/ltime.h"
#include "util/parse.h"

static const char USAGE[] =
        "usage: lantern demo [--seed N] [--boroughs K] [--children M] [--today DATE]\n"
        "                    [--logins] [--db URL]\n"
        "Generates synthetic demo data (fictional boroughs, agencies, users, children,\n"
        "referrals and records) into a database that holds no children yet. The same seed\n"
        "and day give the same data. Defaults: --seed 1 --boroughs 3 --children 300, and\n"
        "--today the day it runs (YYYY-MM-DD): the timeline covers the two years before the\n"
        "start of that day, so ages and deadlines are right on the day the demo is made.\n"
        "--logins prints the demo usernames, roles and the shared demo password.\n";

/* Value of "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i. NULL if absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 < argc)
		return argv[++*i];
	*missing = true;
	return NULL;
}

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

int cli_demo(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return CLI_OK;
	struct config cfg;
	int rc = cli_config(&cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&cfg, &argc, argv, NULL);
	if (rc != CLI_OK)
		return rc;
	struct demo_opts o = {.seed = 1, .boroughs = 3, .children = 300};
	bool logins = false;
	for (int i = 1; i < argc; i++) {
		const char *v;
		bool missing = false;
		int64_t x;
		if (strcmp(argv[i], "--logins") == 0) {
			logins = true;
		} else if ((v = opt_value(argc, argv, &i, "--seed", &missing))) {
			if (parse_int64(v, 0, INT64_MAX, &x) < 0)
				return cli_error(CLI_USAGE, "demo: --seed must be a whole number");
			o.seed = (uint64_t)x;
		} else if ((v = opt_value(argc, argv, &i, "--boroughs", &missing))) {
			if (parse_int64(v, 1, DEMO_MAX_BOROUGHS, &x) < 0)
				return cli_error(CLI_USAGE, "demo: --boroughs must be 1 to %d",
				                 DEMO_MAX_BOROUGHS);
			o.boroughs = (int)x;
		} else if ((v = opt_value(argc, argv, &i, "--children", &missing))) {
			if (parse_int64(v, 1, DEMO_MAX_CHILDREN, &x) < 0)
				return cli_error(CLI_USAGE, "demo: --children must be 1 to %d",
				                 DEMO_MAX_CHILDREN);
			o.children = (int)x;
		} else if ((v = opt_value(argc, argv, &i, "--today", &missing))) {
			struct lt_date d;
			if (ltime_parse_date(v, &d) < 0)
				return cli_error(CLI_USAGE, "demo: --today must be a date written "
				                            "YYYY-MM-DD");
			o.reference = ltime_midnight(d);
		} else if (missing) {
			return cli_error(CLI_USAGE, "demo: %.40s needs a value", argv[i]);
		} else {
			return cli_error(CLI_USAGE, "demo: unknown option '%.40s'", argv[i]);
		}
	}
	struct db *db;
	if ((rc = cli_open_db(&cfg, false, false, &db)) != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	rc = app_demo_generate(db, &o, &out, &err);
	app_database_close(db);
	if (rc != APP_OK)
		return cli_app_error(&err);
	json_t *c = json_object_get(out, "counts");
	printf("demo data generated in %s (seed %llu): %lld boroughs, %lld users, %lld "
	       "children, %lld referrals, %lld records\n",
	       cfg.db, (unsigned long long)o.seed,
	       (long long)json_array_size(json_object_get(out, "boroughs")),
	       (long long)json_integer_value(json_object_get(c, "users")),
	       (long long)json_integer_value(json_object_get(c, "children")),
	       (long long)json_integer_value(json_object_get(c, "referrals")),
	       (long long)json_integer_value(json_object_get(c, "records")));
	if (logins)
		print_logins(out);
	json_decref(out);
	return CLI_OK;
}

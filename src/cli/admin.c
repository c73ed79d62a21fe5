/*
 * admin.c: `lantern borough|agency|user ...`: set up a partnership from the command
 * line. Passwords are read from standard input (--password-stdin), never from
 * arguments, which other users of the machine can see.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include "app/admin.h"
#include "app/system.h"

/* Opens the config and database for an admin subcommand, which acts as the system
 * (*who). Returns CLI_OK with *db open, else the exit code (message printed). */
static int setup(int *argc, char **argv, struct db **db, struct actor *who)
{
	struct config cfg;
	int rc = cli_config(&cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&cfg, argc, argv, NULL);
	if (rc == CLI_OK)
		rc = cli_open_db(&cfg, false, false, db);
	actor_system(who);
	return rc;
}

/* Finishes a use case: prints the result or the error, frees, closes. */
static int finish(struct db *db, int rc, json_t *out, const struct app_err *err, bool print)
{
	int code = CLI_OK;
	if (rc != APP_OK)
		code = cli_app_error(err);
	else if (print && out)
		cli_print_json(out);
	json_decref(out);
	app_database_close(db);
	return code;
}

/* Value of "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i. NULL if absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static const char BOROUGH_USAGE[] = "usage: lantern borough add NAME --code CODE [--db URL]\n"
                                    "       lantern borough list [--db URL]\n";

int cli_borough(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, BOROUGH_USAGE))
		return CLI_OK;
	struct db *db;
	struct actor who;
	int rc = setup(&argc, argv, &db, &who);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2) {
		rc = app_borough_list(db, &who, NULL, NULL, &out, &err);
		return finish(db, rc, out, &err, true);
	}
	if (argc < 3 || strcmp(argv[1], "add") != 0) {
		app_database_close(db);
		return cli_error(CLI_USAGE, "borough: expected `add NAME --code CODE` or `list`");
	}
	json_t *in = json_pack("{s:s}", "name", argv[2]);
	for (int i = 3; i < argc; i++) {
		const char *v = opt_value(argc, argv, &i, "--code");
		if (!v) {
			json_decref(in);
			app_database_close(db);
			return cli_error(CLI_USAGE, "borough add: unknown option '%.40s'", argv[i]);
		}
		json_object_set_new(in, "code", json_string(v));
	}
	rc = app_borough_add(db, &who, NULL, in, &out, &err);
	json_decref(in);
	return finish(db, rc, out, &err, true);
}

static const char AGENCY_USAGE[] =
        "usage: lantern agency add NAME --type TYPE [--borough BOROUGH] [--db URL]\n"
        "       lantern agency list [--db URL]\n"
        "TYPE: police, childrens_social_care, health, education, youth_offending, probation,\n"
        "housing, charity, other.\n";

int cli_agency(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, AGENCY_USAGE))
		return CLI_OK;
	struct db *db;
	struct actor who;
	int rc = setup(&argc, argv, &db, &who);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		rc = app_agency_list(db, &who, NULL, NULL, &out, &err);
		return finish(db, rc, out, &err, true);
	}
	if (argc < 3 || strcmp(argv[1], "add") != 0) {
		app_database_close(db);
		return cli_error(CLI_USAGE, "agency: expected `add NAME --type TYPE` or `list`");
	}
	json_t *in = json_pack("{s:s}", "name", argv[2]);
	for (int i = 3; i < argc; i++) {
		const char *v;
		if ((v = opt_value(argc, argv, &i, "--type")))
			json_object_set_new(in, "type", json_string(v));
		else if ((v = opt_value(argc, argv, &i, "--borough")))
			json_object_set_new(in, "borough", json_string(v));
		else {
			json_decref(in);
			app_database_close(db);
			return cli_error(CLI_USAGE, "agency add: unknown option '%.40s'", argv[i]);
		}
	}
	rc = app_agency_add(db, &who, NULL, in, &out, &err);
	json_decref(in);
	return finish(db, rc, out, &err, true);
}

static const char USER_USAGE[] =
        "usage: lantern user add USERNAME --agency AGENCY --role ROLE [--role ROLE...]\n"
        "                        [--display-name NAME] [--team TEAM] --password-stdin [--db URL]\n"
        "       lantern user list [--db URL]\n"
        "       lantern user disable USERNAME [--db URL]\n"
        "The password is read from the first line of standard input (at least 12 characters).\n";

/* Reads the first line of stdin as a password (without its newline). */
static char *read_password(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

int cli_user(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USER_USAGE))
		return CLI_OK;
	struct db *db;
	struct actor who;
	int rc = setup(&argc, argv, &db, &who);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		rc = app_user_list(db, &who, NULL, NULL, &out, &err);
		return finish(db, rc, out, &err, true);
	}
	if (argc == 3 && strcmp(argv[1], "disable") == 0) {
		rc = app_user_disable(db, &who, argv[2], NULL, &out, &err);
		if (rc == APP_OK)
			printf("user %s disabled; their sessions have ended\n", argv[2]);
		return finish(db, rc, out, &err, false);
	}
	if (argc < 3 || strcmp(argv[1], "add") != 0) {
		app_database_close(db);
		return cli_error(CLI_USAGE,
		                 "user: expected `add`, `list` or `disable` (see --help)");
	}
	json_t *in = json_pack("{s:s, s:[]}", "username", argv[2], "roles");
	bool pw_stdin = false;
	for (int i = 3; i < argc; i++) {
		const char *v;
		if ((v = opt_value(argc, argv, &i, "--agency")))
			json_object_set_new(in, "agency", json_string(v));
		else if ((v = opt_value(argc, argv, &i, "--role")))
			json_array_append_new(json_object_get(in, "roles"), json_string(v));
		else if ((v = opt_value(argc, argv, &i, "--display-name")))
			json_object_set_new(in, "display_name", json_string(v));
		else if ((v = opt_value(argc, argv, &i, "--team")))
			json_object_set_new(in, "team", json_string(v));
		else if (strcmp(argv[i], "--password-stdin") == 0)
			pw_stdin = true;
		else if (strncmp(argv[i], "--password", 10) == 0) {
			json_decref(in);
			app_database_close(db);
			return cli_error(CLI_USAGE, "user add: give the password on standard input "
			                            "with --password-stdin, never as an argument");
		} else {
			json_decref(in);
			app_database_close(db);
			return cli_error(CLI_USAGE, "user add: unknown option '%.40s'", argv[i]);
		}
	}
	if (!pw_stdin) {
		json_decref(in);
		app_database_close(db);
		return cli_error(CLI_USAGE, "user add: --password-stdin is required");
	}
	char *pw = read_password();
	if (!pw) {
		json_decref(in);
		app_database_close(db);
		return cli_error(CLI_USAGE, "user add: no password on standard input");
	}
	json_object_set_new(in, "password", json_string(pw));
	memset(pw, 0, strlen(pw));
	free(pw);
	if (!json_object_get(in, "password")) {
		json_decref(in);
		app_database_close(db);
		return cli_error(CLI_USAGE, "user add: the password must be valid UTF-8 text");
	}
	rc = app_user_add(db, &who, NULL, in, &out, &err);
	json_decref(in);
	return finish(db, rc, out, &err, true);
}

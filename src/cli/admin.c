/*
 * admin.c: `lantern borough|agency|user ...`: set up a partnership from the command
 * line. Passwords are read from standard input (--password-stdin), never from
 * arguments, which other users of the machine can see.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/admin.h"
#include "app/system.h"

const char CLI_BOROUGH_USAGE[] = "usage: lantern borough add NAME --code CODE [--db URL]\n"
                                 "       lantern borough list [--db URL]\n";

/* `CMD list`: runs the list use case fn (JSON out). Any option is refused. */
static int list(struct cli_ctx *c, const char *cmd, int argc, char **argv, app_uc *fn)
{
	if (cli_parse(cmd, &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc != 2)
		return cli_error(CLI_USAGE, "%s list: takes no arguments", cmd);
	return cli_use(c, fn, NULL, NULL, NULL);
}

/* `CMD add NAME` with the n opts, whose values go into in (consumed), with NAME as
 * member `key`: runs fn (JSON out). */
static int add(struct cli_ctx *c, const char *cmd, int argc, char **argv, json_t *in,
               const char *key, const struct cli_opt *opts, size_t n, app_uc *fn)
{
	char what[32];
	snprintf(what, sizeof what, "%s add", cmd);
	int rc = cli_parse(what, &argc, argv, opts, n, CLI_PARSE_STRICT);
	if (rc == CLI_OK && argc != 3)
		rc = cli_error(CLI_USAGE, "%s: expected one %s", what, key);
	if (rc == CLI_OK && json_object_set_new(in, key, json_string(argv[2])) < 0)
		rc = cli_error(CLI_USAGE, "%s: the %s must be valid UTF-8", what, key);
	if (rc != CLI_OK) {
		json_decref(in);
		return rc;
	}
	return cli_use(c, fn, NULL, in, NULL);
}

int cli_borough(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list(c, "borough", argc, argv, app_borough_list);
	if (argc < 3 || strcmp(argv[1], "add") != 0)
		return cli_error(CLI_USAGE, "borough: expected `add NAME --code CODE` or `list`");
	json_t *in = json_object();
	const struct cli_opt opts[] = {CLI_JSON("--code", in, "code")};
	return add(c, "borough", argc, argv, in, "name", opts, ARRAY_LEN(opts), app_borough_add);
}

const char CLI_AGENCY_USAGE[] =
        "usage: lantern agency add NAME --type TYPE [--borough BOROUGH] [--db URL]\n"
        "       lantern agency list [--db URL]\n"
        "TYPE: police, childrens_social_care, health, education, youth_offending, probation,\n"
        "housing, charity, other.\n";

int cli_agency(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list(c, "agency", argc, argv, app_agency_list);
	if (argc < 3 || strcmp(argv[1], "add") != 0)
		return cli_error(CLI_USAGE, "agency: expected `add NAME --type TYPE` or `list`");
	json_t *in = json_object();
	const struct cli_opt opts[] = {CLI_JSON("--type", in, "type"),
	                               CLI_JSON("--borough", in, "borough")};
	return add(c, "agency", argc, argv, in, "name", opts, ARRAY_LEN(opts), app_agency_add);
}

const char CLI_USER_USAGE[] =
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

static void disabled_text(json_t *out)
{
	printf("user %s disabled; their sessions have ended\n", cli_str(out, "username"));
}

/* `user add USERNAME ...`: the password from the first line of standard input. */
static int user_add(struct cli_ctx *c, int argc, char **argv)
{
	json_t *in = json_pack("{s:[]}", "roles");
	bool pw_stdin = false;
	const char *pw_arg = NULL;
	const struct cli_opt opts[] = {
	        CLI_JSON("--agency", in, "agency"),
	        CLI_JSON_LIST("--role", in, "roles"),
	        CLI_JSON("--display-name", in, "display_name"),
	        CLI_JSON("--team", in, "team"),
	        CLI_FLAG("--password-stdin", &pw_stdin),
	        CLI_STRING("--password", &pw_arg),
	};
	int rc = cli_parse("user add", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT);
	if (rc == CLI_OK && pw_arg)
		rc = cli_error(CLI_USAGE, "user add: give the password on standard input with "
		                          "--password-stdin, never as an argument");
	else if (rc == CLI_OK && argc != 3)
		rc = cli_error(CLI_USAGE, "user add: expected one username");
	else if (rc == CLI_OK && !pw_stdin)
		rc = cli_error(CLI_USAGE, "user add: --password-stdin is required");
	char *pw = rc == CLI_OK ? read_password() : NULL;
	if (rc == CLI_OK && !pw)
		rc = cli_error(CLI_USAGE, "user add: no password on standard input");
	if (pw) {
		json_object_set_new(in, "password", json_string(pw));
		memset(pw, 0, strlen(pw));
		free(pw);
		if (!json_object_get(in, "password"))
			rc = cli_error(CLI_USAGE,
			               "user add: the password must be valid UTF-8 text");
	}
	if (rc == CLI_OK && json_object_set_new(in, "username", json_string(argv[2])) < 0)
		rc = cli_error(CLI_USAGE, "user add: the username must be valid UTF-8");
	if (rc != CLI_OK) {
		json_decref(in);
		return rc;
	}
	return cli_use(c, app_user_add, NULL, in, NULL);
}

int cli_user(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list(c, "user", argc, argv, app_user_list);
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return user_add(c, argc, argv);
	if (cli_parse("user", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "disable") == 0)
		return cli_use(c, app_user_disable, argv[2], NULL, disabled_text);
	return cli_error(CLI_USAGE, "user: expected `add`, `list` or `disable` (see --help)");
}

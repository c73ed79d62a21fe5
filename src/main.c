/*
 * main.c: the `lantern` command. A table of subcommands; each lives in src/cli/ and
 * calls src/app/ for the work. `lantern help` lists them; `lantern CMD --help` explains
 * one.
 */
#include "cli/cli.h"
#include "cli/commands.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
        {"init", cli_init, "create a database or bring its schema up to date"},
        {"serve", cli_serve, "serve the web pages and JSON API"},
        {"borough", cli_borough, "add or list boroughs"},
        {"agency", cli_agency, "add or list agencies"},
        {"user", cli_user, "add, list or disable users"},
        {"child", cli_child, "add, show or find a child (JSON in and out)"},
        {"referral", cli_referral, "file a referral or show one"},
        {"record", cli_record, "show a record, its timeline, or add to it"},
        {"category", cli_category, "record a category decision on a record"},
        {"episode", cli_episode, "report a child missing or absent and follow the episode"},
        {"profile", cli_profile, "show, update or print a missing child's profile"},
        {"deadlines", cli_deadlines, "escalate due absent episodes (cron) or list deadlines"},
        {"export", cli_export, "statutory CSV exports (SSDA903, Annex A)"},
        {"demo", cli_demo, "fill a new database with synthetic demo data"},
        {"audit", cli_audit, "verify the audit log's hash chain"},
        {"version", cli_version, "print the version of Lantern and its libraries"},
};

static int usage(FILE *out)
{
	fprintf(out, "usage: lantern COMMAND [OPTIONS]\n\nCommands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "show this list");
	fprintf(out, "\nEvery command takes --help. Settings come from lantern.conf, LANTERN_* "
	             "environment variables and flags (--db URL).\n");
	return out == stdout ? CLI_OK : CLI_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	const char *cmd = argv[1];
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		return usage(stdout);
	if (strcmp(cmd, "--version") == 0)
		cmd = "version";
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, cmd) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "lantern: unknown command '%.40s' (try `lantern help`)\n", cmd);
	return CLI_USAGE;
}

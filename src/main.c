/*
 * main.c: the `lantern` command. A table of subcommands, each with what it needs set up
 * (enum cli_setup in cli/cli.h): main() reads the configuration, parses the options
 * every command shares (--db URL, --as USER, --json) with the one option parser
 * (cli/options.h), opens the database and picks the actor, once, then runs the command
 * (src/cli/, which calls src/app/ for the work) and closes what it opened. `lantern
 * help` lists the commands; `lantern CMD --help` explains one.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"

#define USE (CLI_DB | CLI_AS | CLI_JSON) /* a command that runs use cases as a user */
#define ADMIN (CLI_DB | CLI_SYSTEM)      /* a command of the system operator */

static const struct cli_command commands[] = {
        {"init", NULL, cli_init, CLI_CONFIG, CLI_INIT_USAGE,
         "create a database or bring its schema up to date"},
        {"serve", NULL, cli_serve, CLI_CONFIG, CLI_SERVE_USAGE, "serve the web pages and JSON API"},
        {"borough", NULL, cli_borough, ADMIN, CLI_BOROUGH_USAGE, "add or list boroughs"},
        {"agency", NULL, cli_agency, ADMIN, CLI_AGENCY_USAGE, "add or list agencies"},
        {"user", NULL, cli_user, ADMIN, CLI_USER_USAGE, "add, list or disable users"},
        {"child", NULL, cli_child, USE, CLI_CHILD_USAGE,
         "add, show or find a child (JSON in and out)"},
        {"referral", NULL, cli_referral, USE, CLI_REFERRAL_USAGE, "file a referral or show one"},
        {"record", NULL, cli_record, USE, CLI_RECORD_USAGE,
         "show a record, its chronology, or add to it"},
        {"category", NULL, cli_category, USE, CLI_CATEGORY_USAGE,
         "record a category decision on a record"},
        {"episode", NULL, cli_episode, USE, CLI_EPISODE_USAGE,
         "report a child missing or absent and follow the episode"},
        {"profile", NULL, cli_profile, USE, CLI_PROFILE_USAGE,
         "show, update or print a missing child's profile"},
        {"order", NULL, cli_order, USE, CLI_ORDER_USAGE,
         "record orders and notices on persons of concern; a borough's summary"},
        {"tactics", NULL, cli_tactics, USE, CLI_TACTICS_USAGE,
         "show or mark a record's tactical options checklist"},
        {"action", NULL, cli_action, USE, CLI_ACTION_USAGE,
         "add, close and list actions; the queue of their deadlines"},
        {"cj", NULL, cli_cj, USE, CLI_CJ_USAGE, "criminal justice cases and their attrition"},
        {"nrm", NULL, cli_nrm, USE, CLI_NRM_USAGE, "refer a trafficked child to the NRM"},
        {"deadlines", "run", cli_deadlines_run, CLI_DB | CLI_SYSTEM | CLI_JSON, CLI_DEADLINES_USAGE,
         "escalate due absent episodes (cron) or list deadlines"},
        {"deadlines", "list", cli_deadlines_list, USE, NULL, NULL},
        {"deadlines", NULL, cli_deadlines, USE, NULL, NULL},
        {"export", NULL, cli_export, USE, CLI_EXPORT_USAGE,
         "statutory CSV exports (SSDA903, Annex A)"},
        {"demo", NULL, cli_demo, CLI_DB, CLI_DEMO_USAGE,
         "fill a new database with synthetic demo data"},
        {"audit", "verify", cli_audit_verify, CLI_DB, CLI_AUDIT_USAGE,
         "verify the audit log's hash chain"},
        {"audit", "checkpoint", cli_audit_checkpoint, CLI_DB, NULL, NULL},
        {"audit", "keygen", cli_audit_keygen, CLI_CONFIG, NULL, NULL},
        {"audit", NULL, cli_audit, CLI_CONFIG, NULL, NULL},
        /* people of concern, places, links and networks */
        {"person", NULL, cli_person, USE, CLI_PERSON_USAGE,
         "add, show and find persons of concern; their PNC marker"},
        {"place", NULL, cli_place, USE, CLI_PLACE_USAGE, "add, show and list places; hotspots"},
        {"link", NULL, cli_link, USE, CLI_LINK_USAGE,
         "link children, persons, places, vehicles and phones; end a link"},
        {"network", NULL, cli_network, USE, CLI_NETWORK_USAGE,
         "networks, the R-CAT-7 flag, linked cases, i2 and Gephi export"},

        /* matching, merges, import and export */
        {"import", NULL, cli_import, USE, CLI_IMPORT_USAGE,
         "import children from CSV, every row matched (held rows for a person)"},
        {"match", "train", cli_match, ADMIN, CLI_MATCH_USAGE,
         "train the matching model on the caseload, or show it"},
        {"match", NULL, cli_match, USE, NULL, NULL},

        /* MASE meetings and reports */
        {"mase", NULL, cli_mase, USE, CLI_MASE_USAGE,
         "the monthly multi-agency meeting: schedule, agenda, meetings"},
        {"report", NULL, cli_report, USE, CLI_REPORT_USAGE,
         "the board's report, its CSV and the census factor codes"},

        {"version", NULL, cli_version, 0, CLI_VERSION_USAGE,
         "print the version of Lantern and its libraries"},
};

static int usage(FILE *out)
{
	fprintf(out, "usage: lantern COMMAND [OPTIONS]\n\nCommands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (commands[i].summary)
			fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "show this list");
	fprintf(out, "\nEvery command takes --help. Settings come from lantern.conf, LANTERN_* "
	             "environment variables and flags (--db URL).\n");
	return out == stdout ? CLI_OK : CLI_USAGE;
}

/* The first row of command `name`, or NULL. */
static const struct cli_command *command_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* One past the last row of command `first` (its first row). */
static const struct cli_command *rows_end(const struct cli_command *first)
{
	const struct cli_command *r = first, *end = commands + ARRAY_LEN(commands);
	while (r < end && strcmp(r->name, first->name) == 0)
		r++;
	return r;
}

/* The row of command `first` for subcommand `sub` (may be NULL): the row naming it,
 * else the command's row for any subcommand, else NULL. */
static const struct cli_command *row_find(const struct cli_command *first, const char *sub)
{
	for (const struct cli_command *r = first; r < rows_end(first); r++)
		if (!r->sub || (sub && strcmp(r->sub, sub) == 0))
			return r;
	return NULL;
}

/* The options every command shares, read by main(). */
struct shared {
	const char *db, *as;
	bool json;
};

/* Refuses a shared option the command's row does not take; CLI_OK or CLI_USAGE. */
static int shared_check(const struct cli_command *row, const struct shared *o)
{
	const char *cmd = row->name, *sub = row->sub ? row->sub : "";
	if (o->db && !(row->setup & (CLI_CONFIG | CLI_DB | CLI_AS)))
		return cli_error(CLI_USAGE, "%s: unknown option '--db'", cmd);
	if ((o->db && !*o->db) || (o->as && !*o->as))
		return cli_error(CLI_USAGE, "%s needs a value", o->db && !*o->db ? "--db" : "--as");
	if (o->as && (row->setup & CLI_SYSTEM))
		return cli_error(CLI_USAGE, "%s%s%s acts as the system; drop --as", cmd,
		                 *sub ? " " : "", sub);
	if (o->as && !(row->setup & CLI_AS))
		return cli_error(CLI_USAGE, "%s: unknown option '--as'", cmd);
	if (o->json && !(row->setup & CLI_JSON))
		return cli_error(CLI_USAGE, "%s: unknown option '--json'", cmd);
	return CLI_OK;
}

/* Sets up c as row says: the configuration with --db, the database, the actor. CLI_OK,
 * or the exit code with the message printed and nothing left open. */
static int setup(const struct cli_command *row, const struct shared *o, struct cli_ctx *c)
{
	int rc = shared_check(row, o);
	if (rc == CLI_OK && (row->setup & (CLI_CONFIG | CLI_DB | CLI_AS)))
		rc = cli_config(&c->cfg);
	char err[256];
	if (rc == CLI_OK && o->db && config_set(&c->cfg, "db", o->db, err, sizeof err) < 0)
		rc = cli_error(CLI_USAGE, "--db: %s", err);
	if (rc == CLI_OK && (row->setup & (CLI_DB | CLI_AS)))
		rc = cli_open_db(&c->cfg, false, false, &c->db);
	if (rc != CLI_OK)
		return rc;
	c->json = o->json;
	if (row->setup & (CLI_AS | CLI_SYSTEM))
		actor_system(&c->who);
	struct app_err aerr;
	if (o->as && actor_load(c->db, o->as, &c->who, &aerr) != APP_OK) {
		app_database_close(c->db);
		c->db = NULL;
		return cli_error(CLI_USAGE, "--as %.64s: %s", o->as, aerr.message);
	}
	return CLI_OK;
}

/* Runs command `first` on argv (argv[0] its name): the shared options, set-up, the
 * command, and closing what was opened. */
static int run(const struct cli_command *first, int argc, char **argv)
{
	struct shared o = {0};
	bool any_config = false;
	for (const struct cli_command *r = first; r < rows_end(first); r++)
		any_config |= (r->setup & (CLI_CONFIG | CLI_DB | CLI_AS)) != 0;
	if (any_config) {
		const struct cli_opt opts[] = {CLI_STRING("--db", &o.db), CLI_STRING("--as", &o.as),
		                               CLI_FLAG("--json", &o.json)};
		int rc = cli_parse(first->name, &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_KEEP);
		if (rc != CLI_OK)
			return rc;
	}
	const struct cli_command *row = row_find(first, argc > 1 ? argv[1] : NULL);
	if (!row)
		return cli_error(CLI_USAGE, "%s: unknown subcommand (see --help)", first->name);
	struct cli_ctx c;
	memset(&c, 0, sizeof c);
	int rc = setup(row, &o, &c);
	if (rc == CLI_OK)
		rc = row->fn(&c, argc, argv);
	app_database_close(c.db);
	return rc;
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
	const struct cli_command *first = command_find(cmd);
	if (!first) {
		fprintf(stderr, "lantern: unknown command '%.40s' (try `lantern help`)\n", cmd);
		return CLI_USAGE;
	}
	if (cli_wants_help(argc - 1, argv + 1)) {
		fputs(first->usage, stdout);
		return CLI_OK;
	}
	return run(first, argc - 1, argv + 1);
}

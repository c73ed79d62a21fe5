/* init.c: `lantern init`: create a database or bring its schema up to date. Making the
 * database is this command's work, so it opens the database itself (main() has read the
 * configuration); every other command has it opened by main(). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"

const char CLI_INIT_USAGE[] =
        "usage: lantern init [--db URL]\n"
        "Creates the database (default sqlite:var/lantern.db) if it does not exist and applies\n"
        "every pending migration. Safe to run again: it does nothing when up to date.\n";

int cli_init(struct cli_ctx *c, int argc, char **argv)
{
	int rc = cli_parse("init", &argc, argv, NULL, 0, CLI_PARSE_STRICT);
	if (rc != CLI_OK)
		return rc;
	if (argc > 1)
		return cli_error(CLI_USAGE, "init: unexpected argument '%.40s'", argv[1]);
	struct db *db;
	if ((rc = cli_open_db(&c->cfg, true, true, &db)) != CLI_OK)
		return rc;
	struct app_err err;
	int applied = 0, version = 0;
	if (app_database_migrate(db, &applied, &version, &err) != APP_OK) {
		app_database_close(db);
		return cli_error(CLI_FAIL, "%s", err.message);
	}
	printf("database %s is at schema version %03d (%d migration%s applied)\n", c->cfg.db,
	       version, applied, applied == 1 ? "" : "s");
	app_database_close(db);
	return CLI_OK;
}

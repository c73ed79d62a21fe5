/* init.c: `lantern init`: create a database or bring its schema up to date. */
#include "cli/cli.h"
#include "cli/commands.h"

static const char USAGE[] =
        "usage: lantern init [--db URL]\n"
        "Creates the database (default sqlite:var/lantern.db) if it does not exist and applies\n"
        "every pending migration. Safe to run again: it does nothing when up to date.\n";

int cli_init(int argc, char **argv)
{
	struct config cfg;
	if (cli_wants_help(argc, argv, USAGE))
		return CLI_OK;
	int rc = cli_config(&cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&cfg, &argc, argv, NULL);
	if (rc != CLI_OK)
		return rc;
	if (argc > 1)
		return cli_error(CLI_USAGE, "init: unexpected argument '%.40s'", argv[1]);
	struct db *db;
	if ((rc = cli_open_db(&cfg, true, true, &db)) != CLI_OK)
		return rc;
	struct app_err err;
	int applied = 0, version = 0;
	if (app_database_migrate(db, &applied, &version, &err) != APP_OK) {
		app_database_close(db);
		return cli_error(CLI_FAIL, "%s", err.message);
	}
	printf("database %s is at schema version %03d (%d migration%s applied)\n", cfg.db, version,
	       applied, applied == 1 ? "" : "s");
	app_database_close(db);
	return CLI_OK;
}

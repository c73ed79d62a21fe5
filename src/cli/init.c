/* init.c: `lantern init`: create a database or bring its schema up to date. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "store/migrate.h"
#include "util/embedded.h"

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
	char err[512];
	int applied = 0;
	if (migrate_run(db, embedded_migrations, &applied, err, sizeof err) < 0) {
		db_close(db);
		return cli_error(CLI_FAIL, "%s", err);
	}
	printf("database %s is at schema version %03d (%d migration%s applied)\n", cfg.db,
	       migrate_current(db), applied, applied == 1 ? "" : "s");
	db_close(db);
	return CLI_OK;
}

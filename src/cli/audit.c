/* audit.c: `lantern audit verify`: walks the audit log's hash chain. */
#include "cli/cli.h"
#include "cli/commands.h"

#include "audit/audit.h"

static const char USAGE[] =
	"usage: lantern audit verify [--db URL]\n"
	"Checks that no audit event was edited, deleted, inserted or reordered. Exit code 0\n"
	"when the chain is intact, 1 when it is broken (the first broken event is named).\n";

int cli_audit(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return CLI_OK;
	struct config cfg;
	int rc = cli_config(&cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&cfg, &argc, argv, NULL);
	if (rc != CLI_OK)
		return rc;
	if (argc != 2 || strcmp(argv[1], "verify") != 0)
		return cli_error(CLI_USAGE, "audit: expected `verify`");
	struct db *db;
	if ((rc = cli_open_db(&cfg, false, false, &db)) != CLI_OK)
		return rc;
	struct audit_verify_result r;
	rc = audit_verify(db, &r);
	db_close(db);
	if (rc < 0)
		return cli_error(CLI_FAIL, "cannot read the audit log");
	if (rc == 1) {
		printf("audit chain BROKEN after %lld event(s): %s\n", (long long)r.events, r.problem);
		return CLI_FAIL;
	}
	printf("audit chain intact: %lld event(s)\n", (long long)r.events);
	return CLI_OK;
}

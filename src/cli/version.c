/* version.c: `lantern version`. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>

const char CLI_VERSION_USAGE[] =
        "usage: lantern version\nPrints the version of Lantern and its libraries.\n";

int cli_version(struct cli_ctx *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_error(CLI_USAGE, "version takes no arguments");
	printf("lantern %s\n", LANTERN_VERSION);
	printf("sqlite %s, libmicrohttpd %s, libsodium %s, jansson %s\n", sqlite3_libversion(),
	       MHD_get_version(), sodium_version_string(), JANSSON_VERSION);
	return CLI_OK;
}

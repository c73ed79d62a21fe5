/*
 * cli.h: shared pieces of the `lantern` subcommands. The command table in src/main.c
 * lists each command with what it needs set up (enum cli_setup): main() reads the
 * configuration, parses the options every command shares (--db URL, --as USER, --json)
 * with the one option parser (cli/options.h), opens the database and picks the actor,
 * once, then calls `int cli_NAME(struct cli_ctx *c, int argc, char **argv)` (argv[0] is
 * the command's name; the shared options are gone) and closes what it opened. A command
 * stays thin: parse its own options (cli_parse), call src/app/, print.
 *
 * Exit codes: CLI_OK 0 success; CLI_FAIL 1 the environment failed (database missing,
 * I/O error); CLI_USAGE 2 the request was wrong (unknown flag, invalid input, a
 * refusal). Errors are one line on stderr starting "lantern: ".
 */
#ifndef LANTERN_CLI_H
#define LANTERN_CLI_H

#include <stdbool.h>

#include "app/app.h"
#include "app/database.h"
#include "util/config.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* What main() sets up for a command (its flags in the command table). */
enum cli_setup {
	CLI_CONFIG = 1u << 0, /* reads the configuration (lantern.conf, LANTERN_*) and --db */
	CLI_DB = 1u << 1,     /* also opens the database, which must exist and be migrated */
	CLI_AS = 1u << 2,     /* acts as the Lantern user --as USER names, else the system
	                       * (the database is opened to find the user) */
	CLI_SYSTEM = 1u << 3, /* acts as the system operator: --as is refused */
	CLI_JSON = 1u << 4,   /* takes --json (print JSON, not text) */
};

/* What a command is given: set up by main() as its flags say. */
struct cli_ctx {
	struct config cfg; /* CLI_CONFIG */
	struct db *db;     /* CLI_DB: open; main() closes it after the command */
	struct actor who;  /* CLI_AS or CLI_SYSTEM: who the command acts as */
	bool json;         /* CLI_JSON: --json was given */
};

/* A row of the command table. A command whose subcommands need different set-ups has
 * a row for each (sub names the subcommand) and may end with a row for any other (sub
 * NULL); usage and summary are on its first row. */
struct cli_command {
	const char *name;
	const char *sub;
	int (*fn)(struct cli_ctx *c, int argc, char **argv);
	unsigned setup;      /* enum cli_setup */
	const char *usage;   /* printed by --help */
	const char *summary; /* one line in `lantern help` */
};

/* Loads defaults, the config file (LANTERN_CONFIG, else ./lantern.conf if present),
 * and the environment into cfg. Prints the error and returns CLI_USAGE on a bad
 * config, else CLI_OK. */
int cli_config(struct config *cfg);

/* Opens cfg->db. With create=false a missing database is an error telling the user
 * to run `lantern init`. Checks that the schema is fully migrated unless
 * `allow_unmigrated`. Prints errors; returns CLI_OK, CLI_FAIL or CLI_USAGE. Opening the
 * database is no use case: a database that is missing or not migrated is the
 * environment's failure (CLI_FAIL), a malformed URL or a file that is not Lantern's the
 * user's (CLI_USAGE). */
int cli_open_db(const struct config *cfg, bool create, bool allow_unmigrated, struct db **out);

/* Prints "lantern: <msg>" to stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads all of stdin (or the file at path; "-" is stdin) into a new string, at most
 * max bytes. Returns NULL and prints an error if too large or unreadable. */
char *cli_read_file(const char *path, size_t max);

/* True if argv[1..argc) has --help or -h before any "--". */
bool cli_wants_help(int argc, char **argv);

/* What a use-case result code exits with: one table (cli_rcs in common.c) for every
 * code: CLI_OK for APP_OK; CLI_USAGE for a refusal (invalid, not found, forbidden,
 * conflict, limited); CLI_FAIL when the system failed or the database was busy. */
struct cli_rc {
	enum app_rc code;
	int exit_code;
};
/* The row of code, or NULL when it has none (tests/unit/test_app_rc.c checks that every
 * code has one). */
const struct cli_rc *cli_rc_find(enum app_rc code);
/* The exit code for code (CLI_FAIL for a code without a row: asserted in debug builds). */
int cli_exit_code(enum app_rc code);

/* Prints a use case's error (field errors one per line) and returns its exit code
 * (cli_exit_code; CLI_FAIL for an error without a code). */
int cli_app_error(const struct app_err *err);

/* Prints a JSON value to stdout, indented, with a newline. */
void cli_print_json(const void *json);

#endif

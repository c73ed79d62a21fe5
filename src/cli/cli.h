/*
 * cli.h: shared pieces of the `lantern` subcommands. Each subcommand is a function
 * `int cli_NAME(int argc, char **argv)` (argv[0] is the subcommand name) listed in the
 * table in src/main.c. Subcommands stay thin: parse arguments, call src/app/, print.
 *
 * Exit codes: CLI_OK 0 success; CLI_FAIL 1 the environment failed (database missing,
 * I/O error); CLI_USAGE 2 the request was wrong (unknown flag, invalid input). Errors
 * are one line on stderr starting "lantern: ".
 */
#ifndef LANTERN_CLI_H
#define LANTERN_CLI_H

#include <stdbool.h>

#include "app/app.h"
#include "app/database.h"
#include "util/config.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Loads defaults, the config file (LANTERN_CONFIG, else ./lantern.conf if present),
 * and the environment into cfg. Prints the error and returns CLI_USAGE on a bad
 * config, else CLI_OK. */
int cli_config(struct config *cfg);

/* Opens cfg->db. With create=false a missing database is an error telling the user
 * to run `lantern init`. Checks that the schema is fully migrated unless
 * `allow_unmigrated`. Prints errors; returns CLI_OK, CLI_FAIL or CLI_USAGE. */
int cli_open_db(const struct config *cfg, bool create, bool allow_unmigrated, struct db **out);

/* Prints "lantern: <msg>" to stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads all of stdin (or the file at path; "-" is stdin) into a new string, at most
 * max bytes. Returns NULL and prints an error if too large or unreadable. */
char *cli_read_file(const char *path, size_t max);

/* True if argv has --help or -h; prints usage to stdout. */
bool cli_wants_help(int argc, char **argv, const char *usage);

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

/* Common flags: parses --db URL (into cfg->db) and --as USERNAME (into *as, may be NULL
 * when not allowed) wherever they appear; removes them from argv, updating *argc.
 * Returns CLI_OK or CLI_USAGE (message printed). */
int cli_common_flags(struct config *cfg, int *argc, char **argv, const char **as);

#endif

/*
 * run.h: the frame of a `lantern` subcommand that calls a use case: read the config and
 * the common flags, open the database, pick the actor (the system, or the Lantern user
 * named by --as), read JSON input, and print the result or the error.
 */
#ifndef LANTERN_CLI_RUN_H
#define LANTERN_CLI_RUN_H

#include <jansson.h>

#include "app/app.h"
#include "util/config.h"

/* An open subcommand run. */
struct cli_run {
	struct db *db;
	struct actor who;
	struct config cfg;
	bool json; /* --json was given */
};

/* Config, --db, --as and --json (removed from argv, *argc updated); opens the database
 * and loads the actor. Returns CLI_OK (r->db open), else the exit code with the
 * message printed and nothing left open. */
int cli_run_open(struct cli_run *r, int *argc, char **argv);

/* Prints the result of a use case (JSON when --json or `text` is NULL, else through
 * `text`) or its error, and any "candidates" of a refused child (R-REC-1) to stderr.
 * Frees out, closes the database and returns the exit code. */
int cli_run_done(struct cli_run *r, int rc, json_t *out, const struct app_err *err,
                 void (*text)(json_t *));

/* Reads a JSON object from the file at path ("-" is stdin), at most 1 MiB. NULL (the
 * error printed) when unreadable, not JSON, or not an object. */
json_t *cli_read_json(const char *path);

/* The string member k of o, or "" when absent or not a string. */
const char *cli_str(json_t *o, const char *k);

#endif

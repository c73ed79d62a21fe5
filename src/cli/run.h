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

/* The start of a subcommand: with --help or -h prints usage and returns false with
 * *code CLI_OK; else as cli_run_open: true when r is open, otherwise false with *code
 * the exit code (the message printed, nothing left open). */
bool cli_run_begin(struct cli_run *r, int *argc, char **argv, const char *usage, int *code);

/* Closes r's database, prints "lantern: <msg>" (at most 511 bytes) and returns CLI_USAGE. */
int cli_run_usage(struct cli_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints the result of a use case (JSON when --json or `text` is NULL, else through
 * `text`) or its error, and any "candidates" of a refused child (R-REC-1) to stderr.
 * Frees out, closes the database and returns the exit code. */
int cli_run_done(struct cli_run *r, int rc, json_t *out, const struct app_err *err,
                 void (*text)(json_t *));

/* Reads a JSON object from the file at path ("-" is stdin), at most 1 MiB. NULL (the
 * error printed) when unreadable, not JSON, or not an object. */
json_t *cli_read_json(const char *path);

/* Runs fn on `id` as r's actor and finishes through cli_run_done (text as there). */
int cli_run_id(struct cli_run *r, const char *id, app_uc *fn, void (*text)(json_t *));

/* Reads the JSON object in the file at path (as cli_read_json), runs fn on it as r's
 * actor and finishes through cli_run_done (text as there). An unreadable file closes
 * the database and returns CLI_USAGE (the error printed). */
int cli_run_file(struct cli_run *r, const char *path, app_uc *fn, void (*text)(json_t *));

/* Runs fn on the JSON object in (which it frees) as r's actor and finishes through
 * cli_run_done (text as there). */
int cli_run_in(struct cli_run *r, json_t *in, app_uc *fn, void (*text)(json_t *));

/* As cli_run_in, for a use case on the object `id`. */
int cli_run_id_in(struct cli_run *r, const char *id, json_t *in, app_uc *fn,
                  void (*text)(json_t *));

/* As cli_run_file, for a use case on the object `id`. */
int cli_run_id_file(struct cli_run *r, const char *id, const char *path, app_uc *fn,
                    void (*text)(json_t *));

/* A subcommand `NAME ID FILE.json` and the use case it runs. */
struct cli_write {
	const char *name;
	app_uc *fn;
};

/* When argv is `CMD NAME ID FILE` (argc 4) and NAME is one of the n writes: runs that
 * write through cli_run_id_file (JSON output), stores the exit code in *code and
 * returns true. Otherwise returns false and leaves r open. */
bool cli_run_write(struct cli_run *r, int argc, char **argv, const struct cli_write *writes,
                   size_t n, int *code);

/* A "--flag VALUE" option and the member of the JSON input it sets. */
struct cli_opt {
	const char *flag;
	const char *key;
};

/* Reads argv[from..argc) as "--flag VALUE" pairs of the n opts into the object in (a
 * repeated flag keeps its last value). Returns 0 when every argument was read; else
 * the index (>= from > 0) of the first flag that is not one of opts or lacks its value,
 * or, with *bad_utf8 set, whose value is not valid UTF-8. */
int cli_opt_pairs(int argc, char **argv, int from, const struct cli_opt *opts, size_t n, json_t *in,
                  bool *bad_utf8);

/* The string member k of o, or "" when absent or not a string. */
const char *cli_str(json_t *o, const char *k);

#endif

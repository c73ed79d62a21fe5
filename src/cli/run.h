/*
 * run.h: running a use case from a subcommand: its JSON input from a file or built
 * from options, the use case as the command's actor (struct cli_ctx), and the result
 * printed (JSON with --json or without a text printer, else readable text) or the
 * error, with the exit code of the result-code table (cli.h).
 */
#ifndef LANTERN_CLI_RUN_H
#define LANTERN_CLI_RUN_H

#include <jansson.h>

#include "app/app.h"
#include "cli/cli.h"

/* Prints a use case's result: out (JSON when --json was given or `text` is NULL, else
 * through `text`) on APP_OK, else the error and any "candidates" of a refused child
 * (R-REC-1) on stderr. Frees out; returns the exit code. */
int cli_done(struct cli_ctx *c, int rc, json_t *out, const struct app_err *err,
             void (*text)(json_t *));

/* Runs use case fn as c's actor on `id` (may be NULL) with in (consumed; may be NULL)
 * and finishes through cli_done. */
int cli_use(struct cli_ctx *c, app_uc *fn, const char *id, json_t *in, void (*text)(json_t *));

/* As cli_use, with the JSON object read from the file at path ("-" is standard input;
 * cli_read_json). An unreadable file is CLI_USAGE (the error printed). */
int cli_use_file(struct cli_ctx *c, app_uc *fn, const char *id, const char *path,
                 void (*text)(json_t *));

/* A subcommand `NAME ID FILE.json` and the use case it runs. */
struct cli_write {
	const char *name;
	app_uc *fn;
};

/* When argv is `CMD NAME ID FILE` (argc 4) and NAME is one of the n writes: runs that
 * write through cli_use_file (JSON output), stores the exit code in *code and returns
 * true. Otherwise returns false. */
bool cli_use_write(struct cli_ctx *c, int argc, char **argv, const struct cli_write *writes,
                   size_t n, int *code);

/* Reads a JSON object from the file at path ("-" is stdin), at most 1 MiB. NULL (the
 * error printed) when unreadable, not JSON, or not an object. */
json_t *cli_read_json(const char *path);

/* The string member k of o, or "" when absent or not a string. */
const char *cli_str(json_t *o, const char *k);

#endif

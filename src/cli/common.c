/* common.c: configuration, database opening, result codes and error printing for the
 * subcommands (see cli.h). */
#include "cli/cli.h"

#include <assert.h>
#include <errno.h>

#include "app/app.h"
#include "util/buf.h"

int cli_config(struct config *cfg)
{
	char err[512];
	config_defaults(cfg);
	const char *path = getenv("LANTERN_CONFIG");
	if (config_load_file(cfg, path ? path : "lantern.conf", path != NULL, err, sizeof err) < 0)
		return cli_error(CLI_USAGE, "%s", err);
	if (config_apply_env(cfg, err, sizeof err) < 0)
		return cli_error(CLI_USAGE, "%s", err);
	return CLI_OK;
}

int cli_open_db(const struct config *cfg, bool create, bool allow_unmigrated, struct db **out)
{
	struct app_err err;
	switch (app_database_open(cfg->db, create, allow_unmigrated, out, &err)) {
	case APP_OK:
		return CLI_OK;
	case APP_INVALID:
		return cli_error(CLI_USAGE, "%s", err.message);
	case APP_CONFLICT:
		return cli_error(CLI_FAIL, "%s (run `lantern init --db %s`)", err.message, cfg->db);
	default:
		return cli_error(CLI_FAIL, "%s", err.message);
	}
}

char *cli_read_file(const char *path, size_t max)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		cli_error(CLI_FAIL, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	struct buf b = BUF_INIT(max);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(&b, chunk, n) < 0)
			break;
	bool bad = ferror(f) || b.failed;
	if (f != stdin)
		fclose(f);
	if (bad) {
		cli_error(CLI_USAGE, "%s: unreadable or larger than %zu bytes", path, max);
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* The one mapping of use-case result codes to exit codes (see cli.h). */
static const struct cli_rc cli_rcs[] = {
        {APP_OK, CLI_OK},           {APP_INVALID, CLI_USAGE},  {APP_NOT_FOUND, CLI_USAGE},
        {APP_FORBIDDEN, CLI_USAGE}, {APP_CONFLICT, CLI_USAGE}, {APP_FAILED, CLI_FAIL},
        {APP_BUSY, CLI_FAIL},       {APP_LIMITED, CLI_USAGE},
};

const struct cli_rc *cli_rc_find(enum app_rc code)
{
	for (size_t i = 0; i < ARRAY_LEN(cli_rcs); i++)
		if (cli_rcs[i].code == code)
			return &cli_rcs[i];
	return NULL;
}

int cli_exit_code(enum app_rc code)
{
	const struct cli_rc *r = cli_rc_find(code);
	assert(r);
	return r ? r->exit_code : CLI_FAIL;
}

int cli_app_error(const struct app_err *err)
{
	bool named = !err->rule || strstr(err->message, err->rule);
	fprintf(stderr, "lantern: %s%s%s%s\n", err->message, named ? "" : " (",
	        named ? "" : err->rule, named ? "" : ")");
	for (int i = 0; i < err->nfields; i++)
		fprintf(stderr, "  %s: %s\n", err->fields[i].field, err->fields[i].message);
	/* an error without a code is a failure all the same */
	return err->code == APP_OK ? CLI_FAIL : cli_exit_code(err->code);
}

void cli_print_json(const void *json)
{
	char *s = json_dumps((const json_t *)json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s) {
		puts(s);
		free(s);
	}
}

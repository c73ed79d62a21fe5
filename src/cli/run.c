/*
 * run.c: the frame of a subcommand that calls a use case (see run.h).
 */
#include "cli/run.h"

#include "cli/cli.h"

#include <stdarg.h>

#define INPUT_MAX (1u << 20)

int cli_run_open(struct cli_run *r, int *argc, char **argv)
{
	const char *as = NULL;
	memset(r, 0, sizeof(*r));
	int rc = cli_config(&r->cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&r->cfg, argc, argv, &as);
	if (rc != CLI_OK)
		return rc;
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			r->json = true;
		else
			argv[out++] = argv[i];
	}
	*argc = out;
	if ((rc = cli_open_db(&r->cfg, false, false, &r->db)) != CLI_OK)
		return rc;
	if (!as) {
		actor_system(&r->who);
		return CLI_OK;
	}
	struct app_err err = {0};
	if (actor_load(r->db, as, &r->who, &err) != APP_OK) {
		app_database_close(r->db);
		r->db = NULL;
		return cli_error(CLI_USAGE, "--as %.64s: %s", as, err.message);
	}
	return CLI_OK;
}

bool cli_run_begin(struct cli_run *r, int *argc, char **argv, const char *usage, int *code)
{
	if (cli_wants_help(*argc, argv, usage)) {
		*code = CLI_OK;
		return false;
	}
	*code = cli_run_open(r, argc, argv);
	return *code == CLI_OK;
}

int cli_run_usage(struct cli_run *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	app_database_close(r->db);
	r->db = NULL;
	return cli_error(CLI_USAGE, "%s", msg);
}

/* Lists the possible existing children a refused child add found (R-REC-1). */
static void candidates_print(json_t *cands)
{
	fprintf(stderr, "Possible existing children (R-REC-1):\n");
	size_t i;
	json_t *c;
	json_array_foreach(cands, i, c)
	{
		fprintf(stderr, "  %s  %s %s  born %s  [%s]\n", cli_str(c, "id"),
		        cli_str(c, "given_names"), cli_str(c, "family_name"),
		        json_is_string(json_object_get(c, "date_of_birth"))
		                ? cli_str(c, "date_of_birth")
		                : "unknown",
		        cli_str(c, "strength"));
	}
	fprintf(stderr, "Use the child's id (child_id), or confirm a new child "
	                "(confirm_new_child: true).\n");
}

int cli_run_done(struct cli_run *r, int rc, json_t *out, const struct app_err *err,
                 void (*text)(json_t *))
{
	int code = CLI_OK;
	if (rc != APP_OK) {
		code = cli_app_error(err);
		json_t *cands = json_object_get(out, "candidates");
		if (cands)
			candidates_print(cands);
	} else if (out) {
		if (r->json || !text)
			cli_print_json(out);
		else
			text(out);
	}
	json_decref(out);
	app_database_close(r->db);
	r->db = NULL;
	return code;
}

json_t *cli_read_json(const char *path)
{
	char *text = cli_read_file(path, INPUT_MAX);
	if (!text)
		return NULL;
	json_error_t e;
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	free(text);
	if (!v) {
		cli_error(CLI_USAGE, "%s: not valid JSON (line %d: %s)", path, e.line, e.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		cli_error(CLI_USAGE, "%s: expected a JSON object", path);
		return NULL;
	}
	return v;
}

int cli_run_id(struct cli_run *r, const char *id, app_uc *fn, void (*text)(json_t *))
{
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = fn(r->db, &r->who, id, NULL, &out, &err);
	return cli_run_done(r, rc, out, &err, text);
}

/* Runs fn on `id` (may be NULL) with the JSON object in, which it frees, as cli_run_in
 * and cli_run_id_in say. */
static int run_in(struct cli_run *r, const char *id, json_t *in, app_uc *fn, void (*text)(json_t *))
{
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = fn(r->db, &r->who, id, in, &out, &err);
	json_decref(in);
	return cli_run_done(r, rc, out, &err, text);
}

/* Reads the JSON object in path and runs it through run_in, as cli_run_file and
 * cli_run_id_file say. */
static int run_file(struct cli_run *r, const char *id, const char *path, app_uc *fn,
                    void (*text)(json_t *))
{
	json_t *in = cli_read_json(path);
	if (!in) {
		app_database_close(r->db);
		r->db = NULL;
		return CLI_USAGE;
	}
	return run_in(r, id, in, fn, text);
}

int cli_run_in(struct cli_run *r, json_t *in, app_uc *fn, void (*text)(json_t *))
{
	return run_in(r, NULL, in, fn, text);
}

int cli_run_id_in(struct cli_run *r, const char *id, json_t *in, app_uc *fn, void (*text)(json_t *))
{
	return run_in(r, id, in, fn, text);
}

int cli_run_file(struct cli_run *r, const char *path, app_uc *fn, void (*text)(json_t *))
{
	return run_file(r, NULL, path, fn, text);
}

int cli_run_id_file(struct cli_run *r, const char *id, const char *path, app_uc *fn,
                    void (*text)(json_t *))
{
	return run_file(r, id, path, fn, text);
}

bool cli_run_write(struct cli_run *r, int argc, char **argv, const struct cli_write *writes,
                   size_t n, int *code)
{
	for (size_t i = 0; argc == 4 && i < n; i++) {
		if (strcmp(argv[1], writes[i].name) == 0) {
			*code = cli_run_id_file(r, argv[2], argv[3], writes[i].fn, NULL);
			return true;
		}
	}
	return false;
}

int cli_opt_pairs(int argc, char **argv, int from, const struct cli_opt *opts, size_t n, json_t *in,
                  bool *bad_utf8)
{
	*bad_utf8 = false;
	for (int i = from; i < argc; i += 2) {
		const char *key = NULL;
		for (size_t k = 0; !key && k < n; k++)
			if (strcmp(argv[i], opts[k].flag) == 0)
				key = opts[k].key;
		if (!key || i + 1 >= argc)
			return i;
		json_t *v = json_string(argv[i + 1]);
		if (!v) {
			*bad_utf8 = true;
			return i;
		}
		json_object_set_new(in, key, v);
	}
	return 0;
}

const char *cli_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

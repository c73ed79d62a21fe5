/*
 * run.c: running a use case from a subcommand (see run.h).
 */
#include "cli/run.h"

#define INPUT_MAX (1u << 20)

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

int cli_done(struct cli_ctx *c, int rc, json_t *out, const struct app_err *err,
             void (*text)(json_t *))
{
	int code = CLI_OK;
	if (rc != APP_OK) {
		code = cli_app_error(err);
		json_t *cands = json_object_get(out, "candidates");
		if (cands)
			candidates_print(cands);
	} else if (out) {
		if (c->json || !text)
			cli_print_json(out);
		else
			text(out);
	}
	json_decref(out);
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

int cli_use(struct cli_ctx *c, app_uc *fn, const char *id, json_t *in, void (*text)(json_t *))
{
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = fn(c->db, &c->who, id, in, &out, &err);
	json_decref(in);
	return cli_done(c, rc, out, &err, text);
}

int cli_use_file(struct cli_ctx *c, app_uc *fn, const char *id, const char *path,
                 void (*text)(json_t *))
{
	json_t *in = cli_read_json(path);
	if (!in)
		return CLI_USAGE;
	return cli_use(c, fn, id, in, text);
}

bool cli_use_write(struct cli_ctx *c, int argc, char **argv, const struct cli_write *writes,
                   size_t n, int *code)
{
	for (size_t i = 0; argc == 4 && i < n; i++) {
		if (strcmp(argv[1], writes[i].name) == 0) {
			*code = cli_use_file(c, writes[i].fn, argv[2], argv[3], NULL);
			return true;
		}
	}
	return false;
}

const char *cli_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

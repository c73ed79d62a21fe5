/*
 * run.c: the frame of a subcommand that calls a use case (see run.h).
 */
#include "cli/run.h"

#include "cli/cli.h"

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
		db_close(r->db);
		r->db = NULL;
		return cli_error(CLI_USAGE, "--as %.64s: %s", as, err.message);
	}
	return CLI_OK;
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
	db_close(r->db);
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

const char *cli_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

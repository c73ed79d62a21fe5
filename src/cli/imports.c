/*
 * imports.c: `lantern import children FILE.csv` (bulk import with every row matched
 * against the children already known: R-REC-1), `lantern export children` (the same
 * columns, as CSV on standard output) and `lantern match` (train the matching model on
 * the caseload, show the model in use). Thin: read the file a piece at a time, call
 * src/app/import.h and match_model.h, print. Refused rows are listed on stderr with
 * their line and reason and exit 2 with nothing written.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/import.h"
#include "app/match_model.h"

const char CLI_IMPORT_USAGE[] =
        "usage: lantern import children FILE.csv [--mapping FILE] [--dry-run]\n"
        "                                 [--commit-good-rows] [--as USER] [--json]\n"
        "\n"
        "Imports children from a CSV file (UTF-8, a header row). The columns are Lantern's\n"
        "fields: given_names, family_name, other_names (separated by ;), date_of_birth\n"
        "(YYYY-MM-DD or DD/MM/YYYY), gender, nhs_number, school, address, postcode; a\n"
        "mapping file (lines \"Header in the file = field\") names them otherwise. Every\n"
        "row is matched against the children already known: a row that may be one of\n"
        "them is held for a person to resolve (the MASH page /imports/held), never\n"
        "merged. All or nothing: a refused row (listed with its line and reason) means\n"
        "nothing is written, exit 2, unless --commit-good-rows is given. --dry-run\n"
        "checks and matches everything and writes nothing but the report.\n";

const char CLI_MATCH_USAGE[] =
        "usage: lantern match train\n"
        "       lantern match model [--json]\n"
        "\n"
        "train: learns the matching model's weights by expectation-maximisation on the\n"
        "children already known and stores it with today's date; the matcher uses the\n"
        "newest stored model from then on (the built-in one until there is one).\n"
        "model: the model in use, its weights and bands in words.\n";

static long read_file(void *ctx, char *buf, size_t n)
{
	FILE *f = ctx;
	size_t got = fread(buf, 1, n, f);
	if (got == 0 && ferror(f))
		return -1;
	return (long)got;
}

static void report_text(json_t *r, bool to_err)
{
	FILE *out = to_err ? stderr : stdout;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r, "refused_rows"), i, e) fprintf(
	        stderr, "line %lld: %s\n",
	        (long long)json_integer_value(json_object_get(e, "line")), cli_str(e, "reason"));
	json_array_foreach(json_object_get(r, "held_rows"), i, e)
	        fprintf(out, "line %lld: held: may be a child already known (%lld candidate%s)\n",
	                (long long)json_integer_value(json_object_get(e, "line")),
	                (long long)json_integer_value(json_object_get(e, "candidates")),
	                json_integer_value(json_object_get(e, "candidates")) == 1 ? "" : "s");
	bool kept = strcmp(cli_str(r, "status"), "committed") == 0;
	fprintf(out, "import %s: %s: %lld rows read, %lld %s, %lld %s, %lld refused%s\n",
	        cli_str(r, "id"), cli_str(r, "status"),
	        (long long)json_integer_value(json_object_get(r, "rows_read")),
	        (long long)json_integer_value(json_object_get(r, "created")),
	        kept ? "created" : "would be created",
	        (long long)json_integer_value(json_object_get(r, "held")),
	        kept ? "held" : "would be held",
	        (long long)json_integer_value(json_object_get(r, "refused")),
	        kept ? "" : "; nothing was written");
}

int cli_import(struct cli_ctx *c, int argc, char **argv)
{
	const char *mapping_path = NULL;
	bool dry = false, good = false;
	const struct cli_opt opts[] = {CLI_STRING("--mapping", &mapping_path),
	                               CLI_FLAG("--dry-run", &dry),
	                               CLI_FLAG("--commit-good-rows", &good)};
	if (cli_parse("import", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc != 3 || strcmp(argv[1], "children") != 0)
		return cli_error(CLI_USAGE, "import: expected `children FILE.csv`");
	if (dry && good)
		return cli_error(CLI_USAGE,
		                 "import: --dry-run writes nothing; drop --commit-good-rows");
	char *mapping = NULL;
	if (mapping_path && !(mapping = cli_read_file(mapping_path, IMPORT_MAPPING_FILE_MAX)))
		return CLI_USAGE;
	FILE *f = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "rb");
	if (!f) {
		free(mapping);
		return cli_error(CLI_USAGE, "import: cannot open %.200s", argv[2]);
	}
	struct import_opts o = {.source = argv[2],
	                        .mapping = mapping,
	                        .mapping_len = mapping ? strlen(mapping) : 0,
	                        .dry_run = dry,
	                        .commit_good = good};
	struct app_err err;
	app_err_clear(&err);
	json_t *rep = NULL;
	int rc = app_import_children(c->db, &c->who, &o, read_file, f, &rep, &err);
	if (f != stdin)
		fclose(f);
	free(mapping);
	if (rep) {
		if (c->json)
			cli_print_json(rep);
		else
			report_text(rep, rc != APP_OK);
		json_decref(rep);
	}
	return rc == APP_OK ? CLI_OK : cli_app_error(&err);
}

static int write_out(void *ctx, const char *s, size_t n)
{
	return fwrite(s, 1, n, ctx) == n ? 0 : -1;
}

int cli_export_children(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("export", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc != 2)
		return cli_error(CLI_USAGE, "export: expected `children`");
	struct app_err err;
	app_err_clear(&err);
	size_t rows = 0;
	int rc = app_export_children(c->db, &c->who, write_out, stdout, &rows, &err);
	if (fflush(stdout) != 0 && rc == APP_OK)
		return cli_error(CLI_FAIL, "export: cannot write the output");
	if (rc != APP_OK)
		return cli_app_error(&err);
	fprintf(stderr, "%zu children exported\n", rows);
	return CLI_OK;
}

static void train_text(json_t *v)
{
	printf("model %s trained on %s from %lld children: likely at %.1f bits, possible at "
	       "%.1f bits\n",
	       cli_str(v, "id"), cli_str(v, "trained_on"),
	       (long long)json_integer_value(json_object_get(v, "records")),
	       json_real_value(json_object_get(v, "likely_bits")),
	       json_real_value(json_object_get(v, "possible_bits")));
}

static void model_text(json_t *v)
{
	printf("%s\n", cli_str(v, "summary"));
	size_t i, j;
	json_t *f, *l;
	json_array_foreach(json_object_get(v, "fields"), i, f)
	{
		printf("%s:\n", cli_str(f, "field"));
		json_array_foreach(json_object_get(f, "levels"), j, l) printf(
		        "  %-40s %+6.1f bits  (%s)\n", cli_str(l, "level"),
		        json_real_value(json_object_get(l, "weight_bits")), cli_str(l, "meaning"));
	}
	json_array_foreach(json_object_get(v, "bands"), i, f)
	        printf("%s: %s\n", cli_str(f, "band"), cli_str(f, "meaning"));
}

int cli_match(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("match", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 2 && strcmp(argv[1], "train") == 0)
		return cli_use(c, app_match_train, NULL, NULL, train_text);
	if (argc == 2 && strcmp(argv[1], "model") == 0)
		return cli_use(c, app_match_model, NULL, NULL, model_text);
	return cli_error(CLI_USAGE, "match: expected train or model");
}

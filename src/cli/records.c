/*
 * records.c: `lantern child`, `lantern referral`, `lantern record` and `lantern
 * category`: the protocol's use cases from the command line. Input is JSON (a file or
 * "-" for standard input); output is readable text, or JSON with --json. The operator
 * acts as the system unless --as USERNAME names a Lantern user to act as (the use
 * case then applies that user's roles, agency and involvement).
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/children.h"
#include "app/merges.h"
#include "app/categories.h"
#include "app/essential_steps.h"
#include "app/record_changes.h"
#include "app/record_view.h"
#include "app/referrals.h"
#include "app/restricted.h"

static void child_text(json_t *c)
{
	printf("%s %s (%s)\n", cli_str(c, "given_names"), cli_str(c, "family_name"),
	       cli_str(c, "id"));
	printf("  born %s, %s\n",
	       json_is_string(json_object_get(c, "date_of_birth")) ? cli_str(c, "date_of_birth")
	                                                           : "date unknown",
	       cli_str(c, "gender"));
	if (*cli_str(c, "residence_borough"))
		printf("  lives in %s\n", cli_str(c, "residence_borough"));
	if (json_is_true(json_object_get(c, "looked_after")))
		printf("  looked after: home authority %s, host authority %s\n",
		       cli_str(c, "home_authority"), cli_str(c, "host_authority"));
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(c, "other_names"), i, n)
	        printf("  also known as %s (%s)\n", cli_str(n, "name"), cli_str(n, "kind"));
}

static void find_text(json_t *o)
{
	json_t *res = json_object_get(o, "results");
	if (json_array_size(res) == 0)
		printf("No matching children.\n");
	size_t i;
	json_t *c;
	json_array_foreach(res, i, c)
	{
		printf("%s  %s %s  born %s  %s%s[%s]\n", cli_str(c, "id"),
		       cli_str(c, "given_names"), cli_str(c, "family_name"),
		       *cli_str(c, "date_of_birth") ? cli_str(c, "date_of_birth") : "unknown",
		       cli_str(c, "record_ref"), *cli_str(c, "record_ref") ? "  " : "",
		       cli_str(c, "strength"));
		size_t k;
		json_t *why;
		json_array_foreach(json_object_get(c, "reasons"), k, why)
		        printf("    - %s\n", json_string_value(why));
	}
}

static void merge_text(json_t *m)
{
	printf("Merge %s: %s (%s) merged into %s (%s) at %s by %s.\n", cli_str(m, "id"),
	       cli_str(m, "merged_names"), cli_str(m, "merged_child_id"),
	       cli_str(m, "surviving_names"), cli_str(m, "surviving_child_id"),
	       cli_str(m, "merged_at"), cli_str(m, "merged_by_name"));
	printf("    why: %s\n", cli_str(m, "reason"));
	if (*cli_str(m, "undone_at"))
		printf("    undone at %s by %s: %s\n", cli_str(m, "undone_at"),
		       cli_str(m, "undone_by_name"), cli_str(m, "undo_reason"));
}

static void merges_text(json_t *o)
{
	json_t *list = json_object_get(o, "merges");
	if (json_array_size(list) == 0)
		printf("No merges.\n");
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) merge_text(m);
}

/* lantern child merge SURVIVOR MERGED --reason TEXT, child unmerge MERGE_ID --reason TEXT
 * (R-REC-1). */
static int child_merge_cmd(struct cli_ctx *c, int argc, char **argv)
{
	bool undo = strcmp(argv[1], "unmerge") == 0;
	json_t *q = json_object();
	const struct cli_opt opts[] = {CLI_JSON("--reason", q, "reason")};
	int rc = cli_parse(undo ? "child unmerge" : "child merge", &argc, argv, opts,
	                   ARRAY_LEN(opts), CLI_PARSE_STRICT);
	if (rc == CLI_OK && argc != (undo ? 3 : 4))
		rc = cli_error(CLI_USAGE,
		               undo ? "child unmerge: expected MERGE_ID --reason TEXT"
		                    : "child merge: expected SURVIVOR MERGED --reason TEXT");
	if (rc != CLI_OK) {
		json_decref(q);
		return rc;
	}
	if (undo)
		return cli_use(c, app_child_unmerge, argv[2], q, merge_text);
	json_object_set_new(q, "merged_child_id", json_string(argv[3]));
	return cli_use(c, app_child_merge, argv[2], q, merge_text);
}

const char CLI_CHILD_USAGE[] =
        "usage: lantern child add FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern child show ID [--json] [--as USER] [--db URL]\n"
        "       lantern child find [--name NAME] [--dob YYYY-MM-DD] [--nhs NUMBER] [--json]\n"
        "       lantern child merge SURVIVOR MERGED --reason TEXT [--json] [--as USER]\n"
        "       lantern child unmerge MERGE_ID --reason TEXT [--json] [--as USER]\n"
        "       lantern child merges ID [--json] [--as USER]\n"
        "FILE is a JSON object (see docs/api.md, 'Children'); '-' reads standard input.\n"
        "`add` refuses when the child may already be known (R-REC-1) and lists the possible\n"
        "matches; set \"confirm_new\": true in the file to create a new child anyway.\n"
        "`merge` merges MERGED (a child id or record reference) into SURVIVOR, found to be\n"
        "the same child (R-REC-1); nothing is deleted and `unmerge` undoes it exactly.\n";

int cli_child(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "merge") == 0 || strcmp(argv[1], "unmerge") == 0))
		return child_merge_cmd(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "find") == 0) {
		json_t *q = json_object();
		const struct cli_opt opts[] = {CLI_JSON("--name", q, "name"),
		                               CLI_JSON("--dob", q, "date_of_birth"),
		                               CLI_JSON("--nhs", q, "nhs_number")};
		int rc = cli_parse("child find", &argc, argv, opts, ARRAY_LEN(opts),
		                   CLI_PARSE_STRICT);
		if (rc == CLI_OK && argc != 2)
			rc = cli_error(CLI_USAGE,
			               "child find: expected --name, --dob or --nhs with a value");
		if (rc != CLI_OK) {
			json_decref(q);
			return rc;
		}
		return cli_use(c, app_child_find, NULL, q, find_text);
	}
	if (cli_parse("child", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return cli_use_file(c, app_child_add, NULL, argv[2], child_text);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_child_get, argv[2], NULL, child_text);
	if (argc == 3 && strcmp(argv[1], "merges") == 0)
		return cli_use(c, app_child_merges, argv[2], NULL, merges_text);
	return cli_error(CLI_USAGE, "child: expected `add FILE`, `show ID`, `find`, `merge`, "
	                            "`unmerge` or `merges ID` (see --help)");
}

static void referral_text(json_t *o)
{
	printf("Referral %s filed.\n", cli_str(o, "referral_id"));
	printf("Route: %s (%s)\n", cli_str(o, "route"), cli_str(o, "rule"));
	if (*cli_str(o, "record_ref"))
		printf("Record: %s (%s)\n", cli_str(o, "record_ref"),
		       *cli_str(o, "record_action") ? cli_str(o, "record_action") : "linked");
	else
		printf("No CSE record: the identifying agency leads (R-SIGN-2).\n");
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(o, "steps"), i, s)
	        printf("  %zu. %s [%s; %s]\n", i + 1, cli_str(s, "text"), cli_str(s, "who"),
	               cli_str(s, "rule"));
}

const char CLI_REFERRAL_USAGE[] =
        "usage: lantern referral submit FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern referral show ID [--json] [--as USER] [--db URL]\n"
        "FILE is a JSON object (see docs/api.md, 'Referrals'); '-' reads standard input.\n";

int cli_referral(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("referral", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "submit") == 0)
		return cli_use_file(c, app_referral_submit, NULL, argv[2], referral_text);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_referral_get, argv[2], NULL, NULL);
	return cli_error(CLI_USAGE, "referral: expected `submit FILE` or `show ID` (see --help)");
}

static void entry_text(json_t *e)
{
	bool superseded = json_is_string(json_object_get(e, "superseded_by"));
	printf("%s  %-7s %s%s\n", cli_str(e, "occurred_at"), cli_str(e, "nature"),
	       cli_str(e, "kind"), superseded ? "  [superseded]" : "");
	printf("    by %s%s%s\n", cli_str(e, "author_name"), *cli_str(e, "agency") ? ", " : "",
	       cli_str(e, "agency"));
	printf("    %s\n", cli_str(e, "text"));
}

static void record_text(json_t *v)
{
	json_t *c = json_object_get(v, "child");
	printf("Record %s (%s)\n", cli_str(v, "reference"), cli_str(v, "status"));
	printf("Child: %s %s, born %s\n", cli_str(c, "given_names"), cli_str(c, "family_name"),
	       *cli_str(c, "date_of_birth") ? cli_str(c, "date_of_birth") : "unknown");
	json_t *age = json_object_get(v, "age");
	printf("Age band: %s. %s\n", cli_str(age, "band"), cli_str(age, "facts"));
	json_t *cat = json_object_get(v, "category");
	if (json_is_integer(cat))
		printf("Category %lld%s%s; allocated to %s%s%s\n",
		       (long long)json_integer_value(cat), *cli_str(v, "contact_mode") ? ", " : "",
		       cli_str(v, "contact_mode"),
		       strcmp(cli_str(v, "allocation"), "set") == 0 ? "the Sexual Exploitation Team"
		                                                    : "the borough",
		       *cli_str(v, "allocated_borough") ? ": " : "",
		       cli_str(v, "allocated_borough"));
	else
		printf("No category decision yet.\n");
	printf("Reminder: %s\n", cli_str(v, "category_reminder"));
	printf("Flags:");
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(v, "flags"), i, f) printf(" %s", json_string_value(f));
	printf("\nOutcomes:");
	json_array_foreach(json_object_get(v, "outcomes"), i, f)
	        printf(" %s (%s)", cli_str(f, "code"), cli_str(f, "achieved_on"));
	printf("\n\nChronology (newest first):\n");
	json_array_foreach(json_object_get(v, "chronology"), i, f) entry_text(f);
}

static void chronology_text(json_t *o)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(o, "entries"), i, e) entry_text(e);
}

const char CLI_RECORD_USAGE[] =
        "usage: lantern record show REF [--json] [--as USER] [--db URL]\n"
        "       lantern record chronology REF [--json] [--as USER] [--db URL]\n"
        "       lantern record add-entry REF FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern record supervisor-review REF FILE.json [--as USER]\n"
        "       lantern record essential-steps REF FILE.json [--as USER]\n"
        "       lantern record outcome REF FILE.json [--as USER]\n"
        "       lantern record reference REF FILE.json [--as USER]\n"
        "       lantern record classify REF FILE.json [--as USER]\n"
        "       lantern record restrict REF FILE.json [--as USER]   (R-INFO-3)\n"
        "REF is a record reference such as LAN-2026-000123. FILE is a JSON object (docs/api.md).\n"
        "`record timeline` is the older name of `record chronology` and still works.\n";

int cli_record(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("record", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_record_get, argv[2], NULL, record_text);
	if (argc == 3 && (strcmp(argv[1], "chronology") == 0 || strcmp(argv[1], "timeline") == 0))
		return cli_use(c, app_record_chronology, argv[2], NULL, chronology_text);
	static const struct cli_write writes[] = {
	        {"add-entry", app_record_add_entry},
	        {"supervisor-review", app_supervisor_review},
	        {"essential-steps", app_essential_steps},
	        {"outcome", app_outcome_add},
	        {"reference", app_external_ref_add},
	        {"classify", app_record_classify},
	        {"restrict", app_record_restrict},
	};
	int rc;
	if (cli_use_write(c, argc, argv, writes, ARRAY_LEN(writes), &rc))
		return rc;
	return cli_error(CLI_USAGE, "record: unknown or incomplete command (see --help)");
}

static void category_text(json_t *o)
{
	printf("Record %s: category %lld%s%s.\n", cli_str(o, "record_ref"),
	       (long long)json_integer_value(json_object_get(o, "category")),
	       *cli_str(o, "contact") ? ", " : "", cli_str(o, "contact"));
	printf("Allocation: %s%s%s (%s)\n",
	       strcmp(cli_str(o, "allocation"), "set") == 0 ? "Sexual Exploitation Team"
	                                                    : "borough",
	       *cli_str(o, "lead_borough") ? ": " : "", cli_str(o, "lead_borough"),
	       cli_str(o, "rule"));
	if (*cli_str(o, "enquiring_borough"))
		printf("Enquiries on behalf of the owning borough: %s (R-CAT-5)\n",
		       cli_str(o, "enquiring_borough"));
	if (*cli_str(o, "next_steps"))
		printf("Next: %s\n", cli_str(o, "next_steps"));
}

const char CLI_CATEGORY_USAGE[] =
        "usage: lantern category decide REF --category 1|2|3 [--contact | --online]\n"
        "           --rationale TEXT [--kind initial|supervisor|assessment_team]\n"
        "           [--exploitation-borough NAME] [--json] [--as USER] [--db URL]\n"
        "A category 2 decision must say whether the abuse is contact or online (R-CAT-3).\n";

int cli_category(struct cli_ctx *c, int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[1], "decide") != 0)
		return cli_error(CLI_USAGE, "category: expected `decide REF ...` (see --help)");
	json_t *in = json_object();
	const struct cli_opt opts[] = {
	        CLI_JSON_CONST("--contact", in, "contact", "contact"),
	        CLI_JSON_CONST("--online", in, "contact", "online"),
	        CLI_JSON_CONST("--non-contact", in, "contact", "online"),
	        CLI_JSON_INT("--category", in, "category", 1, 3, "1, 2 or 3 (R-CAT-1)"),
	        CLI_JSON("--rationale", in, "rationale"),
	        CLI_JSON("--kind", in, "kind"),
	        CLI_JSON("--exploitation-borough", in, "exploitation_borough"),
	};
	int rc = cli_parse("category decide", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT);
	if (rc == CLI_OK && argc != 3)
		rc = cli_error(CLI_USAGE, "category decide: expected one record reference");
	if (rc != CLI_OK) {
		json_decref(in);
		return rc;
	}
	return cli_use(c, app_category_decide, argv[2], in, category_text);
}

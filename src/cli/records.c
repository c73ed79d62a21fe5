/*
 * records.c: `lantern child`, `lantern referral`, `lantern record` and `lantern
 * category`: the protocol's use cases from the command line. Input is JSON (a file or
 * "-" for standard input); output is readable text, or JSON with --json. The operator
 * acts as the system unless --as USERNAME names a Lantern user to act as (the use
 * case then applies that user's roles, agency and involvement).
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include "app/children.h"
#include "app/records.h"
#include "util/parse.h"

#define INPUT_MAX (1u << 20)

struct run {
	struct db *db;
	struct actor who;
	bool json;
};

/* Common set-up: config, --db, --as, --json; opens the database and the actor. */
static int run_open(struct run *r, int *argc, char **argv)
{
	struct config cfg;
	const char *as = NULL;
	memset(r, 0, sizeof(*r));
	int rc = cli_config(&cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&cfg, argc, argv, &as);
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
	if ((rc = cli_open_db(&cfg, false, false, &r->db)) != CLI_OK)
		return rc;
	if (!as) {
		actor_system(&r->who);
		return CLI_OK;
	}
	struct app_err err = {0};
	if (actor_load(r->db, as, &r->who, &err) != APP_OK) {
		db_close(r->db);
		return cli_error(CLI_USAGE, "--as %.64s: %s", as, err.message);
	}
	return CLI_OK;
}

/* Prints a use case's result (or error, and candidates when it found possible
 * matches), frees and closes. */
static int run_done(struct run *r, int rc, json_t *out, const struct app_err *err,
		    void (*text)(json_t *))
{
	int code = CLI_OK;
	if (rc != APP_OK) {
		code = cli_app_error(err);
		json_t *cands = json_object_get(out, "candidates");
		if (cands) {
			fprintf(stderr, "Possible existing children (R-REC-1):\n");
			size_t i;
			json_t *c;
			json_array_foreach(cands, i, c)
			{
				fprintf(stderr, "  %s  %s %s  born %s  [%s]\n",
					json_string_value(json_object_get(c, "id")),
					json_string_value(json_object_get(c, "given_names")),
					json_string_value(json_object_get(c, "family_name")),
					json_is_string(json_object_get(c, "date_of_birth"))
						? json_string_value(json_object_get(c, "date_of_birth"))
						: "unknown",
					json_string_value(json_object_get(c, "strength")));
			}
			fprintf(stderr, "Use the child's id (child_id), or confirm a new child "
					"(confirm_new_child: true).\n");
		}
	} else if (out) {
		if (r->json || !text)
			cli_print_json(out);
		else
			text(out);
	}
	json_decref(out);
	db_close(r->db);
	return code;
}

/* Reads and parses a JSON object from a file or stdin. */
static json_t *read_json(const char *path)
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

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void child_text(json_t *c)
{
	printf("%s %s (%s)\n", str(c, "given_names"), str(c, "family_name"), str(c, "id"));
	printf("  born %s, %s\n", json_is_string(json_object_get(c, "date_of_birth"))
					  ? str(c, "date_of_birth")
					  : "date unknown",
	       str(c, "gender"));
	if (*str(c, "residence_borough"))
		printf("  lives in %s\n", str(c, "residence_borough"));
	if (json_is_true(json_object_get(c, "looked_after")))
		printf("  looked after: home authority %s, host authority %s\n",
		       str(c, "home_authority"), str(c, "host_authority"));
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(c, "other_names"), i, n)
		printf("  also known as %s (%s)\n", str(n, "name"), str(n, "kind"));
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
		printf("%s  %s %s  born %s  %s%s[%s]\n", str(c, "id"), str(c, "given_names"),
		       str(c, "family_name"), *str(c, "date_of_birth") ? str(c, "date_of_birth") : "unknown",
		       str(c, "record_ref"), *str(c, "record_ref") ? "  " : "", str(c, "strength"));
		size_t k;
		json_t *why;
		json_array_foreach(json_object_get(c, "reasons"), k, why)
			printf("    - %s\n", json_string_value(why));
	}
}

static const char CHILD_USAGE[] =
	"usage: lantern child add FILE.json [--json] [--as USER] [--db URL]\n"
	"       lantern child show ID [--json] [--as USER] [--db URL]\n"
	"       lantern child find [--name NAME] [--dob YYYY-MM-DD] [--nhs NUMBER] [--json]\n"
	"FILE is a JSON object (see docs/api.md, 'Children'); '-' reads standard input.\n"
	"`add` refuses when the child may already be known (R-REC-1) and lists the possible\n"
	"matches; set \"confirm_new\": true in the file to create a new child anyway.\n";

int cli_child(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, CHILD_USAGE))
		return CLI_OK;
	struct run r;
	int rc = run_open(&r, &argc, argv);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc == 3 && strcmp(argv[1], "add") == 0) {
		json_t *in = read_json(argv[2]);
		if (!in) {
			db_close(r.db);
			return CLI_USAGE;
		}
		rc = app_child_add(r.db, &r.who, in, &out, &err);
		json_decref(in);
		return run_done(&r, rc, out, &err, child_text);
	}
	if (argc == 3 && strcmp(argv[1], "show") == 0) {
		rc = app_child_get(r.db, &r.who, argv[2], &out, &err);
		return run_done(&r, rc, out, &err, child_text);
	}
	if (argc >= 2 && strcmp(argv[1], "find") == 0) {
		json_t *q = json_object();
		for (int i = 2; i < argc; i++) {
			const char *key = strcmp(argv[i], "--name") == 0  ? "name"
					  : strcmp(argv[i], "--dob") == 0 ? "date_of_birth"
					  : strcmp(argv[i], "--nhs") == 0 ? "nhs_number"
									  : NULL;
			if (!key || i + 1 >= argc) {
				json_decref(q);
				db_close(r.db);
				return cli_error(CLI_USAGE, "child find: expected --name, --dob or --nhs with a value");
			}
			json_object_set_new(q, key, json_string(argv[++i]));
			if (!json_object_get(q, key)) {
				json_decref(q);
				db_close(r.db);
				return cli_error(CLI_USAGE, "child find: %s must be valid UTF-8", argv[i - 1]);
			}
		}
		rc = app_child_find(r.db, &r.who, q, &out, &err);
		json_decref(q);
		return run_done(&r, rc, out, &err, find_text);
	}
	db_close(r.db);
	return cli_error(CLI_USAGE, "child: expected `add FILE`, `show ID` or `find` (see --help)");
}

static void referral_text(json_t *o)
{
	printf("Referral %s filed.\n", str(o, "referral_id"));
	printf("Route: %s (%s)\n", str(o, "route"), str(o, "rule"));
	if (*str(o, "record_ref"))
		printf("Record: %s (%s)\n", str(o, "record_ref"),
		       *str(o, "record_action") ? str(o, "record_action") : "linked");
	else
		printf("No CSE record: the identifying agency leads (R-SIGN-2).\n");
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(o, "steps"), i, s)
		printf("  %zu. %s [%s; %s]\n", i + 1, str(s, "text"), str(s, "who"), str(s, "rule"));
}

static const char REFERRAL_USAGE[] =
	"usage: lantern referral submit FILE.json [--json] [--as USER] [--db URL]\n"
	"       lantern referral show ID [--json] [--as USER] [--db URL]\n"
	"FILE is a JSON object (see docs/api.md, 'Referrals'); '-' reads standard input.\n";

int cli_referral(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, REFERRAL_USAGE))
		return CLI_OK;
	struct run r;
	int rc = run_open(&r, &argc, argv);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc == 3 && strcmp(argv[1], "submit") == 0) {
		json_t *in = read_json(argv[2]);
		if (!in) {
			db_close(r.db);
			return CLI_USAGE;
		}
		rc = app_referral_submit(r.db, &r.who, in, &out, &err);
		json_decref(in);
		return run_done(&r, rc, out, &err, referral_text);
	}
	if (argc == 3 && strcmp(argv[1], "show") == 0) {
		rc = app_referral_get(r.db, &r.who, argv[2], &out, &err);
		return run_done(&r, rc, out, &err, NULL);
	}
	db_close(r.db);
	return cli_error(CLI_USAGE, "referral: expected `submit FILE` or `show ID` (see --help)");
}

static void entry_text(json_t *e)
{
	bool superseded = json_is_string(json_object_get(e, "superseded_by"));
	printf("%s  %-7s %s%s\n", str(e, "occurred_at"), str(e, "nature"), str(e, "kind"),
	       superseded ? "  [superseded]" : "");
	printf("    by %s%s%s\n", str(e, "author_name"), *str(e, "agency") ? ", " : "", str(e, "agency"));
	printf("    %s\n", str(e, "text"));
}

static void record_text(json_t *v)
{
	json_t *c = json_object_get(v, "child");
	printf("Record %s (%s)\n", str(v, "reference"), str(v, "status"));
	printf("Child: %s %s, born %s\n", str(c, "given_names"), str(c, "family_name"),
	       *str(c, "date_of_birth") ? str(c, "date_of_birth") : "unknown");
	json_t *age = json_object_get(v, "age");
	printf("Age band: %s. %s\n", str(age, "band"), str(age, "facts"));
	json_t *cat = json_object_get(v, "category");
	if (json_is_integer(cat))
		printf("Category %lld%s%s; allocated to %s%s%s\n", (long long)json_integer_value(cat),
		       *str(v, "contact_mode") ? ", " : "", str(v, "contact_mode"),
		       strcmp(str(v, "allocation"), "set") == 0 ? "the Sexual Exploitation Team"
								: "the borough",
		       *str(v, "allocated_borough") ? ": " : "", str(v, "allocated_borough"));
	else
		printf("No category decision yet.\n");
	printf("Reminder: %s\n", str(v, "category_reminder"));
	printf("Flags:");
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(v, "flags"), i, f) printf(" %s", json_string_value(f));
	printf("\nOutcomes:");
	json_array_foreach(json_object_get(v, "outcomes"), i, f)
		printf(" %s (%s)", str(f, "code"), str(f, "achieved_on"));
	printf("\n\nChronology (newest first):\n");
	json_array_foreach(json_object_get(v, "chronology"), i, f) entry_text(f);
}

static void timeline_text(json_t *o)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(o, "entries"), i, e) entry_text(e);
}

static const char RECORD_USAGE[] =
	"usage: lantern record show REF [--json] [--as USER] [--db URL]\n"
	"       lantern record timeline REF [--json] [--as USER] [--db URL]\n"
	"       lantern record add-entry REF FILE.json [--json] [--as USER] [--db URL]\n"
	"       lantern record supervisor-review REF FILE.json [--as USER]\n"
	"       lantern record essential-steps REF FILE.json [--as USER]\n"
	"       lantern record outcome REF FILE.json [--as USER]\n"
	"       lantern record reference REF FILE.json [--as USER]\n"
	"       lantern record classify REF FILE.json [--as USER]\n"
	"REF is a record reference such as LAN-2026-000123. FILE is a JSON object (docs/api.md).\n";

int cli_record(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, RECORD_USAGE))
		return CLI_OK;
	struct run r;
	int rc = run_open(&r, &argc, argv);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc == 3 && strcmp(argv[1], "show") == 0) {
		rc = app_record_get(r.db, &r.who, argv[2], &out, &err);
		return run_done(&r, rc, out, &err, record_text);
	}
	if (argc == 3 && strcmp(argv[1], "timeline") == 0) {
		rc = app_record_timeline(r.db, &r.who, argv[2], &out, &err);
		return run_done(&r, rc, out, &err, timeline_text);
	}
	static const struct {
		const char *name;
		int (*fn)(struct db *, const struct actor *, const char *, json_t *, json_t **,
			  struct app_err *);
	} writes[] = {
		{"add-entry", app_record_add_entry},	 {"supervisor-review", app_supervisor_review},
		{"essential-steps", app_essential_steps}, {"outcome", app_outcome_add},
		{"reference", app_external_ref_add},	 {"classify", app_record_classify},
	};
	for (size_t i = 0; argc == 4 && i < ARRAY_LEN(writes); i++) {
		if (strcmp(argv[1], writes[i].name) != 0)
			continue;
		json_t *in = read_json(argv[3]);
		if (!in) {
			db_close(r.db);
			return CLI_USAGE;
		}
		rc = writes[i].fn(r.db, &r.who, argv[2], in, &out, &err);
		json_decref(in);
		return run_done(&r, rc, out, &err, NULL);
	}
	db_close(r.db);
	return cli_error(CLI_USAGE, "record: unknown or incomplete command (see --help)");
}

static void category_text(json_t *o)
{
	printf("Record %s: category %lld%s%s.\n", str(o, "record_ref"),
	       (long long)json_integer_value(json_object_get(o, "category")),
	       *str(o, "contact") ? ", " : "", str(o, "contact"));
	printf("Allocation: %s%s%s (%s)\n",
	       strcmp(str(o, "allocation"), "set") == 0 ? "Sexual Exploitation Team" : "borough",
	       *str(o, "lead_borough") ? ": " : "", str(o, "lead_borough"), str(o, "rule"));
	if (*str(o, "enquiring_borough"))
		printf("Enquiries on behalf of the owning borough: %s (R-CAT-5)\n",
		       str(o, "enquiring_borough"));
	if (*str(o, "next_steps"))
		printf("Next: %s\n", str(o, "next_steps"));
}

static const char CATEGORY_USAGE[] =
	"usage: lantern category decide REF --category 1|2|3 [--contact | --online]\n"
	"           --rationale TEXT [--kind initial|supervisor|assessment_team]\n"
	"           [--exploitation-borough NAME] [--json] [--as USER] [--db URL]\n"
	"A category 2 decision must say whether the abuse is contact or online (R-CAT-3).\n";

int cli_category(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, CATEGORY_USAGE))
		return CLI_OK;
	struct run r;
	int rc = run_open(&r, &argc, argv);
	if (rc != CLI_OK)
		return rc;
	if (argc < 3 || strcmp(argv[1], "decide") != 0) {
		db_close(r.db);
		return cli_error(CLI_USAGE, "category: expected `decide REF ...` (see --help)");
	}
	json_t *in = json_object();
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--contact") == 0) {
			json_object_set_new(in, "contact", json_string("contact"));
		} else if (strcmp(a, "--online") == 0 || strcmp(a, "--non-contact") == 0) {
			json_object_set_new(in, "contact", json_string("online"));
		} else if (strcmp(a, "--category") == 0 && v) {
			int c;
			if (parse_int(v, 1, 3, &c) < 0) {
				json_decref(in);
				db_close(r.db);
				return cli_error(CLI_USAGE, "--category must be 1, 2 or 3 (R-CAT-1)");
			}
			json_object_set_new(in, "category", json_integer(c));
			i++;
		} else if ((strcmp(a, "--rationale") == 0 || strcmp(a, "--kind") == 0 ||
			    strcmp(a, "--exploitation-borough") == 0) &&
			   v) {
			const char *key = a[2] == 'r' ? "rationale" : a[2] == 'k' ? "kind" : "exploitation_borough";
			json_t *s = json_string(v);
			if (!s) {
				json_decref(in);
				db_close(r.db);
				return cli_error(CLI_USAGE, "%s must be valid UTF-8", a);
			}
			json_object_set_new(in, key, s);
			i++;
		} else {
			json_decref(in);
			db_close(r.db);
			return cli_error(CLI_USAGE, "category decide: unknown or incomplete option '%.40s'", a);
		}
	}
	struct app_err err = {0};
	json_t *out = NULL;
	rc = app_category_decide(r.db, &r.who, argv[2], in, &out, &err);
	json_decref(in);
	return run_done(&r, rc, out, &err, category_text);
}

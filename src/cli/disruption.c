/*
 * disruption.c: `lantern order` (orders, notices and other disruptions of persons of
 * concern, and a borough's disruption summary), `lantern tactics` (a record's tactical
 * options checklist), `lantern action` (actions of plans and the queue of their
 * deadlines), `lantern cj` (criminal justice cases and attrition) and `lantern nrm`
 * (referrals to the National Referral Mechanism). Thin: parse arguments, call
 * src/app/orders.h, plans.h and cj.h, print. JSON in (a file or "-"), readable text or
 * JSON (--json) out; --as USER acts as a Lantern user, otherwise as the system. A
 * refusal prints the rule and the field and exits 2 with nothing written.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/cj.h"
#include "app/orders.h"
#include "app/plans.h"

/* ---- lantern order ---- */

static void order_text(json_t *o)
{
	printf("%s %s", cli_str(o, "id"), cli_str(o, "type_label"));
	if (*cli_str(o, "status_label"))
		printf(": %s", cli_str(o, "status_label"));
	printf("\n");
	if (*cli_str(o, "person_label"))
		printf("  against %s (%s)\n", cli_str(o, "person_label"), cli_str(o, "person_id"));
	if (*cli_str(o, "outcome"))
		printf("  outcome code %s on the person (R-OUT-5)%s\n", cli_str(o, "outcome"),
		       *cli_str(o, "outcome_added") ? ", added now" : "");
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(o, "deadlines"), i, d)
	        printf("  %s: due %s [%s] (%s)\n", cli_str(d, "label"), cli_str(d, "due_local"),
	               cli_str(d, "state"), cli_str(d, "rule"));
}

static void person_orders_text(json_t *v)
{
	printf("%s\n", cli_str(json_object_get(v, "person"), "label"));
	size_t i;
	json_t *e;
	printf("Outcome codes:");
	json_array_foreach(json_object_get(v, "outcomes"), i, e)
	        printf(" %s (%s)", cli_str(e, "code"), cli_str(e, "achieved_on"));
	printf("\nOrders and disruptions:\n");
	json_array_foreach(json_object_get(v, "orders"), i, e)
	        printf("  %s  %-40s %s\n", cli_str(e, "id"), cli_str(e, "type_label"),
	               cli_str(e, "status_label"));
	json_t *a = json_object_get(v, "attrition");
	printf("Criminal justice: %lld referred, %lld charged, %lld convicted\n",
	       (long long)json_integer_value(json_object_get(a, "referred")),
	       (long long)json_integer_value(json_object_get(a, "charged")),
	       (long long)json_integer_value(json_object_get(a, "convicted")));
}

static void summary_text(json_t *v)
{
	printf("Disruption in %s\n", cli_str(json_object_get(v, "borough"), "name"));
	size_t i;
	json_t *e;
	printf("Orders and disruptions: %lld\n",
	       (long long)json_integer_value(json_object_get(v, "orders_total")));
	json_array_foreach(json_object_get(v, "orders"), i, e)
	        printf("  %-50s %-12s %lld\n", cli_str(e, "label"), cli_str(e, "status"),
	               (long long)json_integer_value(json_object_get(e, "count")));
	json_t *t = json_object_get(v, "tactics");
	printf("Tactical options on %lld open records: %lld in place, %lld considered, %lld not "
	       "applicable, %lld not considered\n",
	       (long long)json_integer_value(json_object_get(t, "records")),
	       (long long)json_integer_value(json_object_get(t, "in_place")),
	       (long long)json_integer_value(json_object_get(t, "considered")),
	       (long long)json_integer_value(json_object_get(t, "not_applicable")),
	       (long long)json_integer_value(json_object_get(t, "not_considered")));
	json_t *a = json_object_get(v, "actions");
	printf("Actions: %lld open, %lld overdue\n",
	       (long long)json_integer_value(json_object_get(a, "open")),
	       (long long)json_integer_value(json_object_get(a, "overdue")));
}

const char CLI_ORDER_USAGE[] =
        "usage: lantern order add FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern order change ID FILE.json [--as USER]\n"
        "       lantern order show ID [--json] [--as USER]\n"
        "       lantern order person PERSON_ID [--json] [--as USER]\n"
        "       lantern order place PLACE_ID [--json] [--as USER]\n"
        "       lantern order summary BOROUGH [--json] [--as USER]\n"
        "Records an order or notice from its application and each change after (R-ORD-1..4):\n"
        "FILE is a JSON object (docs/api.md, 'Orders'); '-' reads standard input. Serving an\n"
        "order adds FP or FO to the person (R-OUT-5). A refusal names the rule and the field,\n"
        "writes nothing and exits 2.\n";

int cli_order(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("order", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return cli_use_file(c, app_order_add, NULL, argv[2], order_text);
	if (argc == 4 && strcmp(argv[1], "change") == 0)
		return cli_use_file(c, app_order_change, argv[2], argv[3], order_text);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_order_get, argv[2], NULL, order_text);
	if (argc == 3 && strcmp(argv[1], "person") == 0)
		return cli_use(c, app_person_orders, argv[2], NULL, person_orders_text);
	if (argc == 3 && strcmp(argv[1], "place") == 0)
		return cli_use(c, app_place_orders, argv[2], NULL, NULL);
	if (argc == 3 && strcmp(argv[1], "summary") == 0)
		return cli_use(c, app_disruption_summary, argv[2], NULL, summary_text);
	return cli_error(CLI_USAGE, "order: unknown or incomplete command (see --help)");
}

/* ---- lantern tactics ---- */

static void tactics_text(json_t *t)
{
	json_t *s = json_object_get(t, "summary");
	printf("Record %s: %lld of %lld options not yet considered\n", cli_str(t, "record_ref"),
	       (long long)json_integer_value(json_object_get(s, "not_considered")),
	       (long long)json_integer_value(json_object_get(s, "shown")));
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(t, "options"), i, o)
	{
		printf("  %s %-16s %s\n", cli_str(o, "code"), cli_str(o, "mark_label"),
		       cli_str(o, "label"));
		if (*cli_str(o, "note"))
			printf("      %s%s%s\n", cli_str(o, "note"),
			       *cli_str(o, "owner") ? " Owner: " : "", cli_str(o, "owner"));
	}
}

const char CLI_TACTICS_USAGE[] =
        "usage: lantern tactics show REF [--json] [--as USER] [--db URL]\n"
        "       lantern tactics mark REF --code TNN --mark considered|in_place|not_applicable\n"
        "           --note TEXT [--owner NAME] [--json] [--as USER]\n"
        "The tactical options checklist of record REF (R-ORD-5, options T01-T29): what has\n"
        "not been considered is listed and counted. T14 and T15 are for entitled police.\n";

int cli_tactics(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "mark") == 0) {
		json_t *in = json_object();
		const struct cli_opt opts[] = {
		        CLI_JSON("--code", in, "code"), CLI_JSON("--mark", in, "mark"),
		        CLI_JSON("--note", in, "note"), CLI_JSON("--owner", in, "owner")};
		int rc = cli_parse("tactics mark", &argc, argv, opts, ARRAY_LEN(opts),
		                   CLI_PARSE_STRICT);
		if (rc == CLI_OK && argc != 3)
			rc = cli_error(CLI_USAGE, "tactics mark: expected one record reference");
		if (rc != CLI_OK) {
			json_decref(in);
			return rc;
		}
		return cli_use(c, app_tactic_mark, argv[2], in, tactics_text);
	}
	if (cli_parse("tactics", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_tactics_get, argv[2], NULL, tactics_text);
	return cli_error(CLI_USAGE, "tactics: expected `show REF` or `mark REF ...` (see --help)");
}

/* ---- lantern action ---- */

static void action_text(json_t *a)
{
	printf("%s [%s%s] %s\n", cli_str(a, "id"), cli_str(a, "status"),
	       json_is_true(json_object_get(a, "overdue")) ? ", overdue" : "", cli_str(a, "text"));
	printf("  owner %s; due %s\n", cli_str(a, "owner_name"), cli_str(a, "due_at"));
	if (*cli_str(a, "closed_by_name"))
		printf("  closed %s by %s\n", cli_str(a, "closed_at"),
		       cli_str(a, "closed_by_name"));
}

static void actions_text(json_t *v)
{
	printf("%lld open, %lld overdue\n",
	       (long long)json_integer_value(json_object_get(v, "open")),
	       (long long)json_integer_value(json_object_get(v, "overdue")));
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(v, "actions"), i, a) action_text(a);
}

static void queue_text(json_t *v)
{
	size_t i, j;
	json_t *s, *it;
	json_array_foreach(json_object_get(v, "sections"), i, s)
	{
		printf("%s (%lld)\n", cli_str(s, "title"),
		       (long long)json_integer_value(json_object_get(s, "count")));
		json_array_foreach(json_object_get(s, "items"), j, it) printf(
		        "  [%s] %s: %s, due %s (%s)\n", cli_str(it, "state"), cli_str(it, "label"),
		        cli_str(it, "subject"), cli_str(it, "due_local"), cli_str(it, "time_left"));
	}
}

const char CLI_ACTION_USAGE[] =
        "usage: lantern action add FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern action update ID FILE.json [--as USER]   (close: {\"status\": \"done\"})\n"
        "       lantern action show ID [--json] [--as USER]\n"
        "       lantern action list (--record REF | --person ID | --place ID) [--json]\n"
        "       lantern action queue [--json] [--as USER]\n"
        "Actions of plans (R-MASE-7): what, owner (a person or an agency), due date, and what\n"
        "it is about. `queue` lists the actor's actions, order deadlines and NRM periods, and\n"
        "for supervisors what is overdue (R-DL-4, R-DL-6, R-DL-9).\n";

int cli_action(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		json_t *q = json_object();
		const struct cli_opt opts[] = {CLI_JSON("--record", q, "record_ref"),
		                               CLI_JSON("--person", q, "person_id"),
		                               CLI_JSON("--place", q, "place_id")};
		int rc = cli_parse("action list", &argc, argv, opts, ARRAY_LEN(opts),
		                   CLI_PARSE_STRICT);
		if (rc == CLI_OK && (argc != 2 || json_object_size(q) != 1))
			rc = cli_error(CLI_USAGE,
			               "action list: expected one of --record, --person, --place");
		if (rc != CLI_OK) {
			json_decref(q);
			return rc;
		}
		return cli_use(c, app_actions_list, NULL, q, actions_text);
	}
	if (cli_parse("action", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return cli_use_file(c, app_action_add, NULL, argv[2], action_text);
	if (argc == 4 && strcmp(argv[1], "update") == 0)
		return cli_use_file(c, app_action_update, argv[2], argv[3], action_text);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_action_get, argv[2], NULL, action_text);
	if (argc == 2 && strcmp(argv[1], "queue") == 0)
		return cli_use(c, app_disruption_deadlines, NULL, NULL, queue_text);
	return cli_error(CLI_USAGE, "action: unknown or incomplete command (see --help)");
}

/* ---- lantern cj ---- */

static void cases_text(json_t *v)
{
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(v, "cases"), i, k)
	        printf("%s  %-30s %s%s%s\n", cli_str(k, "id"), cli_str(k, "person_label"),
	               cli_str(k, "network"), *cli_str(k, "charged_on") ? "  charged " : "",
	               cli_str(k, "charged_on"));
	json_t *a = json_object_get(v, "attrition");
	printf("Attrition (R-OUTC-2): %lld referred -> %lld charged -> %lld convicted; %lld "
	       "awaiting a decision, %lld awaiting a result\n",
	       (long long)json_integer_value(json_object_get(a, "referred")),
	       (long long)json_integer_value(json_object_get(a, "charged")),
	       (long long)json_integer_value(json_object_get(a, "convicted")),
	       (long long)json_integer_value(json_object_get(a, "awaiting_decision")),
	       (long long)json_integer_value(json_object_get(a, "awaiting_result")));
}

const char CLI_CJ_USAGE[] =
        "usage: lantern cj add FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern cj update ID FILE.json [--as USER]\n"
        "       lantern cj show ID [--json] [--as USER]\n"
        "       lantern cj list [--person ID] [--network NAME] [--borough B] [--from DATE]\n"
        "           [--to DATE] [--json] [--as USER]\n"
        "Criminal justice cases of persons of concern (R-OUTC-2): arrest, referral to the\n"
        "CPS, decision, charge, result, sentence. A charge adds FQ to the person (R-OUT-4).\n"
        "`list` gives the attrition from referred to charged to convicted.\n";

int cli_cj(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		json_t *q = json_object();
		const struct cli_opt opts[] = {
		        CLI_JSON("--person", q, "person_id"), CLI_JSON("--network", q, "network"),
		        CLI_JSON("--borough", q, "borough"), CLI_JSON("--from", q, "from"),
		        CLI_JSON("--to", q, "to")};
		int rc = cli_parse("cj list", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT);
		if (rc == CLI_OK && argc != 2)
			rc = cli_error(CLI_USAGE, "cj list: unexpected argument");
		if (rc != CLI_OK) {
			json_decref(q);
			return rc;
		}
		return cli_use(c, app_cj_cases, NULL, q, cases_text);
	}
	if (cli_parse("cj", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return cli_use_file(c, app_cj_case_add, NULL, argv[2], NULL);
	if (argc == 4 && strcmp(argv[1], "update") == 0)
		return cli_use_file(c, app_cj_case_update, argv[2], argv[3], NULL);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_cj_case_get, argv[2], NULL, NULL);
	return cli_error(CLI_USAGE, "cj: unknown or incomplete command (see --help)");
}

/* ---- lantern nrm ---- */

const char CLI_NRM_USAGE[] =
        "usage: lantern nrm refer CHILD_ID FILE.json [--as USER] [--db URL]\n"
        "       lantern nrm decide ID FILE.json [--as USER]\n"
        "       lantern nrm list CHILD_ID [--as USER]\n"
        "Refers a trafficked child to the National Referral Mechanism: the reflection and\n"
        "recovery period of at least 45 days is tracked in the queues (R-DL-6). FILE for\n"
        "refer: {referred_at?, reference?, note?}; for decide: {grounds: reasonable |\n"
        "conclusive, decision: positive | negative, on: YYYY-MM-DD}. Output is JSON.\n";

int cli_nrm(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("nrm", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	static const struct cli_write writes[] = {{"refer", app_nrm_refer},
	                                          {"decide", app_nrm_decide}};
	int rc;
	if (cli_use_write(c, argc, argv, writes, ARRAY_LEN(writes), &rc))
		return rc;
	if (argc == 3 && strcmp(argv[1], "list") == 0)
		return cli_use(c, app_child_nrm, argv[2], NULL, NULL);
	return cli_error(CLI_USAGE, "nrm: unknown or incomplete command (see --help)");
}

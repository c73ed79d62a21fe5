/*
 * people.c: `lantern person` (add, show, search persons of concern, add what they are
 * known by, their PNC marker), `lantern place` (add, show, list places, mark a hotspot),
 * `lantern link` (link any two of a child, person, place, vehicle, phone or episode;
 * end a link; show one or an entity's links) and `lantern network` (an entity's network,
 * the R-CAT-7 flag of a child, a borough's linked cases for the MASE meeting, the
 * partnership's networks, and the CSV export for i2 and Gephi). Thin: parse arguments,
 * call src/app/people.h, places.h, links.h and networks.h, print. JSON in (a file or
 * "-"), readable text or JSON (--json) out; --as USER acts as a Lantern user, otherwise
 * as the system. A refusal prints the rule and the field and exits 2 with nothing
 * written.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/links.h"
#include "app/networks.h"
#include "app/people.h"
#include "app/places.h"

/* ---- lantern person ---- */

static void person_text(json_t *p)
{
	printf("%s %s%s\n", cli_str(p, "id"), cli_str(p, "label"),
	       json_is_true(json_object_get(p, "restricted")) ? " (restricted)" : "");
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(p, "items"), i, e)
	        printf("  %-12s %-30s %s%s%s (%s)\n", cli_str(e, "kind"), cli_str(e, "value"),
	               cli_str(e, "nature"), *cli_str(e, "grading") ? " " : "",
	               cli_str(e, "grading"), cli_str(e, "source"));
	const char *lists[] = {"phones", "vehicles"};
	for (size_t k = 0; k < 2; k++)
		json_array_foreach(json_object_get(p, lists[k]), i, e)
		        printf("  %-12s %-30s %s\n", k ? "vehicle" : "phone", cli_str(e, "label"),
		               json_is_false(json_object_get(e, "parsed"))
		                       ? "(kept as written: not parsed)"
		                       : "");
	printf("  PNC marker: %s\n", *cli_str(p, "pnc_marker") ? cli_str(p, "pnc_marker") : "none");
}

static void search_text(json_t *v)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(v, "results"), i, e)
	        printf("%s %s\n", cli_str(e, "id"), cli_str(e, "label"));
	if (!json_array_size(json_object_get(v, "results")))
		printf("No person of concern matches.\n");
}

const char CLI_PERSON_USAGE[] =
        "usage: lantern person add FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern person show ID [--json] [--as USER]\n"
        "       lantern person search [--name N] [--dob YYYY-MM-DD] [--phone P] [--vehicle V]\n"
        "       lantern person items ID FILE.json [--as USER]\n"
        "       lantern person pnc ID --status done|not_done [--note TEXT] [--as USER]\n"
        "Persons of concern (R-POI-1): FILE is a JSON object (docs/api.md, 'People of\n"
        "concern'); '-' reads standard input. A phone or registration that does not parse is\n"
        "kept as written and marked. The PNC locate/trace marker is for police (R-POI-2).\n"
        "A refusal names the rule and the field, writes nothing and exits 2.\n";

int cli_person(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "search") == 0 || strcmp(argv[1], "pnc") == 0)) {
		bool search = strcmp(argv[1], "search") == 0;
		json_t *in = json_object();
		const struct cli_opt sopts[] = {
		        CLI_JSON("--name", in, "name"), CLI_JSON("--dob", in, "date_of_birth"),
		        CLI_JSON("--phone", in, "phone"), CLI_JSON("--vehicle", in, "vehicle")};
		const struct cli_opt popts[] = {CLI_JSON("--status", in, "status"),
		                                CLI_JSON("--note", in, "note")};
		int rc = cli_parse(search ? "person search" : "person pnc", &argc, argv,
		                   search ? sopts : popts,
		                   search ? ARRAY_LEN(sopts) : ARRAY_LEN(popts), CLI_PARSE_STRICT);
		if (rc == CLI_OK && argc != (search ? 2 : 3))
			rc = cli_error(CLI_USAGE, search ? "person search: takes only options"
			                                 : "person pnc: expected one person id");
		if (rc != CLI_OK) {
			json_decref(in);
			return rc;
		}
		return search ? cli_use(c, app_person_search, NULL, in, search_text)
		              : cli_use(c, app_person_pnc_marker, argv[2], in, NULL);
	}
	if (cli_parse("person", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return cli_use_file(c, app_person_add, NULL, argv[2], person_text);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_person_get, argv[2], NULL, person_text);
	if (argc == 4 && strcmp(argv[1], "items") == 0)
		return cli_use_file(c, app_person_items_add, argv[2], argv[3], person_text);
	return cli_error(CLI_USAGE, "person: unknown or incomplete command (see --help)");
}

/* ---- lantern place ---- */

static void place_text(json_t *p)
{
	printf("%s %s (%s)%s\n", cli_str(p, "id"),
	       *cli_str(p, "name") ? cli_str(p, "name") : cli_str(p, "address"), cli_str(p, "type"),
	       json_is_true(json_object_get(p, "hotspot")) ? " HOTSPOT" : "");
	if (json_is_true(json_object_get(p, "hotspot")))
		printf("  marked: %s\n", cli_str(p, "hotspot_rationale"));
	printf("  linked: %lld children, %lld missing episodes%s\n",
	       (long long)json_integer_value(json_object_get(p, "children")),
	       (long long)json_integer_value(json_object_get(p, "episodes")),
	       json_is_true(json_object_get(p, "hotspot_suggested")) ? " (hotspot suggested)" : "");
}

static void places_text(json_t *v)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(v, "places"), i, e) place_text(e);
}

const char CLI_PLACE_USAGE[] =
        "usage: lantern place add FILE.json [--json] [--as USER] [--db URL]\n"
        "       lantern place show ID [--json] [--as USER]\n"
        "       lantern place list [--borough B] [--type T] [--hotspots] [--json] [--as USER]\n"
        "       lantern place hotspot ID --rationale TEXT [--off] [--as USER]\n"
        "Places (R-LOC-1): a hotspot is marked with a rationale by police, the MASH, the\n"
        "assessment team, managers, analysts and MASE chairs.\n";

int cli_place(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "hotspot") == 0)) {
		bool list = strcmp(argv[1], "list") == 0;
		json_t *in = json_object();
		bool flag = false;
		const struct cli_opt lopts[] = {CLI_JSON("--borough", in, "borough"),
		                                CLI_JSON("--type", in, "type"),
		                                CLI_FLAG("--hotspots", &flag)};
		const struct cli_opt hopts[] = {CLI_JSON("--rationale", in, "rationale"),
		                                CLI_FLAG("--off", &flag)};
		int rc = cli_parse(list ? "place list" : "place hotspot", &argc, argv,
		                   list ? lopts : hopts, list ? ARRAY_LEN(lopts) : ARRAY_LEN(hopts),
		                   CLI_PARSE_STRICT);
		if (rc == CLI_OK && argc != (list ? 2 : 3))
			rc = cli_error(CLI_USAGE, list ? "place list: takes only options"
			                               : "place hotspot: expected one place id");
		if (rc != CLI_OK) {
			json_decref(in);
			return rc;
		}
		if (list) {
			if (flag)
				json_object_set_new(in, "hotspots", json_true());
			return cli_use(c, app_places_list, NULL, in, places_text);
		}
		json_object_set_new(in, "hotspot", json_boolean(!flag));
		return cli_use(c, app_place_hotspot, argv[2], in, place_text);
	}
	if (cli_parse("place", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "add") == 0)
		return cli_use_file(c, app_place_add, NULL, argv[2], place_text);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_place_get, argv[2], NULL, place_text);
	return cli_error(CLI_USAGE, "place: unknown or incomplete command (see --help)");
}

/* ---- lantern link ---- */

static void link_text(json_t *l)
{
	printf("%s %s %s %s%s\n", cli_str(l, "id"), cli_str(l, "from_label"), cli_str(l, "kind"),
	       cli_str(l, "to_label"), *cli_str(l, "ended_at") ? " (ended)" : "");
	printf("  %s%s%s, source: %s\n", cli_str(l, "nature"), *cli_str(l, "grading") ? " " : "",
	       cli_str(l, "grading"), cli_str(l, "source"));
}

static void links_text(json_t *v)
{
	size_t i;
	json_t *e;
	printf("%s\n", cli_str(json_object_get(v, "entity"), "label"));
	json_array_foreach(json_object_get(v, "links"), i, e)
	        printf("  %s %-18s %s (%s)%s\n", cli_str(e, "id"), cli_str(e, "kind"),
	               cli_str(e, "other_label"), cli_str(e, "other_type"),
	               *cli_str(e, "ended_at") ? " ended" : "");
}

const char CLI_LINK_USAGE[] =
        "usage: lantern link add FROM_ID TO_ID --kind K --source TEXT [--nature "
        "fact|intelligence]\n"
        "           [--grading 2/B/P] [--from-date D] [--to-date D] [--note TEXT] [--as USER]\n"
        "       lantern link add FILE.json [--as USER]\n"
        "       lantern link end ID --reason TEXT [--as USER]\n"
        "       lantern link show ID [--json] [--as USER]\n"
        "       lantern link list ENTITY_ID [--json] [--as USER]\n"
        "Links any two of a child, person of concern, place, vehicle, phone or missing\n"
        "episode (kinds: associate, seen_with, found_at, uses, registered_keeper, member_of,\n"
        "visited, transported). A link is seen only by those who see both its ends.\n";

int cli_link(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "end") == 0)) {
		bool add = strcmp(argv[1], "add") == 0;
		json_t *in = json_object();
		const struct cli_opt aopts[] = {CLI_JSON("--kind", in, "kind"),
		                                CLI_JSON("--source", in, "source"),
		                                CLI_JSON("--nature", in, "nature"),
		                                CLI_JSON("--grading", in, "grading"),
		                                CLI_JSON("--from-date", in, "from_date"),
		                                CLI_JSON("--to-date", in, "to_date"),
		                                CLI_JSON("--note", in, "note")};
		const struct cli_opt eopts[] = {CLI_JSON("--reason", in, "reason")};
		int rc = cli_parse(add ? "link add" : "link end", &argc, argv, add ? aopts : eopts,
		                   add ? ARRAY_LEN(aopts) : ARRAY_LEN(eopts), CLI_PARSE_STRICT);
		if (rc != CLI_OK) {
			json_decref(in);
			return rc;
		}
		if (add && argc == 3 && json_object_size(in) == 0) {
			json_decref(in);
			return cli_use_file(c, app_link_add, NULL, argv[2], link_text);
		}
		if (add && argc == 4) {
			json_object_set_new(in, "from", json_string(argv[2]));
			json_object_set_new(in, "to", json_string(argv[3]));
			if (!json_object_get(in, "nature"))
				json_object_set_new(in, "nature", json_string("fact"));
			return cli_use(c, app_link_add, NULL, in, link_text);
		}
		if (!add && argc == 3)
			return cli_use(c, app_link_end, argv[2], in, link_text);
		json_decref(in);
		return cli_error(CLI_USAGE, add ? "link add: expected FROM_ID TO_ID or FILE.json"
		                                : "link end: expected one link id");
	}
	if (cli_parse("link", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_link_get, argv[2], NULL, link_text);
	if (argc == 3 && strcmp(argv[1], "list") == 0)
		return cli_use(c, app_links_list, argv[2], NULL, links_text);
	return cli_error(CLI_USAGE, "link: unknown or incomplete command (see --help)");
}

/* ---- lantern network ---- */

static void path_text(json_t *f)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(f, "path"), i, p)
	{
		printf("%s%s (%s)", i ? " -" : "    ", cli_str(p, "label"), cli_str(p, "type"));
		const char *k =
		        json_string_value(json_array_get(json_object_get(f, "link_kinds"), i));
		if (k)
			printf(" %s-", k);
	}
	printf("\n");
}

static void flag_text(json_t *f)
{
	if (!json_is_true(json_object_get(f, "flagged"))) {
		printf("%s: not linked to a higher-category child or a person with an order\n",
		       cli_str(f, "child_id"));
		return;
	}
	json_t *t = json_object_get(f, "target");
	printf("%s: R-CAT-7 linked in %lld links to %s (%s)\n", cli_str(f, "child_id"),
	       (long long)json_integer_value(json_object_get(f, "hops")), cli_str(t, "label"),
	       json_is_true(json_object_get(t, "order")) ? "order in force" : "higher category");
	path_text(f);
}

static void cases_text(json_t *v)
{
	size_t i;
	json_t *e;
	json_t *b = json_object_get(v, "borough");
	printf("R-CAT-7 linked cases%s%s: %zu\n", json_is_object(b) ? " in " : "",
	       json_is_object(b) ? cli_str(b, "name") : "",
	       json_array_size(json_object_get(v, "cases")));
	json_array_foreach(json_object_get(v, "cases"), i, e)
	{
		printf("  %s %s (%s)\n", cli_str(e, "record"), cli_str(e, "label"),
		       json_is_integer(json_object_get(e, "category")) ? "category 1"
		                                                       : "no category");
		path_text(e);
	}
}

static void network_text(json_t *v)
{
	size_t i;
	json_t *e;
	printf("Network of %s within %lld links: %zu nodes, %zu links%s\n", cli_str(v, "root"),
	       (long long)json_integer_value(json_object_get(v, "hops")),
	       json_array_size(json_object_get(v, "nodes")),
	       json_array_size(json_object_get(v, "edges")),
	       json_is_true(json_object_get(v, "truncated")) ? " (drawn in part)" : "");
	json_array_foreach(json_object_get(v, "nodes"), i, e) printf(
	        "  %lld %-8s %-32s degree %lld, betweenness %.1f\n",
	        (long long)json_integer_value(json_object_get(e, "hops")), cli_str(e, "type"),
	        cli_str(e, "label"), (long long)json_integer_value(json_object_get(e, "degree")),
	        json_number_value(json_object_get(e, "betweenness")));
	json_t *f = json_object_get(v, "cat7");
	if (json_is_object(f))
		flag_text(f);
}

static void summary_text(json_t *v)
{
	size_t i;
	json_t *e;
	printf("%lld nodes, %lld links, %lld networks\n",
	       (long long)json_integer_value(json_object_get(v, "nodes")),
	       (long long)json_integer_value(json_object_get(v, "links")),
	       (long long)json_integer_value(json_object_get(v, "components")));
	printf("Key people:\n");
	json_array_foreach(json_object_get(v, "key_people"), i, e)
	        printf("  %-32s betweenness %.1f, degree %lld\n", cli_str(e, "label"),
	               json_number_value(json_object_get(e, "betweenness")),
	               (long long)json_integer_value(json_object_get(e, "degree")));
	printf("Serial persons of concern (linked to two or more children):\n");
	json_array_foreach(json_object_get(v, "serial_people"), i, e)
	        printf("  %-32s %zu children\n", cli_str(json_object_get(e, "person"), "label"),
	               json_array_size(json_object_get(e, "children")));
	printf("Hotspots:\n");
	json_array_foreach(json_object_get(v, "hotspots"), i, e)
	        printf("  %-32s %lld children%s\n", cli_str(json_object_get(e, "place"), "label"),
	               (long long)json_integer_value(json_object_get(e, "children")),
	               json_is_true(json_object_get(e, "marked")) ? " (marked)" : "");
}

static void csv_text(json_t *v)
{
	fputs(cli_str(v, "csv"), stdout);
}

const char CLI_NETWORK_USAGE[] =
        "usage: lantern network show ID [--hops 1-3] [--kinds K,K] [--facts-only] [--json]\n"
        "       lantern network flag CHILD_ID [--json] [--as USER]\n"
        "       lantern network cases [BOROUGH] [--json] [--as USER]\n"
        "       lantern network summary [--kinds K,K] [--from D] [--to D] [--json]\n"
        "       lantern network export [ID] --file entities|links|nodes|edges [--hops 1-3]\n"
        "Networks of children, persons of concern, places, vehicles and phones as the user\n"
        "sees them. flag: R-CAT-7 (a child in category 1 or none in the same network as a\n"
        "child in category 2 or 3 or a person with an order, and the path); cases: those\n"
        "children in a borough for the next MASE meeting (R-MASE-9). export writes CSV for\n"
        "IBM i2 Analyst's Notebook (entities, links) or Gephi (nodes, edges) to standard\n"
        "output, of ID's network or of every network the user sees.\n";

int cli_network(struct cli_ctx *c, int argc, char **argv)
{
	json_t *in = json_object();
	bool facts = false;
	int64_t hops = 0;
	const struct cli_opt opts[] = {CLI_INT("--hops", &hops, 1, 3, "--hops must be 1, 2 or 3"),
	                               CLI_JSON("--kinds", in, "kinds"),
	                               CLI_JSON("--from", in, "from"),
	                               CLI_JSON("--to", in, "to"),
	                               CLI_JSON("--file", in, "file"),
	                               CLI_FLAG("--facts-only", &facts)};
	if (cli_parse("network", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT) != CLI_OK) {
		json_decref(in);
		return CLI_USAGE;
	}
	if (facts)
		json_object_set_new(in, "facts_only", json_true());
	const char *sub = argc >= 2 ? argv[1] : "";
	bool has_file = json_object_get(in, "file") != NULL;
	if (strcmp(sub, "export") == 0 && (argc == 2 || argc == 3)) {
		if (hops)
			json_object_set_new(in, "hops", json_integer(hops));
		return cli_use(c, app_network_export, argc == 3 ? argv[2] : NULL, in, csv_text);
	}
	if (has_file) {
		json_decref(in);
		return cli_error(CLI_USAGE, "network: --file is for export");
	}
	if (strcmp(sub, "show") == 0 && argc == 3) {
		if (hops)
			json_object_set_new(in, "hops", json_integer(hops));
		return cli_use(c, app_network_of, argv[2], in, network_text);
	}
	if (hops) {
		json_decref(in);
		return cli_error(CLI_USAGE, "network: --hops is for show and export");
	}
	if (strcmp(sub, "flag") == 0 && argc == 3)
		return cli_use(c, app_network_cat7, argv[2], in, flag_text);
	if (strcmp(sub, "cases") == 0 && (argc == 2 || argc == 3))
		return cli_use(c, app_network_linked_cases, argc == 3 ? argv[2] : NULL, in,
		               cases_text);
	if (strcmp(sub, "summary") == 0 && argc == 2)
		return cli_use(c, app_networks, NULL, in, summary_text);
	json_decref(in);
	return cli_error(CLI_USAGE, "network: unknown or incomplete command (see --help)");
}

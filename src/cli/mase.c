/*
 * mase.c: `lantern mase`: the monthly multi-agency meeting from the command line: a
 * borough's schedule and the next meeting due (R-MASE-1, R-DL-5), the generated agenda
 * (R-MASE-4..6, R-MASE-9), a meeting recorded with its attendees and flagged when it
 * breaks the rank or membership rules (R-MASE-2, R-MASE-3), the decisions about cases
 * (R-MASE-4, R-MASE-7) and the chair's duties (R-MASE-8). Thin: parse arguments, call
 * src/app/mase.h, print. JSON in (a file or "-"), readable text or JSON (--json) out;
 * --as USER acts as a Lantern user, otherwise as the system. A refusal prints the rule
 * and the field and exits 2 with nothing written.
 *
 * `lantern report`: the board's report for a borough and period (R-RPT-1), as text, JSON
 * or CSV, the children in need census factor codes as CSV, and each agency's senior
 * lead and single point of contact (R-INFO-1).
 */
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/board.h"
#include "app/mase.h"
#include "app/plans.h"

static void borough_text(json_t *v)
{
	printf("%s meetings in %s\n", cli_str(v, "meeting_name"),
	       cli_str(json_object_get(v, "borough"), "name"));
	json_t *s = json_object_get(v, "schedule");
	if (json_is_object(s))
		printf("Schedule: %s, week %lld, weekday %lld, day %lld, at %s\n",
		       cli_str(s, "rule"), (long long)json_integer_value(json_object_get(s, "nth")),
		       (long long)json_integer_value(json_object_get(s, "weekday")),
		       (long long)json_integer_value(json_object_get(s, "day")),
		       cli_str(s, "time"));
	else
		printf("Schedule: none\n");
	json_t *d = json_object_get(v, "next_due");
	if (json_is_object(d))
		printf("Next meeting due: %s (%s) [%s] (R-DL-5)\n", cli_str(d, "due_local"),
		       cli_str(d, "time_left"), cli_str(d, "state"));
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(v, "meetings"), i, m)
	        printf("  %s  %s  %lld case(s)%s\n", cli_str(m, "id"), cli_str(m, "held_local"),
	               (long long)json_integer_value(json_object_get(m, "cases")),
	               json_is_true(json_object_get(m, "flagged")) ? "  FLAGGED" : "");
}

static void meeting_text(json_t *m)
{
	printf("%s %s meeting in %s, %s\n", cli_str(m, "id"), cli_str(m, "name"),
	       cli_str(m, "borough"), cli_str(m, "held_local"));
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(m, "gaps"), i, e) printf(
	        "  FLAGGED %s%s%s (%s)\n", cli_str(e, "text"), *cli_str(e, "member") ? ": " : "",
	        cli_str(e, "member_label"), cli_str(e, "rule"));
	json_array_foreach(json_object_get(m, "attendees"), i, e)
	        printf("  %s, %s%s%s\n", cli_str(e, "name"), cli_str(e, "member_label"),
	               json_is_true(json_object_get(e, "chair")) ? " (chair)" : "",
	               json_is_true(json_object_get(e, "present")) ? "" : " (apologies)");
	json_array_foreach(json_object_get(m, "cases"), i, e)
	        printf("  case %s: %s\n", cli_str(e, "record_ref"), cli_str(e, "decision"));
}

static void agenda_text(json_t *a)
{
	printf("%s agenda for %s as at %s (since %s)\n", cli_str(a, "meeting_name"),
	       cli_str(json_object_get(a, "borough"), "name"), cli_str(a, "at_local"),
	       cli_str(a, "since_local"));
	size_t i, j;
	json_t *s, *it;
	json_array_foreach(json_object_get(a, "sections"), i, s)
	{
		printf("%lld. %s\n", (long long)json_integer_value(json_object_get(s, "number")),
		       cli_str(s, "title"));
		json_t *c = json_object_get(s, "compliance");
		if (c)
			printf("   police %lld, children's social care %lld%s\n",
			       (long long)json_integer_value(json_object_get(c, "police")),
			       (long long)json_integer_value(json_object_get(c, "csc")),
			       json_is_true(json_object_get(c, "mismatch")) ? ": RECORDING ISSUE"
			                                                    : "");
		if (*cli_str(s, "note"))
			printf("   %s\n", cli_str(s, "note"));
		json_array_foreach(json_object_get(s, "items"), j, it)
		{
			if (*cli_str(it, "record_ref"))
				printf("   %s %s\n", cli_str(it, "record_ref"),
				       *cli_str(it, "child_name") ? cli_str(it, "child_name")
				                                  : "(listed; restricted)");
			else
				printf("   %s: %lld case(s)\n", cli_str(it, "label"),
				       (long long)json_integer_value(json_object_get(it, "cases")));
		}
	}
	printf("Not referred, so not on the agenda (R-MASE-4): %lld. Withheld from you: %lld.\n",
	       (long long)json_integer_value(json_object_get(a, "not_admitted")),
	       (long long)json_integer_value(json_object_get(a, "withheld")));
}

const char CLI_MASE_USAGE[] =
        "usage: lantern mase show BOROUGH [--json] [--as USER] [--db URL]\n"
        "       lantern mase schedule BOROUGH FILE.json [--as USER]\n"
        "       lantern mase agenda BOROUGH [AT] [--json] [--as USER]\n"
        "       lantern mase meeting add FILE.json [--as USER]\n"
        "       lantern mase meeting show ID [--json] [--as USER]\n"
        "       lantern mase decide MEETING_ID FILE.json [--as USER]\n"
        "       lantern mase duties MEETING_ID FILE.json [--as USER]\n"
        "       lantern mase action MEETING_ID FILE.json [--as USER]\n"
        "       lantern mase tactic MEETING_ID REF FILE.json [--as USER]\n"
        "The monthly multi-agency meeting (R-MASE-1..8): its schedule and the next one due,\n"
        "the agenda generated from the records as at AT (ISO 8601; default now), a meeting\n"
        "held with its attendees (flagged when it breaks the rank or membership rules), the\n"
        "decision about a case and the chair's duties, an action the meeting agreed (text,\n"
        "record_ref, owner_agency or owner_person, due_on, tactic) and a tactical option of\n"
        "record REF marked at it (code, mark, note, owner) (R-MASE-7). FILE is a JSON\n"
        "object (docs/api.md, 'MASE meetings'); '-' reads standard input. The name (MASE\n"
        "or MACE) is the\n"
        "meeting_name setting. A refusal names the rule and the field, writes nothing and\n"
        "exits 2.\n";

int cli_mase(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("mase", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	mase_set_name(strcmp(c->cfg.meeting_name, "MACE") == 0 ? MASE_NAME_MACE : MASE_NAME_MASE);
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_mase_borough, argv[2], NULL, borough_text);
	if (argc == 4 && strcmp(argv[1], "schedule") == 0)
		return cli_use_file(c, app_mase_schedule_set, argv[2], argv[3], borough_text);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "agenda") == 0)
		return cli_use(c, app_mase_agenda, argv[2],
		               argc == 4 ? json_pack("{s:s}", "at", argv[3]) : NULL, agenda_text);
	if (argc == 4 && strcmp(argv[1], "meeting") == 0 && strcmp(argv[2], "add") == 0)
		return cli_use_file(c, app_mase_meeting_add, NULL, argv[3], meeting_text);
	if (argc == 4 && strcmp(argv[1], "meeting") == 0 && strcmp(argv[2], "show") == 0)
		return cli_use(c, app_mase_meeting_get, argv[3], NULL, meeting_text);
	if (argc == 4 && strcmp(argv[1], "decide") == 0)
		return cli_use_file(c, app_mase_case_decide, argv[2], argv[3], meeting_text);
	if (argc == 4 && strcmp(argv[1], "duties") == 0)
		return cli_use_file(c, app_mase_duties, argv[2], argv[3], meeting_text);
	/* R-MASE-7: what the meeting agreed, with the meeting's id */
	if ((argc == 4 && strcmp(argv[1], "action") == 0) ||
	    (argc == 5 && strcmp(argv[1], "tactic") == 0)) {
		json_t *in = cli_read_json(argv[argc - 1]);
		if (!in)
			return CLI_USAGE;
		json_object_set_new(in, "meeting_id", json_string(argv[2]));
		return argc == 4 ? cli_use(c, app_action_add, NULL, in, NULL)
		                 : cli_use(c, app_tactic_mark, argv[3], in, NULL);
	}
	return cli_error(CLI_USAGE, "mase: unknown or incomplete command (see --help)");
}

/* ---- lantern report ---- */

static void report_text(json_t *r)
{
	printf("The board's report: %s, %s to %s\n", cli_str(json_object_get(r, "borough"), "name"),
	       cli_str(json_object_get(r, "period"), "from"),
	       cli_str(json_object_get(r, "period"), "to"));
	if (json_is_true(json_object_get(r, "empty")))
		printf("%s\n", cli_str(r, "empty_text"));
	size_t i, j, k;
	json_t *s, *f, *t, *row;
	json_array_foreach(json_object_get(r, "sections"), i, s)
	{
		printf("\n%s\n", cli_str(s, "title"));
		json_array_foreach(json_object_get(s, "figures"), j, f)
		        printf("  %s: %s\n", cli_str(f, "label"), cli_str(f, "value"));
		json_array_foreach(json_object_get(s, "tables"), j, t)
		{
			printf("  %s\n", cli_str(t, "title"));
			json_array_foreach(json_object_get(t, "rows"), k, row)
			        printf("    %-44s %lld\n", cli_str(row, "label"),
			               (long long)json_integer_value(json_object_get(row, "n")));
		}
		json_array_foreach(json_object_get(s, "gaps"), j, f) printf(
		        "  FLAGGED %s: %s%s%s\n", cli_str(f, "held_local"), cli_str(f, "text"),
		        *cli_str(f, "member") ? ": " : "", cli_str(f, "member"));
	}
}

const char CLI_REPORT_USAGE[] =
        "usage: lantern report board BOROUGH FROM TO [--json] [--as USER] [--db URL]\n"
        "       lantern report board-csv BOROUGH FROM TO [--as USER]\n"
        "       lantern report board-xlsx BOROUGH FROM TO [--as USER] > FILE.xlsx\n"
        "       lantern report cin BOROUGH FROM TO [--as USER]\n"
        "       lantern report contacts AGENCY FILE.json [--as USER]\n"
        "The safeguarding partnership board's report for a borough from FROM to TO (dates\n"
        "YYYY-MM-DD, both included; R-RPT-1): volume, communities, patterns, activity against\n"
        "perpetrators, each agency's performance with the meetings' gaps, disruptions by\n"
        "type. board-csv prints it as CSV, board-xlsx writes it as a workbook (a sheet of\n"
        "figures and one a table; never to a terminal); cin prints the children in need census "
        "factor\n"
        "codes (10A, 11A, 12A, 13A, 24A) of each child as CSV; contacts records an agency's\n"
        "senior lead and single point of contact from {\"lead\", \"spoc\"} (R-INFO-1).\n";

int cli_report(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("report", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 5 && strcmp(argv[1], "board") == 0)
		return cli_use(c, app_board_report, argv[2],
		               json_pack("{s:s, s:s}", "from", argv[3], "to", argv[4]),
		               report_text);
	if (argc == 5 && (strcmp(argv[1], "board-csv") == 0 || strcmp(argv[1], "cin") == 0)) {
		struct app_err err = {0};
		char *csv = NULL;
		int rc = strcmp(argv[1], "cin") == 0
		                 ? app_board_cin_csv(c->db, &c->who, argv[2], argv[3], argv[4],
		                                     &csv, &err)
		                 : app_board_report_csv(c->db, &c->who, argv[2], argv[3], argv[4],
		                                        &csv, &err);
		if (rc == APP_OK)
			fputs(csv, stdout);
		free(csv);
		return cli_done(c, rc, NULL, &err, NULL);
	}
	if (argc == 5 && strcmp(argv[1], "board-xlsx") == 0) {
		if (isatty(STDOUT_FILENO))
			return cli_error(CLI_USAGE,
			                 "report board-xlsx: send the workbook to a file "
			                 "(> board.xlsx), not to a terminal");
		struct app_err err = {0};
		unsigned char *data = NULL;
		size_t len = 0;
		int rc = app_board_report_xlsx(c->db, &c->who, argv[2], argv[3], argv[4], &data,
		                               &len, &err);
		if (rc == APP_OK && fwrite(data, 1, len, stdout) != len)
			rc = app_fail(&err, APP_FAILED, NULL, "The workbook could not be written.");
		free(data);
		return cli_done(c, rc, NULL, &err, NULL);
	}
	if (argc == 4 && strcmp(argv[1], "contacts") == 0)
		return cli_use_file(c, app_agency_contacts_set, argv[2], argv[3], NULL);
	return cli_error(CLI_USAGE, "report: unknown or incomplete command (see --help)");
}
